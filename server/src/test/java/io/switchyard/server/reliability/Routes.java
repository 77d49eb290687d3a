package io.switchyard.server.reliability;

import io.switchyard.domain.config.DynamicConfig;
import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.config.RouterConfig;
import io.switchyard.domain.config.ServerConfig;
import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.config.ServiceConfig;
import io.switchyard.server.Switchyard;
import io.switchyard.server.http.EntryPointBinding;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fixed dynamic configuration for the reliability tests, and a Switchyard serving it on {@code web}. */
final class Routes {
    private final Map<String, RouterConfig> routers = new LinkedHashMap<>();
    private final Map<String, ServiceConfig> services = new LinkedHashMap<>();
    private final Map<String, ServersTransportConfig> transports = new LinkedHashMap<>();

    Routes route(String name, String rule, String service) {
        routers.put(name, RouterConfig.of(rule, List.of("web"), service));
        return this;
    }

    Routes service(String name, String... urls) {
        return service(name, LoadBalancerService.of(Arrays.stream(urls).map(ServerConfig::of).toList()));
    }

    Routes service(String name, LoadBalancerService lb) {
        services.put(name, lb);
        return this;
    }

    Routes transport(String name, ServersTransportConfig transport) {
        transports.put(name, transport);
        return this;
    }

    DynamicConfig build() {
        return new DynamicConfig(routers, services, transports);
    }

    /** Settings for a Switchyard on 127.0.0.1, any port, serving this configuration; add to them, then build. */
    Switchyard.Settings.Builder settings() {
        return Switchyard.Settings.builder()
                .entryPoints(List.of(new EntryPointBinding("web", "127.0.0.1", 0)))
                .fixed(build())
                .gracePeriod(Duration.ofSeconds(2));
    }
}
