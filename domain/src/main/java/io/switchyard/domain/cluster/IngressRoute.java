package io.switchyard.domain.cluster;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Traefik's {@code IngressRoute} ({@code traefik.io/v1alpha1}): HTTP routes on entry points.
 *
 * @param metadata         name (or generateName), namespace, annotations, labels
 * @param entryPoints      {@code spec.entryPoints}
 * @param ingressClassName {@code spec.ingressClassName}; present-but-empty differs from absent
 * @param routes           {@code spec.routes}, in order
 * @param tls              {@code spec.tls}, if present (even empty)
 * @param parentRefs       {@code spec.parentRefs} (multi-layer routing)
 */
public record IngressRoute(ObjectMeta metadata, List<String> entryPoints, Optional<String> ingressClassName,
                           List<Route> routes, Optional<Tls> tls, List<ObjectRef> parentRefs) implements KubeObject {
    public IngressRoute {
        Objects.requireNonNull(metadata, "metadata");
        entryPoints = List.copyOf(entryPoints);
        Objects.requireNonNull(ingressClassName, "ingressClassName");
        routes = List.copyOf(routes);
        Objects.requireNonNull(tls, "tls");
        parentRefs = List.copyOf(parentRefs);
    }

    /** An IngressRoute with entry points and routes, nothing else. */
    public static IngressRoute of(ObjectMeta metadata, List<String> entryPoints, List<Route> routes) {
        return new IngressRoute(metadata, entryPoints, Optional.empty(), routes, Optional.empty(), List.of());
    }

    @Override
    public String kind() {
        return "IngressRoute";
    }

    @Override
    public boolean custom() {
        return true;
    }

    /**
     * One route.
     *
     * @param match         the rule
     * @param kind          {@code Rule} or empty
     * @param priority      explicit priority, 0 for "derive from rule length"
     * @param syntax        deprecated rule syntax selector
     * @param services      service references, in order
     * @param middlewares   middleware references, in order
     * @param observability per-router observability switches, if given
     */
    public record Route(String match, String kind, long priority, String syntax, List<ServiceReference> services,
                        List<ObjectRef> middlewares, Optional<Observability> observability) {
        public Route {
            Objects.requireNonNull(match, "match");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(syntax, "syntax");
            services = List.copyOf(services);
            middlewares = List.copyOf(middlewares);
            Objects.requireNonNull(observability, "observability");
        }

        /** A {@code Rule} route with these services. */
        public static Route of(String match, List<ServiceReference> services) {
            return new Route(match, "Rule", 0, "", services, List.of(), Optional.empty());
        }
    }

    /** Router observability switches as written; unset ones are empty. */
    public record Observability(Optional<Boolean> accessLogs, Optional<Boolean> metrics, Optional<Boolean> tracing,
                                String traceVerbosity) {
        public Observability {
            Objects.requireNonNull(accessLogs, "accessLogs");
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(tracing, "tracing");
            Objects.requireNonNull(traceVerbosity, "traceVerbosity");
        }
    }

    /**
     * {@code spec.tls}.
     *
     * @param secretName   certificate Secret
     * @param options      TLSOption reference, if any
     * @param store        TLSStore reference, if any
     * @param certResolver ACME resolver name
     * @param domains      certificate domains
     */
    public record Tls(String secretName, Optional<ObjectRef> options, Optional<ObjectRef> store, String certResolver,
                      List<Domain> domains) {
        public Tls {
            Objects.requireNonNull(secretName, "secretName");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(certResolver, "certResolver");
            domains = List.copyOf(domains);
        }
    }

    /** A certificate domain: main name and SANs. */
    public record Domain(String main, List<String> sans) {
        public Domain {
            Objects.requireNonNull(main, "main");
            sans = List.copyOf(sans);
        }
    }
}
