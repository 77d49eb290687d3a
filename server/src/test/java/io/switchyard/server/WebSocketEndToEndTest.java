package io.switchyard.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.switchyard.adapters.http.tls.TestCertificates;
import io.switchyard.adapters.http.upstream.RawBackend;
import io.switchyard.ports.runtime.CompletedExchange;
import io.switchyard.server.http.EntryPointBinding;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WebSocket through the real server (spec: proxy.md §4.3 step 8, §4.6 step 2): the handshake is
 * routed like any request, the backend's 101 is relayed, then bytes flow both ways untouched —
 * messages, sub-protocol, origin, close codes — on plain and TLS entry points.
 */
final class WebSocketEndToEndTest {
    @TempDir
    static Path tls;

    private static final BlockingQueue<String> BACKEND_CLOSES = new LinkedBlockingQueue<>();
    private static final BlockingQueue<CompletedExchange> COMPLETED = new LinkedBlockingQueue<>();
    private static WebServer backend;
    private static Switchyard switchyard;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        // the backend accepts only this Origin: the client's Origin must arrive untouched
        backend = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .protocolsDiscoverServices(false)
                .addProtocol(Http1Config.create())
                .addProtocol(WsConfig.builder().name("websocket").addOrigin("https://app.example").build())
                .routing(r -> r.get("/ws", (req, res) -> res.send("plain http"))
                        .get("/nows", (req, res) -> res.status(403).send("no websocket here")))
                .addRouting(WsRouting.builder().endpoint("/ws", EchoListener::new))
                .build().start();
        TestCertificates.Authority ca = TestCertificates.authority("test ca");
        Path[] files = ca.server("proxy", List.of("127.0.0.1", "localhost")).write(tls, "proxy");
        List<EntryPointBinding> entryPoints = List.of(new EntryPointBinding("web", "127.0.0.1", 0),
                new EntryPointBinding("websecure", "127.0.0.1", 0).withTls(new EntryPointBinding.Tls(files[0], files[1])));
        String url = "http://127.0.0.1:" + backend.port();
        switchyard = new TestRoutes()
                .route("ws", "PathPrefix(`/ws`) || PathPrefix(`/nows`)", "ws", "web")
                .tlsRoute("wss", "PathPrefix(`/ws`)", "ws", "websecure")
                .service("ws", url)
                .start(entryPoints);
        switchyard.runtime().observer(COMPLETED::add);
        client = HttpClient.newBuilder().sslContext(ca.clientContext()).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (switchyard != null) {
            switchyard.close();
        }
        if (backend != null) {
            backend.stop();
        }
    }

    /** The backend: echoes messages, reports its handshake, closes on request, records closes. */
    private static final class EchoListener implements WsListener {
        private Headers handshake;
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
            handshake = headers;
            var offered = headers.first(HeaderNames.create("Sec-WebSocket-Protocol"));
            if (offered.isPresent() && offered.get().contains("v1.chat")) {
                WritableHeaders<?> out = WritableHeaders.create();
                out.set(HeaderNames.create("Sec-WebSocket-Protocol"), "v1.chat");
                return Optional.of(out);
            }
            return Optional.empty();
        }

        @Override
        public void onMessage(WsSession session, String text, boolean last) {
            if (text.startsWith("close ")) {
                String[] parts = text.split(" ", 3);
                session.close(Integer.parseInt(parts[1]), parts[2]);
            } else if (text.equals("handshake")) {
                StringBuilder sb = new StringBuilder();
                for (String name : List.of("Host", "Origin", "X-Forwarded-Proto", "X-Forwarded-For", "Connection",
                        "Upgrade", "Sec-WebSocket-Protocol")) {
                    sb.append(name).append(": ").append(handshake.first(HeaderNames.create(name)).orElse("-"))
                            .append('\n');
                }
                session.send(sb.toString(), true);
            } else {
                session.send(text, last);
            }
        }

        @Override
        public void onMessage(WsSession session, BufferData buffer, boolean last) {
            byte[] bytes = new byte[buffer.available()];
            buffer.read(bytes);
            binary.writeBytes(bytes);
            if (last) {
                session.send(BufferData.create(binary.toByteArray()), true);
                binary.reset();
            }
        }

        @Override
        public void onClose(WsSession session, int status, String reason) {
            BACKEND_CLOSES.add(status + " " + reason);
        }
    }

    /** Collects whole messages and the close the client receives. */
    private static final class Collector implements WebSocket.Listener {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            binary.writeBytes(b);
            if (last) {
                messages.add(binary.toByteArray());
                binary.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }

        Object next() throws InterruptedException {
            Object m = messages.poll(10, TimeUnit.SECONDS);
            assertTrue(m != null, "a message within 10 s");
            return m;
        }
    }

    private static WebSocket open(String uri, Collector collector, String... subprotocols) {
        WebSocket.Builder b = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .header("Origin", "https://app.example");
        if (subprotocols.length > 0) {
            b.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        return b.buildAsync(URI.create(uri), collector).join();
    }

    private static String ws() {
        return "ws://127.0.0.1:" + switchyard.port("web") + "/ws";
    }

    @Test
    void messages_areEchoedBothWays() throws Exception {
        Collector c = new Collector();
        WebSocket ws = open(ws(), c);
        ws.sendText("hello", true).join();
        assertEquals("hello", c.next());
        byte[] big = new byte[3 << 20];
        ThreadLocalRandom.current().nextBytes(big);
        for (int off = 0; off < big.length; off += 256 * 1024) {
            ws.sendBinary(ByteBuffer.wrap(big, off, 256 * 1024), off + 256 * 1024 >= big.length).join();
        }
        assertArrayEquals(big, (byte[]) c.next());
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        assertTrue(c.closed.get(10, TimeUnit.SECONDS).startsWith("1000 "));
    }

    @Test
    void handshake_isRoutedWithOriginSubProtocolAndForwardedHeaders() throws Exception {
        Collector c = new Collector();
        WebSocket ws = open(ws(), c, "v2.chat", "v1.chat");
        assertEquals("v1.chat", ws.getSubprotocol());
        ws.sendText("handshake", true).join();
        String handshake = (String) c.next();
        assertTrue(handshake.contains("Origin: https://app.example\n"), handshake);
        assertTrue(handshake.contains("X-Forwarded-Proto: ws\n"), handshake);
        assertTrue(handshake.contains("X-Forwarded-For: 127.0.0.1\n"), handshake);
        assertTrue(handshake.contains("Host: 127.0.0.1:" + switchyard.port("web") + "\n"), handshake);
        assertTrue(handshake.contains("Upgrade: websocket\n"), handshake);
        assertTrue(handshake.contains("Sec-WebSocket-Protocol: v2.chat, v1.chat\n"), handshake);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        c.closed.get(10, TimeUnit.SECONDS);
    }

    @Test
    void backendClose_codeAndReasonReachTheClient() throws Exception {
        Collector c = new Collector();
        WebSocket ws = open(ws(), c);
        ws.sendText("close 4001 backend says bye", true).join();
        assertEquals("4001 backend says bye", c.closed.get(10, TimeUnit.SECONDS));
    }

    @Test
    void clientClose_codeAndReasonReachTheBackend() throws Exception {
        BACKEND_CLOSES.clear();
        COMPLETED.clear();
        Collector c = new Collector();
        WebSocket ws = open(ws(), c);
        ws.sendText("ping", true).join();
        assertEquals("ping", c.next());
        ws.sendClose(4002, "client done").join();
        assertEquals("4002 client done", BACKEND_CLOSES.poll(10, TimeUnit.SECONDS));
        c.closed.get(10, TimeUnit.SECONDS);
        CompletedExchange done = COMPLETED.poll(10, TimeUnit.SECONDS);
        assertTrue(done != null, "the exchange completes once both sides closed");
        assertEquals(101, done.status());
        assertEquals("ws@kubernetescrd", done.router());
    }

    @Test
    void tlsEntryPoint_wssIsRelayedToo() throws Exception {
        Collector c = new Collector();
        WebSocket ws = open("wss://localhost:" + switchyard.port("websecure") + "/ws", c);
        ws.sendText("handshake", true).join();
        String handshake = (String) c.next();
        assertTrue(handshake.contains("X-Forwarded-Proto: wss\n"), handshake);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        c.closed.get(10, TimeUnit.SECONDS);
    }

    private static RawClient.Response rawUpgrade(String path) throws Exception {
        try (RawClient raw = new RawClient(switchyard.port("web"))) {
            raw.write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            RawClient.Response r = raw.read("GET");
            assertEquals(-1, raw.in.read(), "the connection closes after a refused upgrade");
            return r;
        }
    }

    @Test
    void upgradeWithoutRoute_is404AndClosed() throws Exception {
        RawClient.Response r = rawUpgrade("/elsewhere");
        assertEquals(404, r.status());
        assertEquals("404 page not found\n", r.text());
    }

    @Test
    void backendRefusingTheUpgrade_itsAnswerIsRelayed() throws Exception {
        RawClient.Response r = rawUpgrade("/nows");
        assertEquals(403, r.status());
        assertEquals("no websocket here", r.text());
        assertNull(r.header("Upgrade"));
    }

    @Test
    void plainRequestOnTheWebSocketPath_isForwardedNormally() throws Exception {
        try (RawClient raw = new RawClient(switchyard.port("web"))) {
            raw.write("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            RawClient.Response r = raw.read("GET");
            assertEquals(200, r.status());
            assertEquals("plain http", r.text());
        }
    }

    @Test
    void handshakeFieldCasing_isCanonicalOnTheWire() throws Exception {
        try (RawBackend raw = RawBackend.start(conn -> {
            conn.readHead();
            conn.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        })) {
            String url = "http://127.0.0.1:" + raw.port();
            try (Switchyard sy = new TestRoutes().route("r", "PathPrefix(`/`)", "s").service("s", url)
                    .start(List.of(new EntryPointBinding("web", "127.0.0.1", 0)))) {
                try (RawClient c = new RawClient(sy.port("web"))) {
                    c.write("GET /x HTTP/1.1\r\nHost: a\r\nconnection: upgrade\r\nupgrade: websocket\r\n"
                            + "sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\nsec-websocket-version: 13\r\n\r\n");
                    assertEquals(400, c.read("GET").status());
                }
            }
            String head = raw.heads().get(0);
            assertTrue(head.contains("\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"), head);
            assertTrue(head.contains("\r\nSec-WebSocket-Version: 13\r\n"), head);
            assertTrue(head.contains("\r\nConnection: Upgrade\r\n"), head);
            assertTrue(head.contains("\r\nUpgrade: websocket\r\n"), head);
        }
    }
}
