package io.switchyard.domain.translate;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Something translation reports about one object: an error (the object, or one of its routes, was
 * dropped or partly ignored) or a warning (a deprecated or suspicious form that still works).
 *
 * @param severity   error or warning
 * @param objectKind the kind of the object concerned, e.g. {@code IngressRoute}
 * @param namespace  its namespace (empty for cluster-scoped objects)
 * @param name       its name
 * @param route      the route's position in {@code spec.routes}, counted from 1 as people do, when the
 *                   diagnostic concerns one route
 * @param message    what happened, in plain words
 */
public record Diagnostic(Severity severity, String objectKind, String namespace, String name, OptionalInt route,
                         String message) {

    /** How bad it is. */
    public enum Severity {
        /** Something was dropped or ignored. */
        ERROR,
        /** Translated, but deprecated or doubtful. */
        WARNING
    }

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(objectKind, "objectKind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(message, "message");
        if (route.isPresent() && route.getAsInt() < 1) {
            throw new IllegalArgumentException("route: " + route.getAsInt() + " (expected: >= 1)");
        }
    }

    /**
     * One line for logs and the command line, e.g.
     * {@code IngressRoute default/shop route 2: port 8080 not found on Service default/shop (has: http=80)}.
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(objectKind).append(' ');
        if (!namespace.isEmpty()) {
            s.append(namespace).append('/');
        }
        s.append(name);
        route.ifPresent(r -> s.append(" route ").append(r));
        return s.append(": ").append(message).toString();
    }
}
