package io.switchyard.domain.cluster;

import java.util.List;
import java.util.Objects;

/**
 * Everything a {@code ClusterSource} has seen at one moment. Immutable.
 *
 * <p>The object records are deliberately plain (Kubernetes field names, lists copied) so that any
 * discovery source — YAML files, informers, a user's own — can fill them. Order is kept: translation
 * processes IngressRoutes and TraefikServices in snapshot order, which decides which of two objects
 * that produce the same key wins.
 */
public record ClusterSnapshot(List<KubeObject> objects) {
    /** A snapshot with no objects. */
    public static final ClusterSnapshot EMPTY = new ClusterSnapshot(List.of());

    public ClusterSnapshot {
        objects = List.copyOf(objects);
    }

    /** A snapshot of these objects. */
    public static ClusterSnapshot of(KubeObject... objects) {
        return new ClusterSnapshot(List.of(objects));
    }

    /** The objects of one kind, in snapshot order. */
    public <T extends KubeObject> List<T> all(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
