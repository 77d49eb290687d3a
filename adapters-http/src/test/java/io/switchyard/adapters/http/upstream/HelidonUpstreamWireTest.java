package io.switchyard.adapters.http.upstream;

import static io.switchyard.adapters.http.upstream.Exchanges.bodyText;
import static io.switchyard.adapters.http.upstream.Exchanges.host;
import static io.switchyard.adapters.http.upstream.Exchanges.request;
import static io.switchyard.adapters.http.upstream.Exchanges.transport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.domain.http.ServerAddress;
import io.switchyard.ports.upstream.UpstreamException;
import io.switchyard.ports.upstream.UpstreamException.Failure;
import io.switchyard.ports.upstream.UpstreamResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HTTP/1.1 on the wire, against a scripted socket server: exact request bytes and broken servers. */
final class HelidonUpstreamWireTest {
    private static final ServersTransportConfig TRANSPORT = transport(Duration.ofSeconds(5), Duration.ZERO,
            Duration.ofSeconds(90));
    private static RawBackend backend;
    private static ServerAddress server;
    private HelidonUpstream upstream;

    @BeforeAll
    static void startBackend() throws IOException {
        backend = RawBackend.start(conn -> { });
        server = new ServerAddress("http", "127.0.0.1", backend.port());
    }

    @AfterAll
    static void stopBackend() throws IOException {
        backend.close();
    }

    @BeforeEach
    void newUpstream() {
        upstream = HelidonUpstream.create();
        backend.heads().clear();
    }

    @AfterEach
    void closeUpstream() {
        upstream.close();
    }

    /** Answers every request on the connection with a small fixed-length 200, keeping it alive. */
    private static final RawBackend.Script OK = conn -> {
        String head;
        while ((head = conn.readHead()) != null) {
            drainBody(conn, head);
            conn.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        }
    };

    /** The backend reads one request head and writes {@code response}. */
    private static void answer(String response) {
        backend.script(conn -> {
            conn.readHead();
            conn.write(response);
        });
    }

    private static void drainBody(RawBackend.Conn conn, String head) throws IOException {
        String lower = head.toLowerCase();
        int cl = lower.indexOf("content-length: ");
        if (cl >= 0) {
            int end = lower.indexOf("\r\n", cl);
            conn.readBytes(Integer.parseInt(lower.substring(cl + 16, end).trim()));
        } else if (lower.contains("transfer-encoding: chunked")) {
            conn.readChunked();
        }
    }

    @Test
    void equalTransportSettings_shareOneTransport_anotherNameGetsItsOwn() {
        backend.script(OK);
        ServersTransportConfig copy = transport(Duration.ofSeconds(5), Duration.ZERO, Duration.ofSeconds(90));
        assertTrue(copy != TRANSPORT && copy.equals(TRANSPORT));
        exchangeOk();
        int before = backend.connections();
        // an equal configuration (a reload) reuses the pooled connection of the same transport
        try (UpstreamResponse r = upstream.exchange(request(server, copy, "GET", "/t", host(server),
                InputStream.nullInputStream(), 0))) {
            assertEquals("ok", bodyText(r));
        }
        assertEquals(before, backend.connections());
        assertEquals(1, upstream.idleConnections("test", TRANSPORT, server));
        assertEquals(0, upstream.idleConnections("other", copy, server), "another name, another pool");
    }

    @Test
    void exchanges_handNoWorkToTheCommonPool() throws Exception {
        // The transport and route caches keep their books on the calling thread: handing that to
        // the common pool woke another thread every few requests (docs/performance.md item 10).
        backend.script(OK);
        java.util.concurrent.ForkJoinPool common = java.util.concurrent.ForkJoinPool.commonPool();
        exchangeOk(); // first use builds the transport and the route
        common.awaitQuiescence(5, TimeUnit.SECONDS);
        long before = common.getStealCount();
        for (int i = 0; i < 2000; i++) {
            exchangeOk();
        }
        common.awaitQuiescence(5, TimeUnit.SECONDS);
        // JVM-wide count: a few stray tasks from elsewhere are tolerated; the hand-off ran ~230
        long ran = common.getStealCount() - before;
        assertTrue(ran <= 10, "tasks the common pool ran during 2000 exchanges: " + ran);
    }

