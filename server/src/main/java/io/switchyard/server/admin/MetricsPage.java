package io.switchyard.server.admin;

import io.switchyard.domain.config.DynamicConfig;
import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.config.ServerConfig;
import io.switchyard.ports.runtime.RoutingRuntime;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code /metrics} page: Traefik's metric names and labels in Prometheus text format — config
 * reloads, request counts and durations per entry point, router and service, and the UP state of
 * every load-balanced server — plus Switchyard's own access log drop counter.
 */
final class MetricsPage {
    private final RoutingRuntime runtime;
    private final Reloads reloads;
    private final TrafficMetrics metrics;
    private final Optional<AccessLog> accessLog;

    MetricsPage(RoutingRuntime runtime, Reloads reloads, TrafficMetrics metrics, Optional<AccessLog> accessLog) {
        this.runtime = runtime;
        this.reloads = reloads;
        this.metrics = metrics;
        this.accessLog = accessLog;
    }

    String render() {
        PrometheusText out = new PrometheusText();
        String[] none = {};
        out.help("traefik_config_reloads_total", "counter", "Config reloads");
        out.sample("traefik_config_reloads_total", none, reloads.count());
        out.help("traefik_config_last_reload_success", "gauge", "Last config reload success");
        out.sample("traefik_config_last_reload_success", none,
                reloads.lastSuccess().map(t -> t.toEpochMilli() / 1000.0).orElse(0.0));

        DynamicConfig config = runtime.config();
        String provider = runtime.settings().provider();
        metrics.render(out, config, Set.copyOf(runtime.settings().entryPoints().keySet()));

        out.help("traefik_service_server_up", "gauge", "service server is up, described by gauge value of 0 or 1.");
        new TreeMap<>(config.services()).forEach((key, service) -> {
            if (service instanceof LoadBalancerService lb) {
                String name = key + "@" + provider;
                for (ServerConfig server : lb.servers()) {
                    runtime.states().find(name, server.url()).ifPresent(state -> out.sample(
                            "traefik_service_server_up", new String[] {"service", name, "url", server.url()},
                            state.up() ? 1 : 0));
                }
            }
        });

        if (accessLog.isPresent()) {
            out.help("switchyard_accesslog_dropped_total", "counter",
                    "Access log lines dropped because the writer could not keep up.");
            out.sample("switchyard_accesslog_dropped_total", none, accessLog.get().dropped());
        }
        return out.toString();
    }
}
