package io.switchyard.server.admin;

import io.switchyard.server.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.webserver.WebServer;
import io.switchyard.domain.balance.MemberState;
import io.switchyard.server.Switchyard;
import io.switchyard.server.TestManifests;
import io.switchyard.server.demo.DemoBackends;
import io.switchyard.server.http.EntryPointBinding;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin listener against a real Switchyard: manifests in a folder, real backends, the admin
 * API, metrics, health and dashboard files read with a real HTTP client, and the JSON access log
 * read back from its file.
 */
final class AdminEndToEndTest {
    @TempDir
    static Path dir;

    private static WebServer alpha;
    private static WebServer beta;
    private static Switchyard switchyard;
    private static HttpClient client;
    private static int web;
    private static int admin;
    private static Path accessLog;
    private static String shopRouter;
    private static String shopService;
    private static String meteredRouter;
    private static String guardedRouter;
    private static String alphaUrl;
    private static String betaUrl;

    @BeforeAll
    static void start() throws Exception {
        alpha = DemoBackends.whoami("alpha", 0);
        beta = DemoBackends.whoami("beta", "127.0.0.2", 0);
        alphaUrl = "http://127.0.0.1:" + alpha.port();
        betaUrl = "http://127.0.0.2:" + beta.port();
        Path manifests = Files.createDirectories(dir.resolve("manifests"));
        Files.writeString(manifests.resolve("routes.yaml"), manifests(alpha.port(), beta.port()));
        accessLog = dir.resolve("logs/access.json");
        switchyard = Switchyard.start(Switchyard.Settings.builder()
                .entryPoints(List.of(new EntryPointBinding("web", "127.0.0.1", 0)))
                .source("manifests", Map.of("dir", manifests.toString()))
                .gracePeriod(Duration.ofSeconds(1))
                .operations(new Operations.Settings(Optional.of(new EntryPointBinding.HostPort("127.0.0.1", 0)),
                        AccessLogSettings.to(Optional.of(accessLog), AccessLogSettings.Format.JSON)))
                .build());
        web = switchyard.port("web");
        admin = switchyard.adminPort().orElseThrow();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        Await.applied(switchyard);
        for (Object o : JsonReader.array(adminGet("/api/http/routers").body())) {
            Map<?, ?> r = (Map<?, ?>) o;
            String rule = (String) r.get("rule");
            switch (rule) {
                case "Host(`shop.example`)" -> {
                    shopRouter = (String) r.get("name");
                    shopService = r.get("service") + "@kubernetescrd";
                }
                case "Host(`metrics.example`)" -> meteredRouter = (String) r.get("name");
                case "Host(`guarded.example`)" -> guardedRouter = (String) r.get("name");
                default -> throw new AssertionError("unexpected router " + r);
            }
        }
    }

    static String manifests(int alphaPort, int betaPort) {
        return """
                apiVersion: traefik.io/v1alpha1
                kind: IngressRoute
                metadata: {name: shop, namespace: default}
                spec:
                  entryPoints: [web]
                  routes:
                    - match: Host(`shop.example`)
                      kind: Rule
                      services:
                        - name: shop
                          port: http
                          sticky:
                            cookie: {name: shop_affinity}
                    - match: Host(`metrics.example`)
                      kind: Rule
                      services:
                        - name: metered
                          port: 80
                    - match: Host(`guarded.example`)
                      kind: Rule
                      middlewares:
                        - name: auth
                      services:
                        - name: metered
                          port: 80
                """
                + TestManifests.ingressRoute("broken", "ghost.example", "ghost")
                + TestManifests.service("shop", "http", "127.0.0.1:" + alphaPort, "127.0.0.2:" + betaPort)
                + TestManifests.service("metered", "web", "127.0.0.1:" + alphaPort);
    }

    @AfterAll
    static void stop() {
        if (switchyard != null) {
            switchyard.close();
        }
        if (alpha != null) {
            alpha.stop();
        }
        if (beta != null) {
            beta.stop();
        }
    }

