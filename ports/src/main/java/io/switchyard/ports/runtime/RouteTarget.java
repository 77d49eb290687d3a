package io.switchyard.ports.runtime;

/** What a matched router leads to: its qualified name and its compiled service. */
record RouteTarget(String routerName, ServiceNode service) {
}
