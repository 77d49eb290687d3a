package io.switchyard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.config.ServerConfig;
import io.switchyard.server.demo.DemoBackends;
import io.switchyard.server.http.EntryPointBinding;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service trees end to end (spec: balancing.md §2.3–2.10): manifests in a folder watched every
 * 100 ms, the real server, real backends, a real HTTP client.
 */
final class ServiceTreesEndToEndTest {
    private static final String SUFFIX = "@kubernetescrd";

    @TempDir
    static Path manifests;

    private static WebServer alpha;
    private static WebServer beta;
    private static WebServer gamma;
    private static WebServer fallback;
    private static WebServer recorder;
    private static WebServer slow;
    private static WebServer flaky;
    private static final BlockingQueue<String> recorded = new LinkedBlockingQueue<>();
    private static final AtomicInteger slowArrivals = new AtomicInteger();
    private static final AtomicBoolean flakyFailing = new AtomicBoolean(true);
    private static final List<Switchyard> instances = new ArrayList<>();
    private static Switchyard switchyard;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        alpha = DemoBackends.whoami("alpha", 0);
        // Translation keeps one server per address (translation.md), so backends of one Service
        // need addresses of their own.
        beta = DemoBackends.whoami("beta", "127.0.0.2", 0);
        gamma = DemoBackends.whoami("gamma", "127.0.0.3", 0);
        fallback = DemoBackends.whoami("fallback", 0);
        recorder = backend((method, body) -> {
            recorded.add(method + " " + body);
            return 200;
        });
        slow = backend((method, body) -> {
            slowArrivals.incrementAndGet();
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 200;
        });
        flaky = backend((method, body) -> flakyFailing.get() ? 503 : 200);

