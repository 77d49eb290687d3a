/**
 * The cluster snapshot: records shaped like the Kubernetes objects Switchyard reads (Traefik's
 * IngressRoute, TraefikService and ServersTransport; core Service, EndpointSlice, Node, Secret,
 * ConfigMap). Sources fill it; translation reads it. Only the fields translation needs are kept.
 */
package io.switchyard.domain.cluster;
