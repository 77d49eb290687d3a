package io.switchyard.domain.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Passive health check (spec: balancing.md §2.11): a server is marked down after
 * {@code maxFailedAttempts} failures within {@code failureWindow}.
 */
public record PassiveHealthCheckConfig(int maxFailedAttempts, Duration failureWindow) {
    /** Defaults: one failure within 10 seconds. */
    public static final PassiveHealthCheckConfig DEFAULTS =
            new PassiveHealthCheckConfig(1, Duration.ofSeconds(10));

    public PassiveHealthCheckConfig {
        Objects.requireNonNull(failureWindow, "failureWindow");
    }
}
