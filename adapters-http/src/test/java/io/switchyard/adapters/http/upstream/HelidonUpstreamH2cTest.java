package io.switchyard.adapters.http.upstream;

import static io.switchyard.adapters.http.upstream.Exchanges.bodyText;
import static io.switchyard.adapters.http.upstream.Exchanges.host;
import static io.switchyard.adapters.http.upstream.Exchanges.request;
import static io.switchyard.adapters.http.upstream.Exchanges.transport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.webserver.WebServer;
import io.switchyard.adapters.http.upstream.Exchanges.GatedPatternStream;
import io.switchyard.adapters.http.upstream.Exchanges.PatternStream;
import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.domain.http.ServerAddress;
import io.switchyard.ports.upstream.UpstreamException;
import io.switchyard.ports.upstream.UpstreamException.Failure;
import io.switchyard.ports.upstream.UpstreamResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HTTP/2 with prior knowledge ({@code h2c} servers) to a real Helidon WebServer. */
final class HelidonUpstreamH2cTest {
    private static final long EIGHT_MIB = 8L << 20;
    private static final ServersTransportConfig TRANSPORT = transport(Duration.ofSeconds(5), Duration.ZERO,
            Duration.ofSeconds(90));

    private static WebServer backend;
    private static ServerAddress server;
    private static HelidonUpstream upstream;

    @BeforeAll
    static void start() {
        backend = WebServer.builder().host("127.0.0.1").port(0).routing(Backends::routing).build().start();
        server = new ServerAddress("h2c", "127.0.0.1", backend.port());
        upstream = HelidonUpstream.create();
    }

    @AfterAll
    static void stop() {
        upstream.close();
        backend.stop();
    }

    @Test
    void exchange_get_spokenAsHttp2WithHostAsAuthority() {
        HttpFields headers = new HttpFields().add("Host", "app.example:8080").add("X-Multi", "a").add("X-Multi", "b");

        try (UpstreamResponse r = upstream.exchange(request(server, TRANSPORT, "GET", "/info", headers,
                InputStream.nullInputStream(), 0))) {
            assertEquals(200, r.status());
            assertEquals("2.0", r.headers().first("x-proto"));
            String seen = bodyText(r);
            assertTrue(seen.contains("Host: app.example:8080") || seen.contains("host: app.example:8080"), seen);
            assertTrue(seen.toLowerCase().contains("x-multi: a,b") || seen.toLowerCase().contains("x-multi: a, b"),
                    seen);
            assertFalse(seen.toLowerCase().contains("user-agent"), seen);
        }
    }

    @Test
    void exchange_downloadOfEightMiB_streamsEveryByte() throws IOException {
        try (UpstreamResponse r = upstream.exchange(Exchanges.get(server, TRANSPORT, "/download?n=" + EIGHT_MIB))) {
            assertEquals(200, r.status());
            assertEquals(EIGHT_MIB, Exchanges.drainPattern(r.body()));
        }
    }

    @ParameterizedTest(name = "length {0}")
    @ValueSource(longs = {EIGHT_MIB, -1})
    void exchange_uploadOfEightMiB_arrivesIntact(long length) {
        try (UpstreamResponse r = upstream.exchange(request(server, TRANSPORT, "POST", "/upload", host(server),
                new PatternStream(EIGHT_MIB), length))) {
            assertEquals(200, r.status());
            assertEquals(Long.toString(EIGHT_MIB), bodyText(r));
        }
    }

