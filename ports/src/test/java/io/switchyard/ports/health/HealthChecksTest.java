package io.switchyard.ports.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.domain.config.HealthCheckConfig;
import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.config.ServerConfig;
import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.config.Strategy;
import io.switchyard.domain.http.ServerAddress;
import io.switchyard.ports.runtime.ServedLoadBalancer;
import io.switchyard.ports.runtime.ServerStates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Scheduling of the active checkers on a fake clock (spec: healthcheck.md §3.3). */
final class HealthChecksTest {
    private static final String SERVICE = "ext@kubernetescrd";
    private static final String A = "http://a.example:80";
    private static final String B = "http://b.example:80";

    private final ManualTimer timer = new ManualTimer();
    private final ServerStates states = new ServerStates();
    /** Probe start times in seconds, per server. */
    private final Map<String, List<Double>> probes = new HashMap<>();
    /** Whether a server answers healthy at a given time (seconds). */
    private final Map<String, Predicate<Double>> healthyAt = new HashMap<>();
    /** Time each probe takes, per server. */
    private final Map<String, Duration> probeTime = new HashMap<>();
    private final HealthProbe probe = (server, check, transportName, transport) -> {
        String url = "http://" + server.authority();
        double t = timer.seconds();
        probes.computeIfAbsent(url, k -> new ArrayList<>()).add(t);
        timer.spend(probeTime.getOrDefault(url, Duration.ZERO));
        return healthyAt.getOrDefault(url, x -> true).test(t) ? ProbeResult.healthy("status 200")
                : ProbeResult.unhealthy("status 503");
    };
    private final HealthChecks checks = new HealthChecks(probe, states, timer);

    private static HealthCheckConfig check(Duration interval, Duration unhealthyInterval) {
        return new HealthCheckConfig("", "", "/health", "", 0, 0, "", Map.of(), Optional.of(interval),
                Optional.of(unhealthyInterval), Optional.of(Duration.ofSeconds(1)), Optional.empty());
    }

    private ServedLoadBalancer lb(Optional<HealthCheckConfig> check, String... urls) {
        Map<String, ServerAddress> servers = new LinkedHashMap<>();
        List<ServerConfig> configs = new ArrayList<>();
        for (String url : urls) {
            servers.put(url, ServerAddress.parse(url));
            configs.add(ServerConfig.of(url));
            states.state(SERVICE, url); // as the routing compiler does
        }
        LoadBalancerService config = new LoadBalancerService(configs, Strategy.WRR, true,
                LoadBalancerService.DEFAULT_FLUSH_INTERVAL, Optional.empty(), check, Optional.empty(), "");
        return new ServedLoadBalancer(SERVICE, config, servers, "", ServersTransportConfig.DEFAULT);
    }

    private ServedLoadBalancer lb(Duration interval, Duration unhealthyInterval, String... urls) {
        return lb(Optional.of(check(interval, unhealthyInterval)), urls);
    }

    private boolean up(String url) {
        return states.find(SERVICE, url).orElseThrow().up();
    }

