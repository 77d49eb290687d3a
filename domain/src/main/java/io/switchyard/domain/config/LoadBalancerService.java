package io.switchyard.domain.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A servers load balancer (Traefik's {@code loadBalancer} service).
 *
 * @param servers            the servers; order is not contractual
 * @param strategy           how a server is picked
 * @param passHostHeader     forward the client's Host (true) or the server's host:port (false)
 * @param flushInterval      response flush interval for known-length, non-SSE responses;
 *                           negative flushes after every write, zero never flushes periodically
 * @param sticky             the sticky cookie, if stickiness is enabled
 * @param healthCheck        the active health check, if any
 * @param passiveHealthCheck the passive health check, if any
 * @param serversTransport   servers transport reference; empty for the default transport
 * @param middlewares        service-level middleware references, in order (Traefik's
 *                           {@code service.middlewares}); empty for none
 */
public record LoadBalancerService(
        List<ServerConfig> servers,
        Strategy strategy,
        boolean passHostHeader,
        Duration flushInterval,
        Optional<StickyCookie> sticky,
        Optional<HealthCheckConfig> healthCheck,
        Optional<PassiveHealthCheckConfig> passiveHealthCheck,
        String serversTransport,
        List<String> middlewares) implements ServiceConfig {

    /** Traefik's default flush interval. */
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(100);

    public LoadBalancerService {
        servers = List.copyOf(servers);
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(sticky, "sticky");
        Objects.requireNonNull(healthCheck, "healthCheck");
        Objects.requireNonNull(passiveHealthCheck, "passiveHealthCheck");
        Objects.requireNonNull(serversTransport, "serversTransport");
        middlewares = List.copyOf(middlewares);
    }

    /** A load balancer without service-level middlewares. */
    public LoadBalancerService(List<ServerConfig> servers, Strategy strategy, boolean passHostHeader,
                               Duration flushInterval, Optional<StickyCookie> sticky,
                               Optional<HealthCheckConfig> healthCheck,
                               Optional<PassiveHealthCheckConfig> passiveHealthCheck, String serversTransport) {
        this(servers, strategy, passHostHeader, flushInterval, sticky, healthCheck, passiveHealthCheck,
                serversTransport, List.of());
    }

    /** A load balancer with Traefik's defaults (wrr, pass host, 100ms flush) over these servers. */
    public static LoadBalancerService of(List<ServerConfig> servers) {
        return new LoadBalancerService(servers, Strategy.WRR, true, DEFAULT_FLUSH_INTERVAL,
                Optional.empty(), Optional.empty(), Optional.empty(), "");
    }

    public LoadBalancerService withServers(List<ServerConfig> servers) {
        return new LoadBalancerService(servers, strategy, passHostHeader, flushInterval, sticky,
                healthCheck, passiveHealthCheck, serversTransport, middlewares);
    }

    public LoadBalancerService withSticky(Optional<StickyCookie> sticky) {
        return new LoadBalancerService(servers, strategy, passHostHeader, flushInterval, sticky,
                healthCheck, passiveHealthCheck, serversTransport, middlewares);
    }
}
