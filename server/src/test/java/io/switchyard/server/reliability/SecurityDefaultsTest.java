package io.switchyard.server.reliability;

import io.switchyard.server.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.common.tls.Tls;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.config.ServerConfig;
import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.translate.ProviderOptions;
import io.switchyard.server.Switchyard;
import io.switchyard.server.admin.AccessLogSettings;
import io.switchyard.server.admin.Operations;
import io.switchyard.server.http.EntryPointBinding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Secure defaults, end to end: references across namespaces and ExternalName Services are refused
 * unless enabled (translation.md §1.1), forwarded headers from untrusted clients are replaced
 * (proxy.md §4.2), backend certificates are verified (proxy.md §4.5), and the entry points answer
 * nothing of their own (the admin pages are served on the admin listener only, which never proxies).
 */
final class SecurityDefaultsTest {
    @TempDir
    static Path manifests;

    private static TestBackend backend;

    @BeforeAll
    static void start() throws Exception {
        backend = TestBackend.start("protected");
        Files.writeString(manifests.resolve("objects.yaml"), """
                apiVersion: traefik.io/v1alpha1
                kind: IngressRoute
                metadata: {name: crossing, namespace: team-a}
                spec:
                  routes:
                    - match: Host(`cross.test`)
                      kind: Rule
                      services:
                        - name: private
                          namespace: team-b
                          port: 80
                    - match: Host(`cross-ts.test`)
                      kind: Rule
                      services:
                        - name: split
                          kind: TraefikService
                    - match: Host(`external.test`)
                      kind: Rule
                      services:
                        - name: outside
                          port: %1$d
                ---
                apiVersion: traefik.io/v1alpha1
                kind: TraefikService
                metadata: {name: split, namespace: team-a}
                spec:
                  weighted:
                    services:
                      - {name: private, namespace: team-b, port: 80}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: outside, namespace: team-a}
                spec:
                  type: ExternalName
                  externalName: localhost
                  ports: [{port: %1$d}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: private, namespace: team-b}
                spec:
                  ports: [{name: web, port: 80}]
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: private-a
                  namespace: team-b
                  labels: {kubernetes.io/service-name: private}
                addressType: IPv4
                ports: [{name: web, port: %1$d}]
                endpoints:
                  - addresses: ["127.0.0.1"]
                """.formatted(backend.port()));
    }

    @AfterAll
    static void stop() throws Exception {
        backend.close();
    }

    private static Switchyard start(ProviderOptions options) throws InterruptedException {
        Switchyard sy = Switchyard.start(Switchyard.Settings.builder()
                .entryPoints(List.of(new EntryPointBinding("web", "127.0.0.1", 0)))
                .source("manifests", Map.of("dir", manifests.toString()))
                .options(options)
                .gracePeriod(Duration.ofSeconds(1))
                .build());
        Await.until(() -> sy.runtime().ready(), Duration.ofSeconds(10), "the first configuration to be applied");
        return sy;
    }

