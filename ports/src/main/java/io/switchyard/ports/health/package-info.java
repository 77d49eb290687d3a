/**
 * Active health checks (spec: healthcheck.md §3): the {@link io.switchyard.ports.health.HealthProbe}
 * port that probes one server once, and {@link io.switchyard.ports.health.HealthChecks}, which runs
 * the checkers of the served configuration on a shared timer and sets each server's status in the
 * routing runtime's {@link io.switchyard.ports.runtime.ServerStates}.
 */
package io.switchyard.ports.health;
