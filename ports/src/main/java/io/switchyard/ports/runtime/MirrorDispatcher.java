package io.switchyard.ports.runtime;

import java.lang.System.Logger.Level;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs mirror tasks in the background, one virtual thread per mirrored request, within
 * {@link RuntimeSettings.MirrorLimits}: when a task would exceed the number of pending tasks or the
 * bytes they may hold, it is dropped and counted instead. This is what keeps a slow or absent
 * mirror from ever delaying the main response or growing memory without bound (Traefik has no such
 * bound; spec: balancing.md §2.9).
 *
 * <p>Thread-safe and lock-free.
 */
final class MirrorDispatcher {
    private static final System.Logger LOG = System.getLogger(MirrorDispatcher.class.getName());

    private final RuntimeSettings.MirrorLimits limits;
    private final ThreadFactory threads;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    MirrorDispatcher(RuntimeSettings.MirrorLimits limits) {
        this(limits, Thread.ofVirtual().name("mirror-", 0).factory());
    }

    MirrorDispatcher(RuntimeSettings.MirrorLimits limits, ThreadFactory threads) {
        this.limits = limits;
        this.threads = threads;
    }

    /**
     * Whether a task could be accepted now. Checked before a body is buffered for mirrors, so that
     * a saturated dispatcher costs the main request nothing; {@link #submit} checks again.
     */
    boolean hasRoom() {
        return pending.get() < limits.maxPending() && bytes.get() <= limits.maxBufferedBytes();
    }

    /**
     * Starts {@code task}, which holds {@code bodyBytes} of request body, unless that would exceed
     * the limits.
     *
     * @return whether the task was started (else it was counted as dropped)
     */
    boolean submit(long bodyBytes, Runnable task) {
        if (!reserve(bodyBytes)) {
            drop();
            return false;
        }
        try {
            threads.newThread(() -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.DEBUG, "mirror request failed", e);
                } finally {
                    release(bodyBytes);
                }
            }).start();
            return true;
        } catch (RuntimeException e) {
            release(bodyBytes);
            LOG.log(Level.WARNING, "cannot start mirror task", e);
            drop();
            return false;
        }
    }

    /** Counts a mirrored request that was not sent to its mirrors. */
    void drop() {
        long n = dropped.incrementAndGet();
        // Once, then every 1024th: enough to notice saturation without flooding the log.
        if (n == 1 || (n & 1023) == 0) {
            LOG.log(Level.WARNING, "mirroring saturated ({0} pending, {1} bytes held): {2} mirrored requests dropped so far",
                    pending.get(), bytes.get(), n);
        }
    }

    /** Mirrored requests dropped since start. */
    long dropped() {
        return dropped.get();
    }

    /** Mirror tasks waiting or running. */
    int pending() {
        return pending.get();
    }

    private boolean reserve(long bodyBytes) {
        if (pending.incrementAndGet() > limits.maxPending()) {
            pending.decrementAndGet();
            return false;
        }
        if (bytes.addAndGet(bodyBytes) > limits.maxBufferedBytes()) {
            bytes.addAndGet(-bodyBytes);
            pending.decrementAndGet();
            return false;
        }
        return true;
    }

    private void release(long bodyBytes) {
        bytes.addAndGet(-bodyBytes);
        pending.decrementAndGet();
    }
}
