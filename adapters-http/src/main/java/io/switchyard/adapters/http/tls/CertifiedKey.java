package io.switchyard.adapters.http.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate chain with its private key, as a TLS server presents it (an entry point's
 * certificate).
 *
 * @param chain the leaf certificate first, then intermediates; at least one
 * @param key   the leaf's private key
 */
public record CertifiedKey(List<X509Certificate> chain, PrivateKey key) {
    public CertifiedKey {
        chain = List.copyOf(chain);
        Objects.requireNonNull(key, "key");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("certificate chain: empty (expected: at least the leaf)");
        }
        String certAlgorithm = chain.get(0).getPublicKey().getAlgorithm();
        if (!certAlgorithm.equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("private key: " + key.getAlgorithm()
                    + " key for a " + certAlgorithm + " certificate (expected: the certificate's key)");
        }
    }

    /**
     * Parses PEM text: every certificate of {@code certificatePem}, and the first private key of
     * {@code keyPem} (PKCS#8, PKCS#1 or SEC 1, as Go's {@code tls.X509KeyPair} accepts).
     *
     * @throws IllegalArgumentException when either cannot be parsed or they do not belong together
     */
    public static CertifiedKey parse(String certificatePem, String keyPem) {
        return new CertifiedKey(Pem.certificates(certificatePem), Pem.privateKey(keyPem));
    }
}
