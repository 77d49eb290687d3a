package io.switchyard.ports.runtime;

import static io.switchyard.ports.runtime.Trees.await;
import static io.switchyard.ports.runtime.Trees.config;
import static io.switchyard.ports.runtime.Trees.lb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.domain.config.MirroringService;
import io.switchyard.domain.config.ServiceConfig;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.ports.upstream.UpstreamException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Mirroring services through the runtime (spec: balancing.md §2.9), with a scripted upstream. */
final class MirroringTest {
    private static final String MAIN = "10.0.0.1:80";
    private static final String MIRROR = "10.0.0.2:80";
    private static final String OTHER = "10.0.0.3:80";

    private final ScriptedUpstream upstream = new ScriptedUpstream()
            .on(MAIN, 200, "main")
            .on(MIRROR, 200, "mirror")
            .on(OTHER, 200, "other");

    private static Map<String, ServiceConfig> services(MirroringService mirroring) {
        return Map.of("svc", mirroring,
                "main", lb("http://" + MAIN),
                "mirror", lb("http://" + MIRROR),
                "other", lb("http://" + OTHER));
    }

    private static MirroringService mirroring(int percent, Optional<Boolean> mirrorBody, OptionalLong maxBodySize) {
        return new MirroringService("main", List.of(new MirroringService.Mirror("mirror", percent)), mirrorBody,
                maxBodySize);
    }

    private RoutingRuntime start(MirroringService mirroring) {
        RoutingRuntime runtime = Trees.runtime(upstream);
        assertEquals(List.of(), runtime.apply(config(services(mirroring))));
        return runtime;
    }

    private static void settle(RoutingRuntime runtime) throws InterruptedException {
        await(() -> runtime.pendingMirrors() == 0, "mirror tasks to finish");
    }

    @Test
    void handle_selectedMirror_getsACopyOfHeadersAndBody_andTheClientGetsMainsAnswer() throws Exception {
        RoutingRuntime runtime = start(mirroring(100, Optional.empty(), OptionalLong.empty()));
        FakeExchange ex = FakeExchange.post("a.test", "/orders", "hello").header("X-Trace", "t1");
        runtime.handle(ex);

        assertEquals(200, ex.status);
        assertEquals("main", ex.text());
        settle(runtime);
        ScriptedUpstream.Seen main = upstream.seenBy(MAIN).getFirst();
        ScriptedUpstream.Seen mirror = upstream.seenBy(MIRROR).getFirst();
        assertEquals("hello", main.text());
        assertEquals("hello", mirror.text());
        assertEquals(5, mirror.length());
        assertEquals("POST", mirror.method());
        assertEquals("/orders", mirror.target());
        assertEquals("t1", mirror.headers().first("X-Trace"));
        // Each copy is forwarded on its own: X-Forwarded-For is appended once, not twice.
        assertEquals(List.of("192.0.2.10"), mirror.headers().all("X-Forwarded-For"));
        assertEquals(List.of("192.0.2.10"), main.headers().all("X-Forwarded-For"));
    }

    @Test
    void handle_percent50_mirrorsRequests1And3Of4() throws Exception {
        RoutingRuntime runtime = start(mirroring(50, Optional.empty(), OptionalLong.empty()));
        for (int i = 1; i <= 4; i++) {
            runtime.handle(FakeExchange.get("a.test", "/" + i));
        }
        settle(runtime);
        assertEquals(4, upstream.seenBy(MAIN).size());
        assertEquals(Set.of("/1", "/3"),
                upstream.seenBy(MIRROR).stream().map(ScriptedUpstream.Seen::target).collect(Collectors.toSet()));
    }

    @Test
    void handle_severalMirrors_areSentSequentiallyInConfigurationOrder() throws Exception {
        MirroringService m = new MirroringService("main", List.of(new MirroringService.Mirror("mirror", 100),
                new MirroringService.Mirror("other", 100)), Optional.empty(), OptionalLong.empty());
        RoutingRuntime runtime = start(m);
        runtime.handle(FakeExchange.post("a.test", "/x", "body"));
        settle(runtime);
        List<String> order = upstream.seen.stream().map(ScriptedUpstream.Seen::authority).toList();
        assertEquals(List.of(MAIN, MIRROR, OTHER), order);
        assertEquals("body", upstream.seenBy(OTHER).getFirst().text());
    }