    private static int status(Switchyard sy, String host) throws Exception {
        try (TinyClient c = new TinyClient(sy.port("web"), false)) {
            return c.get(host, "/").status();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cross.test", "cross-ts.test"})
    void crossNamespaceReference_refusedByDefault_servedWhenAllowed(String host) throws Exception {
        int before = backend.seen().size();
        try (Switchyard sy = start(ProviderOptions.DEFAULTS)) {
            assertTrue(status(sy, host) >= 400, "refused");
        }
        assertEquals(before, backend.seen().size(), "the other namespace's backend was never reached");
        try (Switchyard sy = start(ProviderOptions.DEFAULTS.withAllowCrossNamespace(true))) {
            assertEquals(200, status(sy, host));
        }
    }

    @Test
    void externalNameService_refusedByDefault_servedWhenAllowed() throws Exception {
        int before = backend.seen().size();
        try (Switchyard sy = start(ProviderOptions.DEFAULTS)) {
            assertEquals(404, status(sy, "external.test"));
        }
        assertEquals(before, backend.seen().size(), "the external name was never dialed");
        try (Switchyard sy = start(ProviderOptions.DEFAULTS.withAllowExternalNameServices(true))) {
            assertEquals(200, status(sy, "external.test"));
        }
    }

    @Test
    void forwardedHeadersFromAnUntrustedClient_areReplaced() throws Exception {
        try (Switchyard sy = Switchyard.start(new Routes().route("app", "Host(`app.test`)", "app")
                .service("app", backend.url()).settings().build());
             TinyClient c = new TinyClient(sy.port("web"), false)) {
            int before = backend.seen().size();
            TinyClient.Response r = c.send("GET", "app.test", "/", "X-Forwarded-For: 6.6.6.6\r\n"
                    + "X-Forwarded-Host: evil.test\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Port: 443\r\n"
                    + "X-Forwarded-Server: evil\r\nX-Real-Ip: 6.6.6.6\r\nX-Forwarded-Uri: /admin\r\n"
                    + "X-Forwarded-Method: DELETE\r\nX-Forwarded-Prefix: /evil\r\n"
                    + "X-Forwarded-Tls-Client-Cert: forged\r\n");
            assertEquals(200, r.status());
            TestBackend.Seen seen = backend.seen().get(before);
            assertEquals("127.0.0.1", seen.header("X-Forwarded-For"));
            assertEquals("app.test", seen.header("X-Forwarded-Host"));
            assertEquals("http", seen.header("X-Forwarded-Proto"));
            assertEquals("127.0.0.1", seen.header("X-Real-Ip"));
            assertTrue(!"evil".equals(seen.header("X-Forwarded-Server")), seen.toString());
            for (String dropped : List.of("X-Forwarded-Uri", "X-Forwarded-Method", "X-Forwarded-Prefix",
                    "X-Forwarded-Tls-Client-Cert")) {
                assertNull(seen.header(dropped), dropped + " from the client reached the backend");
            }
            assertEquals(1, seen.headers().stream().filter(h -> h.toLowerCase().startsWith("x-forwarded-for:"))
                    .count(), "one X-Forwarded-For");
        }
    }

    @Test
    void backendCertificate_verifiedByDefault() throws Exception {
        SelfSigned self = SelfSigned.forLoopback();
        AtomicInteger reached = new AtomicInteger();
        WebServer tlsBackend = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .protocolsDiscoverServices(false)
                .addProtocol(Http1Config.builder().sendLog(false).receiveLog(false).build())
                .tls(Tls.builder().privateKey(self.keys().getPrivate())
                        .privateKeyCertChain(List.of(self.certificate())).build())
                .routing(r -> r.any((req, res) -> {
                    reached.incrementAndGet();
                    res.send("tls");
                }))
                .build().start();
        try {
            String url = "https://127.0.0.1:" + tlsBackend.port();
            ServersTransportConfig d = ServersTransportConfig.DEFAULT;
            ServersTransportConfig insecure = new ServersTransportConfig("", true, d.rootCAs(), d.certificates(), 0,
                    d.forwardingTimeouts(), d.disableHTTP2(), "", List.of(), List.of(), "", "", Optional.empty());
            LoadBalancerService verified = LoadBalancerService.of(List.of(ServerConfig.of(url)));
            LoadBalancerService skipping = new LoadBalancerService(verified.servers(), verified.strategy(), true,
                    verified.flushInterval(), Optional.empty(), Optional.empty(), Optional.empty(), "insecure");
            try (Switchyard sy = Switchyard.start(new Routes()
                    .route("verified", "Host(`verified.test`)", "verified")
                    .route("skipping", "Host(`skipping.test`)", "skipping")
                    .service("verified", verified)
                    .service("skipping", skipping)
                    .transport("insecure", insecure)
                    .settings().build())) {
                assertEquals(500, status(sy, "verified.test"), "an unknown certificate is refused");
                assertEquals(0, reached.get(), "no request went over the unverified connection");
                assertEquals(200, status(sy, "skipping.test"), "only insecureSkipVerify accepts it");
                assertEquals(1, reached.get());
            }
        } finally {
            tlsBackend.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/rawdata", "/api/overview", "/dashboard/", "/ping", "/ready", "/metrics",
            "/debug/vars"})
    void adminPages_onlyOnTheAdminListener_neverOnTheEntryPoints(String path) throws Exception {
        Switchyard.Settings settings = new Routes().route("app", "Host(`app.test`)", "app")
                .service("app", backend.url())
                .settings()
                .operations(new Operations.Settings(
                        Optional.of(new EntryPointBinding.HostPort("127.0.0.1", 0)), AccessLogSettings.OFF))
                .build();
        try (Switchyard sy = Switchyard.start(settings);
             TinyClient entry = new TinyClient(sy.port("web"), false);
             TinyClient admin = new TinyClient(sy.adminPort().orElseThrow(), false)) {
            TinyClient.Response unrouted = entry.get("unknown.test", path);
            assertEquals(404, unrouted.status());
            assertEquals("404 page not found\n", unrouted.body(), "the entry point answers nothing of its own");
            int before = backend.seen().size();
            TinyClient.Response routed = entry.get("app.test", path);
            assertEquals("protected\n", routed.body(), "a routed request goes to the backend");
            assertEquals(path, backend.seen().get(before).target());
            if (!path.equals("/debug/vars")) {
                assertEquals(200, admin.get("app.test", path).status(), "served by the admin listener");
            }
            assertEquals(before + 1, backend.seen().size(), "the admin listener never proxies");
        }
    }
}
