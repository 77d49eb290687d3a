package io.switchyard.ports.health;

import io.switchyard.domain.config.HealthCheckConfig;
import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.http.ServerAddress;

/**
 * Driven port: probes one server once, synchronously (spec: healthcheck.md §3.4 for HTTP, §3.5
 * for gRPC).
 *
 * <p>Implementations are thread-safe, never throw for a failed probe (every failure is an
 * unhealthy {@link ProbeResult}) and return within about {@link HealthCheckConfig#effectiveTimeout()}.
 */
public interface HealthProbe {

    /**
     * Probes {@code server} as {@code check} says.
     *
     * @param server        the server as configured (its URL is the member name)
     * @param check         what to probe and how to judge the answer
     * @param transportName the service's servers transport name; empty for the default
     * @param transport     the service's servers transport settings (TLS, HTTP/2)
     * @return healthy or not, with a reason for the log
     */
    ProbeResult probe(ServerAddress server, HealthCheckConfig check, String transportName,
                      ServersTransportConfig transport);
}
