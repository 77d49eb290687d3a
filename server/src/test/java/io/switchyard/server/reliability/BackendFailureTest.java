package io.switchyard.server.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.server.Switchyard;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A backend stopped under load, then started again on the same address. With the idempotent retry
 * (default), the only requests that fail are those the stopped backend had received and not
 * answered; the others that reach it (refused connections, pooled connections found closed) go to
 * another server. Without it, every request sent to the stopped backend fails until it returns,
 * which is what Traefik does without a health check. No active health check is configured here:
 * the stopped server stays UP in the balancer throughout.
 */
final class BackendFailureTest {
    private static final Duration PHASE = Duration.ofMillis(Heavy.pick(800, 5000));

    private record Outcome(long sent, long failed, int cutOff, long answeredByVictimAfterReturn) {
    }

    private static Outcome stopAndRestart(boolean retry) throws Exception {
        TestBackend victim = TestBackend.start("victim");
        TestBackend other = TestBackend.start("other");
        int victimPort = victim.port();
        TestBackend returned = null;
        try (Switchyard sy = Switchyard.start(new Routes()
                .route("app", "Host(`app.test`)", "app")
                .service("app", victim.url(), other.url())
                .settings().withRetryIdempotentOnce(retry))) {
            Load load = Load.start(sy.port("web"), 4, List.of(new Load.Target("app.test", "/slow/5")), Long.MAX_VALUE);
            try {
                Thread.sleep(PHASE.toMillis());
                assertTrue(load.answered("victim") > 0, "the victim served before it stopped");
                assertEquals(List.of(), load.failures(), "no failure before the stop");

                victim.close();
                int cutOff = victim.unanswered();
                Thread.sleep(PHASE.toMillis());

                returned = TestBackend.start("victim", "127.0.0.1", victimPort);
                // requests already on their way to the stopped backend may still fail just after
                long settled = System.nanoTime() + Duration.ofMillis(200).toNanos();
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (returned.answered() < 20 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                Thread.sleep(PHASE.toMillis() / 2);
                load.close();
                assertEquals(List.of(), load.failures().stream().filter(f -> f.nanoTime() > settled).toList(),
                        "no failure after the backend returned");
                System.out.printf("backend stopped under load (retry %s): %d requests, %d failed, %d cut off in "
                                + "flight, %d answered by the returned backend%n", retry ? "on" : "off", load.sent(),
                        load.failures().size(), cutOff, returned.answered());
                return new Outcome(load.sent(), load.failures().size(), cutOff, returned.answered());
            } finally {
                load.close();
            }
        } finally {
            other.close();
            if (returned != null) {
                returned.close();
            }
        }
    }

    @Test
    void backendStoppedUnderLoad_withRetry_onlyRequestsInFlightOnItFail_andTrafficReturns() throws Exception {
        Outcome o = stopAndRestart(true);
        assertTrue(o.failed() <= o.cutOff(), o.failed() + " failed, " + o.cutOff() + " were in flight on the "
                + "stopped backend");
        assertTrue(o.answeredByVictimAfterReturn() >= 20, "traffic came back: " + o);
    }

    @Test
    void backendStoppedUnderLoad_withoutRetry_requestsSentToItFail() throws Exception {
        Outcome o = stopAndRestart(false);
        assertTrue(o.failed() > o.cutOff(), "without the retry, requests sent to the stopped backend fail: " + o);
        assertTrue(o.answeredByVictimAfterReturn() >= 20, "traffic came back: " + o);
    }
}