    @Test
    void handle_mirrorBodyFalse_mirrorGetsHeadersAndAnEmptyBody_mainStreamsTheOriginal() throws Exception {
        RoutingRuntime runtime = start(mirroring(100, Optional.of(false), OptionalLong.empty()));
        FakeExchange ex = FakeExchange.post("a.test", "/x", "payload");
        runtime.handle(ex);
        settle(runtime);
        ScriptedUpstream.Seen main = upstream.seenBy(MAIN).getFirst();
        ScriptedUpstream.Seen mirror = upstream.seenBy(MIRROR).getFirst();
        assertSame(ex.bodyStream(), main.bodyStream(), "main gets the client's stream, not a buffered copy");
        assertEquals("payload", main.text());
        assertEquals("", mirror.text());
        assertEquals(0, mirror.length());
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 6, 100})
    void handle_bodyWithinMaxBodySize_isMirrored(long max) throws Exception {
        RoutingRuntime runtime = start(mirroring(100, Optional.empty(), OptionalLong.of(max)));
        runtime.handle(FakeExchange.post("a.test", "/x", "12345"));
        settle(runtime);
        assertEquals("12345", upstream.seenBy(MAIN).getFirst().text());
        assertEquals("12345", upstream.seenBy(MIRROR).getFirst().text());
    }

    @Test
    void handle_bodyOverMaxBodySize_goesToMainWhole_andIsNotMirrored() throws Exception {
        RoutingRuntime runtime = start(mirroring(100, Optional.empty(), OptionalLong.of(4)));
        runtime.handle(FakeExchange.post("a.test", "/x", "12345"));
        settle(runtime);
        assertEquals("12345", upstream.seenBy(MAIN).getFirst().text());
        assertEquals(List.of(), upstream.seenBy(MIRROR));
    }

    @Test
    void handle_chunkedBodyOverMaxBodySize_mainGetsTheBytesAlreadyReadThenTheRest() throws Exception {
        RoutingRuntime runtime = start(mirroring(100, Optional.empty(), OptionalLong.of(3)));
        byte[] body = "abcdefghij".getBytes(StandardCharsets.UTF_8);
        FakeExchange ex = new FakeExchange("POST", "a.test", "/x", "192.0.2.10", new HttpFields(),
                new ByteArrayInputStream(body), -1);
        runtime.handle(ex);
        settle(runtime);
        ScriptedUpstream.Seen main = upstream.seenBy(MAIN).getFirst();
        assertEquals("abcdefghij", main.text());
        assertEquals(-1, main.length(), "still sent chunked");
        assertEquals(List.of(), upstream.seenBy(MIRROR));
    }

    @Test
    void handle_chunkedBodyWithinLimit_mirrorsItChunked() throws Exception {
        RoutingRuntime runtime = start(mirroring(100, Optional.empty(), OptionalLong.of(10)));
        FakeExchange ex = new FakeExchange("POST", "a.test", "/x", "192.0.2.10", new HttpFields(),
                new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8)), -1);
        runtime.handle(ex);
        settle(runtime);
        assertEquals("abc", upstream.seenBy(MAIN).getFirst().text());
        assertEquals("abc", upstream.seenBy(MIRROR).getFirst().text());
        assertEquals(-1, upstream.seenBy(MIRROR).getFirst().length());
    }

    @Test
    void handle_slowMirror_doesNotDelayTheMainResponse() throws Exception {
        CountDownLatch mirrorMayAnswer = new CountDownLatch(1);
        CountDownLatch mirrorReached = new CountDownLatch(1);
        upstream.on(MIRROR, s -> {
            mirrorReached.countDown();
            try {
                mirrorMayAnswer.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ScriptedUpstream.Answer.of(200, "late");
        });
        RoutingRuntime runtime = start(mirroring(100, Optional.empty(), OptionalLong.empty()));
        FakeExchange first = FakeExchange.get("a.test", "/1");
        runtime.handle(first);
        assertEquals(200, first.status);
        assertTrue(mirrorReached.await(5, TimeUnit.SECONDS));
        // The mirror is still stuck; the next request is served all the same.
        FakeExchange second = FakeExchange.get("a.test", "/2");
        runtime.handle(second);
        assertEquals("main", second.text());
        mirrorMayAnswer.countDown();
        settle(runtime);
    }

    @Test
    void handle_saturatedMirroring_dropsTheCopy_countsIt_andDoesNotBufferTheBody() throws Exception {
        RoutingRuntime runtime = new RoutingRuntime(upstream,
                Trees.settings().withMirrorLimits(new RuntimeSettings.MirrorLimits(0, 0)), new java.util.Random(1));
        runtime.apply(config(services(mirroring(100, Optional.empty(), OptionalLong.empty()))));
        FakeExchange ex = FakeExchange.post("a.test", "/x", "payload");
        runtime.handle(ex);
        assertEquals(200, ex.status);
        assertEquals(1, runtime.droppedMirrors());
        assertSame(ex.bodyStream(), upstream.seenBy(MAIN).getFirst().bodyStream());
        assertEquals(List.of(), upstream.seenBy(MIRROR));
    }

    @Test
    void handle_bufferedBodyOverTheByteBudget_isDroppedAfterMain() throws Exception {
        RoutingRuntime runtime = new RoutingRuntime(upstream,
                Trees.settings().withMirrorLimits(new RuntimeSettings.MirrorLimits(10, 4)), new java.util.Random(1));
        runtime.apply(config(services(mirroring(100, Optional.empty(), OptionalLong.empty()))));
        FakeExchange ex = FakeExchange.post("a.test", "/x", "payload");
        runtime.handle(ex);
        settle(runtime);
        assertEquals("main", ex.text());
        assertEquals("payload", upstream.seenBy(MAIN).getFirst().text());
        assertNotSame(ex.bodyStream(), upstream.seenBy(MAIN).getFirst().bodyStream());
        assertEquals(1, runtime.droppedMirrors());
        assertEquals(List.of(), upstream.seenBy(MIRROR));
    }

    @Test
    void handle_absentMirror_isSilentlyIgnored() throws Exception {
        MirroringService m = new MirroringService("main", List.of(new MirroringService.Mirror("gone", 100),
                new MirroringService.Mirror("mirror", 100)), Optional.empty(), OptionalLong.empty());
        RoutingRuntime runtime = Trees.runtime(upstream);
        runtime.apply(config(Map.of("svc", m, "main", lb("http://" + MAIN), "mirror", lb("http://" + MIRROR),
                "gone", lb("http://10.9.9.9:80"))));
        FakeExchange ex = FakeExchange.get("a.test", "/x");
        runtime.handle(ex);
        settle(runtime);
        assertEquals("main", ex.text());
        assertEquals(1, upstream.seenBy("10.9.9.9:80").size(), "tried, refused");
        assertEquals(1, upstream.seenBy(MIRROR).size(), "the next mirror is still served");
    }

    @Test
    void handle_clientGoneDuringMain_noMirroring() throws Exception {
        upstream.on(MAIN, s -> {
            throw new UpstreamException(UpstreamException.Failure.CLIENT_GONE, "client went away");
        });
        RoutingRuntime runtime = start(mirroring(100, Optional.empty(), OptionalLong.empty()));
        runtime.handle(FakeExchange.get("a.test", "/x"));
        settle(runtime);
        assertEquals(List.of(), upstream.seenBy(MIRROR));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 101})
    void apply_percentOutOfRange_disablesTheRouter(int percent) {
        RoutingRuntime runtime = Trees.runtime(upstream);
        List<RuntimeDiagnostic> d = runtime.apply(config(services(
                mirroring(percent, Optional.empty(), OptionalLong.empty()))));
        assertTrue(d.stream().anyMatch(x -> x.toString().contains("svc@kubernetescrd")
                && x.toString().contains("percent must be between 0 and 100")), d.toString());
        FakeExchange ex = FakeExchange.get("a.test", "/");
        runtime.handle(ex);
        assertEquals(404, ex.status);
    }

    @Test
    void apply_mirrorOfItself_isAReferenceCycle() {
        MirroringService m = new MirroringService("main", List.of(new MirroringService.Mirror("svc", 10)),
                Optional.empty(), OptionalLong.empty());
        RoutingRuntime runtime = Trees.runtime(upstream);
        List<RuntimeDiagnostic> d = runtime.apply(config(services(m)));
        assertTrue(d.stream().anyMatch(x -> x.toString().contains("reference cycle")), d.toString());
    }
}