    static HttpResponse<String> adminGet(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> webGet(String host, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web + path))
                .header("Host", host).header("User-Agent", "ops-test/1.0").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> object(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        return JsonReader.object(r.body());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    private static MemberState state(String service, String url) {
        return switchyard.runtime().states().find(service, url).orElseThrow();
    }

    @Test
    void ping_answersOkOnGetAndHead() throws Exception {
        HttpResponse<String> r = adminGet("/ping");
        assertEquals(200, r.statusCode());
        assertEquals("OK", r.body());
        HttpResponse<Void> head = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin + "/ping"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertEquals(200, head.statusCode());
    }

    @Test
    void ready_isOkOnceConfigured() throws Exception {
        HttpResponse<String> r = adminGet("/ready");
        assertEquals(200, r.statusCode());
        assertEquals("OK", r.body());
    }

    @Test
    void adminPaths_areNeverServedOnEntryPoints() throws Exception {
        assertNotEquals(web, admin);
        for (String path : List.of("/ping", "/ready", "/metrics", "/api/rawdata", "/api/http/routers", "/api/version",
                "/dashboard/", "/")) {
            HttpResponse<String> unrouted = webGet("unknown.example", path);
            assertEquals(404, unrouted.statusCode(), path);
            assertEquals("404 page not found\n", unrouted.body(), path);
            HttpResponse<String> routed = webGet("shop.example", path);
            assertEquals(200, routed.statusCode(), path);
            assertTrue(routed.body().startsWith("Hostname: "), "the backend answers " + path + ": " + routed.body());
        }
    }

    @Test
    void rawdata_hasRoutersAndServicesInTraefikShape() throws Exception {
        Map<String, Object> raw = object(adminGet("/api/rawdata"));
        assertEquals(List.of("routers", "services"), List.copyOf(raw.keySet()));
        Map<String, Object> shop = map(map(raw.get("routers")).get(shopRouter));
        assertEquals("Host(`shop.example`)", shop.get("rule"));
        assertEquals(List.of("web"), shop.get("entryPoints"));
        assertEquals(List.of("web"), shop.get("using"));
        assertEquals("enabled", shop.get("status"));
        assertFalse(shop.containsKey("name"), "rawdata keys routers by name instead");
        Map<String, Object> guarded = map(map(raw.get("routers")).get(guardedRouter));
        assertEquals("disabled", guarded.get("status"));
        assertTrue(list(guarded.get("error")).get(0).toString().contains("middlewares are not supported yet"),
                guarded.toString());

        Map<String, Object> service = map(map(raw.get("services")).get(shopService));
        Map<String, Object> lb = map(service.get("loadBalancer"));
        assertEquals(List.of(Map.of("url", alphaUrl), Map.of("url", betaUrl)), lb.get("servers"));
        assertEquals("shop_affinity", map(map(lb.get("sticky")).get("cookie")).get("name"));
        assertEquals("enabled", service.get("status"));
        assertEquals(List.of(shopRouter), service.get("usedBy"));
        assertEquals(Map.of(alphaUrl, "UP", betaUrl, "UP"), service.get("serverStatus"));
    }

    @Test
    void routers_listIsSortedNamedPagedAndFiltered() throws Exception {
        HttpResponse<String> r = adminGet("/api/http/routers");
        List<Object> routers = JsonReader.array(r.body());
        List<String> names = routers.stream().map(o -> (String) map(o).get("name")).toList();
        assertEquals(names.stream().sorted().toList(), names);
        assertEquals(3, names.size());
        assertEquals("1", r.headers().firstValue("X-Next-Page").orElseThrow());
        for (Object o : routers) {
            assertEquals("kubernetescrd", map(o).get("provider"));
        }

        HttpResponse<String> first = adminGet("/api/http/routers?per_page=1");
        assertEquals(1, JsonReader.array(first.body()).size());
        assertEquals("2", first.headers().firstValue("X-Next-Page").orElseThrow());
        HttpResponse<String> beyond = adminGet("/api/http/routers?per_page=2&page=3");
        assertEquals(400, beyond.statusCode());
        assertEquals("invalid request: page: 3, per_page: 2", JsonReader.object(beyond.body()).get("message"));

        List<Object> searched = JsonReader.array(adminGet("/api/http/routers?search=METRICS").body());
        assertEquals(List.of(meteredRouter), searched.stream().map(o -> map(o).get("name")).toList());
        List<Object> disabled = JsonReader.array(adminGet("/api/http/routers?status=disabled").body());
        assertEquals(List.of(guardedRouter), disabled.stream().map(o -> map(o).get("name")).toList());
    }

    @Test
    void router_byName_orNotFound() throws Exception {
        Map<String, Object> one = object(adminGet("/api/http/routers/" + shopRouter));
        assertEquals(shopRouter, one.get("name"));
        assertEquals("kubernetescrd", one.get("provider"));
        assertEquals("enabled", one.get("status"));
        HttpResponse<String> missing = adminGet("/api/http/routers/nope@kubernetescrd");
        assertEquals(404, missing.statusCode());
        assertEquals(Map.of("message", "router not found: nope@kubernetescrd"), JsonReader.object(missing.body()));
    }

    @Test
    void service_serverStatus_followsServerStates() throws Exception {
        Map<String, Object> before = object(adminGet("/api/http/services/" + shopService));
        assertEquals("loadbalancer", before.get("type"));
        assertEquals(shopService, before.get("name"));
        assertEquals(Map.of(alphaUrl, "UP", betaUrl, "UP"), before.get("serverStatus"));
        MemberState beta = state(shopService, betaUrl);
        beta.up(false);
        try {
            Map<String, Object> after = object(adminGet("/api/http/services/" + shopService));
            assertEquals(Map.of(alphaUrl, "UP", betaUrl, "DOWN"), after.get("serverStatus"));
            String metrics = adminGet("/metrics").body();
            assertTrue(metrics.contains("traefik_service_server_up{service=\"" + shopService + "\",url=\"" + betaUrl
                    + "\"} 0\n"), metrics);
            assertTrue(metrics.contains("traefik_service_server_up{service=\"" + shopService + "\",url=\"" + alphaUrl
                    + "\"} 1\n"), metrics);
        } finally {
            beta.up(true);
        }
        assertEquals(404, adminGet("/api/http/services/nope@kubernetescrd").statusCode());
    }

    @Test
    void overview_countsByStatus() throws Exception {
        Map<String, Object> o = object(adminGet("/api/overview"));
        Map<String, Object> http = map(o.get("http"));
        assertEquals(Map.of("total", 3L, "warnings", 0L, "errors", 1L), http.get("routers"));
        assertEquals(Map.of("total", 3L, "warnings", 0L, "errors", 0L), http.get("services"));
        assertEquals(Map.of("total", 0L, "warnings", 0L, "errors", 0L), http.get("middlewares"));
        assertEquals(Map.of("tracing", "", "metrics", "Prometheus", "accessLog", true, "hub", false), o.get("features"));
        assertEquals(List.of("KubernetesCRD"), o.get("providers"));
        assertTrue(o.containsKey("tcp") && o.containsKey("udp"));
    }

    @Test
    void entryPoints_andVersion() throws Exception {
        List<Object> eps = JsonReader.array(adminGet("/api/entrypoints").body());
        assertEquals(1, eps.size());
        Map<String, Object> ep = map(eps.get(0));
        assertEquals("web", ep.get("name"));
        assertEquals("127.0.0.1:" + web, ep.get("address"));
        assertEquals(Map.of("lifeCycle", Map.of("graceTimeOut", "1s")), ep.get("transport"));
        assertEquals(ep, object(adminGet("/api/entrypoints/web")));
        assertEquals(404, adminGet("/api/entrypoints/websecure").statusCode());

        Map<String, Object> version = object(adminGet("/api/version"));
        assertEquals("switchyard", version.get("Codename"));
        assertTrue(version.get("Version") instanceof String);
        assertTrue(((String) version.get("startDate")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"),
                version.toString());
    }

    @Test
    void diagnostics_listTranslationAndRuntimeDrops() throws Exception {
        Map<String, Object> d = object(adminGet("/api/diagnostics"));
        List<Object> translation = list(d.get("translation"));
        assertEquals(1, translation.size(), translation.toString());
        Map<String, Object> ghost = map(translation.get(0));
        assertEquals("error", ghost.get("severity"));
        assertEquals("IngressRoute", ghost.get("kind"));
        assertEquals("default", ghost.get("namespace"));
        assertEquals("broken", ghost.get("name"));
        assertEquals(1L, ghost.get("route"));
        assertEquals("Service default/ghost not found", ghost.get("message"));
        List<Object> runtime = list(d.get("runtime"));
        assertEquals(1, runtime.size(), runtime.toString());
        assertEquals("router", map(runtime.get(0)).get("kind"));
        assertEquals(guardedRouter, map(runtime.get(0)).get("name"));
        assertTrue(((String) map(runtime.get(0)).get("message")).startsWith("middlewares are not supported yet"));
    }

    @Test
    void explain_namesRouterServiceAndEligibleServers() throws Exception {
        Map<String, Object> e = object(adminGet("/api/explain?host=shop.example&path=/cart&method=GET"));
        assertEquals(shopRouter, e.get("router"));
        assertEquals("forwarded", e.get("outcome"));
        Map<String, Object> service = map(e.get("service"));
        assertEquals(shopService, service.get("name"));
        assertEquals(Map.of("cookie", "shop_affinity"), service.get("sticky"));
        assertEquals(2L, service.get("eligibleServers"));
        List<Object> candidates = list(e.get("candidates"));
        assertEquals(3, candidates.size());
        long matching = candidates.stream().filter(c -> Boolean.TRUE.equals(map(c).get("matches"))).count();
        assertEquals(1, matching);

        Map<String, Object> unknown = object(adminGet("/api/explain?host=unknown.example"));
        assertEquals("404 page not found", unknown.get("outcome"));
        assertFalse(unknown.containsKey("router"));

        Map<String, Object> guarded = object(adminGet("/api/explain?host=guarded.example"));
        assertEquals("404 page not found", guarded.get("outcome"));
        assertTrue(list(guarded.get("explanation")).stream().anyMatch(l -> l.toString().contains("is disabled")),
                guarded.toString());

        MemberState a = state(shopService, alphaUrl);
        MemberState b = state(shopService, betaUrl);
        a.up(false);
        b.up(false);
        try {
            Map<String, Object> down = object(adminGet("/api/explain?host=shop.example"));
            assertEquals("503 no available server", down.get("outcome"));
            assertEquals(0L, map(down.get("service")).get("eligibleServers"));
        } finally {
            a.up(true);
            b.up(true);
        }
        HttpResponse<String> bad = adminGet("/api/explain?entrypoint=nope");
        assertEquals(400, bad.statusCode());
        assertEquals("entrypoint: 'nope' (known: web)", JsonReader.object(bad.body()).get("message"));
    }

    @Test
    void metrics_countRealRequestsWithTraefikNamesAndLabels() throws Exception {
        String before = adminGet("/metrics").body();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, webGet("metrics.example", "/m").statusCode());
        }
        assertEquals(404, webGet("unknown.example", "/x").statusCode());
        HttpResponse<String> r = adminGet("/metrics");
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        String m = r.body();

        String ep = "{code=\"200\",entrypoint=\"web\",method=\"GET\",protocol=\"http\"}";
        assertEquals(value(before, "traefik_entrypoint_requests_total" + ep) + 3,
                value(m, "traefik_entrypoint_requests_total" + ep));
        String meteredService = switchyard.runtime().config().routers()
                .get(meteredRouter.substring(0, meteredRouter.indexOf('@'))).service() + "@kubernetescrd";
        String router = "{code=\"200\",method=\"GET\",protocol=\"http\",router=\"" + meteredRouter
                + "\",service=\"" + meteredService + "\"}";
        assertEquals(3, value(m, "traefik_router_requests_total" + router));
        String service = "{code=\"200\",method=\"GET\",protocol=\"http\",service=\"" + meteredService + "\"}";
        assertEquals(3, value(m, "traefik_service_requests_total" + service));
        String bucket = "traefik_service_request_duration_seconds_bucket{code=\"200\",method=\"GET\",protocol=\"http\","
                + "service=\"" + meteredService + "\",le=\"+Inf\"}";
        assertEquals(3, value(m, bucket));
        assertEquals(3, value(m, "traefik_service_request_duration_seconds_count" + service));
        assertTrue(m.contains("traefik_router_request_duration_seconds_bucket{code=\"200\",method=\"GET\","
                + "protocol=\"http\",router=\"" + meteredRouter + "\",service=\"" + meteredService + "\",le=\"0.1\"}"));
        assertTrue(value(m, "traefik_entrypoint_requests_total{code=\"404\",entrypoint=\"web\",method=\"GET\","
                + "protocol=\"http\"}") >= 1);
        assertTrue(m.contains("# TYPE traefik_entrypoint_request_duration_seconds histogram\n"));
        assertTrue(m.contains("# TYPE traefik_router_requests_total counter\n"));
        assertTrue(value(m, "traefik_config_reloads_total") >= 1);
        Matcher last = Pattern.compile("(?m)^traefik_config_last_reload_success ([0-9.]+e\\+09)$").matcher(m);
        assertTrue(last.find(), m);
        assertTrue(Double.parseDouble(last.group(1)) > 1.6e9, last.group(1));
        assertTrue(m.contains("switchyard_accesslog_dropped_total 0\n"), m);
    }

