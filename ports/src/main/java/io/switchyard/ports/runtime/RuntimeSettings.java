package io.switchyard.ports.runtime;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Static settings of the routing runtime.
 *
 * @param entryPoints     entry point names with their settings; routers without entry points
 *                        attach to all of them
 * @param serverHostname  this proxy's host name, sent as {@code X-Forwarded-Server}
 * @param provider        provider name used to qualify service names ({@code kubernetescrd})
 * @param propagateHealth beyond Traefik, off by default: a weighted or highest-random-weight
 *                        service skips a child service that has no UP server, and a failover
 *                        tracks the health of any main service (spec: healthcheck.md §3.7 says the
 *                        CRD provider never propagates; see docs/service-trees.md)
 * @param mirrorLimits    bounds on mirror copies waiting or running in the background
 * @param retryIdempotentOnce beyond Traefik, on by default: an idempotent request (GET, HEAD,
 *                        OPTIONS, TRACE, or carrying {@code Idempotency-Key} /
 *                        {@code X-Idempotency-Key}) whose server could not take it (no connection
 *                        could be opened, see {@link io.switchyard.ports.upstream.UpstreamException#nothingSent()})
 *                        is sent once more to another server of the same load balancer (spec:
 *                        proxy.md §4.9 has no such retry without a Retry middleware; see
 *                        docs/reliability.md)
 */
public record RuntimeSettings(Map<String, EntryPointSettings> entryPoints, String serverHostname, String provider,
                              boolean propagateHealth, MirrorLimits mirrorLimits, boolean retryIdempotentOnce) {
    public RuntimeSettings {
        entryPoints = Map.copyOf(entryPoints);
        Objects.requireNonNull(serverHostname, "serverHostname");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(mirrorLimits, "mirrorLimits");
    }

    /** These settings with the idempotent retry on. */
    public RuntimeSettings(Map<String, EntryPointSettings> entryPoints, String serverHostname, String provider,
                           boolean propagateHealth, MirrorLimits mirrorLimits) {
        this(entryPoints, serverHostname, provider, propagateHealth, mirrorLimits, true);
    }

    /** Settings as Traefik behaves (no health propagation, default mirror limits), plus the idempotent retry. */
    public RuntimeSettings(Map<String, EntryPointSettings> entryPoints, String serverHostname, String provider) {
        this(entryPoints, serverHostname, provider, false, MirrorLimits.DEFAULTS);
    }

    /** Settings with the given entry points (default trust rules) and this host's name. */
    public static RuntimeSettings of(List<String> entryPoints, String serverHostname) {
        var map = new java.util.LinkedHashMap<String, EntryPointSettings>();
        for (String ep : entryPoints) {
            map.put(ep, EntryPointSettings.DEFAULTS);
        }
        return new RuntimeSettings(map, serverHostname, "kubernetescrd");
    }

    /** These settings with health propagation through weighted services switched on or off. */
    public RuntimeSettings withPropagateHealth(boolean propagateHealth) {
        return new RuntimeSettings(entryPoints, serverHostname, provider, propagateHealth, mirrorLimits,
                retryIdempotentOnce);
    }

    /** These settings with other mirror limits. */
    public RuntimeSettings withMirrorLimits(MirrorLimits mirrorLimits) {
        return new RuntimeSettings(entryPoints, serverHostname, provider, propagateHealth, mirrorLimits,
                retryIdempotentOnce);
    }

    /** These settings with the idempotent retry on another server switched on or off. */
    public RuntimeSettings withRetryIdempotentOnce(boolean retryIdempotentOnce) {
        return new RuntimeSettings(entryPoints, serverHostname, provider, propagateHealth, mirrorLimits,
                retryIdempotentOnce);
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

    /**
     * How much mirroring may hold in the background (spec: balancing.md §2.9 sends mirror copies
     * fire and forget; Traefik bounds neither). A request whose mirror copies would exceed either
     * bound is not mirrored; the drop is counted ({@link RoutingRuntime#droppedMirrors()}) and the
     * main request is unaffected.
     *
     * @param maxPending       mirror tasks (one per mirrored request, sending to its mirrors in
     *                         turn) waiting or running at once
     * @param maxBufferedBytes request body bytes those tasks may hold together
     */
    public record MirrorLimits(int maxPending, long maxBufferedBytes) {
        /** 1024 tasks, 64 MiB of bodies. */
        public static final MirrorLimits DEFAULTS = new MirrorLimits(1024, 64L << 20);

        public MirrorLimits {
            if (maxPending < 0) {
                throw new IllegalArgumentException("maxPending: " + maxPending + " (expected: >= 0)");
            }
            if (maxBufferedBytes < 0) {
                throw new IllegalArgumentException("maxBufferedBytes: " + maxBufferedBytes + " (expected: >= 0)");
            }
        }
    }
}
