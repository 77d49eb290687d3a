package io.switchyard.server.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.server.Switchyard;
import io.switchyard.server.http.ConnectionLimits;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile HTTP/1.1 input against the real server on raw sockets (docs/reliability.md). Every case
 * ends in a 4xx or a closed connection, never a 5xx from a crash, and no backend sees a request it
 * should not: what each backend received is checked, and a "victim" server that absolute-form and
 * CONNECT requests point at must never be contacted.
 *
 * <p>Routes: {@code app.test/public…} → public, {@code app.test/admin…} → admin, {@code any.test}
 * → public. Limits: request line 1 KiB, header section 4 KiB, idle 1.5 s, header section within 1 s.
 */
final class HostileHttpInputTest {
    private static final Duration IDLE = Duration.ofMillis(1500);
    private static final Duration READ_HEADER = Duration.ofSeconds(1);

    private static TestBackend pub;
    private static TestBackend admin;
    private static TestBackend victim;
    private static Switchyard switchyard;
    private static int port;

    private int pubBefore;
    private int adminBefore;

    @BeforeAll
    static void start() throws Exception {
        pub = TestBackend.start("public");
        admin = TestBackend.start("admin");
        victim = TestBackend.start("victim");
        switchyard = Switchyard.start(new Routes()
                .route("public", "Host(`app.test`) && PathPrefix(`/public`)", "public")
                .route("admin", "Host(`app.test`) && PathPrefix(`/admin`)", "admin")
                .route("any", "Host(`any.test`)", "public")
                .service("public", pub.url())
                .service("admin", admin.url())
                .settings()
                .limits(new ConnectionLimits(1024, 4096, IDLE, READ_HEADER))
                .build());
        port = switchyard.port("web");
    }

    @AfterAll
    static void stop() throws Exception {
        switchyard.close();
        pub.close();
        admin.close();
        victim.close();
    }

    @BeforeEach
    void mark() {
        pubBefore = pub.seen().size();
        adminBefore = admin.seen().size();
    }

    @AfterEach
    void nobodyElse() {
        assertEquals(0, victim.acceptedConnections(), "the victim server was contacted");
        pub.seen().subList(pubBefore, pub.seen().size()).forEach(s ->
                assertTrue(s.target().startsWith("/public") || s.target().equals("/x"), "public saw " + s));
        admin.seen().subList(adminBefore, admin.seen().size()).forEach(s ->
                assertTrue(s.target().startsWith("/admin"), "admin saw " + s));
    }

    private static List<TestBackend.Seen> seenSince(TestBackend backend, int before) {
        return new ArrayList<>(backend.seen().subList(before, backend.seen().size()));
    }

    private static Wire.Result exchange(String raw) throws IOException {
        try (Wire w = Wire.open(port)) {
            w.send(raw).halfClose();
            return w.read(Duration.ofSeconds(3), Duration.ofSeconds(5));
        }
    }

    private static final String HOST = "Host: app.test\r\n";
    /** The rest of a head asking to upgrade to h2c (RFC 7540 §3.2, with the SETTINGS curl sends). */
    private static final String H2C_UPGRADE = "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
            + "HTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\n\r\n";

