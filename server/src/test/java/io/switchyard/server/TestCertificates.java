package io.switchyard.server;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test certificates made with BouncyCastle (the approach of adapters-http's TestCertificates): a
 * CA issuing EC server certificates, written as PEM files or turned into a client trust context.
 */
final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private TestCertificates() {
    }

    /** A certificate with its key and issuer. */
    record Issued(X509Certificate certificate, PrivateKey key, X509Certificate issuer) {
        String certPem() {
            return pem(certificate);
        }

        String keyPem() {
            StringWriter out = new StringWriter();
            try (JcaPEMWriter w = new JcaPEMWriter(out)) {
                w.writeObject(new JcaPKCS8Generator(key, null));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toString();
        }

        /** Writes {@code NAME.crt} (leaf, then issuer) and {@code NAME.key} into {@code dir}. */
        Path[] write(Path dir, String name) throws IOException {
            Path cert = dir.resolve(name + ".crt");
            Path key = dir.resolve(name + ".key");
            Files.writeString(cert, certPem() + (issuer == null ? "" : pem(issuer)));
            Files.writeString(key, keyPem());
            return new Path[] {cert, key};
        }
    }

    /** A certificate authority. */
    static final class Authority {
        private final Issued self;

        private Authority(Issued self) {
            this.self = self;
        }

        X509Certificate certificate() {
            return self.certificate();
        }

        String certPem() {
            return self.certPem();
        }

        /** An EC server certificate for {@code sans} (IP literals become IP SANs). */
        Issued server(String commonName, List<String> sans) {
            try {
                KeyPair pair = keyPair();
                List<GeneralName> names = new ArrayList<>();
                for (String san : sans) {
                    names.add(san.chars().allMatch(c -> c == '.' || Character.isDigit(c))
                            ? new GeneralName(GeneralName.iPAddress,
                                    new DEROctetString(InetAddress.getByName(san).getAddress()))
                            : new GeneralName(GeneralName.dNSName, san));
                }
                X500Name issuer = X500Name.getInstance(self.certificate().getSubjectX500Principal().getEncoded());
                X509v3CertificateBuilder b = builder(issuer, new X500Name("CN=" + commonName), pair);
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                b.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
                return new Issued(sign(b, self.key()), pair.getPrivate(), self.certificate());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A client TLS context trusting only this authority. */
        SSLContext clientContext() {
            try {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                trust.setCertificateEntry("ca", certificate());
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, tmf.getTrustManagers(), null);
                return ctx;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A new self-signed CA. */
    static Authority authority(String commonName) {
        try {
            KeyPair pair = keyPair();
            X500Name name = new X500Name("CN=" + commonName);
            X509v3CertificateBuilder b = builder(name, name, pair);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new Authority(new Issued(sign(b, pair.getPrivate()), pair.getPrivate(), null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair pair) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
                pair.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(Object object) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
