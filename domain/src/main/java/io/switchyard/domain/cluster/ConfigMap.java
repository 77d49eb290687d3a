package io.switchyard.domain.cluster;

import java.util.Map;
import java.util.Objects;

/** A core {@code ConfigMap}: its text data. */
public record ConfigMap(ObjectMeta metadata, Map<String, String> data) implements KubeObject {
    public ConfigMap {
        Objects.requireNonNull(metadata, "metadata");
        data = Map.copyOf(data);
    }

    @Override
    public String kind() {
        return "ConfigMap";
    }
}
