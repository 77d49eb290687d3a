package io.switchyard.domain.cluster;

import java.util.List;

/**
 * Everything a {@code ClusterSource} has seen at one moment. Immutable.
 *
 * <p>The object records are deliberately plain (Kubernetes field names, lists copied) so that any
 * discovery source — YAML files, informers, a user's own — can fill them.
 */
public record ClusterSnapshot(List<KubeObject> objects) {
    /** A snapshot with no objects. */
    public static final ClusterSnapshot EMPTY = new ClusterSnapshot(List.of());

    public ClusterSnapshot {
        objects = List.copyOf(objects);
    }
}
