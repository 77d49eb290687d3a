package io.switchyard.server;

import io.switchyard.domain.config.DynamicConfig;
import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.config.RouterConfig;
import io.switchyard.domain.config.ServerConfig;
import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.config.ServiceConfig;
import io.switchyard.server.http.EntryPointBinding;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds a fixed dynamic configuration for end-to-end tests and starts Switchyard on it. */
final class TestRoutes {
    private final Map<String, RouterConfig> routers = new LinkedHashMap<>();
    private final Map<String, ServiceConfig> services = new LinkedHashMap<>();
    private final Map<String, ServersTransportConfig> transports = new LinkedHashMap<>();

    /** A router on {@code entryPoints} (all when none) to {@code service}. */
    TestRoutes route(String name, String rule, String service, String... entryPoints) {
        routers.put(name, RouterConfig.of(rule, List.of(entryPoints), service));
        return this;
    }

    /** A router served only to TLS connections (an IngressRoute with {@code tls}). */
    TestRoutes tlsRoute(String name, String rule, String service, String... entryPoints) {
        RouterConfig plain = RouterConfig.of(rule, List.of(entryPoints), service);
        routers.put(name, new RouterConfig(plain.rule(), 0, "", plain.entryPoints(), List.of(), service, List.of(),
                Optional.of(new RouterConfig.RouterTls("", "", List.of())), Optional.empty()));
        return this;
    }

    /** A load balancer with Traefik's defaults over {@code urls}. */
    TestRoutes service(String name, String... urls) {
        return service(name, LoadBalancerService.of(List.of(urls).stream().map(ServerConfig::of).toList()));
    }

    TestRoutes service(String name, LoadBalancerService lb) {
        services.put(name, lb);
        return this;
    }

    TestRoutes transport(String name, ServersTransportConfig transport) {
        transports.put(name, transport);
        return this;
    }

    DynamicConfig build() {
        return new DynamicConfig(routers, services, transports);
    }

    /** Starts Switchyard serving this configuration on {@code entryPoints}. */
    Switchyard start(List<EntryPointBinding> entryPoints) {
        return Switchyard.start(Switchyard.Settings.builder()
                .entryPoints(entryPoints)
                .fixed(build())
                .gracePeriod(Duration.ofSeconds(1))
                .build());
    }

    /** A load balancer with passHostHeader, flush interval and transport given. */
    static LoadBalancerService lb(String url, boolean passHostHeader, Duration flushInterval, String transport) {
        LoadBalancerService d = LoadBalancerService.of(List.of(ServerConfig.of(url)));
        return new LoadBalancerService(d.servers(), d.strategy(), passHostHeader, flushInterval, Optional.empty(),
                Optional.empty(), Optional.empty(), transport);
    }

    /** The default transport with another response header timeout. */
    static ServersTransportConfig headerTimeout(Duration timeout) {
        ServersTransportConfig d = ServersTransportConfig.DEFAULT;
        var t = ServersTransportConfig.ForwardingTimeouts.DEFAULTS;
        return new ServersTransportConfig(d.serverName(), d.insecureSkipVerify(), d.rootCAs(), d.certificates(),
                d.maxIdleConnsPerHost(), Optional.of(new ServersTransportConfig.ForwardingTimeouts(t.dialTimeout(),
                        timeout, t.idleConnTimeout(), t.readIdleTimeout(), t.pingTimeout())),
                d.disableHTTP2(), d.peerCertURI(), d.peerCertSANs(), d.cipherSuites(), d.minVersion(),
                d.maxVersion(), d.spiffe());
    }
}
