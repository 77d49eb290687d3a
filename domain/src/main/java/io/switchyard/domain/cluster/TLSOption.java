package io.switchyard.domain.cluster;

import java.util.Objects;

/** Traefik's {@code TLSOption}, only its identity (routers reference it by name). */
public record TLSOption(ObjectMeta metadata) implements KubeObject {
    public TLSOption {
        Objects.requireNonNull(metadata, "metadata");
    }

    @Override
    public String kind() {
        return "TLSOption";
    }

    @Override
    public boolean custom() {
        return true;
    }
}