    static List<Arguments> refused() {
        String post = "POST /public HTTP/1.1\r\n" + HOST;
        return List.of(
                // request smuggling: ambiguous or obfuscated framing (RFC 9112 §6.1, §6.3)
                Arguments.of("CL and TE", post + "Content-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "0\r\n\r\nGET /admin/x HTTP/1.1\r\n" + HOST + "\r\n", 400),
                Arguments.of("TE and CL", post + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n"
                        + "8\r\nSMUGGLED\r\n0\r\n\r\n", 400),
                Arguments.of("two Content-Lengths", post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", 400),
                Arguments.of("two equal Content-Lengths", post + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello", 400),
                Arguments.of("Content-Length list", post + "Content-Length: 5, 5\r\n\r\nhello", 400),
                Arguments.of("Content-Length +5", post + "Content-Length: +5\r\n\r\nhello", 400),
                Arguments.of("Content-Length -1", post + "Content-Length: -1\r\n\r\nhello", 400),
                Arguments.of("TE xchunked", post + "Transfer-Encoding: xchunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 400),
                Arguments.of("TE chunked, identity", post + "Transfer-Encoding: chunked, identity\r\n\r\n"
                        + "5\r\nhello\r\n0\r\n\r\n", 400),
                // an unknown coding before chunked: 501 per RFC 9112 §6.1, as Go answers (connection closed)
                Arguments.of("TE identity, chunked", post + "Transfer-Encoding: identity, chunked\r\n\r\n"
                        + "5\r\nhello\r\n0\r\n\r\n", 501),
                Arguments.of("TE twice", post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\nhello\r\n0\r\n\r\n", 400),
                Arguments.of("space before colon", post + "Transfer-Encoding : chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 400),
                Arguments.of("chunk size overflow", post + "Transfer-Encoding: chunked\r\n\r\n"
                        + "fffffffffffffffff1\r\nhello\r\n0\r\n\r\n", 400),
                Arguments.of("chunk size not hex", post + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n", 400),
                // malformed heads
                Arguments.of("space in field name", "GET /public HTTP/1.1\r\n" + HOST + "Bad Header: x\r\n\r\n", 400),
                Arguments.of("separator in field name", "GET /public HTTP/1.1\r\n" + HOST + "X(y): x\r\n\r\n", 400),
                Arguments.of("non-ASCII field name", "GET /public HTTP/1.1\r\n" + HOST + "X-\u00dc: x\r\n\r\n", 400),
                Arguments.of("field without colon", "GET /public HTTP/1.1\r\n" + HOST + "NoColon\r\n\r\n", 400),
                Arguments.of("obsolete line folding", "GET /public HTTP/1.1\r\n" + HOST + "X-A: a\r\n b\r\n\r\n", 400),
                Arguments.of("bare CR in a value", "GET /public HTTP/1.1\r\n" + HOST + "X-A: a\rb\r\n\r\n", 400),
                Arguments.of("NUL in a value", "GET /public HTTP/1.1\r\n" + HOST + "X-A: a\u0000b\r\n\r\n", 400),
                Arguments.of("two Hosts", "GET /public HTTP/1.1\r\n" + HOST + "Host: other.test\r\n\r\n", 400),
                Arguments.of("no Host", "GET /public HTTP/1.1\r\n\r\n", 400),
                Arguments.of("Host with a path", "GET /x HTTP/1.1\r\nHost: app.test/admin\r\n\r\n", 400),
                Arguments.of("Host with userinfo", "GET /public HTTP/1.1\r\nHost: evil@app.test\r\n\r\n", 400),
                Arguments.of("Host with a space", "GET /public HTTP/1.1\r\nHost: app test\r\n\r\n", 400),
                Arguments.of("WebSocket handshake with a malformed Host", "GET /public HTTP/1.1\r\nHost: app@test\r\n"
                        + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n", 400),
                Arguments.of("h2c upgrade with a malformed Host", "GET /public HTTP/1.1\r\nHost: app@test\r\n"
                        + H2C_UPGRADE, 400),
                Arguments.of("h2c upgrade without a Host", "GET /public HTTP/1.1\r\n" + H2C_UPGRADE, 400),
                // as Go: an empty Host is accepted; no route matches no host
                Arguments.of("empty Host", "GET /public HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n", 404),
                Arguments.of("invalid method token", "G@T /public HTTP/1.1\r\n" + HOST + "\r\n", 400),
                Arguments.of("target without slash", "GET public HTTP/1.1\r\n" + HOST + "\r\n", 400),
                Arguments.of("bad percent-encoding", "GET /public/%zz HTTP/1.1\r\n" + HOST + "\r\n", 400),
                // sizes (limits of this test: 1 KiB request line, 4 KiB header section)
                Arguments.of("request line over the limit", "GET /public/" + "a".repeat(1100) + " HTTP/1.1\r\n"
                        + HOST + "\r\n", 414),
                Arguments.of("request line over the limit, HTTP/1.0", "GET /public/" + "a".repeat(1100)
                        + " HTTP/1.0\r\n\r\n", 414),
                Arguments.of("header section over the limit, HTTP/1.0", "GET /public HTTP/1.0\r\nX-Big: "
                        + "b".repeat(5000) + "\r\n\r\n", 431),
                Arguments.of("header section over the limit", "GET /public HTTP/1.1\r\n" + HOST + "X-Big: "
                        + "b".repeat(5000) + "\r\n\r\n", 431),
                Arguments.of("many small fields over the limit", "GET /public HTTP/1.1\r\n" + HOST
                        + "X-F: v\r\n".repeat(600) + "\r\n", 431),
                // never a forward proxy
                Arguments.of("CONNECT to another server", "CONNECT 127.0.0.1:" + victim.port() + " HTTP/1.1\r\nHost: 127.0.0.1:"
                        + victim.port() + "\r\n\r\n", 405),
                Arguments.of("CONNECT on a routed host", "CONNECT 127.0.0.1:" + victim.port() + " HTTP/1.1\r\nHost: any.test\r\n\r\n", 405),
                Arguments.of("absolute form with userinfo", "GET http://evil@app.test/admin/x HTTP/1.1\r\n" + HOST
                        + "\r\n", 400),
                Arguments.of("OPTIONS * (no route matches it)", "OPTIONS * HTTP/1.1\r\n" + HOST + "\r\n", 404),
                Arguments.of("absolute form to another server", "GET http://127.0.0.1:" + victim.port() + "/public HTTP/1.1\r\n"
                        + HOST + "\r\n", 404),
                // unparseable: no answer, the connection is closed
                Arguments.of("bare LF line ends", "GET /public HTTP/1.1\n" + "Host: app.test\n\n", 0),
                Arguments.of("unknown HTTP version", "GET /public HTTP/9.9\r\n" + HOST + "\r\n", 0),
                // HTTP/1.0 framing is Content-Length only (RFC 9112 §6.1; HTTP/1.0 itself: Http10EndToEndTest)
                Arguments.of("chunked body on HTTP/1.0", "POST /public HTTP/1.0\r\n" + HOST
                        + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 400)
        );
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("refused")
    void refused_answered4xxOrClosed_andNoBackendSeesIt(String name, String raw, int status) throws Exception {
        Wire.Result r = exchange(raw);
        if (status == 0) {
            assertEquals(List.of(), r.statuses(), r.text());
        } else {
            assertEquals(List.of(status), r.statuses(), r.text());
            String expected = status == 404 ? "404 page not found\n" : status == 405 ? "Method Not Allowed\n"
                    : null;
            if (expected != null) {
                assertTrue(r.text().endsWith("\r\n\r\n" + expected), r.text());
            }
        }
        assertTrue(r.closed(), "connection closed");
        assertEquals(List.of(), seenSince(pub, pubBefore));
        assertEquals(List.of(), seenSince(admin, adminBefore));
    }

    static List<Arguments> routed() {
        return List.of(
                // dot segments are removed before routing (spec proxy.md §4.1 step 4): the route
                // chosen and the path forwarded always agree
                Arguments.of("GET /public/../admin/x", HOST, "admin", "/admin/x"),
                Arguments.of("GET /public/%2e%2e/admin/x", HOST, "admin", "/admin/x"),
                Arguments.of("GET /public/./x//y", HOST, "public", "/public/x/y"),
                // an encoded slash is data, not a separator: no route is crossed
                Arguments.of("GET /public/..%2fadmin/x", HOST, "public", "/public/..%2Fadmin/x"),
                Arguments.of("GET /admin%2F..%2Fpublic", HOST, "admin", "/admin%2F..%2Fpublic"),
                Arguments.of("GET /public/%252e%252e/admin", HOST, "public", "/public/%252e%252e/admin"),
                Arguments.of("GET /public/..\\admin/x", HOST, "public", "/public/..\\admin/x"),
                Arguments.of("GET /public/%00x", HOST, "public", "/public/%00x"),
                // absolute form: routed by the target's authority (RFC 9112 §3.2.2), forwarded in origin form
                Arguments.of("GET http://app.test/admin/x", "Host: evil.test\r\n", "admin", "/admin/x"),
                Arguments.of("GET http://any.test/x", "Host: any.test\r\n", "public", "/x"),
                // "Upgrade: h2c" without HTTP2-Settings in Connection is no h2c upgrade for Go: served as HTTP/1.1
                Arguments.of("GET /public", HOST + "Connection: Upgrade\r\nUpgrade: h2c\r\n"
                        + "HTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\n", "public", "/public"),
                // a '#' after the '?' is part of the query for Go, forwarded as received
                Arguments.of("GET /public?a#b", HOST, "public", "/public?a#b"),
                Arguments.of("GET /public?#b?c", HOST, "public", "/public?#b?c"),
                // transfer codings are case-insensitive (RFC 9112 §7)
                Arguments.of("POST /public", HOST + "Transfer-Encoding: CHUNKED\r\n", "public", "/public")
        );
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @MethodSource("routed")
    void unusualTarget_reachesTheBackendOfTheRouteThatMatchesWhatItForwards(String requestLine, String fields,
                                                                           String backend, String forwarded)
            throws Exception {
        String body = requestLine.startsWith("POST") ? "5\r\nhello\r\n0\r\n\r\n" : "";
        Wire.Result r = exchange(requestLine + " HTTP/1.1\r\n" + fields + "\r\n" + body);
        assertEquals(List.of(200), r.statuses(), r.text());
        assertTrue(r.text().endsWith(backend + "\n"), r.text());
        TestBackend target = backend.equals("admin") ? admin : pub;
        TestBackend other = target == admin ? pub : admin;
        List<TestBackend.Seen> seen = seenSince(target, target == admin ? adminBefore : pubBefore);
        assertEquals(1, seen.size(), seen.toString());
        assertEquals(forwarded, seen.getFirst().target());
        assertEquals(body.isEmpty() ? 0 : 5, seen.getFirst().bodyLength());
        assertEquals(List.of(), seenSince(other, other == admin ? adminBefore : pubBefore));
    }

    /** Traefik's fragment guard (spec proxy.md §4.1 step 2): a '#' in the path is a 400 with no body. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET /public#frag, HTTP/1.1",
            "GET /public#, HTTP/1.1",
            "GET /public#a?b, HTTP/1.1",
            "GET /public#a?b#c, HTTP/1.1",
            "GET http://app.test/public#frag, HTTP/1.1",
            "GET /public#frag, HTTP/1.0"
    })
    void fragmentInThePath_400WithoutBody_andNoBackendSeesIt(String requestLine, String version) throws Exception {
        Wire.Result r = exchange(requestLine + " " + version + "\r\n" + HOST + "Connection: close\r\n\r\n");
        assertEquals(List.of(400), r.statuses(), r.text());
        assertTrue(r.text().contains("\r\nContent-Length: 0\r\n"), r.text());
        assertTrue(r.text().endsWith("\r\n\r\n"), "no body: " + r.text());
        assertEquals(List.of(), seenSince(pub, pubBefore));
        assertEquals(List.of(), seenSince(admin, adminBefore));
    }

    @Test
    void pipelinedRequests_eachRoutedOnItsOwn() throws Exception {
        Wire.Result r = exchange("GET /public/1 HTTP/1.1\r\n" + HOST + "\r\nGET /admin/2 HTTP/1.1\r\n" + HOST + "\r\n");
        assertEquals(List.of(200, 200), r.statuses(), r.text());
        assertEquals(List.of("/public/1"), seenSince(pub, pubBefore).stream().map(TestBackend.Seen::target).toList());
        assertEquals(List.of("/admin/2"), seenSince(admin, adminBefore).stream().map(TestBackend.Seen::target).toList());
    }

    @Test
    void h2cUpgradeRequest_isNeverPassedToTheBackend() throws Exception {
        Wire.Result r = exchange("GET /public HTTP/1.1\r\n" + HOST + "Connection: Upgrade, HTTP2-Settings\r\n"
                + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n");
        assertTrue(r.statuses().stream().allMatch(s -> s == 101 || s >= 400 && s < 500), r.text());
        for (TestBackend.Seen s : seenSince(pub, pubBefore)) {
            assertNull(s.header("Upgrade"), s.toString());
            assertNull(s.header("HTTP2-Settings"), s.toString());
        }
    }

    @Test
    void headJustUnderTheLimits_isServed() throws Exception {
        String target = "/public/" + "a".repeat(900);
        Wire.Result r = exchange("GET " + target + " HTTP/1.1\r\n" + HOST + "X-Big: " + "b".repeat(3000)
                + "\r\n\r\n");
        assertEquals(List.of(200), r.statuses(), r.text());
        assertEquals(target, seenSince(pub, pubBefore).getFirst().target());
    }

    // ---- slow clients ------------------------------------------------------------------------

    /** Sends {@code parts} {@code gap} apart; returns when the server closed the connection (ms), or -1. */
    private static long dribble(Wire w, List<String> parts, Duration gap) throws Exception {
        long start = System.nanoTime();
        for (String part : parts) {
            try {
                w.send(part);
            } catch (IOException e) {
                return (System.nanoTime() - start) / 1_000_000; // reset: closed by the server
            }
            Wire.Result r = w.read(gap, gap);
            if (r.closed()) {
                return (System.nanoTime() - start) / 1_000_000;
            }
        }
        return -1;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HTTP/1.1", "HTTP/1.0"})
    void slowloris_headerSectionDribbled_connectionClosedAfterTheReadHeaderTimeout(String version) throws Exception {
        try (Wire w = Wire.open(port)) {
            List<String> parts = new ArrayList<>();
            parts.add("GET /public " + version + "\r\n" + HOST);
            for (int i = 0; i < 40; i++) {
                parts.add("X-Slow-" + i + ": x\r\n");
            }
            long closedAfter = dribble(w, parts, Duration.ofMillis(100));
            assertTrue(closedAfter >= READ_HEADER.toMillis() - 100, "closed after " + closedAfter + " ms");
            assertTrue(closedAfter > 0 && closedAfter < READ_HEADER.toMillis() + 1500, "closed after " + closedAfter + " ms");
        }
        assertEquals(List.of(), seenSince(pub, pubBefore));
    }

    @Test
    void slowloris_requestLineDribbled_connectionClosedAfterTheIdleTimeout() throws Exception {
        try (Wire w = Wire.open(port)) {
            List<String> parts = new ArrayList<>();
            for (char c : "GET /public/slowly-sending-a-request-line".toCharArray()) {
                parts.add(String.valueOf(c));
            }
            long closedAfter = dribble(w, parts, Duration.ofMillis(100));
            assertTrue(closedAfter > 0 && closedAfter < IDLE.toMillis() + 1500, "closed after " + closedAfter + " ms");
        }
        assertEquals(List.of(), seenSince(pub, pubBefore));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HTTP/1.1", "HTTP/1.0"})
    void idleKeepAliveConnection_closedAfterTheIdleTimeout(String version) throws Exception {
        try (Wire w = Wire.open(port)) {
            w.send("GET /public " + version + "\r\n" + HOST + "Connection: keep-alive\r\n\r\n");
            assertEquals(List.of(200), w.read(Duration.ofMillis(500), Duration.ofSeconds(3)).statuses());
            long start = System.nanoTime();
            assertTrue(w.closedWithin(IDLE.plusMillis(1500)), "closed while idle");
            long closedAfter = (System.nanoTime() - start) / 1_000_000;
            // Helidon measures idleness on a clock that ticks once a second
            assertTrue(closedAfter >= IDLE.toMillis() - 1100, "kept for the idle timeout: " + closedAfter + " ms");
        }
    }

    @Test
    void slowButWithinTheLimits_isServed() throws Exception {
        try (Wire w = Wire.open(port)) {
            for (String part : List.of("GET /public/slow-but-ok HTTP/1.1\r\n", HOST, "X-A: 1\r\n", "X-B: 2\r\n",
                    "\r\n")) {
                w.send(part);
                Thread.sleep(120); // 600 ms for the head, within the 1 s limit
            }
            assertEquals(List.of(200), w.read(Duration.ofMillis(500), Duration.ofSeconds(3)).statuses());
        }
        assertEquals("/public/slow-but-ok", seenSince(pub, pubBefore).getFirst().target());
    }

    @Test
    void manySlowlorisConnections_allReleased() throws Exception {
        List<Wire> wires = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                wires.add(Wire.open(port).send("GET /public HTTP/1.1\r\n" + HOST + "X-Never: ending"));
            }
            long deadline = System.nanoTime() + READ_HEADER.plusSeconds(3).toNanos();
            for (Wire w : wires) {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                assertTrue(w.closedWithin(Duration.ofMillis(left)), "every slow connection is closed");
            }
            // the server still serves
            assertEquals(List.of(200), exchange("GET /public HTTP/1.1\r\n" + HOST + "\r\n").statuses());
        } finally {
            for (Wire w : wires) {
                w.close();
            }
        }
        assertFalse(seenSince(pub, pubBefore).size() > 1);
    }
}
