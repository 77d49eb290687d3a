package io.switchyard.domain.translate;

import io.switchyard.domain.cluster.PortRef;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** How Traefik's CRD provider makes keys and names (spec: translation.md §1.3, §1.5, §1.8). */
final class Names {
    static final String PROVIDER = "kubernetescrd";
    static final String SEPARATOR = "@";

    private Names() {
    }

    /** §1.3: split at every code point that is neither a letter nor a number, join the pieces with '-'. */
    static String normalize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean pendingDash = false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            if (letterOrNumber(cp)) {
                if (pendingDash && !out.isEmpty()) {
                    out.append('-');
                }
                pendingDash = false;
                out.appendCodePoint(cp);
            } else {
                pendingDash = true;
            }
        }
        return out.toString();
    }

    private static boolean letterOrNumber(int cp) {
        if (Character.isLetter(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** Traefik's {@code makeID}: {@code namespace-name}, or {@code name} without namespace. */
    static String id(String namespace, String name) {
        return namespace.isEmpty() ? name : namespace + "-" + name;
    }

    /** §1.5 step 3: the router key of one route. */
    static String routerKey(String namespace, String ingressName, String match) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(match.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
        String h = HexFormat.of().formatHex(hash, 0, 10);
        return normalize(id(namespace, ingressName + "-" + h));
    }

    /** §1.8: the name a service reference gets in the configuration. */
    static String fullServiceName(String namespace, String name, PortRef port, Reporter reporter) {
        if (port.isSet()) {
            return normalize(namespace + "-" + name + "-" + port.text());
        }
        if (!name.contains(SEPARATOR)) {
            return normalize(namespace + "-" + name);
        }
        int at = name.lastIndexOf(SEPARATOR);
        String service = name.substring(0, at);
        String provider = name.substring(at + 1);
        if (provider.equals(PROVIDER)) {
            return normalize(namespace + "-" + service);
        }
        if (!namespace.isEmpty()) {
            reporter.warn("namespace \"" + namespace + "\" is ignored for the cross-provider reference \"" + name + "\"");
        }
        return normalize(service) + SEPARATOR + provider;
    }

    /** Go's {@code net.JoinHostPort}: brackets a host that contains a colon (IPv6). */
    static String joinHostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
