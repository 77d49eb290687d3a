/**
 * The discovery SPI: where cluster snapshots come from. Public API — users plug their own source of
 * routes in by implementing {@link io.switchyard.ports.discovery.ClusterSourceProvider} and
 * registering it with {@link java.util.ServiceLoader}.
 */
package io.switchyard.ports.discovery;
