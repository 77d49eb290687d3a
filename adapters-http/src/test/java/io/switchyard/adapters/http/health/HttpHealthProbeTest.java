package io.switchyard.adapters.http.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.common.tls.Tls;
import io.switchyard.adapters.http.health.ProbeBackend.Seen;
import io.switchyard.adapters.http.tls.TestCertificates;
import io.switchyard.adapters.http.upstream.HelidonUpstream;
import io.switchyard.domain.config.HealthCheckConfig;
import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.http.ServerAddress;
import io.switchyard.ports.health.ProbeResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HTTP probes against real Helidon backends (spec: healthcheck.md §3.2, §3.4). */
final class HttpHealthProbeTest {
    private static ProbeBackend backend;
    private static ProbeBackend tlsBackend;
    private static TestCertificates.Authority ca;
    private static HelidonUpstream upstream;
    private static HttpHealthProbe probe;

    @BeforeAll
    static void start() {
        backend = ProbeBackend.plain();
        ca = TestCertificates.authority("probe test CA");
        TestCertificates.Issued cert = ca.server("localhost", List.of("localhost", "127.0.0.1"));
        tlsBackend = ProbeBackend.tls(Tls.builder().privateKey(cert.key()).privateKeyCertChain(cert.chain()).build());
        upstream = HelidonUpstream.create();
        probe = new HttpHealthProbe(upstream);
    }

    @AfterAll
    static void stop() {
        upstream.close();
        backend.close();
        tlsBackend.close();
    }

    @BeforeEach
    void reset() {
        backend.reset();
        tlsBackend.reset();
    }

    private static ServerAddress plain() {
        return new ServerAddress("http", "127.0.0.1", backend.port());
    }

    private static ProbeResult probe(ServerAddress server, HealthCheckConfig check) {
        return probe.probe(server, check, "", ServersTransportConfig.DEFAULT);
    }

    private static ProbeResult probe(Check check) {
        return probe(plain(), check.build());
    }

    private static Seen only() {
        assertEquals(1, backend.seen().size(), backend.seen().toString());
        return backend.seen().get(0);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void probe_statusFlip_followsTheBackend() {
        assertTrue(probe(Check.path("/health")).healthy());

        backend.handler((req, res) -> res.status(503).send("down"));
        ProbeResult down = probe(Check.path("/health"));
        assertFalse(down.healthy());
        assertTrue(down.reason().contains("status 503"), down.reason());

        backend.handler(ProbeBackend.OK);
        assertTrue(probe(Check.path("/health")).healthy());
    }

    @ParameterizedTest(name = "backend {0}, status {1} -> healthy {2}")
    @CsvSource({
            "200, 0,   true",
            "204, 0,   true",
            "301, 0,   true",
            "399, 0,   true",
            "400, 0,   false",
            "404, 0,   false",
            "500, 0,   false",
            "204, 204, true",
            "200, 204, false",
            "404, 404, true"})
    void probe_statusRule(int backendStatus, int expected, boolean healthy) {
        backend.handler((req, res) -> res.status(backendStatus).send());

        // not following, so that 301 is judged as is
        assertEquals(healthy, probe(Check.path("/").status(expected).followRedirects(false)).healthy());
    }

    @Test
    void probe_fields_observedByTheBackend() {
        ProbeResult r = probe(Check.path("status?full=1").method("POST").hostname("api.internal")
                .headers(Map.of("x-probe", "1", "Host", "ignored.example", "X-Other", "two")));

        assertTrue(r.healthy(), r.reason());
        Seen seen = only();
        assertEquals("POST", seen.method());
        assertEquals("/status?full=1", seen.target());
        assertEquals("api.internal", seen.header("Host"));
        assertEquals("1", seen.header("X-Probe"));
        assertEquals("two", seen.header("X-Other"));
        assertNull(seen.header("User-Agent"), "nothing added besides Host and the configured headers");
        assertEquals("HTTP/1.1", seen.protocol());
    }

    @Test
    void probe_defaultHost_isTheServerAuthority_andEmptyPathIsSlash() {
        probe(Check.path(""));

        assertEquals("/", only().target());
        assertEquals("127.0.0.1:" + backend.port(), only().header("Host"));
        assertEquals("GET", only().method());
    }

    @Test
    void probe_schemeAndPort_replaceThoseOfTheServerUrl() throws IOException {
        ServerAddress elsewhere = new ServerAddress("https", "127.0.0.1", closedPort());

        ProbeResult r = probe(elsewhere, Check.path("/h").scheme("http").port(backend.port()).build());

        assertTrue(r.healthy(), r.reason());
        assertEquals("/h", only().target());
        assertEquals("127.0.0.1:" + backend.port(), only().header("Host"));
    }

    @Test
    void probe_h2cScheme_speaksHttp2WithPriorKnowledge() {
        ProbeResult r = probe(plain(), Check.path("/h").scheme("h2c").build());

        assertTrue(r.healthy(), r.reason());
        assertEquals("HTTP/2.0", only().protocol());
    }

    @Test
    void probe_absolutePath_alwaysUnhealthyWithoutRequest() {
        ProbeResult r = probe(Check.path("http://other/health"));

        assertFalse(r.healthy());
        assertTrue(r.reason().contains("must be a relative URL"), r.reason());
        assertTrue(backend.seen().isEmpty());
    }

    @Test
    void probe_connectionRefused_unhealthy() throws IOException {
        ProbeResult r = probe(new ServerAddress("http", "127.0.0.1", closedPort()), Check.path("/").build());

        assertFalse(r.healthy());
        assertTrue(r.reason().toLowerCase().contains("refused"), r.reason());
    }

    @Test
    void probe_slowerThanTimeout_unhealthyWhenTheTimeoutPasses() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        backend.handler((req, res) -> {
            release.await(5, TimeUnit.SECONDS);
            res.send("late");
        });
        try {
            long start = System.nanoTime();
            ProbeResult r = probe(Check.path("/slow").timeout(Duration.ofMillis(300)));
            long tookMillis = (System.nanoTime() - start) / 1_000_000;

            assertFalse(r.healthy());
            assertTrue(tookMillis >= 250 && tookMillis < 2000, tookMillis + " ms");
        } finally {
            release.countDown();
        }
    }

