package io.switchyard.domain.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Failover (spec: balancing.md §2.10): requests go to {@code service} unless it is down or answers
 * a status in {@code errors}, then to {@code fallback}.
 */
public record FailoverService(String service, String fallback, Optional<Errors> errors) implements ServiceConfig {
    public FailoverService {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(errors, "errors");
    }

    /**
     * Status ranges that trigger the fallback ({@code "500-599"}, {@code "429"}) and the largest
     * request body buffered for a retry on the fallback (unset means unlimited).
     */
    public record Errors(List<String> status, OptionalLong maxRequestBodyBytes) {
        public Errors {
            status = List.copyOf(status);
            Objects.requireNonNull(maxRequestBodyBytes, "maxRequestBodyBytes");
        }
    }
}
