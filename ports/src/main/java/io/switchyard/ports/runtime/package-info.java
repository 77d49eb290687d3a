/**
 * The routing runtime: compiles a {@link io.switchyard.domain.config.DynamicConfig} into an
 * immutable routing table and service tree, swaps it atomically, and serves each request through
 * it (route, pick, forward, relay). Per-server state (health, in-flight counts) lives in a registry
 * that survives swaps.
 */
package io.switchyard.ports.runtime;
