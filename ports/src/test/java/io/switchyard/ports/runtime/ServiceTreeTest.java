package io.switchyard.ports.runtime;

import static io.switchyard.ports.runtime.Trees.SUFFIX;
import static io.switchyard.ports.runtime.Trees.config;
import static io.switchyard.ports.runtime.Trees.lb;
import static io.switchyard.ports.runtime.Trees.stickyLb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.domain.balance.MemberState;
import io.switchyard.domain.config.DynamicConfig;
import io.switchyard.domain.config.FailoverService;
import io.switchyard.domain.config.HighestRandomWeightService;
import io.switchyard.domain.config.RouterConfig;
import io.switchyard.domain.config.ServiceConfig;
import io.switchyard.domain.config.ServiceRef;
import io.switchyard.domain.config.StickyCookie;
import io.switchyard.domain.config.WeightedService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Service trees as a whole: cycles, health propagation, state across configuration swaps. */
final class ServiceTreeTest {
    private static final String LEFT = "10.0.0.1:80";
    private static final String RIGHT = "10.0.0.2:80";
    private static final String THIRD = "10.0.0.3:80";

    private final ScriptedUpstream upstream = new ScriptedUpstream()
            .on(LEFT, 200, "left").on(RIGHT, 200, "right").on(THIRD, 200, "third");

    private static WeightedService weighted(String... children) {
        return new WeightedService(java.util.Arrays.stream(children).map(c -> new ServiceRef(c, 1)).toList(),
                Optional.empty());
    }

