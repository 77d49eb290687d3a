package io.switchyard.adapters.http.tls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Go's {@code crypto/tls} names for TLS versions and cipher suites, mapped to JSSE names. Go uses
 * the IANA names for cipher suites, as JSSE does, except for two legacy ChaCha20 aliases.
 */
final class GoTlsNames {
    /** JSSE protocol names in ascending order. */
    static final List<String> PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    /** Go always enables these with TLS 1.3 and ignores them in {@code CipherSuites}. */
    static final List<String> TLS13_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

    private static final Map<String, String> VERSIONS = Map.of(
            "VersionTLS10", "TLSv1",
            "VersionTLS11", "TLSv1.1",
            "VersionTLS12", "TLSv1.2",
            "VersionTLS13", "TLSv1.3");

    private static final Map<String, String> SUITE_ALIASES = Map.of(
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");

    private GoTlsNames() {
    }

    /** The JSSE protocol name of a Go version name such as {@code VersionTLS12}. */
    static Optional<String> protocol(String goVersion) {
        return Optional.ofNullable(VERSIONS.get(goVersion));
    }

    /**
     * The protocols to enable for a Go {@code MinVersion}/{@code MaxVersion} pair (empty strings mean
     * Go's defaults, TLS 1.2 to TLS 1.3), kept to those the JDK supports.
     *
     * @throws IllegalArgumentException for an unknown version name or an empty range
     */
    static String[] protocols(String minVersion, String maxVersion, String[] supported) {
        String min = minVersion.isEmpty() ? "TLSv1.2" : protocol(minVersion).orElseThrow(
                () -> new IllegalArgumentException("minVersion: " + minVersion + " (expected: VersionTLS10..13)"));
        String max = maxVersion.isEmpty() ? "TLSv1.3" : protocol(maxVersion).orElseThrow(
                () -> new IllegalArgumentException("maxVersion: " + maxVersion + " (expected: VersionTLS10..13)"));
        Set<String> available = Set.of(supported);
        List<String> out = new ArrayList<>();
        for (String p : PROTOCOLS.subList(PROTOCOLS.indexOf(min), PROTOCOLS.indexOf(max) + 1)) {
            if (available.contains(p)) {
                out.add(p);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("minVersion/maxVersion: " + minVersion + ".." + maxVersion
                    + " leaves no protocol this JDK supports");
        }
        return out.toArray(String[]::new);
    }

    /**
     * The JSSE cipher suites for Go's {@code CipherSuites}: aliases mapped, suites the JDK lacks
     * dropped (reported through {@code unsupported}), and the TLS 1.3 suites always added because
     * Go does not let them be configured.
     */
    static String[] cipherSuites(List<String> goSuites, String[] supported, List<String> unsupported) {
        Set<String> available = new LinkedHashSet<>(Arrays.asList(supported));
        Set<String> out = new LinkedHashSet<>();
        for (String suite : goSuites) {
            String jsse = SUITE_ALIASES.getOrDefault(suite, suite);
            if (available.contains(jsse)) {
                out.add(jsse);
            } else if (!TLS13_SUITES.contains(jsse)) {
                unsupported.add(suite);
            }
        }
        for (String suite : TLS13_SUITES) {
            if (available.contains(suite)) {
                out.add(suite);
            }
        }
        return out.toArray(String[]::new);
    }
}
