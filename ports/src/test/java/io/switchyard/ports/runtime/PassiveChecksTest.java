package io.switchyard.ports.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.domain.balance.MemberState;
import io.switchyard.domain.config.HealthCheckConfig;
import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.config.PassiveHealthCheckConfig;
import io.switchyard.domain.config.ServerConfig;
import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.config.Strategy;
import io.switchyard.domain.http.ServerAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Passive checks with a fake clock and captured timers (spec: balancing.md §2.11, healthcheck.md §3.8). */
final class PassiveChecksTest {
    private static final String SERVICE = "svc@kubernetescrd";
    private static final String SERVER = "http://10.0.0.1:80";
    private static final Duration WINDOW = Duration.ofSeconds(10);

    private long now;
    private final List<Timer> timers = new ArrayList<>();
    private final PassiveChecks checks = new PassiveChecks(() -> now, (d, task) -> timers.add(new Timer(d, task)));
    private final MemberState state = new MemberState();

    private record Timer(Duration delay, Runnable task) {
    }

    private static ServedLoadBalancer lb(int attempts, Duration window, boolean active) {
        Optional<HealthCheckConfig> check = active ? Optional.of(new HealthCheckConfig("", "", "/h", "", 0, 0, "",
                Map.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())) : Optional.empty();
        LoadBalancerService config = new LoadBalancerService(List.of(ServerConfig.of(SERVER)), Strategy.WRR, true,
                LoadBalancerService.DEFAULT_FLUSH_INTERVAL, Optional.empty(), check,
                Optional.of(new PassiveHealthCheckConfig(attempts, window)), "");
        return new ServedLoadBalancer(SERVICE, config, Map.of(SERVER, ServerAddress.parse(SERVER)), "",
                ServersTransportConfig.DEFAULT);
    }

    private void failAt(long seconds) {
        now = Duration.ofSeconds(seconds).toNanos();
        checks.record(SERVICE, SERVER, state, 502);
    }

    @Test
    void record_failuresWithinWindow_ejectAtTheThird() {
        checks.apply(List.of(lb(3, WINDOW, false)));

        failAt(0);
        failAt(4);
        assertTrue(state.up(), "two failures are not enough");
        failAt(9);

        assertFalse(state.up());
        assertEquals(1, timers.size());
        assertEquals(WINDOW, timers.get(0).delay());
    }

    @Test
    void record_failuresSpreadBeyondWindow_neverEject() {
        checks.apply(List.of(lb(3, WINDOW, false)));

        for (int t = 0; t <= 60; t += 6) {
            failAt(t); // at most two failures ever lie within 10s
        }

        assertTrue(state.up());
        assertTrue(timers.isEmpty());
    }

    @Test
    void reinstate_afterWindow_upAgainAndCanBeEjectedAnew() {
        checks.apply(List.of(lb(1, WINDOW, false)));
        failAt(0);
        assertFalse(state.up());
        failAt(1); // already waiting for its timer: no second timer
        assertEquals(1, timers.size());

        timers.get(0).task().run();

        assertTrue(state.up());
        failAt(20);
        assertFalse(state.up());
        assertEquals(2, timers.size());
    }

    @Test
    void record_successClearsTheHistory() {
        checks.apply(List.of(lb(2, WINDOW, false)));

        failAt(0);
        checks.record(SERVICE, SERVER, state, 404);
        failAt(1);

        assertTrue(state.up());
    }

    @ParameterizedTest(name = "status {0} counts as failure: {1}")
    @CsvSource({"200, false", "404, false", "499, false", "500, true", "502, true", "503, true", "504, true"})
    void record_statusBoundary(int status, boolean failure) {
        checks.apply(List.of(lb(1, WINDOW, false)));

        checks.record(SERVICE, SERVER, state, status);

        assertEquals(!failure, state.up());
    }

    @Test
    void record_withActiveCheck_ejectsButNeverReinstates() {
        checks.apply(List.of(lb(1, WINDOW, true)));

        failAt(0);

        assertFalse(state.up());
        assertTrue(timers.isEmpty(), "only the active checker brings the server back (healthcheck.md §3.8)");
    }

    @Test
    void apply_sameSettings_keepsHistory_changedSettings_resetIt() {
        checks.apply(List.of(lb(2, WINDOW, false)));
        failAt(0);

        checks.apply(List.of(lb(2, WINDOW, false)));
        failAt(1);
        assertFalse(state.up(), "the first failure was kept across the swap");

        state.up(true);
        checks.apply(List.of(lb(2, WINDOW, false)));
        checks.apply(List.of(lb(2, Duration.ofSeconds(11), false)));
        failAt(2);
        assertTrue(state.up(), "new settings start with a fresh history");
    }

    @Test
    void apply_serviceWithoutPassiveCheck_recordsNothing() {
        checks.apply(List.of(lb(1, WINDOW, false)));
        checks.apply(List.of());

        failAt(0);

        assertTrue(state.up());
        assertFalse(checks.checks(SERVICE, SERVER));
    }

    @Test
    void reinstate_activeCheckAddedMeanwhile_leavesServerToIt() {
        checks.apply(List.of(lb(1, WINDOW, false)));
        failAt(0);
        checks.apply(List.of(lb(1, WINDOW, true)));

        timers.get(0).task().run();

        assertFalse(state.up());
    }
}
