package io.switchyard.domain.cluster;

import java.util.Objects;

/**
 * A reference by name to another object, with an optional namespace (empty means "the referencing
 * object's namespace"). Used for middlewares, TLS options and parent IngressRoutes.
 */
public record ObjectRef(String name, String namespace) {
    public ObjectRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(namespace, "namespace");
    }

    /** A reference without namespace. */
    public static ObjectRef of(String name) {
        return new ObjectRef(name, "");
    }
}
