package io.switchyard.ports.health;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The real timer: due tasks run on virtual threads; cancelled and post-close tasks never run. */
final class SystemCheckTimerTest {

    @Test
    void schedule_runsOnAVirtualThreadAfterTheDelay() throws InterruptedException {
        try (CheckTimer timer = CheckTimer.system()) {
            CountDownLatch ran = new CountDownLatch(1);
            AtomicBoolean virtual = new AtomicBoolean();
            long start = System.nanoTime();

            timer.schedule(Duration.ofMillis(50), () -> {
                virtual.set(Thread.currentThread().isVirtual());
                ran.countDown();
            });

            assertTrue(ran.await(5, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - start >= Duration.ofMillis(50).toNanos());
            assertTrue(virtual.get());
        }
    }

    @Test
    void cancel_andClose_preventTheTask() throws InterruptedException {
        CheckTimer timer = CheckTimer.system();
        AtomicBoolean ran = new AtomicBoolean();
        timer.schedule(Duration.ofMillis(30), () -> ran.set(true)).cancel();
        timer.schedule(Duration.ofMillis(30), () -> ran.set(true));
        timer.close();

        CountDownLatch marker = new CountDownLatch(1);
        try (CheckTimer other = CheckTimer.system()) {
            other.schedule(Duration.ofMillis(100), marker::countDown);
            assertTrue(marker.await(5, TimeUnit.SECONDS));
        }
        assertFalse(ran.get());
    }
}
