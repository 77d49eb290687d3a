package io.switchyard.server.http;

import io.switchyard.ports.runtime.RuntimeSettings.EntryPointSettings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an entry point listens and how: {@code NAME=[HOST]:PORT} on the command line, plus the
 * forwarded-headers trust ({@code --trusted-ips}, {@code --forwarded-insecure}) and TLS
 * ({@code --entrypoint-tls}).
 *
 * @param name     entry point name, e.g. {@code web}
 * @param host     address to bind; {@code 0.0.0.0} when left out
 * @param port     TCP port; 0 picks a free one
 * @param settings what the routing runtime applies on this entry point (spec: proxy.md §4.2)
 * @param tls      the certificate and key when the listener speaks TLS (then HTTP/2 via ALPN too)
 */
public record EntryPointBinding(String name, String host, int port, EntryPointSettings settings,
                                Optional<Tls> tls) {
    public EntryPointBinding {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(tls, "tls");
        if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
            throw new IllegalArgumentException("entry point name: '" + name + "' (expected: letters, digits, - or _)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("entry point " + name + " port: " + port + " (expected: 0..65535)");
        }
    }

    /** A plain listener with default settings (nobody trusted, paths sanitised). */
    public EntryPointBinding(String name, String host, int port) {
        this(name, host, port, EntryPointSettings.DEFAULTS, Optional.empty());
    }

    /** Parses {@code NAME=[HOST]:PORT} (IPv6 hosts in brackets). */
    public static EntryPointBinding parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("entry point: '" + text + "' (expected: NAME=[HOST]:PORT, e.g. web=:8000)");
        }
        String name = text.substring(0, eq);
        HostPort hp = HostPort.parse(text.substring(eq + 1), "0.0.0.0");
        return new EntryPointBinding(name, hp.host(), hp.port());
    }

    /** This binding with other runtime settings. */
    public EntryPointBinding withSettings(EntryPointSettings settings) {
        return new EntryPointBinding(name, host, port, settings, tls);
    }

    /** This binding serving TLS with {@code tls}. */
    public EntryPointBinding withTls(Tls tls) {
        return new EntryPointBinding(name, host, port, settings, Optional.of(tls));
    }

    /**
     * The certificate chain and private key files (PEM) of a TLS entry point.
     *
     * @param certificate PEM file with the server certificate first, then intermediates
     * @param key         PEM file with the private key (PKCS#8, PKCS#1 or SEC 1)
     */
    public record Tls(Path certificate, Path key) {
        public Tls {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(key, "key");
        }

        /** Parses {@code CERT.pem,KEY.pem}. */
        public static Tls parse(String text) {
            int comma = text.indexOf(',');
            if (comma <= 0 || comma == text.length() - 1) {
                throw new IllegalArgumentException("entry point TLS: '" + text + "' (expected: CERT.pem,KEY.pem)");
            }
            return new Tls(Path.of(text.substring(0, comma)), Path.of(text.substring(comma + 1)));
        }
    }

    /** A host and port parsed from {@code [HOST]:PORT}. */
    public record HostPort(String host, int port) {
        /** Parses {@code [HOST]:PORT}; an empty host becomes {@code defaultHost}. */
        public static HostPort parse(String text, String defaultHost) {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("address: '" + text + "' (expected: [HOST]:PORT)");
            }
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (host.isEmpty()) {
                host = defaultHost;
            }
            int port;
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("address: '" + text + "' (port is not a number)", e);
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("address: '" + text + "' (expected port 0..65535)");
            }
            return new HostPort(host, port);
        }
    }
}
