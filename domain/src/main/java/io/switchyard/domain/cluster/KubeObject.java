package io.switchyard.domain.cluster;

/**
 * One Kubernetes object of a kind Switchyard reads. Exactly one of the records listed here; sources
 * map whatever they read into these, translation switches over them.
 */
public sealed interface KubeObject
        permits IngressRoute, TraefikService, ServersTransport, Middleware, TLSOption, Service, EndpointSlice,
                Node, Secret, ConfigMap {

    /** The object's kind as Kubernetes spells it, e.g. {@code IngressRoute}. */
    String kind();

    /** The object's metadata. */
    ObjectMeta metadata();

    /** Whether the object lives in a namespace (everything but {@link Node}). */
    default boolean namespaced() {
        return true;
    }

    /** Whether the object is one of Traefik's custom resources (subject to the provider's label selector). */
    default boolean custom() {
        return false;
    }

    /** {@code namespace/name} for messages. */
    default String displayName() {
        ObjectMeta m = metadata();
        return m.namespace().isEmpty() ? m.effectiveName() : m.namespace() + "/" + m.effectiveName();
    }
}
