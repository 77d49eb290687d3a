package io.switchyard.server.admin;

import io.switchyard.domain.config.DynamicConfig;
import io.switchyard.domain.config.FailoverService;
import io.switchyard.domain.config.HighestRandomWeightService;
import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.config.MirroringService;
import io.switchyard.domain.config.RouterConfig;
import io.switchyard.domain.config.ServerConfig;
import io.switchyard.domain.config.ServiceConfig;
import io.switchyard.domain.config.WeightedService;
import io.switchyard.ports.runtime.RoutingRuntime;
import io.switchyard.ports.runtime.RuntimeDiagnostic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The runtime's current configuration as Traefik's API presents it: every router and service under
 * its qualified name, with a status ({@code enabled}, {@code warning}, {@code disabled}), the
 * errors behind it, the entry points a router is used on, the routers using a service, and the
 * UP/DOWN state of a load balancer's servers.
 */
final class RuntimeView {
    static final String ENABLED = "enabled";
    static final String WARNING = "warning";
    static final String DISABLED = "disabled";

    final DynamicConfig config;
    final String provider;
    final List<String> entryPoints;
    final List<RuntimeDiagnostic> diagnostics;
    final Map<String, RouterInfo> routers = new TreeMap<>();
    final Map<String, ServiceInfo> services = new TreeMap<>();

    /** One router: provider key, configuration and runtime status. */
    record RouterInfo(String name, String key, RouterConfig config, String status, List<String> errors,
                      List<String> using) {
        /** The qualified name of the service the router refers to. */
        String service(String provider) {
            return qualify(config.service(), provider);
        }
    }

    /** One service: provider key, configuration and runtime status. */
    record ServiceInfo(String name, String key, ServiceConfig config, String status, List<String> errors,
                       List<String> usedBy, Map<String, String> serverStatus) {
    }

    private RuntimeView(RoutingRuntime runtime) {
        this.config = runtime.config();
        this.diagnostics = runtime.diagnostics();
        this.provider = runtime.settings().provider();
        this.entryPoints = List.copyOf(runtime.settings().entryPoints().keySet());
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (RuntimeDiagnostic d : diagnostics) {
            errors.computeIfAbsent(d.object(), k -> new ArrayList<>()).add(d.message());
        }
        Map<String, TreeSet<String>> usedBy = new TreeMap<>();
        config.routers().forEach((key, router) -> {
            String name = key + "@" + provider;
            List<String> errs = new ArrayList<>(errors.getOrDefault("router " + name, List.of()));
            TreeSet<String> using = new TreeSet<>();
            for (String ep : router.entryPoints().isEmpty() ? entryPoints : router.entryPoints()) {
                if (entryPoints.contains(ep)) {
                    using.add(ep);
                }
            }
            String status = ENABLED;
            if (using.isEmpty()) {
                errs.add("no valid entryPoint for this router");
                status = DISABLED;
            } else if (!errs.isEmpty()) {
                // A missing entry point only warns while the router still serves others (Traefik).
                status = errs.stream().allMatch(m -> m.startsWith("entry point ")) ? WARNING : DISABLED;
            }
            routers.put(name, new RouterInfo(name, key, router, status, List.copyOf(errs), List.copyOf(using)));
            if (!router.service().isEmpty()) {
                usedBy.computeIfAbsent(qualify(router.service(), provider), k -> new TreeSet<>()).add(name);
            }
        });
        config.services().forEach((key, service) -> {
            String name = key + "@" + provider;
            List<String> errs = errors.getOrDefault("service " + name, List.of());
            Map<String, String> serverStatus = new TreeMap<>();
            if (service instanceof LoadBalancerService lb) {
                for (ServerConfig server : lb.servers()) {
                    runtime.states().find(name, server.url())
                            .ifPresent(s -> serverStatus.put(server.url(), s.up() ? "UP" : "DOWN"));
                }
            }
            services.put(name, new ServiceInfo(name, key, service, errs.isEmpty() ? ENABLED : DISABLED,
                    List.copyOf(errs), List.copyOf(usedBy.getOrDefault(name, new TreeSet<>())), serverStatus));
        });
    }

    static RuntimeView of(RoutingRuntime runtime) {
        return new RuntimeView(runtime);
    }

    /** {@code reference} with the provider suffix added when it has none. */
    static String qualify(String reference, String provider) {
        return reference.indexOf('@') >= 0 ? reference : reference + "@" + provider;
    }

    Optional<RouterInfo> router(String name) {
        return Optional.ofNullable(routers.get(name));
    }

    Optional<ServiceInfo> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    /** Traefik's service {@code type}: the lower-cased kind, e.g. {@code loadbalancer}. */
    static String type(ServiceConfig service) {
        return switch (service) {
            case LoadBalancerService lb -> "loadbalancer";
            case WeightedService w -> "weighted";
            case MirroringService m -> "mirroring";
            case FailoverService f -> "failover";
            case HighestRandomWeightService h -> "highestrandomweight";
        };
    }
}
