/**
 * The Kubernetes discovery source: informers (LIST then WATCH, official Java client) on Traefik's
 * IngressRoute, TraefikService, ServersTransport and Middleware and on core Service, EndpointSlice,
 * Node, Secret and ConfigMap, mapped into cluster records by the manifest mapping
 * ({@link io.switchyard.adapters.k8s.manifest.ManifestLoader#fromTree}), throttled into snapshots
 * ({@link io.switchyard.adapters.k8s.informer.KubernetesClusterSource}), registered as the
 * {@code kubernetes} source ({@link io.switchyard.adapters.k8s.informer.KubernetesSourceProvider}).
 */
package io.switchyard.adapters.k8s.informer;
