package io.switchyard.adapters.http.tls;

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
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Certificates for tests, made with BouncyCastle: a CA that issues server and client certificates
 * with the SANs a test needs, in PEM (keys as PKCS#8, PKCS#1 or SEC 1) or as JDK objects.
 */
public final class TestCertificates {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private TestCertificates() {
    }

    /** How a private key is written in PEM. */
    public enum KeyFormat {
        /** {@code PRIVATE KEY}. */
        PKCS8,
        /** {@code RSA PRIVATE KEY} or {@code EC PRIVATE KEY}, as openssl writes them. */
        TRADITIONAL
    }

    /** Key algorithm of an issued certificate. */
    public enum Algorithm {
        RSA,
        EC
    }

    /** A certificate with its key. */
    public record Issued(X509Certificate certificate, PrivateKey key, X509Certificate issuer) {
        public String certPem() {
            return pem(certificate);
        }

        public String keyPem(KeyFormat format) {
            if (format == KeyFormat.PKCS8) {
                return pkcs8Pem(key);
            }
            return key.getAlgorithm().equals("EC") ? sec1Pem(key) : pem(key);
        }

        /** Leaf then issuer, as a server presents them. */
        public List<X509Certificate> chain() {
            return issuer == null ? List.of(certificate) : List.of(certificate, issuer);
        }

        /**
         * Writes {@code NAME.crt} (the {@link #chain()} in PEM) and {@code NAME.key} (PKCS#8) into
         * {@code dir}, for configuration that takes certificate files; returns {cert, key}.
         */
        public Path[] write(Path dir, String name) throws IOException {
            Path cert = dir.resolve(name + ".crt");
            Path key = dir.resolve(name + ".key");
            Files.writeString(cert, chain().stream().map(TestCertificates::pem).collect(Collectors.joining()));
            Files.writeString(key, keyPem(KeyFormat.PKCS8));
            return new Path[] {cert, key};
        }
    }

    /** A certificate authority able to issue leaf certificates. */
    public static final class Authority {
        private final Issued self;

        private Authority(Issued self) {
            this.self = self;
        }

        public X509Certificate certificate() {
            return self.certificate();
        }

        public String certPem() {
            return self.certPem();
        }

        /** An EC server certificate for {@code sans}: IP literals become IP SANs, others DNS SANs. */
        public Issued server(String commonName, List<String> sans) {
            return issue(commonName, sans, List.of(), KeyPurposeId.id_kp_serverAuth, Algorithm.EC);
        }

        /** A client TLS context trusting only this authority. */
        public SSLContext clientContext() {
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

        /** A client certificate with optional URI SANs (SPIFFE-style identities). */
        public Issued client(String commonName, List<String> uris, Algorithm algorithm) {
            return issue(commonName, List.of(), uris, KeyPurposeId.id_kp_clientAuth, algorithm);
        }

        /** A server certificate carrying URI SANs besides the host SANs. */
        public Issued serverWithUris(String commonName, List<String> sans, List<String> uris) {
            return issue(commonName, sans, uris, KeyPurposeId.id_kp_serverAuth, Algorithm.EC);
        }

        private Issued issue(String cn, List<String> sans, List<String> uris, KeyPurposeId purpose,
                             Algorithm algorithm) {
            try {
                KeyPair pair = keyPair(algorithm);
                List<GeneralName> names = new ArrayList<>();
                for (String san : sans) {
                    names.add(isIp(san)
                            ? new GeneralName(GeneralName.iPAddress, new DEROctetString(
                                    InetAddress.getByName(san).getAddress()))
                            : new GeneralName(GeneralName.dNSName, san));
                }
                for (String uri : uris) {
                    names.add(new GeneralName(GeneralName.uniformResourceIdentifier, uri));
                }
                X500Name issuer = X500Name.getInstance(self.certificate().getSubjectX500Principal().getEncoded());
                X509v3CertificateBuilder b = builder(issuer, new X500Name("CN=" + cn), pair);
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                b.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
                if (!names.isEmpty()) {
                    b.addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(names.toArray(GeneralName[]::new)));
                }
                return new Issued(sign(b, self.key()), pair.getPrivate(), self.certificate());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A new self-signed CA (EC P-256 keys, as server certificates: fast to generate). */
    public static Authority authority(String commonName) {
        try {
            KeyPair pair = keyPair(Algorithm.EC);
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
            String alg = signer.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            ContentSigner cs = new JcaContentSignerBuilder(alg).build(signer);
            return new JcaX509CertificateConverter().getCertificate(b.build(cs));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair(Algorithm algorithm) {
        try {
            if (algorithm == Algorithm.EC) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"));
                return g.generateKeyPair();
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isIp(String s) {
        return s.indexOf(':') >= 0 || s.chars().allMatch(c -> c == '.' || Character.isDigit(c));
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

    /** SEC 1 with the curve named inside, as openssl writes it (BouncyCastle would leave it out). */
    static String sec1Pem(PrivateKey key) {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        try {
            ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
            ECPrivateKey withCurve = new ECPrivateKey(256, inner.getKey(),
                    info.getPrivateKeyAlgorithm().getParameters());
            StringWriter out = new StringWriter();
            try (PemWriter w = new PemWriter(out)) {
                w.writeObject(new PemObject("EC PRIVATE KEY", withCurve.getEncoded()));
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String pkcs8Pem(PrivateKey key) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(new JcaPKCS8Generator(key, null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
