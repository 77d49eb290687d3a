package io.switchyard.adapters.http.health;

import io.switchyard.domain.config.GoDuration;
import io.switchyard.domain.config.HealthCheckConfig;
import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.config.ServersTransportConfig.ForwardingTimeouts;
import io.switchyard.domain.http.ServerAddress;
import io.switchyard.ports.health.HealthProbe;
import io.switchyard.ports.health.ProbeResult;
import io.switchyard.ports.upstream.Upstream;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The health probe port over the upstream port (in production {@code HelidonUpstream}): HTTP probes
 * (spec: healthcheck.md §3.4) go through the service's servers transport, so TLS settings, HTTP/2
 * over ALPN and h2c are exactly those of the service's traffic; gRPC probes (§3.5) speak the
 * standard health protocol over HTTP/2.
 *
 * <p>The whole probe — every redirect hop included — is bounded by the check's timeout: it runs on
 * a virtual thread of its own which is interrupted when the deadline passes. Probes use transport
 * settings whose dial and response-header timeouts are capped at the check's timeout, which gives
 * them a connection pool apart from the traffic's (same TLS and protocol settings).
 *
 * <p>Requests carry {@code Host} and the configured headers only: no {@code User-Agent} or
 * {@code Accept-Encoding} is added (Go adds its own; the spec calls them not contractual).
 */
public final class HttpHealthProbe implements HealthProbe {
    private final Upstream upstream;

    /** Probes through {@code upstream}. */
    public HttpHealthProbe(Upstream upstream) {
        this.upstream = Objects.requireNonNull(upstream, "upstream");
    }

    @Override
    public ProbeResult probe(ServerAddress server, HealthCheckConfig check, String transportName,
                             ServersTransportConfig transport) {
        Duration timeout = check.effectiveTimeout();
        FutureTask<ProbeResult> task = new FutureTask<>(() -> check.grpc()
                ? GrpcCheck.run(upstream, server, check, transportName, transport, timeout)
                : HttpCheck.run(upstream, server, check, transportName, bounded(transport, timeout)));
        Thread.ofVirtual().name("switchyard-health-probe").start(task);
        try {
            return task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            return ProbeResult.unhealthy(where(server, check) + ": no answer within the timeout of "
                    + GoDuration.format(timeout));
        } catch (ExecutionException e) {
            return ProbeResult.unhealthy(where(server, check) + ": " + e.getCause());
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            return ProbeResult.unhealthy(where(server, check) + ": interrupted");
        }
    }

    private static String where(ServerAddress server, HealthCheckConfig check) {
        return (check.grpc() ? "gRPC health check of " : "") + server.scheme() + "://" + server.authority();
    }

    /** {@code transport} with dial and response-header timeouts no longer than {@code timeout}. */
    static ServersTransportConfig bounded(ServersTransportConfig transport, Duration timeout) {
        ForwardingTimeouts t = transport.forwardingTimeouts().orElse(ForwardingTimeouts.DEFAULTS);
        ForwardingTimeouts capped = new ForwardingTimeouts(cap(t.dialTimeout(), timeout),
                cap(t.responseHeaderTimeout(), timeout), t.idleConnTimeout(), t.readIdleTimeout(), t.pingTimeout());
        return new ServersTransportConfig(transport.serverName(), transport.insecureSkipVerify(), transport.rootCAs(),
                transport.certificates(), transport.maxIdleConnsPerHost(), Optional.of(capped),
                transport.disableHTTP2(), transport.peerCertURI(), transport.peerCertSANs(), transport.cipherSuites(),
                transport.minVersion(), transport.maxVersion(), transport.spiffe());
    }

    /** {@code transport} with HTTP/2 allowed (gRPC needs it whatever the service's setting). */
    static ServersTransportConfig withHttp2(ServersTransportConfig transport) {
        return new ServersTransportConfig(transport.serverName(), transport.insecureSkipVerify(), transport.rootCAs(),
                transport.certificates(), transport.maxIdleConnsPerHost(), transport.forwardingTimeouts(), false,
                transport.peerCertURI(), transport.peerCertSANs(), transport.cipherSuites(), transport.minVersion(),
                transport.maxVersion(), transport.spiffe());
    }

    private static Duration cap(Duration configured, Duration timeout) {
        return configured.isZero() || configured.compareTo(timeout) > 0 ? timeout : configured;
    }
}
