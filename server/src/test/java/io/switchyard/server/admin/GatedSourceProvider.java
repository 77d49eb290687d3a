package io.switchyard.server.admin;

import io.switchyard.ports.discovery.ClusterSource;
import io.switchyard.ports.discovery.ClusterSourceProvider;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A discovery source for tests that stays unsynced until the test hands it a snapshot through the
 * listener it publishes in {@link #LISTENERS}. Registered with ServiceLoader as {@code gated-test}.
 */
public final class GatedSourceProvider implements ClusterSourceProvider {
    /** Listeners of started sources, in start order. */
    static final BlockingQueue<ClusterSource.SnapshotListener> LISTENERS = new LinkedBlockingQueue<>();

    @Override
    public String name() {
        return "gated-test";
    }

    @Override
    public ClusterSource create(Map<String, String> options) {
        return new ClusterSource() {
            @Override
            public void start(SnapshotListener listener) {
                LISTENERS.add(listener);
            }

            @Override
            public void close() {
            }
        };
    }
}
