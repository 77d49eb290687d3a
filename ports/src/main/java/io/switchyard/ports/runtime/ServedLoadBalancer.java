package io.switchyard.ports.runtime;

import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.http.ServerAddress;
import java.util.Map;
import java.util.Objects;

/**
 * A servers load balancer of the configuration being served: only services that routers actually
 * reach are listed (spec: healthcheck.md §3.1, checkers exist only for instantiated services).
 *
 * @param service       the qualified service name ({@code key@provider}), as used by
 *                      {@link ServerStates}
 * @param config        the load balancer's configuration (health checks, strategy, …)
 * @param servers       server URL (the member name) to its parsed address; duplicates removed
 * @param transportName the qualified servers transport name; empty for the default transport
 * @param transport     the servers transport settings
 */
public record ServedLoadBalancer(String service, LoadBalancerService config, Map<String, ServerAddress> servers,
                                 String transportName, ServersTransportConfig transport) {
    public ServedLoadBalancer {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(config, "config");
        servers = Map.copyOf(servers);
        Objects.requireNonNull(transportName, "transportName");
        Objects.requireNonNull(transport, "transport");
    }
}
