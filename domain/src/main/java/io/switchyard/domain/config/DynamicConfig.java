package io.switchyard.domain.config;

import java.util.Map;
import java.util.Objects;

/**
 * The HTTP dynamic configuration of one provider: routers, services and servers transports, keyed
 * by provider key (e.g. {@code default-whoami-80}, without the {@code @kubernetescrd} suffix).
 * Maps carry no order; consumers sort where order matters (router priority).
 */
public record DynamicConfig(
        Map<String, RouterConfig> routers,
        Map<String, ServiceConfig> services,
        Map<String, ServersTransportConfig> serversTransports) {

    /** The configuration with nothing in it. */
    public static final DynamicConfig EMPTY = new DynamicConfig(Map.of(), Map.of(), Map.of());

    public DynamicConfig {
        routers = Map.copyOf(Objects.requireNonNull(routers, "routers"));
        services = Map.copyOf(Objects.requireNonNull(services, "services"));
        serversTransports = Map.copyOf(Objects.requireNonNull(serversTransports, "serversTransports"));
    }
}
