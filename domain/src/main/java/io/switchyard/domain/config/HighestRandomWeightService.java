package io.switchyard.domain.config;

import java.util.List;

/** Rendezvous hashing on the client IP over services (spec: balancing.md §2.6, §2.8). */
public record HighestRandomWeightService(List<ServiceRef> services) implements ServiceConfig {
    public HighestRandomWeightService {
        services = List.copyOf(services);
    }
}
