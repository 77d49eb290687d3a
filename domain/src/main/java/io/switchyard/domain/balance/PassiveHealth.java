package io.switchyard.domain.balance;

import io.switchyard.domain.config.PassiveHealthCheckConfig;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The passive health check of one server (balancing.md §2.11, healthcheck.md §3.8): failure
 * timestamps within a sliding window decide when the server is ejected.
 *
 * <p>Usage per request: {@link #recordSuccess()} when the request reached the backend and the
 * final status is below 500; otherwise {@link #recordFailure(long)} with the current
 * {@code System.nanoTime()}-style reading. When it answers {@code true} the caller marks the server
 * DOWN and, unless the service also has an active health check, schedules
 * {@link #reinstate()} plus "mark UP" after {@link #failureWindow()}.
 *
 * <p>Thread-safe (one short critical section per call).
 */
public final class PassiveHealth {

    private final int maxFailedAttempts;
    private final long windowNanos;
    private final Duration failureWindow;
    private final boolean activeHealthCheck;
    private final ReentrantLock lock = new ReentrantLock();
    /** Most recent failures, oldest first; never more than {@code maxFailedAttempts}. */
    private final ArrayDeque<Long> failures = new ArrayDeque<>();
    private boolean ejected;

    /**
     * @param config            attempts and window
     * @param activeHealthCheck whether the service also has an active health check, which then is
     *                          the only one to bring the server back UP
     */
    public PassiveHealth(PassiveHealthCheckConfig config, boolean activeHealthCheck) {
        Objects.requireNonNull(config, "config");
        // Traefik: values <= 1 mean the first failure suffices.
        this.maxFailedAttempts = Math.max(1, config.maxFailedAttempts());
        this.failureWindow = config.failureWindow();
        this.windowNanos = saturatedNanos(config.failureWindow());
        this.activeHealthCheck = activeHealthCheck;
    }

    /** How long an ejected server stays DOWN before {@link #reinstate()} (without active check). */
    public Duration failureWindow() {
        return failureWindow;
    }

    /** Whether the service also has an active health check. */
    public boolean activeHealthCheck() {
        return activeHealthCheck;
    }

    /**
     * Records a failed request (backend not reached, or status {@code >= 500}) at {@code nanos}.
     *
     * @param nanos a monotonic reading in nanoseconds ({@code System.nanoTime()} scale)
     * @return {@code true} when the server must now be marked DOWN: at least
     *         {@code maxFailedAttempts} failures lie within the window ending at {@code nanos}, and
     *         the server is not already waiting for its reinstatement timer. With an active health
     *         check there is no timer, so every qualifying failure answers {@code true} again
     *         (marking DOWN is idempotent).
     */
    public boolean recordFailure(long nanos) {
        lock.lock();
        try {
            failures.addLast(nanos);
            if (failures.size() > maxFailedAttempts) {
                failures.removeFirst();
            }
            // Keep failures strictly after nanos - window. Like Traefik, a window <= 0 trims
            // nothing: then every failure since the last success counts.
            while (windowNanos > 0 && !failures.isEmpty() && nanos - failures.peekFirst() >= windowNanos) {
                failures.removeFirst();
            }
            if (failures.size() < maxFailedAttempts || ejected) {
                return false;
            }
            if (!activeHealthCheck) {
                ejected = true;
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Records a successful request: the failure history is cleared. */
    public void recordSuccess() {
        lock.lock();
        try {
            failures.clear();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The reinstatement timer fired: the caller marks the server UP again, and later failures may
     * eject it anew.
     */
    public void reinstate() {
        lock.lock();
        try {
            ejected = false;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the server is ejected and waiting for {@link #reinstate()}. */
    public boolean ejected() {
        lock.lock();
        try {
            return ejected;
        } finally {
            lock.unlock();
        }
    }

    private static long saturatedNanos(Duration duration) {
        if (duration.isNegative()) {
            return 0;
        }
        try {
            return duration.toNanos();
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return "PassiveHealth[maxFailedAttempts=" + maxFailedAttempts + ", failureWindow=" + failureWindow
                + ", activeHealthCheck=" + activeHealthCheck + "]";
    }
}
