package io.switchyard.ports.runtime;

import io.switchyard.domain.config.DynamicConfig;
import io.switchyard.domain.config.HealthCheckConfig;
import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.config.RouterConfig;
import io.switchyard.domain.config.ServerConfig;
import io.switchyard.domain.config.ServiceConfig;
import io.switchyard.domain.config.StickyCookie;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;

/** Builders for service-tree tests: one router {@code Host(`a.test`)} → service {@code svc}. */
final class Trees {
    static final String SUFFIX = "@kubernetescrd";

    private Trees() {
    }

    static LoadBalancerService lb(String... urls) {
        return LoadBalancerService.of(Arrays.stream(urls).map(ServerConfig::of).toList());
    }

    static LoadBalancerService stickyLb(String... urls) {
        return lb(urls).withSticky(Optional.of(StickyCookie.defaults()));
    }

    static LoadBalancerService checkedLb(String... urls) {
        LoadBalancerService lb = lb(urls);
        HealthCheckConfig hc = new HealthCheckConfig("", "", "/health", "", 0, 0, "", Map.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        return new LoadBalancerService(lb.servers(), lb.strategy(), lb.passHostHeader(), lb.flushInterval(),
                lb.sticky(), Optional.of(hc), Optional.empty(), "");
    }

    /** One router on {@code a.test} to {@code svc}, with these services. */
    static DynamicConfig config(Map<String, ServiceConfig> services) {
        return new DynamicConfig(Map.of("r", RouterConfig.of("Host(`a.test`)", List.of("web"), "svc")), services,
                Map.of());
    }

    static RoutingRuntime runtime(ScriptedUpstream upstream) {
        return runtime(upstream, settings());
    }

    static RoutingRuntime runtime(ScriptedUpstream upstream, RuntimeSettings settings) {
        return new RoutingRuntime(upstream, settings, new Random(42));
    }

    static RuntimeSettings settings() {
        return RuntimeSettings.of(List.of("web"), "proxy");
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(2);
        }
    }
}
