package io.switchyard.domain.balance;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Runtime state of one child (a server or a child service) that survives configuration swaps: its
 * health status, its in-flight request count and its recent times to first byte.
 *
 * <p>Thread-safe and lock-free. A new state is UP, idle and has no samples.
 *
 * <p>Deliberate deviation (balancing.md §2.1): Traefik rebuilds this state with every configuration
 * change (all servers UP again, samples lost); the routing runtime may keep one instance per child
 * across swaps instead, so that a configuration change does not resurrect a server known to be down.
 */
public final class MemberState {
    /** Number of time-to-first-byte samples kept (balancing.md §2.7). */
    static final int SAMPLES = 100;

    private final AtomicBoolean up = new AtomicBoolean(true);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLongArray samples = new AtomicLongArray(SAMPLES);
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong sum = new AtomicLong();

    /** A state that is UP, with no request in flight and no sample. */
    public MemberState() {
    }

    /** Whether the child is UP (selectable and allowed to honour sticky cookies). */
    public boolean up() {
        return up.get();
    }

    /**
     * Sets the health status.
     *
     * @return the previous status, so that callers can log or propagate only real transitions
     */
    public boolean up(boolean up) {
        return this.up.getAndSet(up);
    }

    /** Requests currently executing in this child. */
    public int inFlight() {
        return inFlight.get();
    }

    /** Counts a request entering this child; pair it with {@link #release()}. */
    public void acquire() {
        inFlight.incrementAndGet();
    }

    /**
     * Counts a request leaving this child.
     *
     * @throws IllegalStateException if no request is in flight (an unpaired release)
     */
    public void release() {
        if (inFlight.getAndUpdate(n -> n > 0 ? n - 1 : 0) <= 0) {
            throw new IllegalStateException("inFlight: 0 (release without acquire)");
        }
    }

    /**
     * Records one time to first byte, in whole milliseconds (truncated by the caller, e.g.
     * {@code Duration.toMillis()}). Only the last {@value #SAMPLES} samples are kept.
     *
     * @throws IllegalArgumentException if {@code millis} is negative
     */
    public void recordTimeToFirstByte(long millis) {
        if (millis < 0) {
            throw new IllegalArgumentException("millis: " + millis + " (expected: >= 0)");
        }
        long index = recorded.getAndIncrement();
        long replaced = samples.getAndSet((int) (index % SAMPLES), millis);
        // Each slot swap yields exactly the value it replaced, so the running sum stays equal to
        // the sum of the slots even when writers race for the same slot.
        sum.addAndGet(millis - replaced);
    }

    /** Mean of the recorded samples in milliseconds; 0 when nothing was recorded yet. */
    public double averageTimeToFirstByte() {
        long count = Math.min(recorded.get(), SAMPLES);
        return count == 0 ? 0 : (double) sum.get() / count;
    }

    @Override
    public String toString() {
        return "MemberState[up=" + up() + ", inFlight=" + inFlight() + ", averageTimeToFirstByte="
                + averageTimeToFirstByte() + "]";
    }
}