    /** Body bytes both ways, counted per entry point, router and service (Traefik's *_bytes_total). */
    @Test
    void metrics_countBodyBytesBothWays() throws Exception {
        String before = adminGet("/metrics").body();
        HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web + "/m"))
                .header("Host", "metrics.example").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1000])).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals(404, webGet("unknown.example", "/x").statusCode());
        String m = adminGet("/metrics").body();

        String ep = "{code=\"200\",entrypoint=\"web\",method=\"POST\",protocol=\"http\"}";
        assertEquals(value(before, "traefik_entrypoint_requests_bytes_total" + ep) + 1000,
                value(m, "traefik_entrypoint_requests_bytes_total" + ep));
        assertEquals(value(before, "traefik_entrypoint_responses_bytes_total" + ep) + r.body().length,
                value(m, "traefik_entrypoint_responses_bytes_total" + ep));
        String meteredService = switchyard.runtime().config().routers()
                .get(meteredRouter.substring(0, meteredRouter.indexOf('@'))).service() + "@kubernetescrd";
        String service = "{code=\"200\",method=\"POST\",protocol=\"http\",service=\"" + meteredService + "\"}";
        assertEquals(value(before, "traefik_service_responses_bytes_total" + service) + r.body().length,
                value(m, "traefik_service_responses_bytes_total" + service));
        String router = "{code=\"200\",method=\"POST\",protocol=\"http\",router=\"" + meteredRouter
                + "\",service=\"" + meteredService + "\"}";
        assertEquals(value(before, "traefik_router_requests_bytes_total" + router) + 1000,
                value(m, "traefik_router_requests_bytes_total" + router));
        // Switchyard's own answer counts too: "404 page not found\n"
        String notFound = "{code=\"404\",entrypoint=\"web\",method=\"GET\",protocol=\"http\"}";
        assertEquals(value(before, "traefik_entrypoint_responses_bytes_total" + notFound) + 19,
                value(m, "traefik_entrypoint_responses_bytes_total" + notFound));
        assertTrue(m.contains("# TYPE traefik_service_requests_bytes_total counter\n"), m);
    }

    /** The value of the sample {@code series} (name and labels exactly), 0 when absent. */
    static double value(String page, String series) {
        for (String line : page.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        return 0;
    }

    @Test
    void dashboard_isServedFromTheJar() throws Exception {
        HttpResponse<String> root = adminGet("/");
        assertEquals(302, root.statusCode());
        assertEquals("/dashboard/", root.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> index = adminGet("/dashboard/");
        assertEquals(200, index.statusCode());
        assertEquals("text/html; charset=utf-8", index.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(index.body().contains("<title>Switchyard</title>"));
        HttpResponse<String> js = adminGet("/dashboard/app.js");
        assertEquals("text/javascript; charset=utf-8", js.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(js.body().contains("/api/http/routers"));
        assertEquals(404, adminGet("/dashboard/secret.txt").statusCode());
    }

    @Test
    void stats_countRequestsPerRouter() throws Exception {
        assertEquals(200, webGet("shop.example", "/stats").statusCode());
        Map<String, Object> s = object(adminGet("/api/stats"));
        assertEquals(true, s.get("ready"));
        Map<String, Object> shop = map(map(s.get("routers")).get(shopRouter));
        assertTrue((Long) shop.get("requests") >= 1, s.toString());
        assertEquals(shop.get("requests"), shop.get("2xx"));
        assertEquals(true, map(s.get("accessLog")).get("enabled"));
    }

    @Test
    void accessLog_writesTraefikJsonFieldsForARealRequest() throws Exception {
        assertEquals(200, webGet("shop.example:8000", "/logged?x=1").statusCode());
        Map<String, Object> line = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (line == null && System.nanoTime() < deadline) {
            if (Files.exists(accessLog)) {
                for (String l : Files.readAllLines(accessLog)) {
                    Map<String, Object> parsed = JsonReader.object(l);
                    if ("/logged?x=1".equals(parsed.get("RequestPath"))) {
                        line = parsed;
                    }
                }
            }
            if (line == null) {
                Thread.sleep(20);
            }
        }
        assertTrue(line != null, "line written");
        assertEquals("127.0.0.1", line.get("ClientHost"));
        assertEquals("GET", line.get("RequestMethod"));
        assertEquals("HTTP/1.1", line.get("RequestProtocol"));
        assertEquals("shop.example:8000", line.get("RequestAddr"));
        assertEquals("shop.example", line.get("RequestHost"));
        assertEquals("8000", line.get("RequestPort"));
        assertEquals(200L, line.get("DownstreamStatus"));
        assertEquals(200L, line.get("OriginStatus"));
        assertEquals(shopRouter, line.get("RouterName"));
        assertEquals(shopService, line.get("ServiceName"));
        assertTrue(List.of(alphaUrl, betaUrl).contains(line.get("ServiceURL")), line.toString());
        assertEquals("web", line.get("entryPointName"));
        assertEquals("info", line.get("level"));
        assertTrue((Long) line.get("Duration") > 0);
        assertTrue(((String) line.get("StartUTC")).endsWith("Z"));
    }
}
