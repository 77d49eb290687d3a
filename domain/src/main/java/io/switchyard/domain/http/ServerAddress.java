package io.switchyard.domain.http;

import java.util.Locale;
import java.util.Objects;

/**
 * A parsed server URL: scheme, host and port (spec: translation.md §1.10). Hosts are kept without
 * IPv6 brackets; {@link #authority()} adds them back.
 *
 * @param scheme {@code http}, {@code https} or {@code h2c}
 * @param host   host name or IP literal, no brackets
 * @param port   TCP port
 */
public record ServerAddress(String scheme, String host, int port) {
    public ServerAddress {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
    }

    // Written out: the address keys the upstream connection pools, looked up on every request, and
    // the generated record methods (method-handle chains) showed in that lookup's profile.
    @Override
    public boolean equals(Object o) {
        return this == o || (o instanceof ServerAddress a && port == a.port && host.equals(a.host)
                && scheme.equals(a.scheme));
    }

    @Override
    public int hashCode() {
        return 31 * (31 * scheme.hashCode() + host.hashCode()) + port;
    }

    /**
     * Parses {@code scheme://host:port} (IPv6 hosts in brackets; a missing port defaults to 80 for
     * http/h2c and 443 for https; any path is ignored).
     *
     * @throws IllegalArgumentException when the URL is not of that form
     */
    public static ServerAddress parse(String url) {
        int sep = url.indexOf("://");
        if (sep <= 0) {
            throw new IllegalArgumentException("server url: " + url + " (expected: scheme://host:port)");
        }
        String scheme = url.substring(0, sep).toLowerCase(Locale.ROOT);
        String rest = url.substring(sep + 3);
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            rest = rest.substring(0, slash);
        }
        String host;
        String portText = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("server url: " + url + " (unclosed IPv6 bracket)");
            }
            host = rest.substring(1, close);
            if (close + 1 < rest.length()) {
                if (rest.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("server url: " + url + " (expected ':' after ']')");
                }
                portText = rest.substring(close + 2);
            }
        } else {
            int colon = rest.lastIndexOf(':');
            if (colon >= 0) {
                host = rest.substring(0, colon);
                portText = rest.substring(colon + 1);
            } else {
                host = rest;
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("server url: " + url + " (empty host)");
        }
        int port;
        if (portText == null || portText.isEmpty()) {
            port = "https".equals(scheme) ? 443 : 80;
        } else {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("server url: " + url + " (bad port '" + portText + "')", e);
            }
        }
        return new ServerAddress(scheme, host, port);
    }

    /** {@code host:port}, with brackets around IPv6 literals: what {@code Host} carries. */
    public String authority() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** Whether the connection uses TLS. */
    public boolean tls() {
        return "https".equals(scheme);
    }
}