    @Test
    void exchange_download_readableBeforeTheServerFinishes() throws IOException {
        Backends.downloadGate = new CountDownLatch(1);
        try (UpstreamResponse r = upstream.exchange(Exchanges.get(server, TRANSPORT, "/gate"))) {
            InputStream body = r.body();
            assertEquals("first", new String(body.readNBytes(5), StandardCharsets.US_ASCII));
            Backends.downloadGate.countDown();
            assertEquals("second", new String(body.readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void exchange_upload_reachesTheServerBeforeTheClientFinishes() {
        Backends.uploadGate = new CountDownLatch(1);
        InputStream body = new GatedPatternStream(1L << 20, Backends.GATE_PART, Backends.uploadGate);

        try (UpstreamResponse r = upstream.exchange(request(server, TRANSPORT, "POST", "/gate-upload", host(server),
                body, -1))) {
            assertEquals(Long.toString(1L << 20), bodyText(r));
        }
    }

    @Test
    void exchange_noHeadAfterTheBody_responseHeaderTimeoutFailsTimeout() {
        ServersTransportConfig impatient = transport(Duration.ofSeconds(5), Duration.ofMillis(300),
                Duration.ofSeconds(90));
        long start = System.nanoTime();

        UpstreamException e = assertThrows(UpstreamException.class, () -> upstream.exchange(request(server,
                impatient, "POST", "/slow-after-body", host(server), new PatternStream(1000), 1000)));
        assertEquals(Failure.TIMEOUT, e.failure());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2500, "timed out before the backend answered");
    }

    @Test
    void exchange_clientBodyFails_failsClientGone() {
        InputStream failing = new InputStream() {
            private boolean sent;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (sent) {
                    throw new IOException("client reset");
                }
                sent = true;
                b[off] = 'x';
                return 1;
            }
        };

        UpstreamException e = assertThrows(UpstreamException.class, () -> upstream.exchange(request(server,
                TRANSPORT, "POST", "/upload", host(server), failing, -1)));
        assertEquals(Failure.CLIENT_GONE, e.failure());
    }

    @Test
    void exchange_trailers_availableAfterBody() {
        try (UpstreamResponse r = upstream.exchange(Exchanges.get(server, TRANSPORT, "/trailers"))) {
            assertEquals("body", bodyText(r));
            assertEquals("c0ffee", r.trailers().first("x-checksum"));
        }
    }

    @Test
    void exchange_head_emptyBody() throws IOException {
        try (UpstreamResponse r = upstream.exchange(request(server, TRANSPORT, "HEAD", "/download?fixed&n=1000",
                host(server), InputStream.nullInputStream(), 0))) {
            assertEquals(200, r.status());
            assertEquals(0, r.contentLength());
            assertEquals(-1, r.body().read());
        }
    }

    @Test
    void exchange_sequentialAndConcurrentRequests_shareOneConnection() throws Exception {
        ServersTransportConfig own = transport(Duration.ofSeconds(5), Duration.ZERO, Duration.ofSeconds(93));
        Set<String> ports = java.util.concurrent.ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 20; i++) {
            try (UpstreamResponse r = upstream.exchange(Exchanges.get(server, own, "/info"))) {
                bodyText(r);
                ports.add(r.headers().first("x-port"));
            }
        }
        List<Thread> threads = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try (UpstreamResponse r = upstream.exchange(Exchanges.get(server, own, "/download?n=100000"))) {
                    Exchanges.drainPattern(r.body());
                    ports.add(r.headers().first("x-port"));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join(10_000);
        }

        assertEquals(1, new HashSet<>(ports).size(), "connections used: " + ports);
        assertEquals(1, upstream.http2Connections("test", own, server));
    }

    @Test
    void exchange_slowServer_responseHeaderTimeoutFailsTimeout() {
        ServersTransportConfig impatient = transport(Duration.ofSeconds(5), Duration.ofMillis(300),
                Duration.ofSeconds(90));

        UpstreamException e = assertThrows(UpstreamException.class,
                () -> upstream.exchange(Exchanges.get(server, impatient, "/slow")));
        assertEquals(Failure.TIMEOUT, e.failure());
    }

    @Test
    void exchange_closedEarly_streamCancelledAndConnectionKept() throws IOException {
        ServersTransportConfig own = transport(Duration.ofSeconds(5), Duration.ZERO, Duration.ofSeconds(94));
        try (UpstreamResponse r = upstream.exchange(Exchanges.get(server, own, "/download?n=" + EIGHT_MIB))) {
            r.body().readNBytes(1000);
        }

        try (UpstreamResponse r = upstream.exchange(Exchanges.get(server, own, "/info"))) {
            assertEquals(200, r.status());
            bodyText(r);
        }
        assertEquals(1, upstream.http2Connections("test", own, server));
    }

    @Test
    void exchange_h2cWithDisableHttp2_failsOther() {
        ServersTransportConfig http1Only = new ServersTransportConfig("", false, List.of(), List.of(), 0,
                Optional.empty(), true, "", List.of(), List.of(), "", "", Optional.empty());

        UpstreamException e = assertThrows(UpstreamException.class,
                () -> upstream.exchange(Exchanges.get(server, http1Only, "/info")));
        assertEquals(Failure.OTHER, e.failure());
        assertEquals(500, e.failure().status());
    }
}
