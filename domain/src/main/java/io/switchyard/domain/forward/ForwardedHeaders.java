package io.switchyard.domain.forward;

import io.switchyard.domain.http.HttpFields;
import java.util.Locale;

/**
 * Entry-point handling of {@code X-Forwarded-*} and {@code X-Real-Ip} (spec: proxy.md §4.2), and
 * the proxy's {@code X-Forwarded-For} append (§4.3 step 4).
 */
public final class ForwardedHeaders {
    /** Headers the entry point manages; from untrusted clients they are removed. */
    static final String[] MANAGED = {
        "x-forwarded-proto", "x-forwarded-for", "x-forwarded-host", "x-forwarded-port",
        "x-forwarded-server", "x-forwarded-uri", "x-forwarded-method", "x-forwarded-prefix",
        "x-forwarded-tls-client-cert", "x-forwarded-tls-client-cert-info", "x-real-ip",
        "x-forwarded-scheme", "x-scheme",
    };

    private ForwardedHeaders() {
    }

    /**
     * Rewrites the client's headers as the entry point does before routing (§4.2 steps 1–9).
     *
     * @param headers        the request's header fields, rewritten in place
     * @param trusted        whether the peer may set forwarded headers (trustedIPs / insecure)
     * @param peerIp         the TCP peer IP (no port, no zone)
     * @param tls            whether the client connection is TLS
     * @param authority      the request's Host / :authority
     * @param serverHostname this proxy's host name, for {@code X-Forwarded-Server}
     */
    public static void prepare(HttpFields headers, boolean trusted, String peerIp, boolean tls,
                               String authority, String serverHostname) {
        if (!trusted) {
            removeManaged(headers);
        }
        if (!headers.contains("X-Real-Ip")) {
            headers.add("X-Real-Ip", peerIp);
        }
        String proto = headers.first("X-Forwarded-Proto");
        if (proto == null) {
            if (HopByHop.isWebSocketUpgrade(headers)) {
                proto = tls ? "wss" : "ws";
            } else {
                proto = tls ? "https" : "http";
            }
            headers.add("X-Forwarded-Proto", proto);
        }
        if (!headers.contains("X-Forwarded-Port")) {
            String port = portOf(authority);
            if (port == null) {
                port = "https".equals(proto) || "wss".equals(proto) || tls ? "443" : "80";
            }
            headers.add("X-Forwarded-Port", port);
        }
        if (!headers.contains("X-Forwarded-Host") && !authority.isEmpty()) {
            headers.add("X-Forwarded-Host", authority);
        }
        // Only possible when trusted: several lines fold into one.
        var xff = headers.all("X-Forwarded-For");
        if (xff.size() > 1) {
            headers.set("X-Forwarded-For", String.join(", ", xff));
        }
        headers.set("X-Forwarded-Server", serverHostname);
        applyConnection(headers);
    }

    /**
     * §4.2 step 9: every field named in {@code Connection} goes now, except managed ones (a client
     * cannot make the proxy drop them); {@code Connection} then only keeps {@code Upgrade} for an
     * upgrade request, whose {@code Upgrade} field is reduced to its first value. The entry point
     * option {@code forwardedHeaders.connection} (names kept until the proxy step) is not offered,
     * so nothing else is kept.
     */
    static void applyConnection(HttpFields headers) {
        var lines = headers.all("Connection");
        if (lines.isEmpty()) {
            return;
        }
        String upgrade = HopByHop.connectionHasToken(headers, "upgrade") ? headers.first("Upgrade") : null;
        for (String line : lines) {
            for (String token : line.split(",")) {
                String t = token.strip();
                if (!t.isEmpty() && !isManagedCanonical(t)) {
                    headers.remove(t);
                }
            }
        }
        headers.remove("Connection");
        if (upgrade != null) {
            headers.set("Upgrade", upgrade);
            headers.add("Connection", "Upgrade");
        }
    }

    /** Whether {@code name} is a managed header as spelled with dashes (case-insensitive). */
    private static boolean isManagedCanonical(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String m : MANAGED) {
            if (m.equals(n)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Appends the peer IP to {@code X-Forwarded-For} (§4.3 step 4): existing values joined with
     * {@code ", "}, then the peer.
     */
    public static void appendForwardedFor(HttpFields headers, String peerIp) {
        var existing = headers.all("X-Forwarded-For");
        if (existing.isEmpty()) {
            headers.add("X-Forwarded-For", peerIp);
        } else {
            headers.set("X-Forwarded-For", String.join(", ", existing) + ", " + peerIp);
        }
    }

    /** Whether {@code name} is a managed header, also when spelled with {@code _} for {@code -}. */
    static boolean isManaged(String name) {
        String n = name.replace('_', '-').toLowerCase(Locale.ROOT);
        for (String m : MANAGED) {
            if (m.equals(n)) {
                return true;
            }
        }
        return false;
    }

    private static void removeManaged(HttpFields headers) {
        java.util.List<String> doomed = null;
        for (int i = 0, n = headers.size(); i < n; i++) {
            String name = headers.name(i);
            if (name.length() > 2 && (name.charAt(0) == 'x' || name.charAt(0) == 'X') && isManaged(name)) {
                if (doomed == null) {
                    doomed = new java.util.ArrayList<>(2);
                }
                doomed.add(name);
            }
        }
        if (doomed != null) {
            for (String name : doomed) {
                headers.remove(name);
            }
        }
    }

    /** The port of a Host value, or null when it has none. */
    static String portOf(String authority) {
        if (authority.isEmpty()) {
            return null;
        }
        int close = authority.lastIndexOf(']');
        int colon = authority.lastIndexOf(':');
        if (colon <= close || colon == authority.length() - 1) {
            return null;
        }
        if (close < 0 && authority.indexOf(':') != colon) {
            return null; // bare IPv6 without brackets: no port
        }
        return authority.substring(colon + 1);
    }
}
