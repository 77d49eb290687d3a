package io.switchyard.domain.translate;

import io.switchyard.domain.cluster.ClusterSnapshot;
import io.switchyard.domain.cluster.ConfigMap;
import io.switchyard.domain.cluster.EndpointSlice;
import io.switchyard.domain.cluster.IngressRoute;
import io.switchyard.domain.cluster.KubeObject;
import io.switchyard.domain.cluster.Middleware;
import io.switchyard.domain.cluster.Node;
import io.switchyard.domain.cluster.Secret;
import io.switchyard.domain.cluster.ServersTransport;
import io.switchyard.domain.cluster.Service;
import io.switchyard.domain.cluster.TraefikService;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the provider "sees" of a snapshot: objects outside the watched namespaces and custom
 * resources not matching the label selector are gone; lookups by namespace and name.
 */
final class ClusterIndex {
    private final List<IngressRoute> ingressRoutes = new ArrayList<>();
    private final List<TraefikService> traefikServices = new ArrayList<>();
    private final List<ServersTransport> serversTransports = new ArrayList<>();
    private final List<Middleware> middlewares = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Service> services = new HashMap<>();
    private final Map<String, Secret> secrets = new HashMap<>();
    private final Map<String, ConfigMap> configMaps = new HashMap<>();
    private final Map<String, IngressRoute> ingressRoutesByName = new HashMap<>();
    private final Map<String, List<EndpointSlice>> slices = new HashMap<>();

    private static final Comparator<EndpointSlice> SLICE_ORDER = Comparator
            .comparing((EndpointSlice s) -> s.metadata().creationTimestamp().orElse(Instant.MIN))
            .thenComparing(s -> s.metadata().name());

    ClusterIndex(ClusterSnapshot snapshot, ProviderOptions options) {
        LabelSelector selector = LabelSelector.parse(options.labelSelector());
        for (KubeObject object : snapshot.objects()) {
            if (object.namespaced() && !options.watches(object.metadata().namespace())) {
                continue;
            }
            if (object.custom() && !selector.matches(object.metadata().labels())) {
                continue;
            }
            String key = key(object.metadata().namespace(), object.metadata().name());
            switch (object) {
                case IngressRoute ir -> {
                    ingressRoutes.add(ir);
                    ingressRoutesByName.put(key, ir);
                }
                case TraefikService ts -> traefikServices.add(ts);
                case ServersTransport st -> serversTransports.add(st);
                case Middleware mw -> middlewares.add(mw);
                case Service svc -> services.put(key, svc);
                case EndpointSlice slice -> slices.computeIfAbsent(
                        key(slice.metadata().namespace(), slice.serviceName()), k -> new ArrayList<>()).add(slice);
                case Node node -> {
                    if (!options.disableClusterScopeResources()) {
                        nodes.add(node);
                    }
                }
                case Secret secret -> secrets.put(key, secret);
                case ConfigMap cm -> configMaps.put(key, cm);
                case io.switchyard.domain.cluster.TLSOption ignored -> {
                    // only referenced by name; existence is not checked at translation
                }
            }
        }
        slices.values().forEach(list -> list.sort(SLICE_ORDER));
    }

    private static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    List<IngressRoute> ingressRoutes() {
        return ingressRoutes;
    }

    List<TraefikService> traefikServices() {
        return traefikServices;
    }

    List<ServersTransport> serversTransports() {
        return serversTransports;
    }

    List<Middleware> middlewares() {
        return middlewares;
    }

    List<Node> nodes() {
        return nodes;
    }

    Optional<Service> service(String namespace, String name) {
        return Optional.ofNullable(services.get(key(namespace, name)));
    }

    Optional<IngressRoute> ingressRoute(String namespace, String name) {
        return Optional.ofNullable(ingressRoutesByName.get(key(namespace, name)));
    }

    /** The Service's EndpointSlices by creation time, then name. */
    List<EndpointSlice> endpointSlices(String namespace, String serviceName) {
        return slices.getOrDefault(key(namespace, serviceName), List.of());
    }

    Optional<Secret> secret(String namespace, String name) {
        return Optional.ofNullable(secrets.get(key(namespace, name)));
    }

    Optional<ConfigMap> configMap(String namespace, String name) {
        return Optional.ofNullable(configMaps.get(key(namespace, name)));
    }
}
