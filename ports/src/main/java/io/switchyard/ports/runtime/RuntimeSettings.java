package io.switchyard.ports.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Static settings of the routing runtime.
 *
 * @param entryPoints    entry point names with their settings; routers without entry points
 *                       attach to all of them
 * @param serverHostname this proxy's host name, sent as {@code X-Forwarded-Server}
 * @param provider       provider name used to qualify service names ({@code kubernetescrd})
 */
public record RuntimeSettings(Map<String, EntryPointSettings> entryPoints, String serverHostname, String provider) {
    public RuntimeSettings {
        entryPoints = Map.copyOf(entryPoints);
        Objects.requireNonNull(serverHostname, "serverHostname");
        Objects.requireNonNull(provider, "provider");
    }

    /** Settings with the given entry points (default trust rules) and this host's name. */
    public static RuntimeSettings of(List<String> entryPoints, String serverHostname) {
        var map = new java.util.LinkedHashMap<String, EntryPointSettings>();
        for (String ep : entryPoints) {
            map.put(ep, EntryPointSettings.DEFAULTS);
        }
        return new RuntimeSettings(map, serverHostname, "kubernetescrd");
    }

    /**
     * Per entry point settings (spec: proxy.md §4.1–4.2).
     *
     * @param trustedIPs           IPs/CIDRs whose forwarded headers are trusted
     * @param insecure             trust forwarded headers from everyone
     * @param sanitizePath         remove dot segments and duplicate slashes (default true)
     */
    public record EntryPointSettings(List<String> trustedIPs, boolean insecure, boolean sanitizePath) {
        /** Nobody trusted, paths sanitised. */
        public static final EntryPointSettings DEFAULTS = new EntryPointSettings(List.of(), false, true);

        public EntryPointSettings {
            trustedIPs = List.copyOf(trustedIPs);
        }
    }
}
