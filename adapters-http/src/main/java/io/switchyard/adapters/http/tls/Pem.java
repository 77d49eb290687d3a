package io.switchyard.adapters.http.tls;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM decoding of certificates and private keys with the JDK only. Keys are accepted in the three
 * encodings Go's {@code tls.X509KeyPair} accepts: PKCS#8 ({@code PRIVATE KEY}), PKCS#1
 * ({@code RSA PRIVATE KEY}) and SEC 1 ({@code EC PRIVATE KEY}); the last two are wrapped into
 * PKCS#8 so {@link KeyFactory} can read them.
 */
final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
    // DER of the AlgorithmIdentifier SEQUENCE { rsaEncryption, NULL }
    private static final byte[] RSA_ALGORITHM = {
            0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05,
            0x00};
    // DER of the OID id-ecPublicKey (1.2.840.10045.2.1)
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02,
            0x01};
    private static final byte[] VERSION_ZERO = {0x02, 0x01, 0x00};

    private Pem() {
    }

    /** Every certificate in {@code pem}; at least one. */
    static List<X509Certificate> certificates(String pem) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (var cert : factory.generateCertificates(
                    new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) cert);
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException("certificate PEM: cannot be parsed (" + e.getMessage() + ")", e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("certificate PEM: no CERTIFICATE block found");
        }
        return out;
    }

    /** The first private key in {@code pem}. */
    static PrivateKey privateKey(String pem) {
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String type = m.group(1);
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            byte[] pkcs8 = switch (type) {
                case "PRIVATE KEY" -> der;
                case "RSA PRIVATE KEY" -> sequence(VERSION_ZERO, RSA_ALGORITHM, tlv(0x04, der));
                case "EC PRIVATE KEY" -> sequence(VERSION_ZERO, sequence(EC_PUBLIC_KEY_OID, sec1Curve(der)),
                        tlv(0x04, der));
                case "ENCRYPTED PRIVATE KEY" ->
                        throw new IllegalArgumentException("key PEM: encrypted private keys are not supported");
                default -> null; // e.g. EC PARAMETERS written before the key by openssl
            };
            if (pkcs8 != null) {
                return decode(pkcs8);
            }
        }
        throw new IllegalArgumentException("key PEM: no PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY block found");
    }

    private static PrivateKey decode(byte[] pkcs8) {
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException | IllegalArgumentException ignored) {
                // try the next algorithm: PKCS#8 names it, but KeyFactory wants it up front
            }
        }
        throw new IllegalArgumentException("key PEM: unsupported or malformed private key");
    }

    /**
     * The named-curve OID inside a SEC 1 {@code ECPrivateKey ::= SEQUENCE { version, privateKey
     * OCTET STRING, [0] parameters OPTIONAL, [1] publicKey OPTIONAL }}.
     */
    private static byte[] sec1Curve(byte[] der) {
        Der outer = new Der(der, 0);
        if (outer.tag != 0x30) {
            throw new IllegalArgumentException("key PEM: EC PRIVATE KEY is not a DER SEQUENCE");
        }
        int pos = outer.valueStart;
        while (pos < outer.end()) {
            Der field = new Der(der, pos);
            if (field.tag == 0xa0) {
                Der oid = new Der(der, field.valueStart);
                if (oid.tag != 0x06) {
                    break;
                }
                byte[] out = new byte[oid.end() - field.valueStart];
                System.arraycopy(der, field.valueStart, out, 0, out.length);
                return out;
            }
            pos = field.end();
        }
        throw new IllegalArgumentException("key PEM: EC PRIVATE KEY without named curve parameters");
    }

    private static byte[] sequence(byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            body.writeBytes(part);
        }
        return tlv(0x30, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
        out.write(tag);
        int len = value.length;
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len);
        } else {
            out.write(0x83);
            out.write(len >> 16);
            out.write(len >> 8);
            out.write(len);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    /** One DER tag-length header read at {@code offset}. */
    private static final class Der {
        final int tag;
        final int valueStart;
        final int length;

        Der(byte[] der, int offset) {
            if (offset + 2 > der.length) {
                throw new IllegalArgumentException("key PEM: truncated DER");
            }
            tag = der[offset] & 0xff;
            int first = der[offset + 1] & 0xff;
            int pos = offset + 2;
            if (first < 0x80) {
                length = first;
            } else {
                int n = first & 0x7f;
                if (n == 0 || n > 3 || pos + n > der.length) {
                    throw new IllegalArgumentException("key PEM: unsupported DER length");
                }
                int len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (der[pos++] & 0xff);
                }
                length = len;
            }
            valueStart = pos;
            if (end() > der.length) {
                throw new IllegalArgumentException("key PEM: truncated DER");
            }
        }

        int end() {
            return valueStart + length;
        }
    }
}