    private static List<String> answers(RoutingRuntime runtime, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FakeExchange ex = FakeExchange.get("a.test", "/");
            runtime.handle(ex);
            out.add(ex.status == 200 ? ex.text() : String.valueOf(ex.status));
        }
        return out;
    }

    private static long count(List<String> answers, String value) {
        return answers.stream().filter(value::equals).count();
    }

    // ---- cycles ---------------------------------------------------------------------------

    @Test
    void apply_weightedCycle_disablesTheRouterWithADiagnostic_andKeepsOthers() {
        RoutingRuntime runtime = Trees.runtime(upstream);
        DynamicConfig cfg = new DynamicConfig(Map.of(
                "r", RouterConfig.of("Host(`a.test`)", List.of("web"), "svc"),
                "ok", RouterConfig.of("Host(`ok.test`)", List.of("web"), "left")),
                Map.of("svc", weighted("b"), "b", weighted("left", "svc"), "left", lb("http://" + LEFT)), Map.of());
        List<RuntimeDiagnostic> d = runtime.apply(cfg);
        assertTrue(d.stream().anyMatch(x -> x.message().contains("reference cycle")), d.toString());
        assertTrue(d.stream().anyMatch(x -> x.object().equals("router r" + SUFFIX)), d.toString());
        FakeExchange ex = FakeExchange.get("a.test", "/");
        runtime.handle(ex);
        assertEquals(404, ex.status);
        FakeExchange ok = FakeExchange.get("ok.test", "/");
        runtime.handle(ok);
        assertEquals("left", ok.text());
    }

    @Test
    void apply_failoverFallingBackOnItself_isACycle() {
        RoutingRuntime runtime = Trees.runtime(upstream);
        List<RuntimeDiagnostic> d = runtime.apply(config(Map.of("svc", new FailoverService("left", "svc",
                Optional.of(new FailoverService.Errors(List.of("500"), java.util.OptionalLong.empty()))),
                "left", lb("http://" + LEFT))));
        assertTrue(d.stream().anyMatch(x -> x.message().contains("reference cycle")), d.toString());
    }

    @Test
    void apply_diamond_isNotACycle() {
        RoutingRuntime runtime = Trees.runtime(upstream);
        List<RuntimeDiagnostic> d = runtime.apply(config(Map.of("svc", weighted("a", "b"), "a", weighted("left"),
                "b", weighted("left"), "left", lb("http://" + LEFT))));
        assertEquals(List.of(), d);
        assertEquals(List.of("left", "left"), answers(runtime, 2));
    }

    // ---- health propagation (opt-in) --------------------------------------------------------

    private RoutingRuntime twoChildren(boolean propagate, ServiceConfig parent) {
        RoutingRuntime runtime = Trees.runtime(upstream, Trees.settings().withPropagateHealth(propagate));
        assertEquals(List.of(), runtime.apply(config(Map.of("svc", parent,
                "left", lb("http://" + LEFT), "right", lb("http://" + RIGHT)))));
        return runtime;
    }

    @Test
    void weighted_childWithNoUpServer_withoutPropagation_stillGetsItsShareAndAnswers503() {
        RoutingRuntime runtime = twoChildren(false, weighted("left", "right"));
        runtime.states().state("left" + SUFFIX, "http://" + LEFT).up(false);
        List<String> a = answers(runtime, 4);
        assertEquals(2, count(a, "503"), a.toString());
        assertEquals(2, count(a, "right"), a.toString());
    }

    @Test
    void weighted_childWithNoUpServer_withPropagation_isSkipped_andComesBack() {
        RoutingRuntime runtime = twoChildren(true, weighted("left", "right"));
        MemberState left = runtime.states().state("left" + SUFFIX, "http://" + LEFT);
        left.up(false);
        assertEquals(List.of("right", "right", "right", "right"), answers(runtime, 4));
        left.up(true);
        List<String> a = answers(runtime, 4);
        assertEquals(2, count(a, "left"), a.toString());
        assertEquals(2, count(a, "right"), a.toString());
    }

    @Test
    void weighted_allChildrenDown_withPropagation_is503NoAvailableServer() {
        RoutingRuntime runtime = twoChildren(true, weighted("left", "right"));
        runtime.states().state("left" + SUFFIX, "http://" + LEFT).up(false);
        runtime.states().state("right" + SUFFIX, "http://" + RIGHT).up(false);
        FakeExchange ex = FakeExchange.get("a.test", "/");
        runtime.handle(ex);
        assertEquals(503, ex.status);
        assertEquals("no available server\n", ex.text());
    }

    @Test
    void hrw_childWithNoUpServer_withPropagation_isSkipped_withoutIt_answers503() {
        HighestRandomWeightService hrw = new HighestRandomWeightService(
                List.of(new ServiceRef("left", 1), new ServiceRef("right", 1)));
        RoutingRuntime plain = twoChildren(false, hrw);
        String chosen = answers(plain, 1).getFirst();
        String chosenUrl = "http://" + (chosen.equals("left") ? LEFT : RIGHT);
        plain.states().state(chosen + SUFFIX, chosenUrl).up(false);
        assertEquals(List.of("503", "503"), answers(plain, 2));

        RoutingRuntime propagating = twoChildren(true, hrw);
        propagating.states().state(chosen + SUFFIX, chosenUrl).up(false);
        List<String> a = answers(propagating, 2);
        assertEquals(2, count(a, chosen.equals("left") ? "right" : "left"), a.toString());
    }

    @Test
    void stickyWeighted_pinnedChildLosesAllServers_withPropagation_repinsToTheOther() {
        WeightedService sticky = new WeightedService(List.of(new ServiceRef("left", 1), new ServiceRef("right", 1)),
                Optional.of(StickyCookie.defaults()));
        RoutingRuntime runtime = twoChildren(true, sticky);
        FakeExchange first = FakeExchange.get("a.test", "/");
        runtime.handle(first);
        String cookie = first.responseHeaders.first("Set-Cookie").split(";")[0];
        String pinned = first.text();
        String other = pinned.equals("left") ? "right" : "left";
        runtime.states().state(pinned + SUFFIX, "http://" + (pinned.equals("left") ? LEFT : RIGHT)).up(false);
        FakeExchange again = FakeExchange.get("a.test", "/").header("Cookie", cookie);
        runtime.handle(again);
        assertEquals(other, again.text());
        assertNotEquals(cookie, again.responseHeaders.first("Set-Cookie").split(";")[0]);
    }

    @Test
    void noAvailableServerInAStickyChild_keepsTheParentsCookie() {
        WeightedService sticky = new WeightedService(List.of(new ServiceRef("left", 1)),
                Optional.of(StickyCookie.defaults()));
        RoutingRuntime runtime = twoChildren(false, sticky);
        runtime.states().state("left" + SUFFIX, "http://" + LEFT).up(false);
        FakeExchange ex = FakeExchange.get("a.test", "/");
        runtime.handle(ex);
        assertEquals(503, ex.status);
        assertEquals(1, ex.responseHeaders.all("Set-Cookie").size());
        assertEquals("text/plain; charset=utf-8", ex.responseHeaders.first("Content-Type"));
    }

    @Test
    void failover_withPropagation_tracksAWeightedMain() {
        RoutingRuntime runtime = Trees.runtime(upstream, Trees.settings().withPropagateHealth(true));
        runtime.apply(config(Map.of("svc", new FailoverService("wrr", "right",
                        Optional.of(new FailoverService.Errors(List.of("599"), java.util.OptionalLong.empty()))),
                "wrr", weighted("left"), "left", lb("http://" + LEFT), "right", lb("http://" + RIGHT))));
        runtime.states().state("left" + SUFFIX, "http://" + LEFT).up(false);
        assertEquals(List.of("right"), answers(runtime, 1));
    }

    // ---- state across configuration swaps -------------------------------------------------

    @Test
    void apply_survivingServer_keepsItsHealthAndInFlightCount_removedOneIsForgotten() {
        RoutingRuntime runtime = Trees.runtime(upstream);
        runtime.apply(config(Map.of("svc", lb("http://" + LEFT, "http://" + RIGHT))));
        MemberState left = runtime.states().state("svc" + SUFFIX, "http://" + LEFT);
        left.up(false);
        left.acquire();
        runtime.apply(config(Map.of("svc", lb("http://" + LEFT, "http://" + RIGHT, "http://" + THIRD))));
        assertSame(left, runtime.states().find("svc" + SUFFIX, "http://" + LEFT).orElseThrow());
        assertEquals(1, left.inFlight());
        List<String> a = answers(runtime, 6);
        assertEquals(0, count(a, "left"), "still down after the swap: " + a);
        assertEquals(3, count(a, "right"), a.toString());

        runtime.apply(config(Map.of("svc", lb("http://" + RIGHT))));
        assertTrue(runtime.states().find("svc" + SUFFIX, "http://" + LEFT).isEmpty());
        runtime.apply(config(Map.of("svc", lb("http://" + LEFT, "http://" + RIGHT))));
        assertTrue(runtime.states().state("svc" + SUFFIX, "http://" + LEFT).up(), "a returning server starts UP");
    }

    @Test
    void apply_stickySession_survivesTheSwap() {
        RoutingRuntime runtime = Trees.runtime(upstream);
        runtime.apply(config(Map.of("svc", stickyLb("http://" + LEFT, "http://" + RIGHT))));
        FakeExchange first = FakeExchange.get("a.test", "/");
        runtime.handle(first);
        String cookie = first.responseHeaders.first("Set-Cookie").split(";")[0];
        String pinned = first.text();
        for (int swap = 0; swap < 3; swap++) {
            runtime.apply(config(Map.of("svc", stickyLb("http://" + THIRD, "http://" + RIGHT, "http://" + LEFT))));
            for (int i = 0; i < 5; i++) {
                FakeExchange ex = FakeExchange.get("a.test", "/").header("Cookie", cookie);
                runtime.handle(ex);
                assertEquals(pinned, ex.text());
                assertEquals(List.of(), ex.responseHeaders.all("Set-Cookie"), "a canonical cookie is not re-set");
            }
        }
    }

    @Test
    void apply_balancersAreShuffled_soTheyDoNotAllStartAtTheSameServer() {
        RoutingRuntime runtime = Trees.runtime(upstream);
        Map<String, RouterConfig> routers = new HashMap<>();
        Map<String, ServiceConfig> services = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            routers.put("r" + i, RouterConfig.of("Host(`s" + i + ".test`)", List.of("web"), "s" + i));
            services.put("s" + i, lb("http://" + LEFT, "http://" + RIGHT, "http://" + THIRD));
        }
        Set<String> firsts = new HashSet<>();
        for (int round = 0; round < 2; round++) {
            runtime.apply(new DynamicConfig(routers, services, Map.of()));
            for (int i = 0; i < 12; i++) {
                FakeExchange ex = FakeExchange.get("s" + i + ".test", "/");
                runtime.handle(ex);
                firsts.add(ex.text());
            }
        }
        assertEquals(Set.of("left", "right", "third"), firsts);
    }
}
