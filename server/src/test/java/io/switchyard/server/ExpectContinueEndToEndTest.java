package io.switchyard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.webserver.WebServer;
import io.switchyard.server.http.EntryPointBinding;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code Expect: 100-continue} end to end (spec: proxy.md §4.9): the client is told to send its
 * body only once the backend asked for it, and a backend that answers before reading gets no
 * body at all, while the client gets that answer without ever sending it.
 */
final class ExpectContinueEndToEndTest {
    private static WebServer backend;
    private static Switchyard switchyard;

    @BeforeAll
    static void start() {
        backend = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .routing(r -> r
                        .post("/accept", (req, res) -> res.send("got " + req.content().as(String.class)))
                        .post("/reject", (req, res) -> res.status(413).send("too large")))
                .build().start();
        switchyard = new TestRoutes()
                .route("all", "PathPrefix(`/`)", "backend")
                .service("backend", "http://127.0.0.1:" + backend.port())
                .start(List.of(new EntryPointBinding("web", "127.0.0.1", 0)));
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

    @Test
    void backendReadingTheBody_clientGets100ThenTheAnswer() throws Exception {
        try (RawClient client = new RawClient(switchyard.port("web"))) {
            long start = System.nanoTime();
            client.write("POST /accept HTTP/1.1\r\nHost: e.example\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
            RawClient.Response interim = client.readHead();
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(100, interim.status());
            // the backend's own 100 set things going, not Traefik's 1 s fallback
            assertTrue(waitedMillis < 900, "100 Continue after " + waitedMillis + " ms");
            client.write("hello");
            RawClient.Response r = client.read("POST");
            assertEquals(200, r.status());
            assertEquals("got hello", r.text());
        }
    }

    @Test
    void backendAnsweringEarly_clientGetsTheAnswerWithoutSendingTheBody() throws Exception {
        try (RawClient client = new RawClient(switchyard.port("web"))) {
            client.write("POST /reject HTTP/1.1\r\nHost: e.example\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
            RawClient.Response r = client.readHead();
            assertEquals(413, r.status(), "the final answer comes first, no 100 before it");
            byte[] body = client.in.readNBytes(Integer.parseInt(r.header("Content-Length")));
            assertEquals("too large", new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void noExpect_bodyIsForwardedAsUsual() throws Exception {
        try (RawClient client = new RawClient(switchyard.port("web"))) {
            client.write("POST /accept HTTP/1.1\r\nHost: e.example\r\nContent-Length: 5\r\n\r\nworld");
            RawClient.Response r = client.read("POST");
            assertEquals(200, r.status());
            assertEquals("got world", r.text());
        }
    }
}
