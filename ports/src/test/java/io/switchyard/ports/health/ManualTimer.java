package io.switchyard.ports.health;

import java.time.Duration;
import java.util.Comparator;
import java.util.PriorityQueue;

/** A fake {@link CheckTimer}: time moves only when a test says so; due tasks run on the test thread. */
final class ManualTimer implements CheckTimer {
    private static final long START = 1_000_000_000_000L;

    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            Comparator.comparingLong((Task t) -> t.due).thenComparingLong(t -> t.seq));
    private long now = START;
    private long seq;
    private boolean closed;

    private static final class Task implements Scheduled {
        final long due;
        final long seq;
        final Runnable run;
        boolean cancelled;

        Task(long due, long seq, Runnable run) {
            this.due = due;
            this.seq = seq;
            this.run = run;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable task) {
        if (closed) {
            throw new java.util.concurrent.RejectedExecutionException("closed");
        }
        Task t = new Task(now + delay.toNanos(), seq++, task);
        queue.add(t);
        return t;
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
    }

    /** Moves time forward, running every task that falls due on the way, in order. */
    void advance(Duration d) {
        long target = now + d.toNanos();
        while (!queue.isEmpty() && queue.peek().due <= target) {
            Task t = queue.poll();
            if (t.cancelled) {
                continue;
            }
            now = Math.max(now, t.due);
            t.run.run();
        }
        now = Math.max(now, target);
    }

    /** Time passing while a task runs (a slow probe); runs nothing. */
    void spend(Duration d) {
        now += d.toNanos();
    }

    /** Seconds since the timer was created. */
    double seconds() {
        return (now - START) / 1e9;
    }

    /** Tasks still waiting (cancelled ones excluded). */
    long pending() {
        return queue.stream().filter(t -> !t.cancelled).count();
    }
}
