/**
 * The operators' view: the admin listener (Traefik-shaped API, {@code /ping}, {@code /ready},
 * Prometheus {@code /metrics}, the dashboard), request metrics with Traefik's names and labels,
 * and the asynchronous access log. {@link io.switchyard.server.admin.Operations} is the one type
 * the composition root wires.
 */
package io.switchyard.server.admin;
