package io.switchyard.domain.cluster;

import java.util.List;
import java.util.Objects;

/**
 * A core {@code Service}.
 *
 * @param metadata     name and namespace
 * @param type         {@code ClusterIP} (also when absent), {@code NodePort}, {@code LoadBalancer},
 *                     {@code ExternalName}
 * @param clusterIP    {@code spec.clusterIP}: an address, {@code None} (headless) or empty
 * @param ports        {@code spec.ports}, in order
 * @param externalName {@code spec.externalName}
 */
public record Service(ObjectMeta metadata, String type, String clusterIP, List<Port> ports, String externalName)
        implements KubeObject {

    /** The type of a Service whose type is not given. */
    public static final String CLUSTER_IP = "ClusterIP";
    /** The ExternalName type. */
    public static final String EXTERNAL_NAME = "ExternalName";
    /** The NodePort type. */
    public static final String NODE_PORT = "NodePort";

    public Service {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(clusterIP, "clusterIP");
        ports = List.copyOf(ports);
        Objects.requireNonNull(externalName, "externalName");
    }

    /** A ClusterIP Service with these ports. */
    public static Service clusterIP(ObjectMeta metadata, String clusterIP, List<Port> ports) {
        return new Service(metadata, CLUSTER_IP, clusterIP, ports, "");
    }

    /** An ExternalName Service. */
    public static Service externalName(ObjectMeta metadata, String externalName, List<Port> ports) {
        return new Service(metadata, EXTERNAL_NAME, "", ports, externalName);
    }

    @Override
    public String kind() {
        return "Service";
    }

    /** Whether this is an ExternalName Service. */
    public boolean isExternalName() {
        return EXTERNAL_NAME.equals(type);
    }

    /**
     * One Service port.
     *
     * @param name     port name; empty when unnamed
     * @param port     the Service port
     * @param nodePort the node port (NodePort Services)
     */
    public record Port(String name, int port, int nodePort) {
        public Port {
            Objects.requireNonNull(name, "name");
        }

        /** A port with a name and number, no node port. */
        public static Port of(String name, int port) {
            return new Port(name, port, 0);
        }
    }
}
