package io.switchyard.ports.runtime;

import static io.switchyard.ports.runtime.Trees.SUFFIX;
import static io.switchyard.ports.runtime.Trees.checkedLb;
import static io.switchyard.ports.runtime.Trees.config;
import static io.switchyard.ports.runtime.Trees.lb;
import static io.switchyard.ports.runtime.Trees.stickyLb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.switchyard.domain.config.FailoverService;
import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.config.ServiceConfig;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.ports.upstream.Upstream;
import io.switchyard.ports.upstream.UpstreamException;
import io.switchyard.ports.upstream.UpstreamRequest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Failover services through the runtime (spec: balancing.md §2.10). */
final class FailoverTest {
    private static final String MAIN = "10.0.0.1:80";
    private static final String FALLBACK = "10.0.0.2:80";

    private final ScriptedUpstream upstream = new ScriptedUpstream().on(FALLBACK, 200, "fallback");

    private static FailoverService failover(List<String> status, long max) {
        return new FailoverService("main", "fallback", Optional.of(new FailoverService.Errors(status,
                max < 0 ? OptionalLong.empty() : OptionalLong.of(max))));
    }

    private RoutingRuntime start(FailoverService failover, LoadBalancerService main) {
        RoutingRuntime runtime = Trees.runtime(upstream);
        Map<String, ServiceConfig> services = Map.of("svc", failover, "main", main,
                "fallback", lb("http://" + FALLBACK));
        assertEquals(List.of(), runtime.apply(config(services)));
        return runtime;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // errors.status | main answers | client gets (spec §2.10 example)
            "500-599,429 | 503 | fallback",
            "500-599,429 | 429 | fallback",
            "500-599,429 | 404 | main",
            "500-599,429 | 200 | main",
            "500-599-700 | 599 | fallback",
            "500-599-700 | 600 | main",
            "599-500     | 550 | main",
    })
    void handle_mainStatus_decidesWhoAnswers(String status, int mainStatus, String expected) {
        upstream.on(MAIN, mainStatus, "main");
        RoutingRuntime runtime = start(failover(List.of(status.split(",")), -1), lb("http://" + MAIN));
        FakeExchange ex = FakeExchange.post("a.test", "/pay", "amount=5");
        runtime.handle(ex);
        assertEquals(expected, ex.text());
        assertEquals(expected.equals("main") ? mainStatus : 200, ex.status);
        assertEquals(1, upstream.seenBy(MAIN).size());
        assertEquals(expected.equals("main") ? 0 : 1, upstream.seenBy(FALLBACK).size());
    }

    @Test
    void handle_failingOver_sendsTheSameBodyAndTheOriginalHeaders() {
        upstream.on(MAIN, s -> ScriptedUpstream.Answer.of(503, "busy").header("X-From", "main"));
        RoutingRuntime runtime = start(failover(List.of("500-599"), -1), lb("http://" + MAIN));
        FakeExchange ex = FakeExchange.post("a.test", "/pay", "amount=5").header("X-Trace", "t1");
        runtime.handle(ex);
        ScriptedUpstream.Seen fb = upstream.seenBy(FALLBACK).getFirst();
        assertEquals("amount=5", upstream.seenBy(MAIN).getFirst().text());
        assertEquals("amount=5", fb.text());
        assertEquals(8, fb.length());
        assertEquals("t1", fb.headers().first("X-Trace"));
        assertEquals(List.of("192.0.2.10"), fb.headers().all("X-Forwarded-For"));
        assertNull(ex.responseHeaders.first("X-From"), "main's headers are discarded");
        assertEquals("fallback", ex.text());
    }

    @Test
    void handle_mainRefusesTheConnection_502InRange_goesToTheFallback() {
        RoutingRuntime runtime = start(failover(List.of("502"), -1), lb("http://" + MAIN));
        FakeExchange ex = FakeExchange.get("a.test", "/");
        runtime.handle(ex);
        assertEquals(200, ex.status);
        assertEquals("fallback", ex.text());
    }

    @Test
    void handle_mainHasNoAvailableServer_503InRange_goesToTheFallback() {
        RoutingRuntime runtime = start(failover(List.of("503"), -1),
                lb("http://" + MAIN).withServers(List.of(new io.switchyard.domain.config.ServerConfig("http://" + MAIN, true))));
        FakeExchange ex = FakeExchange.get("a.test", "/");
        runtime.handle(ex);
        assertEquals("fallback", ex.text());
        assertEquals(List.of(), upstream.seenBy(MAIN));
    }

    @Test
    void handle_bodyOverMaxRequestBodyBytes_is413_andNobodyIsCalled() {
        upstream.on(MAIN, 200, "main");
        RoutingRuntime runtime = start(failover(List.of("500-599"), 4), lb("http://" + MAIN));
        FakeExchange ex = FakeExchange.post("a.test", "/", "12345");
        runtime.handle(ex);
        assertEquals(413, ex.status);
        assertEquals("Request body too large\n", ex.text());
        assertEquals("text/plain; charset=utf-8", ex.responseHeaders.first("Content-Type"));
        assertEquals("nosniff", ex.responseHeaders.first("X-Content-Type-Options"));
        assertEquals(List.of(), upstream.seen);
    }

    @Test
    void handle_chunkedBodyOverMaxRequestBodyBytes_is413() {
        upstream.on(MAIN, 200, "main");
        RoutingRuntime runtime = start(failover(List.of("500-599"), 4), lb("http://" + MAIN));
        FakeExchange ex = new FakeExchange("POST", "a.test", "/", "192.0.2.10", new HttpFields(),
                new ByteArrayInputStream("12345".getBytes(StandardCharsets.UTF_8)), -1);
        runtime.handle(ex);
        assertEquals(413, ex.status);
        assertEquals(List.of(), upstream.seen);
    }

    @Test
    void handle_bodyOfExactlyMaxRequestBodyBytes_isAccepted() {
        upstream.on(MAIN, 500, "main");
        RoutingRuntime runtime = start(failover(List.of("500-599"), 5), lb("http://" + MAIN));
        FakeExchange ex = FakeExchange.post("a.test", "/", "12345");
        runtime.handle(ex);
        assertEquals("fallback", ex.text());
        assertEquals("12345", upstream.seenBy(FALLBACK).getFirst().text());
    }

    @Test
    void handle_noRanges_streamsToMainWithoutBuffering() {
        upstream.on(MAIN, 500, "main");
        RoutingRuntime runtime = start(new FailoverService("main", "fallback", Optional.empty()),
                checkedLb("http://" + MAIN));
        FakeExchange ex = FakeExchange.post("a.test", "/", "12345");
        runtime.handle(ex);
        assertEquals(500, ex.status);
        assertSame(ex.bodyStream(), upstream.seenBy(MAIN).getFirst().bodyStream());
    }

    @Test
    void handle_mainHealthTrackedAndAllServersDown_goesStraightToTheFallbackWithoutBuffering() {
        upstream.on(MAIN, 500, "main");
        RoutingRuntime runtime = start(failover(List.of("500-599"), 3), checkedLb("http://" + MAIN, "http://10.0.0.3:80"));
        runtime.states().state("main" + SUFFIX, "http://" + MAIN).up(false);
        runtime.states().state("main" + SUFFIX, "http://10.0.0.3:80").up(false);
        FakeExchange ex = FakeExchange.post("a.test", "/", "longer than three bytes");
        runtime.handle(ex);
        assertEquals("fallback", ex.text());
        assertEquals(List.of(), upstream.seenBy(MAIN));
        assertSame(ex.bodyStream(), upstream.seenBy(FALLBACK).getFirst().bodyStream());

        // One server back UP: main is tried again.
        upstream.on(MAIN, 200, "main");
        runtime.states().state("main" + SUFFIX, "http://" + MAIN).up(true);
        FakeExchange back = FakeExchange.get("a.test", "/");
        runtime.handle(back);
        assertEquals("main", back.text());
    }

    @Test
    void handle_mainWithoutHealthCheck_allServersDown_stillTriesMainLikeTraefik() {
        RoutingRuntime runtime = start(failover(List.of("500"), -1), lb("http://" + MAIN));
        runtime.states().state("main" + SUFFIX, "http://" + MAIN).up(false);
        FakeExchange ex = FakeExchange.get("a.test", "/");
        runtime.handle(ex);
        // main answers 503 no available server itself, which is not in the ranges.
        assertEquals(503, ex.status);
        assertEquals("no available server\n", ex.text());
        assertEquals(List.of(), upstream.seen);
    }

    @Test
    void handle_mainTrailers_areRelayed() {
        upstream.on(MAIN, s -> new ScriptedUpstream.Answer(200, new HttpFields().add("Trailer", "grpc-status"),
                "data", new HttpFields().add("grpc-status", "0")));
        RoutingRuntime runtime = start(failover(List.of("500-599"), -1), lb("http://" + MAIN));
        FakeExchange ex = FakeExchange.get("a.test", "/");
        runtime.handle(ex);
        assertEquals("data", ex.text());
        assertEquals("0", ex.trailers.first("grpc-status"));
    }

    @Test
    void handle_failingOver_dropsMainsStickyCookie_andSetsTheFallbacksOwn() {
        upstream.on(MAIN, 503, "main");
        RoutingRuntime runtime = Trees.runtime(upstream);
        runtime.apply(config(Map.of("svc", failover(List.of("503"), -1), "main", stickyLb("http://" + MAIN),
                "fallback", stickyLb("http://" + FALLBACK))));
        FakeExchange ex = FakeExchange.get("a.test", "/");
        runtime.handle(ex);
        List<String> cookies = ex.responseHeaders.all("Set-Cookie");
        assertEquals(1, cookies.size(), cookies.toString());
        assertTrue(cookies.getFirst().startsWith(io.switchyard.domain.sticky.StickyCookies.cookieName(
                io.switchyard.domain.config.StickyCookie.defaults(), "fallback" + SUFFIX) + "="), cookies.toString());
    }

    @Test
    void apply_noRangesAndMainWithoutHealthCheck_disablesTheRouter() {
        RoutingRuntime runtime = Trees.runtime(upstream);
        List<RuntimeDiagnostic> d = runtime.apply(config(Map.of("svc",
                new FailoverService("main", "fallback", Optional.empty()), "main", lb("http://" + MAIN),
                "fallback", lb("http://" + FALLBACK))));
        assertTrue(d.stream().anyMatch(x -> x.object().equals("service svc" + SUFFIX)
                && x.message().contains("cannot register service main" + SUFFIX)), d.toString());
        FakeExchange ex = FakeExchange.get("a.test", "/");
        runtime.handle(ex);
        assertEquals(404, ex.status);
    }

    @Test
    void apply_mainIsWeightedAndNoRanges_disablesTheRouter() {
        RoutingRuntime runtime = Trees.runtime(upstream);
        List<RuntimeDiagnostic> d = runtime.apply(config(Map.of("svc",
                new FailoverService("wrr", "fallback", Optional.of(new FailoverService.Errors(List.of(),
                        OptionalLong.empty()))),
                "wrr", new io.switchyard.domain.config.WeightedService(
                        List.of(new io.switchyard.domain.config.ServiceRef("main", 1)), Optional.empty()),
                "main", checkedLb("http://" + MAIN), "fallback", lb("http://" + FALLBACK))));
        assertTrue(d.stream().anyMatch(x -> x.message().contains("cannot register")), d.toString());
    }

    @Test
    void apply_statusNotAnInteger_disablesTheRouter() {
        RoutingRuntime runtime = Trees.runtime(upstream);
        List<RuntimeDiagnostic> d = runtime.apply(config(Map.of("svc", failover(List.of("5xx"), -1),
                "main", lb("http://" + MAIN), "fallback", lb("http://" + FALLBACK))));
        assertTrue(d.stream().anyMatch(x -> x.message().contains("\"5xx\" is not an integer")), d.toString());
    }

    @Test
    void handle_mainHealthyWithoutRanges_neverTouchesTheFallback_mockedUpstream() {
        Upstream mocked = mock(Upstream.class);
        when(mocked.exchange(any())).thenThrow(new UpstreamException(UpstreamException.Failure.TIMEOUT, "slow"));
        RoutingRuntime runtime = new RoutingRuntime(mocked, Trees.settings(), new java.util.Random(3));
        runtime.apply(config(Map.of("svc", new FailoverService("main", "fallback", Optional.empty()),
                "main", checkedLb("http://" + MAIN), "fallback", lb("http://" + FALLBACK))));
        FakeExchange ex = FakeExchange.get("a.test", "/");
        runtime.handle(ex);
        assertEquals(504, ex.status);
        var captor = org.mockito.ArgumentCaptor.forClass(UpstreamRequest.class);
        verify(mocked).exchange(captor.capture());
        assertEquals(MAIN, captor.getValue().server().authority());
    }
}
