package io.switchyard.domain.translate;

import io.switchyard.domain.cluster.EndpointSlice;
import io.switchyard.domain.cluster.IngressRoute;
import io.switchyard.domain.cluster.ObjectMeta;
import io.switchyard.domain.cluster.PortRef;
import io.switchyard.domain.cluster.Service;
import io.switchyard.domain.cluster.ServiceReference;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small factories for the cluster objects the translation tests use. */
final class ClusterObjects {
    private ClusterObjects() {
    }

    static Service service(String ns, String name, Service.Port... ports) {
        return Service.clusterIP(ObjectMeta.of(ns, name), "10.96.0.10", List.of(ports));
    }

    static EndpointSlice slice(String ns, String service, String sliceName, String portName, int port,
                               String... addresses) {
        return slice(ns, service, sliceName, Optional.empty(), portName, port,
                List.of(new EndpointSlice.Endpoint(List.of(addresses), EndpointSlice.Conditions.NONE)));
    }

    static EndpointSlice slice(String ns, String service, String sliceName, Optional<Instant> created,
                               String portName, int port, List<EndpointSlice.Endpoint> endpoints) {
        ObjectMeta meta = new ObjectMeta(sliceName, "", ns, Map.of(EndpointSlice.SERVICE_NAME_LABEL, service),
                Map.of(), created);
        return new EndpointSlice(meta, "IPv4", List.of(EndpointSlice.Port.of(portName, port)), endpoints);
    }

    static EndpointSlice.Endpoint endpoint(Boolean serving, Boolean terminating, String... addresses) {
        return new EndpointSlice.Endpoint(Arrays.asList(addresses), new EndpointSlice.Conditions(Optional.empty(),
                Optional.ofNullable(serving), Optional.ofNullable(terminating)));
    }

    static IngressRoute ingressRoute(String ns, String name, String match, ServiceReference... services) {
        return IngressRoute.of(ObjectMeta.of(ns, name), List.of("web"),
                List.of(IngressRoute.Route.of(match, List.of(services))));
    }

    static ServiceReference ref(String name, int port) {
        return ServiceReference.of(name, PortRef.of(port));
    }

    static ServiceReference ref(String name, String portName) {
        return ServiceReference.of(name, PortRef.named(portName));
    }
}
