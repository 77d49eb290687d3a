package io.switchyard.ports.health;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** {@link CheckTimer#system()}: a single scheduler thread handing due tasks to virtual threads. */
final class SystemCheckTimer implements CheckTimer {
    private final ScheduledThreadPoolExecutor scheduler;

    SystemCheckTimer() {
        scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "switchyard-health-timer");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Scheduled schedule(Duration delay, Runnable task) {
        long nanos = Math.max(0, delay.toNanos());
        ScheduledFuture<?> f = scheduler.schedule(
                () -> Thread.ofVirtual().name("switchyard-health-check").start(task), nanos, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
