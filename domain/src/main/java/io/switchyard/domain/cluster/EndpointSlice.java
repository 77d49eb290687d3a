package io.switchyard.domain.cluster;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code discovery.k8s.io/v1} EndpointSlice. Its Service is named by the label
 * {@value #SERVICE_NAME_LABEL}.
 *
 * @param metadata    name, namespace, labels, creation timestamp
 * @param addressType {@code IPv4}, {@code IPv6} or {@code FQDN} (not filtered by translation)
 * @param ports       slice ports; name and port may each be absent (null in Kubernetes)
 * @param endpoints   endpoints
 */
public record EndpointSlice(ObjectMeta metadata, String addressType, List<Port> ports, List<Endpoint> endpoints)
        implements KubeObject {

    /** The label naming the owning Service. */
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    public EndpointSlice {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(addressType, "addressType");
        ports = List.copyOf(ports);
        endpoints = List.copyOf(endpoints);
    }

    @Override
    public String kind() {
        return "EndpointSlice";
    }

    /** The owning Service's name, from the label; empty when unlabelled. */
    public String serviceName() {
        return metadata.labels().getOrDefault(SERVICE_NAME_LABEL, "");
    }

    /** A slice port; Kubernetes allows both fields to be null. */
    public record Port(Optional<String> name, Optional<Integer> port) {
        public Port {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(port, "port");
        }

        /** A port with a name and a number. */
        public static Port of(String name, int port) {
            return new Port(Optional.of(name), Optional.of(port));
        }
    }

    /** An endpoint: its addresses and conditions. */
    public record Endpoint(List<String> addresses, Conditions conditions) {
        public Endpoint {
            addresses = List.copyOf(addresses);
            Objects.requireNonNull(conditions, "conditions");
        }
    }

    /** Endpoint conditions; each is true, false or absent. */
    public record Conditions(Optional<Boolean> ready, Optional<Boolean> serving, Optional<Boolean> terminating) {
        /** No condition given. */
        public static final Conditions NONE = new Conditions(Optional.empty(), Optional.empty(), Optional.empty());

        public Conditions {
            Objects.requireNonNull(ready, "ready");
            Objects.requireNonNull(serving, "serving");
            Objects.requireNonNull(terminating, "terminating");
        }
    }
}
