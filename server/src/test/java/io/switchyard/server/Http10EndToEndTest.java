package io.switchyard.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.adapters.http.upstream.RawBackend;
import io.switchyard.server.http.EntryPointBinding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP/1.0 clients through the real server, as Go's server answers them: status line
 * {@code HTTP/1.0}, no chunked coding (a body of unknown length ends with the connection),
 * keep-alive only when asked for and the length is known. The backend is a raw socket: it sees
 * exactly what is forwarded (as HTTP/1.1).
 */
final class Http10EndToEndTest {
    private static RawBackend backend;
    private static Switchyard switchyard;
    private static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        backend = RawBackend.start(conn -> {
            String head;
            while ((head = conn.readHead()) != null) {
                SEEN.add(head);
                String lower = head.toLowerCase();
                int cl = lower.indexOf("content-length: ");
                byte[] body = cl < 0 ? new byte[0]
                        : conn.readBytes(Integer.parseInt(lower.substring(cl + 16, lower.indexOf("\r\n", cl)).strip()));
                if (head.startsWith("GET /stream")) {
                    conn.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
                } else if (head.startsWith("GET /empty")) {
                    conn.write("HTTP/1.1 204 No Content\r\n\r\n");
                } else {
                    String text = head.startsWith("POST") ? new String(body, StandardCharsets.ISO_8859_1) : "fixed";
                    conn.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Backend: raw\r\nContent-Length: "
                            + text.length() + "\r\n\r\n" + (head.startsWith("HEAD") ? "" : text));
                }
            }
        });
        switchyard = new TestRoutes()
                .route("app", "PathPrefix(`/fixed`) || PathPrefix(`/echo`) || PathPrefix(`/stream`) "
                        + "|| PathPrefix(`/empty`)", "app")
                .route("vhost", "Host(`abs.test`)", "app")
                .service("app", "http://127.0.0.1:" + backend.port())
                .start(List.of(new EntryPointBinding("web", "127.0.0.1", 0)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (switchyard != null) {
            switchyard.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @BeforeEach
    void clear() {
        SEEN.clear();
    }

    /** {@code raw} is answered with {@code status} and keep-alive, and the connection serves the next request. */
    private static void assertAnsweredThenKept(String raw, int status) throws IOException {
        try (RawClient c = client()) {
            c.write(raw);
            RawClient.Response r = c.read(raw.substring(0, raw.indexOf(' ')));
            assertEquals(status, r.status());
            assertEquals("keep-alive", r.header("Connection"));
            assertServesTheNextRequest(c);
        }
    }

    /** {@code raw} is answered with {@code status}, without keep-alive, and the connection is closed. */
    private static RawClient.Response assertAnsweredThenClosed(String raw, int status) throws IOException {
        try (RawClient c = client()) {
            c.write(raw);
            RawClient.Response r = c.read(raw.substring(0, raw.indexOf(' ')));
            assertEquals(status, r.status(), raw);
            assertNotEquals("keep-alive", r.header("Connection"), raw);
            assertEquals(-1, c.in.read(), "closed: " + raw);
            return r;
        }
    }

    /** The kept connection carries one more request. */
    private static void assertServesTheNextRequest(RawClient c) throws IOException {
        c.write("GET /fixed HTTP/1.0\r\n\r\n");
        assertEquals("fixed", c.read("GET").text());
    }

    /** One request on a new connection, and its answer. */
    private static RawClient.Response once(String raw) throws IOException {
        try (RawClient c = client()) {
            c.write(raw);
            return c.read(raw.substring(0, raw.indexOf(' ')));
        }
    }

    private static RawClient client() throws IOException {
        return new RawClient(switchyard.port("web"));
    }

    @Test
    void get_answeredAsHttp10_thenTheConnectionIsClosed() throws Exception {
        try (RawClient c = client()) {
            c.write("GET /fixed?a=1 HTTP/1.0\r\nHost: app.test\r\nUser-Agent: probe/1.0\r\n\r\n");
            String all = new String(c.in.readAllBytes(), StandardCharsets.ISO_8859_1); // ends: closed
            assertTrue(all.startsWith("HTTP/1.0 200 OK\r\n"), all);
            assertTrue(all.contains("\r\nContent-Length: 5\r\n"), all);
            assertTrue(all.contains("\r\nX-Backend: raw\r\n"), all);
            assertTrue(all.contains("\r\nDate: "), all);
            assertTrue(!all.contains("Connection:") && !all.contains("Transfer-Encoding"), all);
            assertTrue(all.endsWith("\r\n\r\nfixed"), all);
        }
        assertEquals(1, SEEN.size());
        String forwarded = SEEN.getFirst();
        assertTrue(forwarded.startsWith("GET /fixed?a=1 HTTP/1.1\r\n"), forwarded);
        assertTrue(forwarded.contains("\r\nHost: app.test\r\n"), forwarded);
        assertTrue(forwarded.contains("\r\nX-Forwarded-Proto: http\r\n"), forwarded);
    }

    @Test
    void noHost_isServed_byARouteThatNeedsNoHost() throws Exception {
        try (RawClient c = client()) {
            c.write("GET /fixed HTTP/1.0\r\n\r\n");
            RawClient.Response r = c.read("GET");
            assertEquals(200, r.status());
            assertEquals("fixed", r.text());
        }
        assertEquals(1, SEEN.size());
    }

    @Test
    void keepAlive_whenAskedAndTheLengthIsKnown_servesTheNextRequestOnTheSameConnection() throws Exception {
        try (RawClient c = client()) {
            c.write("GET /fixed HTTP/1.0\r\nHost: app.test\r\nConnection: keep-alive\r\n\r\n");
            RawClient.Response first = c.read("GET");
            assertEquals("keep-alive", first.header("Connection"));
            assertEquals("fixed", first.text());
            c.write("POST /echo HTTP/1.0\r\nHost: app.test\r\nConnection: keep-alive\r\nContent-Length: 11\r\n\r\n"
                    + "hello there");
            RawClient.Response second = c.read("POST");
            assertEquals(200, second.status());
            assertEquals("hello there", second.text());
            c.write("HEAD /fixed HTTP/1.0\r\nHost: app.test\r\n\r\n"); // no keep-alive: the last one
            RawClient.Response third = c.read("HEAD");
            assertEquals(200, third.status());
            assertEquals("5", third.header("Content-Length"));
            assertEquals(-1, c.in.read(), "closed after the answer without keep-alive");
        }
        assertEquals(3, SEEN.size());
        assertTrue(SEEN.get(1).contains("\r\nContent-Length: 11\r\n"), SEEN.get(1));
    }

    @Test
    void absoluteFormWithAQueryAndNoPath_routedByItsAuthority() throws Exception {
        RawClient.Response r = once("GET http://abs.test?q=1 HTTP/1.0\r\nHost: other.test\r\n\r\n");
        assertEquals(200, r.status());
        assertEquals("fixed", r.text());
        assertEquals(1, SEEN.size());
        assertTrue(SEEN.get(0).startsWith("GET /?q=1 HTTP/1.1\r\n"), SEEN.get(0));
        assertTrue(SEEN.get(0).contains("\r\nHost: abs.test\r\n"), SEEN.get(0));
    }

    @Test
    void repeatedEqualContentLength_isOneLength() throws Exception {
        RawClient.Response r = once("POST /echo HTTP/1.0\r\nHost: app.test\r\nContent-Length: 5\r\n"
                + "Content-Length: 5\r\n\r\nhello");
        assertEquals(200, r.status());
        assertEquals("hello", r.text());
        assertEquals(1, SEEN.size());
        assertTrue(SEEN.get(0).contains("\r\nContent-Length: 5\r\n"), SEEN.get(0));
        assertEquals(SEEN.get(0).indexOf("Content-Length"), SEEN.get(0).lastIndexOf("Content-Length"),
                "one Content-Length forwarded");
    }

    @Test
    void unknownLength_isNotChunked_theBodyEndsWithTheConnection() throws Exception {
        try (RawClient c = client()) {
            c.write("GET /stream HTTP/1.0\r\nHost: app.test\r\nConnection: keep-alive\r\n\r\n");
            RawClient.Response r = c.read("GET");
            assertEquals(200, r.status());
            assertNull(r.header("Transfer-Encoding"), r.headers().toString());
            assertNull(r.header("Content-Length"), r.headers().toString());
            assertNull(r.header("Connection"), "no keep-alive without a length");
            assertArrayEquals("hello world".getBytes(StandardCharsets.US_ASCII), r.body());
        }
    }

    @Test
    void noContent_keepsTheConnectionWhenAsked() throws Exception {
        assertAnsweredThenKept("GET /empty HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", 204);
    }

    @Test
    void refused_answered4xx_closed_andNoBackendSeesIt() throws Exception {
        String ka = "Connection: keep-alive\r\n"; // refused requests close their connection even so
        String[] refused = {
            "POST /fixed HTTP/1.0\r\n" + ka + "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
            "GET /fixed HTTP/1.0\r\n" + ka + "Host: a.test\r\nHost: b.test\r\n\r\n",
            "GET /fixed HTTP/1.0\r\n" + ka + "Host: a test\r\n\r\n",
            "GET /fixed HTTP/1.0\r\n" + ka + "Bad Name: x\r\n\r\n",
            "GET /fixed HTTP/1.0\r\n" + ka + "X-A: a\r\n b\r\n\r\n",
            "GET /fixed HTTP/1.0\r\n" + ka + "X-A: a\u0000b\r\n\r\n",
            "POST /fixed HTTP/1.0\r\n" + ka + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
            "POST /fixed HTTP/1.0\r\n" + ka + "Content-Length: +5\r\n\r\nhello",
            "G@T /fixed HTTP/1.0\r\n" + ka + "\r\n",
            "GET  /fixed HTTP/1.0\r\n" + ka + "\r\n",
            // refused by the routing runtime (as on HTTP/1.1)
            "GET fixed HTTP/1.0\r\n\r\n",
            "GET /fixed/%zz HTTP/1.0\r\n\r\n",
        };
        for (String raw : refused) {
            assertAnsweredThenClosed(raw, 400);
        }
        assertEquals(List.of(), SEEN);
    }

    @Test
    void unreadRequestBody_isDrained_andTheConnectionKept() throws Exception {
        // no route: answered without reading the body, which is then read and dropped
        assertAnsweredThenKept("POST /nowhere HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 11\r\n\r\n"
                + "hello there", 404);
        assertEquals(1, SEEN.size(), "only the second request reached the backend");
    }

    @Test
    void tooMuchUnreadRequestBody_noKeepAlive_closed() throws Exception {
        // closed instead of reading 300 000 bytes
        RawClient.Response r = assertAnsweredThenClosed("POST /nowhere HTTP/1.0\r\nConnection: keep-alive\r\n"
                + "Content-Length: 300000\r\n\r\npartial", 404);
        assertNull(r.header("Connection"), r.headers().toString());
    }

    @Test
    void limits_414And431() throws Exception {
        try (RawClient c = client()) {
            c.write("GET /" + "a".repeat(17 * 1024) + " HTTP/1.0\r\n\r\n");
            assertEquals(414, c.read("GET").status());
        }
        try (RawClient c = client()) {
            c.write("GET /x HTTP/1.0\r\nX-Big: " + "b".repeat(65 * 1024) + "\r\n\r\n");
            assertEquals(431, c.read("GET").status());
        }
        assertEquals(List.of(), SEEN);
    }

    @Test
    void http11_onTheSameEntryPoint_isUnchanged() throws Exception {
        try (RawClient c = client()) {
            c.write("GET /fixed HTTP/1.1\r\nHost: app.test\r\n\r\n");
            String status = c.line();
            assertEquals("HTTP/1.1 200 OK", status);
        }
    }
}