        String services = service("pair", alpha, beta) + service("trio", alpha, beta, gamma)
                + service("alpha-only", alpha) + service("beta-only", beta) + service("fallback", fallback)
                + service("recorder", recorder) + service("slow", slow) + service("flaky", flaky)
                + service("downsvc", gamma)
                + TestManifests.terminatingEndpointSlice("downsvc", "web", "127.0.0.1:" + alpha.port());
        Files.writeString(manifests.resolve("services.yaml"), services);
        Files.writeString(manifests.resolve("routes.yaml"), """
                apiVersion: traefik.io/v1alpha1
                kind: IngressRoute
                metadata: {name: trees, namespace: default}
                spec:
                  entryPoints: [web]
                  routes:
                    - match: Host(`sticky.test`)
                      kind: Rule
                      services:
                        - name: pair
                          port: 80
                          sticky:
                            cookie: {name: sy_pair, httpOnly: true}
                    - match: Host(`weighted.test`)
                      kind: Rule
                      services:
                        - name: three-to-one
                          kind: TraefikService
                    - match: Host(`hrw.test`)
                      kind: Rule
                      services:
                        - name: trio
                          port: 80
                          strategy: hrw
                    - match: Host(`mirror.test`)
                      kind: Rule
                      services:
                        - name: mirrored
                          kind: TraefikService
                    - match: Host(`failover.test`)
                      kind: Rule
                      services:
                        - name: guarded
                          kind: TraefikService
                    - match: Host(`down.test`)
                      kind: Rule
                      services:
                        - name: downsvc
                          port: 80
                ---
                apiVersion: traefik.io/v1alpha1
                kind: TraefikService
                metadata: {name: three-to-one, namespace: default}
                spec:
                  weighted:
                    services:
                      - {name: alpha-only, port: 80, weight: 3}
                      - {name: beta-only, port: 80, weight: 1}
                ---
                apiVersion: traefik.io/v1alpha1
                kind: TraefikService
                metadata: {name: mirrored, namespace: default}
                spec:
                  mirroring:
                    name: alpha-only
                    port: 80
                    mirrors:
                      - {name: recorder, port: 80, percent: 100}
                      - {name: slow, port: 80, percent: 100}
                ---
                apiVersion: traefik.io/v1alpha1
                kind: TraefikService
                metadata: {name: guarded, namespace: default}
                spec:
                  failover:
                    service: {name: flaky, port: 80}
                    fallback: {name: fallback, port: 80}
                    errors:
                      status: ["500-599"]
                """);
        writeRepin(true);
        switchyard = startInstance();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        instances.forEach(Switchyard::close);
        for (WebServer s : new WebServer[] {alpha, beta, gamma, fallback, recorder, slow, flaky}) {
            if (s != null) {
                s.stop();
            }
        }
    }

    /** A backend answering {@code status} with a short body after running {@code handler}. */
    private static WebServer backend(Handler handler) {
        return WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .protocolsDiscoverServices(false)
                .addProtocol(Http1Config.builder().sendLog(false).receiveLog(false).build())
                .routing(r -> r.any((req, res) -> {
                    String body = req.content().hasEntity()
                            ? new String(req.content().as(byte[].class), StandardCharsets.UTF_8) : "";
                    int status = handler.handle(req.prologue().method().text(), body);
                    res.status(status).send(status == 200 ? "primary" : "failing");
                }))
                .build().start();
    }

    private interface Handler {
        int handle(String method, String body);
    }

    /** A Service {@code name} (port 80, named web) with one EndpointSlice per backend. */
    private static String service(String name, WebServer... backends) {
        String[] endpoints = new String[backends.length];
        for (int i = 0; i < backends.length; i++) {
            endpoints[i] = address(backends[i]) + ":" + backends[i].port();
        }
        return TestManifests.service(name, "web", endpoints);
    }

    private static String address(WebServer backend) {
        return backend == beta ? "127.0.0.2" : backend == gamma ? "127.0.0.3" : "127.0.0.1";
    }

    /** The repin route: Service repin over alpha and beta, or alpha alone. */
    private static void writeRepin(boolean withBeta) throws IOException {
        String yaml = """
                apiVersion: traefik.io/v1alpha1
                kind: IngressRoute
                metadata: {name: repin, namespace: default}
                spec:
                  entryPoints: [web]
                  routes:
                    - match: Host(`repin.test`)
                      kind: Rule
                      services:
                        - name: repin
                          port: 80
                          sticky:
                            cookie: {}
                """ + (withBeta ? service("repin", alpha, beta) : service("repin", alpha));
        write("repin.yaml", yaml);
    }

    private static void write(String name, String content) throws IOException {
        Path tmp = manifests.resolve("." + name + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, manifests.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Switchyard startInstance() throws InterruptedException {
        Switchyard sy = Switchyard.start(Switchyard.Settings.builder()
                .entryPoints(List.of(new EntryPointBinding("web", "127.0.0.1", 0)))
                .source("manifests", Map.of("dir", manifests.toString(), "poll-interval", "100ms"))
                .gracePeriod(Duration.ofSeconds(1))
                .build());
        instances.add(sy);
        await(() -> sy.runtime().ready() && sy.runtime().config().routers().size() >= 7, "configuration applied");
        assertEquals(List.of(), sy.runtime().diagnostics());
        return sy;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(condition, Duration.ofSeconds(10), what);
    }

    private static HttpResponse<String> get(Switchyard sy, String host, String cookie)
            throws IOException, InterruptedException {
        return send(client, sy, host, cookie);
    }

    private static HttpResponse<String> get(String host, String cookie) throws IOException, InterruptedException {
        return send(client, switchyard, host, cookie);
    }

    private static HttpResponse<String> send(HttpClient c, Switchyard sy, String host, String cookie)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sy.port("web") + "/"))
                .header("Host", host).timeout(Duration.ofSeconds(10));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return c.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String backendName(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return r.body().lines().findFirst().orElseThrow();
    }

    /** The {@code name=value} part of the response's only Set-Cookie. */
    private static String cookie(HttpResponse<String> r) {
        List<String> all = r.headers().allValues("Set-Cookie");
        assertEquals(1, all.size(), all.toString());
        return all.getFirst().split(";")[0];
    }

    // ---- sticky sessions -----------------------------------------------------------------

    @Test
    void stickySession_survives100Requests() throws Exception {
        HttpResponse<String> first = get("sticky.test", null);
        String pinned = backendName(first);
        String cookie = cookie(first);
        assertTrue(cookie.startsWith("sy_pair="), cookie);
        assertTrue(first.headers().firstValue("Set-Cookie").orElseThrow().endsWith("; Path=/; HttpOnly"));
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> r = get("sticky.test", cookie);
            assertEquals(pinned, backendName(r), "request " + i);
            assertEquals(List.of(), r.headers().allValues("Set-Cookie"));
        }
        // Without the cookie the two backends alternate: the pin really is the cookie's doing.
        Set<String> unpinned = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            unpinned.add(backendName(get("sticky.test", null)));
        }
        assertEquals(Set.of("Hostname: alpha", "Hostname: beta"), unpinned);
    }

    @Test
    void stickySession_configurationSwapInTheMiddle_keepsTheSession() throws Exception {
        HttpResponse<String> first = get("sticky.test", null);
        String pinned = backendName(first);
        String cookie = cookie(first);
        for (int i = 0; i < 10; i++) {
            assertEquals(pinned, backendName(get("sticky.test", cookie)));
        }
        int routers = switchyard.runtime().config().routers().size();
        write("extra.yaml", """
                apiVersion: traefik.io/v1alpha1
                kind: IngressRoute
                metadata: {name: extra, namespace: default}
                spec:
                  entryPoints: [web]
                  routes:
                    - match: Host(`extra.test`)
                      kind: Rule
                      services:
                        - name: gamma-alias
                          kind: TraefikService
                ---
                apiVersion: traefik.io/v1alpha1
                kind: TraefikService
                metadata: {name: gamma-alias, namespace: default}
                spec:
                  weighted:
                    services:
                      - {name: trio, port: 80}
                """);
        await(() -> switchyard.runtime().config().routers().size() == routers + 1, "the swap");
        assertEquals(200, get("extra.test", null).statusCode());
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = get("sticky.test", cookie);
            assertEquals(pinned, backendName(r));
            assertEquals(List.of(), r.headers().allValues("Set-Cookie"));
        }
    }

    @Test
    void stickySession_pinnedBackendRemoved_repinsAndResetsTheCookie() throws Exception {
        String alphaUrl = "http://127.0.0.1:" + alpha.port();
        String betaUrl = "http://127.0.0.2:" + beta.port();
        String cookie = null;
        String pinned = null;
        // Pin to beta, the backend about to go away (the two alternate without a cookie).
        for (int i = 0; i < 4 && !"Hostname: beta".equals(pinned); i++) {
            HttpResponse<String> r = get("repin.test", null);
            pinned = backendName(r);
            cookie = cookie(r);
        }
        assertEquals("Hostname: beta", pinned);
        assertEquals("Hostname: beta", backendName(get("repin.test", cookie)));
        try {
            writeRepin(false);
            await(() -> servers("repin.test").equals(List.of(alphaUrl)), "beta to leave the service");
            HttpResponse<String> moved = get("repin.test", cookie);
            assertEquals("Hostname: alpha", backendName(moved));
            String newCookie = cookie(moved);
            assertNotEquals(cookie, newCookie);
            assertEquals(cookie.substring(0, cookie.indexOf('=')), newCookie.substring(0, newCookie.indexOf('=')));
            HttpResponse<String> after = get("repin.test", newCookie);
            assertEquals("Hostname: alpha", backendName(after));
            assertEquals(List.of(), after.headers().allValues("Set-Cookie"));
        } finally {
            writeRepin(true);
            await(() -> servers("repin.test").size() == 2, "beta to come back");
        }
        // The old cookie is honoured again once beta is back.
        assertEquals("Hostname: beta", backendName(get("repin.test", cookie)));
        assertTrue(servers("repin.test").contains(betaUrl));
    }

    /** The key of the service behind the router for {@code host} (single-service routes get their own). */
    private static String serviceOf(String host) {
        return switchyard.runtime().config().routers().values().stream()
                .filter(r -> r.rule().equals("Host(`" + host + "`)")).findFirst().orElseThrow().service();
    }

    /** The server URLs of the service behind the router for {@code host}. */
    private static List<String> servers(String host) {
        return Optional.ofNullable(switchyard.runtime().config().services().get(serviceOf(host)))
                .filter(LoadBalancerService.class::isInstance).map(LoadBalancerService.class::cast)
                .map(lb -> lb.servers().stream().map(ServerConfig::url).toList()).orElse(List.of());
    }

    @Test
    void stickyCookie_issuedByOneInstance_worksOnASecondInstance() throws Exception {
        Switchyard second = startInstance();
        try {
            for (int i = 0; i < 4; i++) {
                HttpResponse<String> first = get("sticky.test", null);
                String pinned = backendName(first);
                String cookie = cookie(first);
                for (int j = 0; j < 3; j++) {
                    HttpResponse<String> r = get(second, "sticky.test", cookie);
                    assertEquals(pinned, backendName(r));
                    assertEquals(List.of(), r.headers().allValues("Set-Cookie"));
                }
            }
        } finally {
            second.close();
            instances.remove(second);
        }
    }

    // ---- weighted and hrw ----------------------------------------------------------------

    @Test
    void weighted3To1_distributesRealRequestsThreeToOne() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 200; i++) {
            counts.merge(backendName(get("weighted.test", null)), 1, Integer::sum);
        }
        // EDF is exact per round of 4 picks; the tolerance only covers a reload resetting the
        // schedule mid-run (another test's swap): 150 ± 8.
        int alphas = counts.getOrDefault("Hostname: alpha", 0);
        int betas = counts.getOrDefault("Hostname: beta", 0);
        assertEquals(200, alphas + betas, counts.toString());
        assertTrue(Math.abs(alphas - 150) <= 8, counts.toString());
    }

    @Test
    void hrw_sameClientIp_alwaysLandsOnTheSameServer() throws Exception {
        Map<String, String> serverByIp = new HashMap<>();
        for (int host = 1; host <= 12; host++) {
            String ip = "127.0.0." + host;
            try (HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .localAddress(InetAddress.getByName(ip)).connectTimeout(Duration.ofSeconds(5)).build()) {
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < 5; i++) {
                    HttpResponse<String> r = send(c, switchyard, "hrw.test", null);
                    seen.add(backendName(r));
                    assertTrue(r.body().contains("X-Forwarded-For: " + ip + "\n"), r.body());
                }
                assertEquals(1, seen.size(), ip + " -> " + seen);
                serverByIp.put(ip, seen.iterator().next());
            }
        }
        // Twelve addresses over three servers: all on one server would mean the IP is not the key
        // (probability 3^-11 for a fair hash).
        assertTrue(new HashSet<>(serverByIp.values()).size() > 1, serverByIp.toString());
    }

    // ---- mirroring ------------------------------------------------------------------------

    @Test
    void mirroring_reachesTheMirror_andASlowMirrorDoesNotDelayTheMainResponse() throws Exception {
        recorded.clear();
        int slowBefore = slowArrivals.get();
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + switchyard.port("web") + "/orders"))
                    .header("Host", "mirror.test").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("order-" + i)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals("Hostname: alpha", backendName(r));
            assertTrue(r.body().endsWith("order-" + i), r.body());
            assertTrue(millis < 1000, "main answered in " + millis + " ms while the slow mirror takes 2000 ms");
            assertEquals("POST order-" + i, recorded.poll(5, TimeUnit.SECONDS));
        }
        await(() -> slowArrivals.get() >= slowBefore + 3, "the slow mirror to get its copies");
    }

    // ---- failover -------------------------------------------------------------------------

    @Test
    void failover_switchesToTheFallbackOnTheConfiguredStatus_andBackWhenMainRecovers() throws Exception {
        try {
            flakyFailing.set(true);
            assertEquals("Hostname: fallback", backendName(get("failover.test", null)));
            flakyFailing.set(false);
            HttpResponse<String> recovered = get("failover.test", null);
            assertEquals(200, recovered.statusCode());
            assertEquals("primary", recovered.body());
            flakyFailing.set(true);
            assertEquals("Hostname: fallback", backendName(get("failover.test", null)));
        } finally {
            flakyFailing.set(true);
        }
    }

    // ---- no available server --------------------------------------------------------------

    @Test
    void allServersFencedOrDown_is503NoAvailableServer() throws Exception {
        String service = serviceOf("down.test") + SUFFIX;
        String gammaUrl = "http://127.0.0.3:" + gamma.port();
        assertEquals("Hostname: gamma", backendName(get("down.test", null)), "the fenced alpha is never picked");
        var state = switchyard.runtime().states().find(service, gammaUrl);
        assertNotNull(state.orElse(null), "state of " + gammaUrl);
        try {
            state.get().up(false);
            HttpResponse<String> r = get("down.test", null);
            assertEquals(503, r.statusCode());
            assertEquals("no available server\n", r.body());
            assertEquals("text/plain; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        } finally {
            state.get().up(true);
        }
        assertEquals("Hostname: gamma", backendName(get("down.test", null)));
    }
}
