package io.switchyard.server.http;

import java.util.Objects;

/**
 * Where an entry point listens: {@code NAME=[HOST]:PORT} on the command line.
 *
 * @param name entry point name, e.g. {@code web}
 * @param host address to bind; {@code 0.0.0.0} when left out
 * @param port TCP port; 0 picks a free one
 */
public record EntryPointBinding(String name, String host, int port) {
    public EntryPointBinding {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
            throw new IllegalArgumentException("entry point name: '" + name + "' (expected: letters, digits, - or _)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("entry point " + name + " port: " + port + " (expected: 0..65535)");
        }
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
