package io.switchyard.ports.runtime;

import io.switchyard.domain.config.DynamicConfig;
import io.switchyard.domain.rule.RouteTable;
import java.util.List;
import java.util.Map;

/**
 * One applied configuration, compiled: per entry point a route table for plain and for TLS
 * requests, the service tree, and what was disabled. Immutable; swapped atomically.
 */
record CompiledRouting(DynamicConfig config,
                       Map<String, RouteTable<RouteTarget>> plain,
                       Map<String, RouteTable<RouteTarget>> secure,
                       Map<String, ServiceNode> services,
                       List<RuntimeDiagnostic> diagnostics) {

    static final CompiledRouting EMPTY = new CompiledRouting(DynamicConfig.EMPTY, Map.of(), Map.of(), Map.of(),
            List.of());
}
