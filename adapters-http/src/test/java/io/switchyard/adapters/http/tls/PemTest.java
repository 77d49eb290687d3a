package io.switchyard.adapters.http.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.adapters.http.tls.TestCertificates.Algorithm;
import io.switchyard.adapters.http.tls.TestCertificates.Issued;
import io.switchyard.adapters.http.tls.TestCertificates.KeyFormat;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

final class PemTest {
    private static final TestCertificates.Authority CA = TestCertificates.authority("pem-test-ca");

    @ParameterizedTest
    @CsvSource({"RSA, PKCS8", "RSA, TRADITIONAL", "EC, PKCS8", "EC, TRADITIONAL"})
    void privateKey_goAcceptedEncodings_decodeToTheCertificatesKey(Algorithm algorithm, KeyFormat format)
            throws Exception {
        Issued issued = CA.client("client", List.of(), algorithm);
        String pem = issued.keyPem(format);

        PrivateKey key = Pem.privateKey(pem);

        assertEquals(algorithm.name(), key.getAlgorithm());
        assertTrue(signsFor(key, issued), "decoded key matches the certificate's public key");
    }

    @Test
    void privateKey_ecParametersBlockFirst_skipsIt() throws Exception {
        Issued issued = CA.client("client", List.of(), Algorithm.EC);
        String pem = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
                + issued.keyPem(KeyFormat.TRADITIONAL);

        assertTrue(signsFor(Pem.privateKey(pem), issued));
    }

    private static boolean signsFor(PrivateKey key, Issued issued) throws Exception {
        String alg = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        byte[] data = "switchyard".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance(alg);
        signer.initSign(key);
        signer.update(data);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(alg);
        verifier.initVerify(issued.certificate().getPublicKey());
        verifier.update(data);
        return verifier.verify(signature);
    }

    @Test
    void privateKey_noKeyBlock_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pem.privateKey(CA.certPem()));
        assertEquals("key PEM: no PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block found", e.getMessage());
    }

    @Test
    void certificates_bundle_returnsEachInOrder() {
        Issued leaf = CA.server("leaf", List.of("localhost"));

        var certs = Pem.certificates(leaf.certPem() + CA.certPem());

        assertEquals(List.of(leaf.certificate(), CA.certificate()), certs);
    }

    @Test
    void certificates_garbage_rejected() {
        assertThrows(IllegalArgumentException.class, () -> Pem.certificates("not a certificate"));
    }
}
