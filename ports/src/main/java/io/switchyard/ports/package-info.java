/**
 * The hexagon's edge. Driven ports are what the core needs from the outside world
 * ({@code discovery.ClusterSource}, {@code upstream.Upstream}); driving ports are how the outside
 * world uses the core ({@code exchange.RequestHandler}); {@code runtime} holds the application
 * services behind them. Depends on the domain and the JDK only. Ports are synchronous: callers run on
 * virtual threads.
 */
package io.switchyard.ports;
