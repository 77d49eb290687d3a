package io.switchyard.domain.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A reference to a Kubernetes Service or a TraefikService, with the load-balancer settings that
 * come with it (Traefik's {@code LoadBalancerSpec} plus the weight of {@code Service}). Strings that
 * were absent are empty; optional fields are empty when absent.
 *
 * @param name               the referenced object's name; may carry {@code @provider}
 * @param kind               {@code Service}, {@code TraefikService}, or empty (= Service)
 * @param namespace          the referenced namespace; empty means the parent's
 * @param port               the Service port (number or name); {@link PortRef#NONE} when absent
 * @param weight             the weight when the reference is a weighted/HRW child
 * @param scheme             {@code http}, {@code https}, {@code h2c}, or empty to infer
 * @param strategy           load-balancing strategy as written
 * @param passHostHeader     forward the client Host header
 * @param flushInterval      {@code responseForwarding.flushInterval} as written
 * @param sticky             sticky settings
 * @param healthCheck        active health check (ExternalName only)
 * @param passiveHealthCheck passive health check
 * @param serversTransport   ServersTransport name, possibly with {@code @provider}
 * @param nativeLB           use the ClusterIP instead of endpoints, when set
 * @param nodePortLB         use node addresses and the node port (NodePort Services)
 * @param middlewares        service-level middlewares
 */
public record ServiceReference(
        String name,
        String kind,
        String namespace,
        PortRef port,
        Optional<Integer> weight,
        String scheme,
        String strategy,
        Optional<Boolean> passHostHeader,
        Optional<String> flushInterval,
        Optional<Sticky> sticky,
        Optional<HealthCheck> healthCheck,
        Optional<PassiveHealthCheck> passiveHealthCheck,
        String serversTransport,
        Optional<Boolean> nativeLB,
        boolean nodePortLB,
        List<ObjectRef> middlewares) {

    public ServiceReference {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(weight, "weight");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(passHostHeader, "passHostHeader");
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(sticky, "sticky");
        Objects.requireNonNull(healthCheck, "healthCheck");
        Objects.requireNonNull(passiveHealthCheck, "passiveHealthCheck");
        Objects.requireNonNull(serversTransport, "serversTransport");
        Objects.requireNonNull(nativeLB, "nativeLB");
        middlewares = List.copyOf(middlewares);
    }

    /** A plain reference to a Kubernetes Service port. */
    public static ServiceReference of(String name, PortRef port) {
        return new ServiceReference(name, "", "", port, Optional.empty(), "", "", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "", Optional.empty(),
                false, List.of());
    }

    /** A reference to a TraefikService. */
    public static ServiceReference traefikService(String name) {
        return of(name, PortRef.NONE).withKind("TraefikService");
    }

    public ServiceReference withKind(String kind) {
        return new ServiceReference(name, kind, namespace, port, weight, scheme, strategy, passHostHeader,
                flushInterval, sticky, healthCheck, passiveHealthCheck, serversTransport, nativeLB, nodePortLB,
                middlewares);
    }

    public ServiceReference withNamespace(String namespace) {
        return new ServiceReference(name, kind, namespace, port, weight, scheme, strategy, passHostHeader,
                flushInterval, sticky, healthCheck, passiveHealthCheck, serversTransport, nativeLB, nodePortLB,
                middlewares);
    }

    public ServiceReference withWeight(int weight) {
        return new ServiceReference(name, kind, namespace, port, Optional.of(weight), scheme, strategy,
                passHostHeader, flushInterval, sticky, healthCheck, passiveHealthCheck, serversTransport, nativeLB,
                nodePortLB, middlewares);
    }

    public ServiceReference withScheme(String scheme) {
        return new ServiceReference(name, kind, namespace, port, weight, scheme, strategy, passHostHeader,
                flushInterval, sticky, healthCheck, passiveHealthCheck, serversTransport, nativeLB, nodePortLB,
                middlewares);
    }

    public ServiceReference withStrategy(String strategy) {
        return new ServiceReference(name, kind, namespace, port, weight, scheme, strategy, passHostHeader,
                flushInterval, sticky, healthCheck, passiveHealthCheck, serversTransport, nativeLB, nodePortLB,
                middlewares);
    }

    public ServiceReference withSticky(Sticky sticky) {
        return new ServiceReference(name, kind, namespace, port, weight, scheme, strategy, passHostHeader,
                flushInterval, Optional.of(sticky), healthCheck, passiveHealthCheck, serversTransport, nativeLB,
                nodePortLB, middlewares);
    }

    public ServiceReference withHealthCheck(HealthCheck healthCheck) {
        return new ServiceReference(name, kind, namespace, port, weight, scheme, strategy, passHostHeader,
                flushInterval, sticky, Optional.of(healthCheck), passiveHealthCheck, serversTransport, nativeLB,
                nodePortLB, middlewares);
    }

    public ServiceReference withServersTransport(String serversTransport) {
        return new ServiceReference(name, kind, namespace, port, weight, scheme, strategy, passHostHeader,
                flushInterval, sticky, healthCheck, passiveHealthCheck, serversTransport, nativeLB, nodePortLB,
                middlewares);
    }

    public ServiceReference withNativeLB(boolean nativeLB) {
        return new ServiceReference(name, kind, namespace, port, weight, scheme, strategy, passHostHeader,
                flushInterval, sticky, healthCheck, passiveHealthCheck, serversTransport, Optional.of(nativeLB),
                nodePortLB, middlewares);
    }

    public ServiceReference withNodePortLB(boolean nodePortLB) {
        return new ServiceReference(name, kind, namespace, port, weight, scheme, strategy, passHostHeader,
                flushInterval, sticky, healthCheck, passiveHealthCheck, serversTransport, nativeLB, nodePortLB,
                middlewares);
    }

    public ServiceReference withFlushInterval(String flushInterval) {
        return new ServiceReference(name, kind, namespace, port, weight, scheme, strategy, passHostHeader,
                Optional.of(flushInterval), sticky, healthCheck, passiveHealthCheck, serversTransport, nativeLB,
                nodePortLB, middlewares);
    }

    /** Sticky settings; stickiness is on only when {@code cookie} is present. */
    public record Sticky(Optional<Cookie> cookie) {
        public Sticky {
            Objects.requireNonNull(cookie, "cookie");
        }
    }

    /**
     * Sticky cookie as written; {@code path} is empty when absent (translation defaults it to {@code /}).
     */
    public record Cookie(String name, boolean secure, boolean httpOnly, String sameSite, int maxAge,
                         Optional<String> path, String domain) {
        public Cookie {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sameSite, "sameSite");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(domain, "domain");
        }
    }

    /**
     * Active health check as written; durations are kept as text (a bare integer means seconds).
     */
    public record HealthCheck(String scheme, String mode, String path, String method, int status, int port,
                              String hostname, Map<String, String> headers, Optional<String> interval,
                              Optional<String> unhealthyInterval, Optional<String> timeout,
                              Optional<Boolean> followRedirects) {
        public HealthCheck {
            Objects.requireNonNull(scheme, "scheme");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(hostname, "hostname");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(unhealthyInterval, "unhealthyInterval");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(followRedirects, "followRedirects");
        }
    }

    /** Passive health check as written. */
    public record PassiveHealthCheck(Optional<Integer> maxFailedAttempts, Optional<String> failureWindow) {
        public PassiveHealthCheck {
            Objects.requireNonNull(maxFailedAttempts, "maxFailedAttempts");
            Objects.requireNonNull(failureWindow, "failureWindow");
        }
    }
}
