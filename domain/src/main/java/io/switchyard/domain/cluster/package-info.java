/**
 * The cluster snapshot: records shaped like the Kubernetes objects Switchyard reads (Traefik's
 * IngressRoute, TraefikService, ServersTransport, Middleware and TLSOption; core Service,
 * EndpointSlice, Node, Secret, ConfigMap). Sources fill it; translation reads it. Only the fields
 * translation needs are kept; presence is kept where Traefik tells "absent" from "zero" apart
 * ({@code Optional}), and a port reference keeps "number or name" ({@link io.switchyard.domain.cluster.PortRef}).
 */
package io.switchyard.domain.cluster;
