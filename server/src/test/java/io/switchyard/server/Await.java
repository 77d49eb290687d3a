package io.switchyard.server;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting on conditions with a deadline, for the server's real-socket tests (never a fixed sleep). */
public final class Await {
    private Await() {
    }

    /** Polls {@code condition} every 10 ms; fails naming {@code what} when {@code limit} passes first. */
    public static void until(BooleanSupplier condition, Duration limit, String what) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit + " waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Waits until {@code switchyard} has applied its first configuration (20 s at most). */
    public static void applied(Switchyard switchyard) throws InterruptedException {
        until(() -> switchyard.runtime().ready(), Duration.ofSeconds(20), "the first configuration to be applied");
    }
}
