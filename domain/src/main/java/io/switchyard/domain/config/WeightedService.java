package io.switchyard.domain.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Weighted round robin over services, optionally sticky (spec: balancing.md §2.8). */
public record WeightedService(List<ServiceRef> services, Optional<StickyCookie> sticky) implements ServiceConfig {
    public WeightedService {
        services = List.copyOf(services);
        Objects.requireNonNull(sticky, "sticky");
    }
}
