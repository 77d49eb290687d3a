package io.switchyard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.common.tls.Tls;
import io.helidon.webserver.WebServer;
import io.switchyard.adapters.http.tls.TestCertificates;
import io.switchyard.adapters.http.upstream.RawBackend;
import io.switchyard.ports.runtime.CompletedExchange;
import io.switchyard.server.http.EntryPointBinding;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Backend failures as clients and observers see them (spec: proxy.md §4.8): the status, a body
 * that is exactly the status text (no Content-Type, nothing of the exception), 499 for clients
 * that left, and TLS verification failures logged at error level once per server, not per request.
 */
final class ErrorMappingEndToEndTest {
    private static final BlockingQueue<CompletedExchange> COMPLETED = new LinkedBlockingQueue<>();
    private static final List<LogRecord> FORWARDER_LOG = new CopyOnWriteArrayList<>();
    // held so the configured handler is not collected with a weakly referenced logger
    private static final Logger LOGGER = Logger.getLogger("io.switchyard.ports.runtime.Forwarder");
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            FORWARDER_LOG.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private static RawBackend closing;
    private static RawBackend slow;
    private static RawBackend garbage;
    private static RawBackend badField;
    private static RawBackend draining;
    private static WebServer untrustedTls;
    private static WebServer untrustedTls2;
    private static Switchyard switchyard;

    @BeforeAll
    static void start() throws Exception {
        LOGGER.addHandler(CAPTURE);
        LOGGER.setUseParentHandlers(false); // the expected error lines are checked, not printed
        closing = RawBackend.start(conn -> conn.readHead()); // reads the request, then hangs up
        slow = RawBackend.start(conn -> {
            conn.readHead();
            Thread.sleep(5_000);
            conn.write("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nlate");
        });
        garbage = RawBackend.start(conn -> {
            conn.readHead();
            conn.write("HELLO THERE\r\n\r\n");
        });
        badField = RawBackend.start(conn -> {
            conn.readHead();
            conn.write("HTTP/1.1 200 OK\r\nX-Bad: a\u0001b\r\nContent-Length: 2\r\n\r\nok");
        });
        draining = RawBackend.start(conn -> {
            conn.readHead();
            conn.in.readAllBytes(); // until the proxy gives up on the request body
        });
        TestCertificates.Issued cert = TestCertificates.authority("nobody trusts me")
                .server("backend", List.of("127.0.0.1"));
        untrustedTls = tlsBackend(cert);
        untrustedTls2 = tlsBackend(cert);
        int refused;
        try (ServerSocket s = new ServerSocket(0)) {
            refused = s.getLocalPort();
        }
        switchyard = new TestRoutes()
                .route("refused", "Host(`refused.example`)", "refused")
                .route("closing", "Host(`closing.example`)", "closing")
                .route("slow", "Host(`slow.example`)", "slow")
                .route("garbage", "Host(`garbage.example`)", "garbage")
                .route("draining", "Host(`draining.example`)", "draining")
                .route("badfield", "Host(`badfield.example`)", "badfield")
                .route("tls", "Host(`tls.example`)", "tls")
                .route("tls2", "Host(`tls2.example`)", "tls2")
                .service("refused", "http://127.0.0.1:" + refused)
                .service("closing", "http://127.0.0.1:" + closing.port())
                .service("slow", TestRoutes.lb("http://127.0.0.1:" + slow.port(), true, Duration.ofMillis(100),
                        "quick"))
                .transport("quick", TestRoutes.headerTimeout(Duration.ofMillis(300)))
                .service("garbage", "http://127.0.0.1:" + garbage.port())
                .service("draining", "http://127.0.0.1:" + draining.port())
                .service("badfield", "http://127.0.0.1:" + badField.port())
                .service("tls", "https://127.0.0.1:" + untrustedTls.port())
                .service("tls2", "https://127.0.0.1:" + untrustedTls2.port())
                .start(List.of(new EntryPointBinding("web", "127.0.0.1", 0)));
        switchyard.runtime().observer(COMPLETED::add);
    }

