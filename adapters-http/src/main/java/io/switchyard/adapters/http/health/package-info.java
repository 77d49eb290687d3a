/**
 * Health probes (spec: healthcheck.md §3.4–3.5) on the upstream port:
 * {@link io.switchyard.adapters.http.health.HttpHealthProbe} sends HTTP probes through the
 * service's servers transport and gRPC health checks over HTTP/2. Details and deviations:
 * {@code docs/health-checks.md}.
 */
package io.switchyard.adapters.http.health;
