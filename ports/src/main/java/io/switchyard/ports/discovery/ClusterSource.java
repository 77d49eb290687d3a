package io.switchyard.ports.discovery;

import io.switchyard.domain.cluster.ClusterSnapshot;

/**
 * A source of cluster snapshots: a folder of manifests, a Kubernetes API server, or a user's own
 * discovery. Part of the public SPI.
 *
 * <p>Contract: after {@link #start(SnapshotListener)} the source calls
 * {@link SnapshotListener#onSnapshot(ClusterSnapshot)} with a complete snapshot once it has synced,
 * then again whenever what it sees changes (sources debounce bursts themselves). A source that
 * cannot read its input reports it through {@link SnapshotListener#onError(String)} and keeps the
 * last good snapshot; it never calls the listener concurrently with itself.
 */
public interface ClusterSource extends AutoCloseable {

    /** Starts watching; returns once the source is running (not necessarily synced). */
    void start(SnapshotListener listener);

    /** Stops watching and releases threads and connections. Idempotent. */
    @Override
    void close();

    /** Receives snapshots and problems from a source. */
    interface SnapshotListener {
        /** A complete, consistent view of the cluster. */
        void onSnapshot(ClusterSnapshot snapshot);

        /** A problem reading the source; the previous snapshot stays in force. */
        void onError(String message);
    }
}
