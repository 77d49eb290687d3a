package io.switchyard.domain.config;

import java.util.Objects;

/**
 * A weighted reference to a child service, by name as written in the configuration (unqualified
 * names are completed with the holder's provider at runtime).
 */
public record ServiceRef(String name, int weight) {
    public ServiceRef {
        Objects.requireNonNull(name, "name");
    }
}
