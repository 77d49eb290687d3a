package io.switchyard.domain.cluster;

import java.util.List;
import java.util.Objects;

/** A cluster {@code Node}: only its addresses ({@code status.addresses}). */
public record Node(ObjectMeta metadata, List<Address> addresses) implements KubeObject {
    public Node {
        Objects.requireNonNull(metadata, "metadata");
        addresses = List.copyOf(addresses);
    }

    @Override
    public String kind() {
        return "Node";
    }

    @Override
    public boolean namespaced() {
        return false;
    }

    /** A node address: type ({@code InternalIP}, {@code ExternalIP}, {@code Hostname}, …) and value. */
    public record Address(String type, String address) {
        public Address {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(address, "address");
        }
    }
}
