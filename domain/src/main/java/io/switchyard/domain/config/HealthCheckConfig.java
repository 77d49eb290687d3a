package io.switchyard.domain.config;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Active health check of a load balancer (spec: healthcheck.md §3.2). Unset durations are empty and
 * take the runtime defaults (interval 30s, unhealthy interval = interval, timeout 5s).
 *
 * @param mode            {@code grpc} for the gRPC health protocol; anything else is HTTP
 * @param scheme          replaces the server URL's scheme for the probe; empty keeps it
 * @param path            relative reference resolved against the server URL
 * @param method          HTTP method; empty is GET
 * @param status          expected status; 0 means 200..399
 * @param port            replaces the probe port when non-zero
 * @param hostname        Host header of the probe when non-empty
 * @param headers         extra probe headers
 * @param interval        period for servers that are up
 * @param unhealthyInterval period for servers that are down
 * @param timeout         deadline of one probe
 * @param followRedirects follow redirects (unset means true)
 */
public record HealthCheckConfig(
        String mode,
        String scheme,
        String path,
        String method,
        int status,
        int port,
        String hostname,
        Map<String, String> headers,
        Optional<Duration> interval,
        Optional<Duration> unhealthyInterval,
        Optional<Duration> timeout,
        Optional<Boolean> followRedirects) {

    /** Default period between probes. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    /** Default deadline of one probe. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public HealthCheckConfig {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(hostname, "hostname");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(unhealthyInterval, "unhealthyInterval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(followRedirects, "followRedirects");
    }

    /** The period for servers that are up, defaulted (values ≤ 0 fall back to the default). */
    public Duration effectiveInterval() {
        return interval.filter(d -> d.isPositive()).orElse(DEFAULT_INTERVAL);
    }

    /** The period for servers that are down: the configured value, else the interval. */
    public Duration effectiveUnhealthyInterval() {
        return unhealthyInterval.filter(d -> d.isPositive()).orElse(effectiveInterval());
    }

    /** The probe deadline, defaulted. */
    public Duration effectiveTimeout() {
        return timeout.filter(d -> d.isPositive()).orElse(DEFAULT_TIMEOUT);
    }

    /** Whether this check speaks the gRPC health protocol. */
    public boolean grpc() {
        return "grpc".equals(mode);
    }
}
