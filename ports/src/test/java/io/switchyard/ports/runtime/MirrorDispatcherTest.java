package io.switchyard.ports.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

final class MirrorDispatcherTest {

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(2);
        }
    }

    @Test
    void submit_runsInTheBackground_withoutWaitingForTheTask() throws Exception {
        MirrorDispatcher d = new MirrorDispatcher(new RuntimeSettings.MirrorLimits(4, 100));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        assertTrue(d.submit(10, () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done.countDown();
        }));
        assertEquals(1, d.pending());
        release.countDown();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        await(() -> d.pending() == 0, "the task to be released");
    }

    @Test
    void submit_overMaxPending_dropsAndCounts() throws Exception {
        MirrorDispatcher d = new MirrorDispatcher(new RuntimeSettings.MirrorLimits(2, 1000));
        CountDownLatch release = new CountDownLatch(1);
        Runnable blocked = () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        assertTrue(d.submit(0, blocked));
        assertTrue(d.submit(0, blocked));
        assertFalse(d.hasRoom());
        assertFalse(d.submit(0, blocked));
        assertEquals(1, d.dropped());
        release.countDown();
        await(() -> d.pending() == 0, "tasks to finish");
        assertTrue(d.hasRoom());
        assertTrue(d.submit(0, () -> { }));
        assertEquals(1, d.dropped());
    }

    @Test
    void submit_overMaxBufferedBytes_dropsAndCounts() throws Exception {
        MirrorDispatcher d = new MirrorDispatcher(new RuntimeSettings.MirrorLimits(10, 100));
        CountDownLatch release = new CountDownLatch(1);
        Runnable blocked = () -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        assertTrue(d.submit(60, blocked));
        assertFalse(d.submit(41, blocked), "60 + 41 > 100");
        assertTrue(d.submit(40, blocked), "60 + 40 = 100 fits");
        assertTrue(d.submit(0, blocked), "a bodyless request still fits");
        assertEquals(1, d.dropped());
        release.countDown();
        await(() -> d.pending() == 0, "tasks to finish");
        assertTrue(d.submit(100, () -> { }));
    }

    @Test
    void submit_failingTask_releasesItsRoom() throws Exception {
        MirrorDispatcher d = new MirrorDispatcher(new RuntimeSettings.MirrorLimits(1, 10));
        assertTrue(d.submit(10, () -> {
            throw new IllegalStateException("mirror exploded");
        }));
        await(() -> d.pending() == 0, "the failed task to release its room");
        assertTrue(d.submit(10, () -> { }));
        assertEquals(0, d.dropped());
    }
}
