package io.switchyard.ports.runtime;

import static io.switchyard.ports.runtime.Trees.config;
import static io.switchyard.ports.runtime.Trees.lb;
import static io.switchyard.ports.runtime.Trees.stickyLb;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.config.ServiceConfig;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.ports.upstream.Upstream;
import io.switchyard.ports.upstream.UpstreamException;
import io.switchyard.ports.upstream.UpstreamException.Failure;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The idempotent retry on another server (RuntimeSettings#retryIdempotentOnce, beyond Traefik:
 * docs/reliability.md). Server A refuses connections; B and C answer.
 */
final class IdempotentRetryTest {
    private static final String A = "10.0.0.1:80";
    private static final String B = "10.0.0.2:80";
    private static final String C = "10.0.0.3:80";

    private final ScriptedUpstream scripted = new ScriptedUpstream()
            .on(B, s -> ScriptedUpstream.Answer.of(200, "b:" + s.text()))
            .on(C, s -> ScriptedUpstream.Answer.of(200, "c:" + s.text()));
    private final Set<String> refusing = new java.util.concurrent.CopyOnWriteArraySet<>(Set.of(A));
    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private Failure refusal = Failure.CONNECT;
    private boolean nothingSent = true;

    private final Upstream upstream = request -> {
        String authority = request.server().authority();
        attempts.add(authority);
        if (refusing.contains(authority)) {
            throw new UpstreamException(refusal, false, "refused: " + authority, null, nothingSent);
        }
        return scripted.exchange(request);
    };

    private RoutingRuntime runtime(boolean retry, LoadBalancerService service) {
        RoutingRuntime runtime = new RoutingRuntime(upstream, Trees.settings().withRetryIdempotentOnce(retry),
                new Random(42));
        assertEquals(List.of(), runtime.apply(config(Map.<String, ServiceConfig>of("svc", service))));
        return runtime;
    }

    private static FakeExchange request(String method, String body, String... headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpFields fields = new HttpFields();
        for (int i = 0; i < headers.length; i += 2) {
            fields.add(headers[i], headers[i + 1]);
        }
        return new FakeExchange(method, "a.test", "/x", "192.0.2.10", fields, new ByteArrayInputStream(bytes),
                bytes.length);
    }

