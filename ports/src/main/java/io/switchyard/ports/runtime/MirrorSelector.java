package io.switchyard.ports.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The request counters of one mirroring service (spec: balancing.md §2.9 step 1): request number
 * {@code total} goes to a mirror when {@code count × 100 < total × percent}, which selects requests
 * 1, 4, 7, … at 30 %, 1, 3, 5, … at 50 %, none at 0 and all at 100. Deterministic; one short
 * critical section per request. Counters are lost when the configuration changes, as in Traefik.
 */
final class MirrorSelector {
    private final int[] percents;
    private final long[] counts;
    private final ReentrantLock lock = new ReentrantLock();
    private long total;

    /**
     * Counters for mirrors with these percentages, in configuration order.
     *
     * @throws IllegalArgumentException if a percentage is outside 0..100
     */
    MirrorSelector(List<Integer> percents) {
        this.percents = new int[percents.size()];
        for (int i = 0; i < this.percents.length; i++) {
            int p = percents.get(i);
            if (p < 0 || p > 100) {
                throw new IllegalArgumentException("percent must be between 0 and 100 (mirror "
                        + (i + 1) + " has " + p + ")");
            }
            this.percents[i] = p;
        }
        counts = new long[this.percents.length];
    }

    /** Counts one request and returns the indexes of the mirrors it goes to, in configuration order. */
    List<Integer> select() {
        List<Integer> selected = null;
        lock.lock();
        try {
            long t = ++total;
            for (int i = 0; i < percents.length; i++) {
                if (counts[i] * 100 < t * percents[i]) {
                    counts[i]++;
                    if (selected == null) {
                        selected = new ArrayList<>(percents.length - i);
                    }
                    selected.add(i);
                }
            }
        } finally {
            lock.unlock();
        }
        return selected == null ? List.of() : selected;
    }
}