    private void exchangeOk() {
        try (UpstreamResponse r = upstream.exchange(request(server, TRANSPORT, "GET", "/t", host(server),
                InputStream.nullInputStream(), 0))) {
            assertEquals("ok", bodyText(r));
        }
    }

    @Test
    void exchange_headersAsGiven_nothingAddedOrReordered() {
        backend.script(OK);
        HttpFields headers = new HttpFields().add("Host", "example.com").add("X-Custom", "1").add("x-custom", "2")
                .add("Accept-Encoding", "gzip");

        try (UpstreamResponse r = upstream.exchange(request(server, TRANSPORT, "GET", "/t", headers,
                InputStream.nullInputStream(), 0))) {
            assertEquals(200, r.status());
            assertEquals("ok", bodyText(r));
        }

        assertEquals("GET /t HTTP/1.1\r\nHost: example.com\r\nX-Custom: 1\r\nx-custom: 2\r\n"
                + "Accept-Encoding: gzip\r\n", backend.heads().get(0));
    }

    @Test
    void exchange_oddTarget_sentByteForByte() {
        backend.script(OK);
        String target = "/a/%2F/b;x=1/%7e/..//c?b=2&a=1&a&x={y}&q=%zz;s";

        upstream.exchange(request(server, TRANSPORT, "GET", target, host(server), InputStream.nullInputStream(), 0))
                .close();

        assertEquals("GET " + target + " HTTP/1.1", backend.heads().get(0).split("\r\n")[0]);
    }

    @ParameterizedTest(name = "{0} with length {1}")
    @CsvSource(delimiter = '|', value = {
            "GET    | 0  | ''                              | ''",
            "HEAD   | 0  | ''                              | ''",
            "DELETE | 0  | ''                              | ''",
            "POST   | 0  | 'Content-Length: 0\r\n'         | ''",
            "PUT    | 0  | 'Content-Length: 0\r\n'         | ''",
            "PATCH  | 0  | 'Content-Length: 0\r\n'         | ''",
            "POST   | 3  | 'Content-Length: 3\r\n'         | abc",
            "POST   | -1 | 'Transfer-Encoding: chunked\r\n' | 3\r\nabc\r\n0\r\n\r\n"})
    void exchange_bodyFraming_asGoSendsIt(String method, long length, String framing, String wireBody)
            throws Exception {
        java.util.concurrent.CompletableFuture<String> received = new java.util.concurrent.CompletableFuture<>();
        backend.script(conn -> {
            String head = conn.readHead();
            byte[] body = conn.readBytes(conn.in.available() > 0 || !wireBody.isEmpty()
                    ? wireBody.getBytes(StandardCharsets.ISO_8859_1).length : 0);
            received.complete(new String(body, StandardCharsets.ISO_8859_1));
            conn.write(method.equals("HEAD") ? "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
                    : "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        });
        // a stale Content-Length from the client never reaches the server: framing follows the body
        HttpFields headers = host(server).add("Content-Length", "999");
        InputStream body = new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII), 0, (int) Math.max(0,
                Math.min(3, length < 0 ? 3 : length)));

        try (UpstreamResponse r = upstream.exchange(request(server, TRANSPORT, method, "/", headers, body, length))) {
            assertEquals(200, r.status());
            assertEquals(0, r.contentLength());
            assertEquals(-1, r.body().read());
        }

        assertEquals(method + " / HTTP/1.1\r\nHost: " + server.authority() + "\r\n" + framing,
                backend.heads().get(0));
        assertEquals(wireBody, received.get(5, java.util.concurrent.TimeUnit.SECONDS));
    }

    @Test
    void exchange_chunkedResponseWithTrailers_trailersAfterBodyAndConnectionReused() throws Exception {
        backend.script(conn -> {
            while (conn.readHead() != null) {
                conn.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTrailer: X-Sum\r\n\r\n"
                        + "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Sum: 42\r\nX-Late: yes\r\n\r\n");
            }
        });
        int before = backend.connections();

        for (int i = 0; i < 3; i++) {
            try (UpstreamResponse r = upstream.exchange(Exchanges.get(server, TRANSPORT, "/t"))) {
                assertEquals(-1, r.contentLength());
                assertEquals(0, r.trailers().size(), "trailers are complete only after the body");
                assertEquals("hello world", bodyText(r));
                assertEquals("42", r.trailers().first("X-Sum"));
                assertEquals("yes", r.trailers().first("X-Late"));
            }
        }

        assertEquals(1, backend.connections() - before, "trailers consumed, so the connection stays usable");
    }

