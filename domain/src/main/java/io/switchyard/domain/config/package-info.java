/**
 * The dynamic configuration: routers, services and servers transports, shaped like Traefik's
 * {@code http} section so that names, defaults and serialisation line up with what Traefik users
 * see in their dashboards and metrics. Produced by {@code translate}, consumed by the routing
 * runtime. All types are immutable values.
 */
package io.switchyard.domain.config;