    private static WebServer tlsBackend(TestCertificates.Issued cert) {
        return WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .tls(Tls.builder().privateKey(cert.key()).privateKeyCertChain(List.of(cert.certificate())).build())
                .routing(r -> r.any((req, res) -> res.send("should never be reached")))
                .build().start();
    }

    @AfterAll
    static void stop() throws Exception {
        LOGGER.removeHandler(CAPTURE);
        LOGGER.setUseParentHandlers(true);
        if (switchyard != null) {
            switchyard.close();
        }
        for (AutoCloseable c : new AutoCloseable[] {closing, slow, garbage, draining, badField}) {
            if (c != null) {
                c.close();
            }
        }
        for (WebServer s : new WebServer[] {untrustedTls, untrustedTls2}) {
            if (s != null) {
                s.stop();
            }
        }
    }

    private static RawClient.Response get(String host) throws Exception {
        try (RawClient client = new RawClient(switchyard.port("web"))) {
            client.write("GET /x HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
            return client.read("GET");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "refused.example, 502, Bad Gateway",
        "closing.example, 502, Bad Gateway",
        "slow.example,    504, Gateway Timeout",
        "garbage.example, 500, Internal Server Error",
        "badfield.example, 500, Internal Server Error",
        "tls.example,     500, Internal Server Error",
    })
    void backendFailure_statusAndBareStatusText(String host, int status, String text) throws Exception {
        long start = System.nanoTime();
        RawClient.Response r = get(host);
        assertEquals(status, r.status());
        assertEquals(text, r.text());
        assertNull(r.header("Content-Type"), "no Content-Type on error bodies");
        if (status == 504) {
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 3_000, "the response header timeout (300 ms) ended the wait, not the backend: "
                    + millis + " ms");
        }
    }

    @Test
    void clientLeavingDuringItsUpload_isObservedAs499() throws Exception {
        COMPLETED.clear();
        try (RawClient client = new RawClient(switchyard.port("web"))) {
            client.write("POST /upload HTTP/1.1\r\nHost: draining.example\r\nContent-Length: 100000\r\n\r\npartial");
            Thread.sleep(100); // let the proxy start forwarding
        }
        CompletedExchange done = COMPLETED.poll(10, TimeUnit.SECONDS);
        assertTrue(done != null, "an exchange was observed");
        assertEquals("/upload", done.rawPath());
        assertEquals(499, done.status());
        assertEquals("draining@kubernetescrd", done.service());
    }

    @Test
    void backendFailures_areObservedWithTheirStatus() throws Exception {
        COMPLETED.clear();
        get("refused.example");
        CompletedExchange done = COMPLETED.poll(10, TimeUnit.SECONDS);
        assertTrue(done != null);
        assertEquals(502, done.status());
        assertEquals("refused@kubernetescrd", done.router());
    }

    @Test
    void tlsVerificationFailures_loggedAtErrorOncePerServer() throws Exception {
        FORWARDER_LOG.clear();
        for (int i = 0; i < 5; i++) {
            assertEquals(500, get("tls.example").status());
            assertEquals(500, get("tls2.example").status());
        }
        List<String> errors = FORWARDER_LOG.stream().filter(r -> r.getLevel() == Level.SEVERE)
                .map(LogRecord::getMessage).toList();
        long first = errors.stream().filter(m -> m.contains("127.0.0.1:" + untrustedTls.port())).count();
        long second = errors.stream().filter(m -> m.contains("127.0.0.1:" + untrustedTls2.port())).count();
        assertTrue(first <= 1 && second <= 1, "at most one line per server: " + errors);
        assertEquals(errors.size(), first + second, errors.toString());
        assertTrue(errors.stream().allMatch(m -> m.toLowerCase(Locale.ROOT).contains("certif")
                || m.toLowerCase(Locale.ROOT).contains("pkix")), "the line says what is wrong: " + errors);
    }

    @Test
    void ordinaryBackendFailures_areNotLoggedAtErrorLevel() throws Exception {
        FORWARDER_LOG.clear();
        get("refused.example");
        get("closing.example");
        assertTrue(FORWARDER_LOG.stream().noneMatch(r -> r.getLevel() == Level.SEVERE), FORWARDER_LOG.toString());
    }
}