    /** Sends {@code n} requests made by {@code make}; round robin over two servers sends one in two to A first. */
    private List<Integer> statuses(RoutingRuntime runtime, int n, java.util.function.Supplier<FakeExchange> make) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FakeExchange ex = make.get();
            runtime.handle(ex);
            out.add(ex.status);
        }
        return out;
    }

    @Test
    void get_firstServerRefuses_answeredByTheOtherServer() {
        RoutingRuntime runtime = runtime(true, lb("http://" + A, "http://" + B));
        for (int i = 0; i < 6; i++) {
            FakeExchange ex = FakeExchange.get("a.test", "/x");
            runtime.handle(ex);
            assertEquals(200, ex.status);
            assertEquals("b:", ex.text());
        }
        assertTrue(attempts.contains(A), "A was tried: " + attempts);
        assertEquals(6, scripted.seenBy(B).size());
        ScriptedUpstream.Seen seen = scripted.seenBy(B).getFirst();
        assertEquals(List.of("192.0.2.10"), seen.headers().all("X-Forwarded-For"), "forwarded headers added once");
        assertEquals("a.test", seen.headers().first("Host"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // method | header            | retried
            "GET      |                   | true",
            "HEAD     |                   | true",
            "OPTIONS  |                   | true",
            "TRACE    |                   | true",
            "POST     |                   | false",
            "PUT      |                   | false",
            "DELETE   |                   | false",
            "PATCH    |                   | false",
            "POST     | Idempotency-Key   | true",
            "PATCH    | X-Idempotency-Key | true",
    })
    void method_decidesWhetherARefusedRequestIsRetried(String method, String header, boolean retried) {
        RoutingRuntime runtime = runtime(true, lb("http://" + A, "http://" + B));
        List<Integer> statuses = statuses(runtime, 2, () -> header == null
                ? request(method, "") : request(method, "", header, "k-1"));
        assertEquals(retried ? List.of(200, 200) : List.of(200, 502), sorted(statuses));
    }

    @Test
    void postWithIdempotencyKey_theBodyReachesTheSecondServerWhole() {
        RoutingRuntime runtime = runtime(true, lb("http://" + A, "http://" + B));
        for (int i = 0; i < 2; i++) {
            FakeExchange ex = request("POST", "order=" + i, "Idempotency-Key", "k-" + i);
            runtime.handle(ex);
            assertEquals("b:order=" + i, ex.text());
        }
        assertEquals(2, scripted.seenBy(B).size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // failure | nothingSent | status
            "CONNECT   | false       | 502",
            "EOF       | false       | 502",
            "TIMEOUT   | true        | 504",
            "OTHER     | true        | 500",
    })
    void failureThatMayHaveReachedTheServer_orIsNoRefusal_isNotRetried(Failure failure, boolean sent, int status) {
        refusal = failure;
        nothingSent = sent;
        RoutingRuntime runtime = runtime(true, lb("http://" + A, "http://" + B));
        assertEquals(List.of(200, status), sorted(statuses(runtime, 2, () -> FakeExchange.get("a.test", "/"))));
        assertEquals(List.of(A, B), sorted2(attempts), "each server once, no second attempt");
    }

    @Test
    void eofBeforeTheServerTookTheRequest_isRetried() {
        refusal = Failure.EOF;
        RoutingRuntime runtime = runtime(true, lb("http://" + A, "http://" + B));
        assertEquals(List.of(200, 200), statuses(runtime, 2, () -> FakeExchange.get("a.test", "/")));
    }

    @Test
    void retryOff_refusedRequestIs502() {
        RoutingRuntime runtime = runtime(false, lb("http://" + A, "http://" + B));
        assertEquals(List.of(200, 502), sorted(statuses(runtime, 2, () -> FakeExchange.get("a.test", "/"))));
    }

    @Test
    void onlyOneServer_502AfterOneAttempt() {
        RoutingRuntime runtime = runtime(true, lb("http://" + A));
        FakeExchange ex = FakeExchange.get("a.test", "/");
        runtime.handle(ex);
        assertEquals(502, ex.status);
        assertEquals("Bad Gateway", ex.text());
        assertEquals(List.of(A), attempts);
    }

    @Test
    void secondServerRefusesToo_retriedOnceOnly() {
        refusing.addAll(Set.of(B, C));
        RoutingRuntime runtime = runtime(true, lb("http://" + A, "http://" + B, "http://" + C));
        FakeExchange ex = FakeExchange.get("a.test", "/");
        runtime.handle(ex);
        assertEquals(502, ex.status);
        assertEquals(2, attempts.size(), attempts.toString());
        assertEquals(2, Set.copyOf(attempts).size(), "two different servers: " + attempts);
    }

    @Test
    void otherServerDown_noRetry() {
        RoutingRuntime runtime = runtime(true, lb("http://" + A, "http://" + B));
        runtime.states().find("svc" + Trees.SUFFIX, "http://" + B).orElseThrow().up(false);
        FakeExchange ex = FakeExchange.get("a.test", "/");
        runtime.handle(ex);
        assertEquals(502, ex.status);
        assertEquals(List.of(A), attempts);
    }

    @Test
    void sticky_cookieNamesTheServerThatAnswered() {
        RoutingRuntime runtime = runtime(true, stickyLb("http://" + A, "http://" + B));
        for (int i = 0; i < 4; i++) {
            FakeExchange ex = FakeExchange.get("a.test", "/");
            runtime.handle(ex);
            assertEquals(200, ex.status);
            List<String> cookies = ex.responseHeaders.all("Set-Cookie");
            assertEquals(1, cookies.size(), cookies.toString());
            // the cookie of B, whichever server was tried first
            FakeExchange pinned = FakeExchange.get("a.test", "/").header("Cookie", cookies.getFirst().split(";")[0]);
            attempts.clear();
            runtime.handle(pinned);
            assertEquals(List.of(B), attempts, "the cookie leads straight to B");
        }
    }

    @Test
    void passHostHeaderOff_retriedRequestCarriesTheSecondServersHost() {
        LoadBalancerService service = lb("http://" + A, "http://" + B);
        service = new LoadBalancerService(service.servers(), service.strategy(), false, service.flushInterval(),
                service.sticky(), service.healthCheck(), service.passiveHealthCheck(), "");
        RoutingRuntime runtime = runtime(true, service);
        statuses(runtime, 2, () -> FakeExchange.get("a.test", "/"));
        assertEquals(List.of(B, B), scripted.seenBy(B).stream().map(s -> s.headers().first("Host")).toList());
    }

    private static List<String> sorted2(List<String> attempts) {
        return attempts.stream().sorted().toList();
    }

    private static List<Integer> sorted(List<Integer> statuses) {
        List<Integer> copy = new ArrayList<>(statuses);
        Collections.sort(copy);
        return copy;
    }
}
