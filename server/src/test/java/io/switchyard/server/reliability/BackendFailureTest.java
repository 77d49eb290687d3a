package io.switchyard.server.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.domain.config.HealthCheckConfig;
import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.config.ServerConfig;
import io.switchyard.server.Switchyard;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A backend stopped under load, then started again on the same address. With the idempotent retry
 * (default), the only requests that fail are those the stopped backend had received and not
 * answered; the others that reach it (refused connections, pooled connections found closed) go to
 * another server. Without it, every request sent to the stopped backend fails until it returns,
 * which is what Traefik does without a health check (the stopped server stays UP in the balancer);
 * with an active health check, failures stop within one check interval.
 */
final class BackendFailureTest {
    private static final Duration PHASE = Duration.ofMillis(Heavy.pick(800, 5000));

    private static final Duration CHECK_INTERVAL = Duration.ofMillis(250);
    private static final Duration CHECK_TIMEOUT = Duration.ofMillis(200);

    /** What happened; {@code lastFailureAfterStop} in ms, -1 without failures. */
    private record Outcome(long sent, long failed, int cutOff, long answeredByVictimAfterReturn,
                           long lastFailureAfterStop) {
    }

    private static Outcome stopAndRestart(boolean retry, boolean healthCheck) throws Exception {
        TestBackend victim = TestBackend.start("victim");
        TestBackend other = TestBackend.start("other");
        int victimPort = victim.port();
        TestBackend returned = null;
        LoadBalancerService lb = LoadBalancerService.of(List.of(ServerConfig.of(victim.url()),
                ServerConfig.of(other.url())));
        if (healthCheck) {
            lb = new LoadBalancerService(lb.servers(), lb.strategy(), lb.passHostHeader(), lb.flushInterval(),
                    Optional.empty(), Optional.of(new HealthCheckConfig("", "", "/health", "", 0, 0, "", Map.of(),
                    Optional.of(CHECK_INTERVAL), Optional.of(CHECK_INTERVAL), Optional.of(CHECK_TIMEOUT),
                    Optional.empty())), Optional.empty(), "");
        }
        try (Switchyard sy = Switchyard.start(new Routes()
                .route("app", "Host(`app.test`)", "app")
                .service("app", lb)
                .settings().retryIdempotentOnce(retry).build())) {
            Load load = Load.start(sy.port("web"), 4, List.of(new Load.Target("app.test", "/slow/5")), Long.MAX_VALUE);
            try {
                Thread.sleep(PHASE.toMillis());
                assertTrue(load.answered("victim") > 0, "the victim served before it stopped");
                assertEquals(List.of(), load.failures(), "no failure before the stop");

                long stopped = System.nanoTime();
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
                long lastFailure = load.failures().stream().mapToLong(f -> (f.nanoTime() - stopped) / 1_000_000)
                        .max().orElse(-1);
                System.out.printf("backend stopped under load (retry %s, health check %s): %d requests, %d failed "
                                + "(the last %d ms after the stop), %d cut off in flight, %d answered by the "
                                + "returned backend%n", retry ? "on" : "off", healthCheck ? "every " + CHECK_INTERVAL
                                .toMillis() + " ms" : "none", load.sent(), load.failures().size(), lastFailure,
                        cutOff, returned.answered());
                return new Outcome(load.sent(), load.failures().size(), cutOff, returned.answered(), lastFailure);
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
        Outcome o = stopAndRestart(true, false);
        assertTrue(o.failed() <= o.cutOff(), o.failed() + " failed, " + o.cutOff() + " were in flight on the "
                + "stopped backend");
        assertTrue(o.answeredByVictimAfterReturn() >= 20, "traffic came back: " + o);
    }

    @Test
    void backendStoppedUnderLoad_withoutRetry_requestsSentToItFail() throws Exception {
        Outcome o = stopAndRestart(false, false);
        assertTrue(o.failed() > o.cutOff(), "without the retry, requests sent to the stopped backend fail: " + o);
        assertTrue(o.answeredByVictimAfterReturn() >= 20, "traffic came back: " + o);
    }

    @Test
    void backendStoppedUnderLoad_withAnActiveHealthCheck_failuresStopWithinOneInterval() throws Exception {
        Outcome o = stopAndRestart(false, true);
        // without the retry every request sent to the server fails until a probe marks it down:
        // one interval, plus the probe's timeout, plus scheduling on busy cores
        long bound = CHECK_INTERVAL.plus(CHECK_TIMEOUT).toMillis() + 500;
        assertTrue(o.lastFailureAfterStop() <= bound, "the last failure came " + o.lastFailureAfterStop()
                + " ms after the stop, more than one health interval (" + bound + " ms): " + o);
        assertTrue(o.answeredByVictimAfterReturn() >= 20, "the check marked it up again: " + o);
    }
}
