package io.switchyard.ports.health;

import java.time.Duration;

/**
 * Time and delayed execution for the health checkers, injectable so that tests run on a fake
 * clock.
 */
public interface CheckTimer extends AutoCloseable {

    /** A monotonic reading in nanoseconds ({@code System.nanoTime()} scale). */
    long nanoTime();

    /**
     * Runs {@code task} once, {@code delay} from now, on a thread that may block (a probe round
     * runs sequentially inside the task).
     */
    Scheduled schedule(Duration delay, Runnable task);

    /** Cancels everything not yet started. */
    @Override
    void close();

    /** A task not yet run. */
    interface Scheduled {
        /** Prevents the task from starting; no effect when it already started. */
        void cancel();
    }

    /**
     * The real clock: one scheduler thread that only starts each due task on a new virtual thread,
     * so a slow probe round never delays other checkers and no thread exists per server.
     */
    static CheckTimer system() {
        return new SystemCheckTimer();
    }
}