    private static Duration s(double seconds) {
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    @Test
    void apply_firstProbeOnePeriodAfterStart_notBefore() {
        checks.apply(List.of(lb(s(10), s(10), A)));

        timer.advance(s(9.999));
        assertTrue(probes.isEmpty(), "no immediate probe");
        timer.advance(s(0.001));

        assertEquals(List.of(10.0), probes.get(A));
    }

    @Test
    void loops_specExample_unhealthyServerProbedAtUnhealthyInterval() {
        // spec §3.3: interval 10s, unhealthyInterval 2s, server down from t=12s until t=30s
        healthyAt.put(A, t -> t < 12 || t >= 30);
        checks.apply(List.of(lb(s(10), s(2), A)));

        timer.advance(s(19.9));
        assertTrue(up(A), "UP until the probe at 20s");
        timer.advance(s(0.1));
        assertFalse(up(A));
        timer.advance(s(9.9));
        assertFalse(up(A));
        timer.advance(s(0.1));
        assertTrue(up(A));
        timer.advance(s(15));

        assertEquals(List.of(10.0, 20.0, 22.0, 24.0, 26.0, 28.0, 30.0, 40.0), probes.get(A));
    }

    @Test
    void round_probesServersOneAfterAnother() {
        probeTime.put(A, s(3));
        probeTime.put(B, s(3));
        checks.apply(List.of(lb(s(10), s(10), A, B)));

        timer.advance(s(10));

        List<Double> starts = new ArrayList<>(List.of(probes.get(A).get(0), probes.get(B).get(0)));
        starts.sort(Double::compare);
        assertEquals(List.of(10.0, 13.0), starts, "the second probe waits for the first");
    }

    @Test
    void round_longerThanPeriod_ticksCoalescedIntoOneImmediateRound() {
        probeTime.put(A, s(25));
        checks.apply(List.of(lb(s(10), s(10), A)));
        timer.advance(s(10));
        probeTime.put(A, Duration.ZERO);

        timer.advance(s(30)); // up to t=65

        // round at 10 ends at 35: the ticks of 20 and 30 make one round at once, then the grid again
        assertEquals(List.of(10.0, 35.0, 40.0, 50.0, 60.0), probes.get(A));
    }

    @Test
    void apply_removedServer_isNoLongerProbed() {
        checks.apply(List.of(lb(s(10), s(10), A, B)));
        timer.advance(s(10));

        checks.apply(List.of(lb(s(10), s(10), A)));
        timer.advance(s(30));

        assertEquals(List.of(10.0, 20.0, 30.0, 40.0), probes.get(A));
        assertEquals(List.of(10.0), probes.get(B));
    }

    @Test
    void apply_persistingServer_keepsStatusAndSchedule() {
        healthyAt.put(A, t -> false);
        checks.apply(List.of(lb(s(10), s(4), A)));
        timer.advance(s(10)); // DOWN at 10, then on the 4s loop: 12, 16, ...
        assertFalse(up(A));
        timer.advance(s(3)); // t=13

        checks.apply(List.of(lb(s(10), s(4), A, B)));
        timer.advance(s(8)); // t=21

        assertFalse(up(A), "a reload does not resurrect a DOWN server");
        assertEquals(List.of(10.0, 12.0, 16.0, 20.0), probes.get(A), "same grid as before the reload");
        assertEquals(List.of(20.0), probes.get(B), "the new server joins the running healthy loop");
        assertEquals(Set.of(A), checks.checker(SERVICE).unhealthyServers());
    }

    @Test
    void apply_changedCheck_restartsCheckerWithCurrentStatus() {
        healthyAt.put(A, t -> false);
        checks.apply(List.of(lb(s(10), s(10), A)));
        timer.advance(s(10));
        assertFalse(up(A));

        checks.apply(List.of(lb(s(5), s(3), A))); // at t=10
        timer.advance(s(7));

        assertEquals(List.of(10.0, 13.0, 16.0), probes.get(A), "new unhealthy period, counted from the change");
        assertFalse(up(A));
    }

    @Test
    void apply_checkRemoved_stopsProbingAndBringsServersBackUp() {
        healthyAt.put(A, t -> false);
        checks.apply(List.of(lb(s(10), s(10), A)));
        timer.advance(s(10));
        assertFalse(up(A));

        checks.apply(List.of(lb(Optional.empty(), A)));
        timer.advance(s(60));

        assertTrue(up(A));
        assertEquals(List.of(10.0), probes.get(A));
        assertTrue(checks.checkedServices().isEmpty());
        assertEquals(0, timer.pending());
    }

    @Test
    void probe_throwing_countsAsUnhealthy() {
        HealthChecks throwing = new HealthChecks((server, check, name, transport) -> {
            throw new IllegalStateException("boom");
        }, states, timer);
        throwing.apply(List.of(lb(s(1), s(1), A)));

        timer.advance(s(1));

        assertFalse(up(A));
        throwing.close();
    }

    @Test
    void close_stopsEveryLoop() {
        checks.apply(List.of(lb(s(10), s(10), A)));

        checks.close();
        timer.advance(s(60));

        assertTrue(probes.isEmpty());
        checks.apply(List.of(lb(s(10), s(10), A)));
        assertTrue(checks.checkedServices().isEmpty(), "closed for good");
    }

    @Test
    void defaults_nonPositiveIntervalTakes30s() {
        checks.apply(List.of(lb(Duration.ZERO, Duration.ofSeconds(-1), A)));

        timer.advance(s(29));
        assertTrue(probes.isEmpty());
        timer.advance(s(1));

        assertEquals(List.of(30.0), probes.get(A));
    }
}
