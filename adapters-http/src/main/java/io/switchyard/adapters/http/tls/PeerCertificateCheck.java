package io.switchyard.adapters.http.tls;

import io.switchyard.domain.config.ServersTransportConfig.PeerCertSAN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509TrustManager;

/**
 * The extra check of {@code peerCertURI} / {@code peerCertSANs} (spec: proxy.md §4.5): the chain is
 * verified against the transport's roots even when {@code insecureSkipVerify} is set, then at least
 * one listed SAN must be present in the leaf certificate.
 */
final class PeerCertificateCheck {
    private static final int SAN_DNS = 2;
    private static final int SAN_URI = 6;
    private static final int SAN_IP = 7;

    private final X509TrustManager roots;
    private final List<PeerCertSAN> wanted;

    PeerCertificateCheck(X509TrustManager roots, List<PeerCertSAN> wanted) {
        this.roots = roots;
        this.wanted = List.copyOf(wanted);
    }

    void verify(SSLSession session) throws SSLPeerUnverifiedException {
        X509Certificate[] chain = chain(session);
        try {
            // "UNKNOWN": key usage is not tied to a key exchange here, as for TLS 1.3 in JSSE
            roots.checkServerTrusted(chain, "UNKNOWN");
        } catch (CertificateException e) {
            throw unverified("peer certificate chain not trusted by the transport's roots", e);
        }
        List<?>[] sans = sans(chain[0]);
        for (PeerCertSAN san : wanted) {
            if (matches(san, sans)) {
                return;
            }
        }
        throw unverified("peer certificate carries none of the required SANs " + wanted, null);
    }

    private static boolean matches(PeerCertSAN san, List<?>[] sans) {
        String type = san.type().toLowerCase(Locale.ROOT);
        for (List<?> entry : sans) {
            int kind = (Integer) entry.get(0);
            String value = String.valueOf(entry.get(1));
            boolean hit = switch (type) {
                case "uri" -> kind == SAN_URI && value.equalsIgnoreCase(san.value());
                case "dnsname" -> isIpLiteral(san.value())
                        ? kind == SAN_IP && sameAddress(value, san.value())
                        : kind == SAN_DNS && hostMatches(value, san.value());
                default -> false;
            };
            if (hit) {
                return true;
            }
        }
        return false;
    }

    /** Go's {@code VerifyHostname} rule: a wildcard stands for exactly the left-most label. */
    static boolean hostMatches(String pattern, String host) {
        String p = trimDot(pattern).toLowerCase(Locale.ROOT);
        String h = trimDot(host).toLowerCase(Locale.ROOT);
        if (p.equals(h)) {
            return true;
        }
        if (!p.startsWith("*.")) {
            return false;
        }
        int dot = h.indexOf('.');
        return dot > 0 && h.substring(dot).equals(p.substring(1));
    }

    static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        int dots = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots == 3;
    }

    private static boolean sameAddress(String a, String b) {
        try {
            // both are literals, so no name lookup happens
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String trimDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static X509Certificate[] chain(SSLSession session) throws SSLPeerUnverifiedException {
        var certs = session.getPeerCertificates();
        X509Certificate[] chain = new X509Certificate[certs.length];
        for (int i = 0; i < certs.length; i++) {
            chain[i] = (X509Certificate) certs[i];
        }
        return chain;
    }

    private static List<?>[] sans(X509Certificate leaf) throws SSLPeerUnverifiedException {
        try {
            Collection<List<?>> all = leaf.getSubjectAlternativeNames();
            return all == null ? new List<?>[0] : new ArrayList<>(all).toArray(List<?>[]::new);
        } catch (CertificateParsingException e) {
            throw unverified("peer certificate SANs cannot be parsed", e);
        }
    }

    private static SSLPeerUnverifiedException unverified(String message, Exception cause) {
        SSLPeerUnverifiedException e = new SSLPeerUnverifiedException(message);
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
