package io.switchyard.domain.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A router: a rule, the entry points it listens on, and the service it forwards to.
 *
 * @param rule        the rule as written (rule language v3)
 * @param priority    explicit priority, or 0 to derive it from the rule length at runtime
 * @param ruleSyntax  deprecated syntax selector; empty means v3
 * @param entryPoints entry point names; empty means the runtime's default entry points
 * @param middlewares middleware references, in order
 * @param service     service reference; empty for a parent router (parentRefs)
 * @param parentRefs  router keys of the parents (multi-layer routing)
 * @param tls         router TLS settings, present iff the IngressRoute has {@code spec.tls}
 * @param observability observability flags, present iff the route declares them
 */
public record RouterConfig(
        String rule,
        long priority,
        String ruleSyntax,
        List<String> entryPoints,
        List<String> middlewares,
        String service,
        List<String> parentRefs,
        Optional<RouterTls> tls,
        Optional<Observability> observability) {

    public RouterConfig {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(ruleSyntax, "ruleSyntax");
        entryPoints = List.copyOf(entryPoints);
        middlewares = List.copyOf(middlewares);
        Objects.requireNonNull(service, "service");
        parentRefs = List.copyOf(parentRefs);
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(observability, "observability");
    }

    /** A plain router: rule, entry points and service, everything else unset. */
    public static RouterConfig of(String rule, List<String> entryPoints, String service) {
        return new RouterConfig(rule, 0, "", entryPoints, List.of(), service, List.of(),
                Optional.empty(), Optional.empty());
    }

    /** Router TLS: certificate resolver, domains and TLS options reference. */
    public record RouterTls(String certResolver, String options, List<Domain> domains) {
        public RouterTls {
            Objects.requireNonNull(certResolver, "certResolver");
            Objects.requireNonNull(options, "options");
            domains = List.copyOf(domains);
        }

        /** A certificate domain: main name and SANs. */
        public record Domain(String main, List<String> sans) {
            public Domain {
                Objects.requireNonNull(main, "main");
                sans = List.copyOf(sans);
            }
        }
    }

    /** Per-router observability switches; unset switches are {@link Optional#empty()}. */
    public record Observability(Optional<Boolean> accessLogs, Optional<Boolean> metrics,
                                Optional<Boolean> tracing, String traceVerbosity) {
        public Observability {
            Objects.requireNonNull(accessLogs, "accessLogs");
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(tracing, "tracing");
            Objects.requireNonNull(traceVerbosity, "traceVerbosity");
        }
    }
}