    @Test
    void probe_redirect_followedByDefault_judgedAsIsWhenNot() {
        backend.handler((req, res) -> {
            if (req.path().rawPath().equals("/start")) {
                res.status(302).header("Location", "/broken").send();
            } else {
                res.status(500).send();
            }
        });

        assertFalse(probe(Check.path("/start")).healthy(), "followed to the 500");
        assertEquals(List.of("/start", "/broken"), backend.seen().stream().map(Seen::target).toList());

        backend.seen().clear();
        assertTrue(probe(Check.path("/start").followRedirects(false)).healthy(), "302 is within 200-399");
        assertEquals(List.of("/start"), backend.seen().stream().map(Seen::target).toList());
    }

    @ParameterizedTest(name = "{0} after {1} -> {2}")
    @CsvSource({"301, POST, GET", "302, PUT, GET", "303, DELETE, GET", "303, HEAD, HEAD", "307, POST, POST",
            "308, PUT, PUT"})
    void probe_redirect_methodAsGoChangesIt(int status, String method, String after) {
        backend.handler((req, res) -> {
            if (req.path().rawPath().equals("/a")) {
                res.status(status).header("Location", "b?x=1").send();
            } else {
                res.send();
            }
        });

        assertTrue(probe(Check.path("/a").method(method)).healthy());

        assertEquals("/b?x=1", backend.seen().get(1).target());
        assertEquals(after, backend.seen().get(1).method());
    }

    @ParameterizedTest(name = "{0} redirects -> healthy {1}")
    @CsvSource({"9, true", "10, false"})
    void probe_redirectChain_goStopsAtTheTenthRedirect(int redirects, boolean healthy) {
        backend.handler((req, res) -> {
            int hop = Integer.parseInt(req.path().rawPath().substring("/hop/".length()));
            if (hop < redirects) {
                res.status(302).header("Location", "/hop/" + (hop + 1)).send();
            } else {
                res.send("arrived");
            }
        });

        ProbeResult r = probe(Check.path("/hop/0"));

        assertEquals(healthy, r.healthy(), r.reason());
        assertEquals(healthy ? redirects + 1 : 10, backend.seen().size());
    }

    @Test
    void probe_redirect_hostnameKeptForRelativeLocation_refererSet() {
        backend.handler((req, res) -> {
            if (req.path().rawPath().equals("/a")) {
                res.status(302).header("Location", "/b").send();
            } else {
                res.send();
            }
        });

        probe(Check.path("/a").hostname("api.internal").headers(Map.of("Authorization", "secret")));

        Seen second = backend.seen().get(1);
        assertEquals("api.internal", second.header("Host"));
        assertEquals("secret", second.header("Authorization"), "same host: sensitive headers kept");
        assertEquals("http://127.0.0.1:" + backend.port() + "/a", second.header("Referer"));
    }

    @Test
    void probe_redirect_toAnotherHost_dropsCustomHostAndCredentials() {
        String other = "http://localhost:" + backend.port() + "/b";
        backend.handler((req, res) -> {
            if (req.path().rawPath().equals("/a")) {
                res.status(302).header("Location", other).send();
            } else {
                res.send();
            }
        });

        probe(Check.path("/a").hostname("api.internal").headers(Map.of("Authorization", "secret", "X-Keep", "1")));

        Seen second = backend.seen().get(1);
        assertEquals("localhost:" + backend.port(), second.header("Host"));
        assertNull(second.header("Authorization"));
        assertEquals("1", second.header("X-Keep"));
    }

    @Test
    void probe_https_usesTheServiceTransportTls() {
        ServerAddress server = new ServerAddress("https", "127.0.0.1", tlsBackend.port());
        ServersTransportConfig trusting = new ServersTransportConfig("", false, List.of(ca.certPem()), List.of(), 0,
                Optional.empty(), false, "", List.of(), List.of(), "", "", Optional.empty());
        ServersTransportConfig skipping = new ServersTransportConfig("", true, List.of(), List.of(), 0,
                Optional.empty(), true, "", List.of(), List.of(), "", "", Optional.empty());

        ProbeResult untrusted = probe.probe(server, Check.path("/tls").build(), "", ServersTransportConfig.DEFAULT);
        ProbeResult trusted = probe.probe(server, Check.path("/tls").build(), "default-ca@kubernetescrd", trusting);
        ProbeResult skipped = probe.probe(server, Check.path("/tls").build(), "default-skip@kubernetescrd", skipping);

        assertFalse(untrusted.healthy(), "the test CA is not in the system trust store");
        assertTrue(trusted.healthy(), trusted.reason());
        assertTrue(skipped.healthy(), skipped.reason());
        assertEquals(List.of("HTTP/2.0", "HTTP/1.1"), tlsBackend.seen().stream().map(Seen::protocol).toList(),
                "ALPN h2 as for traffic; disableHTTP2 honoured");
    }
}