    @Test
    void exchange_bodyLargerThanTheBuffer_restCountsAsAvailableOnceItArrived() throws Exception {
        String body = "x".repeat(Http1Connection.BUFFER_SIZE + 1000);
        answer("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);

        try (UpstreamResponse r = upstream.exchange(Exchanges.get(server, TRANSPORT, "/big"))) {
            InputStream in = r.body();
            byte[] bytes = new byte[body.length()];
            int got = in.read(bytes, 0, bytes.length);
            assertTrue(got < bytes.length, "the first read stops at the buffer: " + got);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (in.available() < bytes.length - got && System.nanoTime() < deadline) {
                Thread.sleep(1); // the rest is on its way over loopback
            }
            assertEquals(bytes.length - got, in.available(), "the rest, waiting in the socket");
            while (got < bytes.length) {
                got += in.read(bytes, got, bytes.length - got);
            }
            assertEquals(0, in.available());
            assertEquals(body, new String(bytes, StandardCharsets.US_ASCII));
        }
    }

    /** After a 101 both directions are raw bytes on the connection, until one side closes it. */
    @Test
    void exchange_switchingProtocols_bothDirectionsOnTheConnection() throws IOException {
        backend.script(conn -> {
            conn.readHead();
            conn.write("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\nhello ");
            byte[] got = conn.readBytes(4);
            conn.write(new String(got, StandardCharsets.ISO_8859_1).toUpperCase());
        });
        HttpFields headers = host(server).add("Connection", "Upgrade").add("Upgrade", "echo");
        try (UpstreamResponse r = upstream.exchange(request(server, TRANSPORT, "GET", "/", headers,
                InputStream.nullInputStream(), 0))) {
            assertEquals(101, r.status());
            assertEquals("echo", r.headers().first("Upgrade"));
            assertTrue(r.upgradeOutput().isPresent());
            r.upgradeOutput().get().write("ping".getBytes(StandardCharsets.ISO_8859_1));
            assertEquals("hello PING", new String(r.body().readAllBytes(), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void exchange_ordinaryResponse_hasNoUpgradeOutput() {
        backend.script(OK);
        try (UpstreamResponse r = upstream.exchange(Exchanges.get(server, TRANSPORT, "/"))) {
            assertEquals(200, r.status());
            assertEquals(Optional.empty(), r.upgradeOutput());
        }
    }

    @Test
    void exchange_interimResponses_skippedUntilFinal() {
        answer("HTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 201 Created\r\n"
                + "Content-Length: 0\r\n\r\n");

        try (UpstreamResponse r = upstream.exchange(Exchanges.get(server, TRANSPORT, "/"))) {
            assertEquals(201, r.status());
            assertFalse(r.headers().contains("Link"));
        }
    }

    @Test
    void exchange_expectContinueAnsweredWithFinalStatus_bodyNeverRead() {
        answer("HTTP/1.1 417 Expectation Failed\r\nContent-Length: 0\r\n\r\n");
        AtomicBoolean bodyRead = new AtomicBoolean();
        InputStream body = new InputStream() {
            @Override
            public int read() {
                bodyRead.set(true);
                return -1;
            }
        };

        try (UpstreamResponse r = upstream.exchange(request(server, TRANSPORT, "PUT", "/",
                host(server).add("Expect", "100-continue"), body, 10))) {
            assertEquals(417, r.status());
        }

        assertFalse(bodyRead.get());
    }

    @Test
    void exchange_expectContinueAnsweredWith100_bodySentThenFinal() throws Exception {
        java.util.concurrent.CompletableFuture<String> received = new java.util.concurrent.CompletableFuture<>();
        backend.script(conn -> {
            conn.readHead();
            conn.write("HTTP/1.1 100 Continue\r\n\r\n");
            received.complete(new String(conn.readBytes(5), StandardCharsets.US_ASCII));
            conn.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        });

        try (UpstreamResponse r = upstream.exchange(request(server, TRANSPORT, "PUT", "/",
                host(server).add("Expect", "100-continue"),
                new ByteArrayInputStream("hello".getBytes(StandardCharsets.US_ASCII)), 5))) {
            assertEquals(200, r.status());
        }

        assertEquals("hello", received.get(5, java.util.concurrent.TimeUnit.SECONDS));
    }

    @Test
    void exchange_serverClosesIdleConnection_nextRequestWithBodyUsesANewOne() throws Exception {
        backend.script(conn -> {
            conn.readHead();
            conn.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            Thread.sleep(50); // keep-alive timeout of the server: closes without saying so
        });
        int before = backend.connections();
        upstream.exchange(Exchanges.get(server, TRANSPORT, "/")).body().readAllBytes();
        awaitIdle(0);

        backend.script(OK);
        try (UpstreamResponse r = upstream.exchange(request(server, TRANSPORT, "POST", "/", host(server),
                new ByteArrayInputStream(new byte[] {1, 2, 3}), 3))) {
            assertEquals(200, r.status());
        }
        assertEquals(2, backend.connections() - before);
    }

    /**
     * Five connections in use at once all stay idle afterwards (a connection used within the last
     * second is not closed for being over {@code maxIdleConnsPerHost}: Go's churn, a deliberate
     * deviation); once they have gone unused that long, the next one coming back trims the pool to
     * the limit, as Go keeps it.
     */
    @ParameterizedTest(name = "maxIdleConnsPerHost {0} keeps {1} of 5")
    @CsvSource({"0, 2", "-1, 0", "3, 3", "200, 5"})
    void exchange_fiveConcurrentRequests_recentOnesKept_thenTrimmedToMaxIdleConnsPerHost(int maxIdle, int kept)
            throws Exception {
        CountDownLatch allArrived = new CountDownLatch(5);
        backend.script(conn -> {
            String head;
            while ((head = conn.readHead()) != null) {
                allArrived.countDown();
                allArrived.await(5, TimeUnit.SECONDS); // five connections at once
                conn.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            }
        });
        ServersTransportConfig transport = new ServersTransportConfig("", false, List.of(), List.of(), maxIdle,
                Optional.empty(), false, "", List.of(), List.of(), "", "", Optional.empty());
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clients.add(Thread.ofVirtual().start(() -> {
                try (UpstreamResponse r = upstream.exchange(Exchanges.get(server, transport, "/"))) {
                    assertEquals("ok", bodyText(r));
                }
            }));
        }
        for (Thread t : clients) {
            t.join(10_000);
        }
        assertEquals(maxIdle < 0 ? 0 : 5, upstream.idleConnections("test", transport, server));

        Thread.sleep(Http1Pool.RECENT_NANOS / 1_000_000 + 100);
        try (UpstreamResponse r = upstream.exchange(Exchanges.get(server, transport, "/"))) {
            assertEquals("ok", bodyText(r));
        }
        assertEquals(kept, upstream.idleConnections("test", transport, server));
    }

    @Test
    void exchange_idleConnTimeout_closesIdleConnection() throws Exception {
        backend.script(OK);
        ServersTransportConfig shortIdle = transport(Duration.ofSeconds(5), Duration.ZERO, Duration.ofMillis(200));

        upstream.exchange(Exchanges.get(server, shortIdle, "/")).body().readAllBytes();
        assertEquals(1, upstream.idleConnections("test", shortIdle, server));

        awaitIdle(shortIdle, 0);
    }

    @Test
    void exchange_responseWithoutLength_readUntilCloseAndNotReused() throws Exception {
        answer("HTTP/1.1 200 OK\r\n\r\nstreamed until close");

        try (UpstreamResponse r = upstream.exchange(Exchanges.get(server, TRANSPORT, "/"))) {
            assertEquals(-1, r.contentLength());
            assertEquals("streamed until close", bodyText(r));
        }
        assertEquals(0, upstream.idleConnections("test", TRANSPORT, server));
    }

    @Test
    void exchange_malformedStatusLine_failsOther() {
        answer("HTTP/1.1 OK\r\n\r\n");

        UpstreamException e = assertThrows(UpstreamException.class,
                () -> upstream.exchange(Exchanges.get(server, TRANSPORT, "/")));
        assertEquals(Failure.OTHER, e.failure());
        assertFalse(e.tls(), "a malformed answer is no TLS failure");
    }

    @Test
    void exchange_responseFields_readAsSent() throws Exception {
        answer("HTTP/1.1 200 OK\r\nContent-Type:  text/plain \t\r\ncontent-type-options: x\r\n"
                + "X-Folded: one\r\n \t two\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\nX-Tab: a\tb\r\n"
                + "X-Latin: caf\u00e9\r\nX-Empty:\r\nX-Later:\r\n  later\r\nContent-Length: 2\r\n\r\nok");

        try (UpstreamResponse r = upstream.exchange(Exchanges.get(server, TRANSPORT, "/"))) {
            HttpFields h = r.headers();
            List<String> lines = new ArrayList<>();
            h.forEach((name, value) -> lines.add(name + "=" + value));
            assertEquals(List.of("Content-Type=text/plain", "content-type-options=x", "X-Folded=one two",
                    "Set-Cookie=a=1", "Set-Cookie=b=2", "X-Tab=a\tb", "X-Latin=caf\u00e9", "X-Empty=", "X-Later=later",
                    "Content-Length=2"), lines);
            assertEquals("ok", bodyText(r));
        }
    }

    @ParameterizedTest(name = "byte {0}")
    @CsvSource({"0", "1", "13", "27", "127"})
    void exchange_controlCharacterInFieldValue_failsOther(int control) {
        answer("HTTP/1.1 200 OK\r\nX-Bad: a" + (char) control + "b\r\nContent-Length: 0\r\n\r\n");

        UpstreamException e = assertThrows(UpstreamException.class,
                () -> upstream.exchange(Exchanges.get(server, TRANSPORT, "/")));
        assertEquals(Failure.OTHER, e.failure());
    }

    @Test
    void exchange_controlCharacterInTrailerValue_bodyFails() throws Exception {
        answer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\nX-Sum: 4\u00002\r\n\r\n");

        try (UpstreamResponse r = upstream.exchange(Exchanges.get(server, TRANSPORT, "/"))) {
            assertThrows(IOException.class, () -> r.body().readAllBytes());
        }
    }

    @Test
    void exchange_conflictingContentLengths_failsOther() {
        answer("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc");

        UpstreamException e = assertThrows(UpstreamException.class,
                () -> upstream.exchange(Exchanges.get(server, TRANSPORT, "/")));
        assertEquals(Failure.OTHER, e.failure());
    }

    @Test
    void exchange_serverAcceptsAndCloses_failsEof() {
        backend.script(conn -> conn.readHead());

        UpstreamException e = assertThrows(UpstreamException.class,
                () -> upstream.exchange(Exchanges.get(server, TRANSPORT, "/")));
        assertEquals(Failure.EOF, e.failure());
        assertEquals(502, e.failure().status());
    }

    @Test
    void exchange_serverClosesMidHead_failsEof() {
        answer("HTTP/1.1 200 OK\r\nContent-Le");

        UpstreamException e = assertThrows(UpstreamException.class,
                () -> upstream.exchange(Exchanges.get(server, TRANSPORT, "/")));
        assertEquals(Failure.EOF, e.failure());
    }

    @Test
    void exchange_serverNeverAnswers_responseHeaderTimeoutFailsTimeout() {
        backend.script(conn -> {
            conn.readHead();
            Thread.sleep(10_000);
        });
        ServersTransportConfig impatient = transport(Duration.ofSeconds(5), Duration.ofMillis(300),
                Duration.ofSeconds(90));
        long start = System.nanoTime();

        UpstreamException e = assertThrows(UpstreamException.class,
                () -> upstream.exchange(Exchanges.get(server, impatient, "/")));

        assertEquals(Failure.TIMEOUT, e.failure());
        assertEquals(504, e.failure().status());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
    }

    @Test
    void exchange_responseHeaderTimeoutOnReusedConnection_failsTimeout() throws Exception {
        ServersTransportConfig impatient = transport(Duration.ofSeconds(5), Duration.ofMillis(300),
                Duration.ofSeconds(90));
        backend.script(conn -> {
            conn.readHead();
            conn.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            conn.readHead();
            Thread.sleep(10_000);
        });
        upstream.exchange(Exchanges.get(server, impatient, "/")).close();
        assertEquals(1, upstream.idleConnections("test", impatient, server));

        UpstreamException e = assertThrows(UpstreamException.class,
                () -> upstream.exchange(Exchanges.get(server, impatient, "/")));
        assertEquals(Failure.TIMEOUT, e.failure());
    }

    @Test
    void exchange_refusedPort_failsConnect() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        ServerAddress nobody = new ServerAddress("http", "127.0.0.1", closedPort);

        UpstreamException e = assertThrows(UpstreamException.class,
                () -> upstream.exchange(Exchanges.get(nobody, TRANSPORT, "/")));
        assertEquals(Failure.CONNECT, e.failure());
        assertEquals(502, e.failure().status());
    }

    @Test
    void exchange_unknownHost_failsConnect() {
        ServerAddress nowhere = new ServerAddress("http", "no-such-host.invalid", 80);

        UpstreamException e = assertThrows(UpstreamException.class,
                () -> upstream.exchange(Exchanges.get(nowhere, TRANSPORT, "/")));
        assertEquals(Failure.CONNECT, e.failure());
    }

    @Test
    void exchange_unsupportedScheme_failsOther() {
        ServerAddress ftp = new ServerAddress("ftp", "127.0.0.1", backend.port());

        UpstreamException e = assertThrows(UpstreamException.class,
                () -> upstream.exchange(Exchanges.get(ftp, TRANSPORT, "/")));
        assertEquals(Failure.OTHER, e.failure());
    }

    @Test
    void exchange_headerValueWithNewline_rejectedBeforeSending() {
        backend.script(OK);
        HttpFields smuggling = host(server).add("X-Evil", "a\r\nX-Injected: 1");

        UpstreamException e = assertThrows(UpstreamException.class, () -> upstream.exchange(request(server,
                TRANSPORT, "GET", "/", smuggling, InputStream.nullInputStream(), 0)));
        assertEquals(Failure.OTHER, e.failure());
    }

    @Test
    void exchange_clientBodyFails_failsClientGone() {
        backend.script(OK);
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("client reset");
            }
        };

        UpstreamException e = assertThrows(UpstreamException.class, () -> upstream.exchange(request(server,
                TRANSPORT, "POST", "/", host(server), broken, -1)));
        assertEquals(Failure.CLIENT_GONE, e.failure());
    }

    private void awaitIdle(int expected) throws InterruptedException {
        awaitIdle(TRANSPORT, expected);
    }

    private void awaitIdle(ServersTransportConfig transport, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (upstream.idleConnections("test", transport, server) != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("idle connections: " + upstream.idleConnections("test", transport, server)
                        + " (expected: " + expected + ")");
            }
            Thread.sleep(10);
        }
    }
}
