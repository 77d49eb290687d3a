package io.switchyard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.webserver.WebServer;
import io.switchyard.server.demo.DemoBackends;
import io.switchyard.server.http.EntryPointBinding;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real request path end to end: manifests in a folder, the real server on a free port, two
 * real backends, a real HTTP client.
 */
final class EndToEndTest {
    @TempDir
    static Path manifests;

    private static WebServer alpha;
    private static WebServer beta;
    private static Switchyard switchyard;
    private static HttpClient client;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        alpha = DemoBackends.whoami("alpha", 0);
        beta = DemoBackends.whoami("beta", "127.0.0.2", 0);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Files.writeString(manifests.resolve("routes.yaml"), """
                apiVersion: traefik.io/v1alpha1
                kind: IngressRoute
                metadata: {name: shop, namespace: default}
                spec:
                  entryPoints: [web]
                  routes:
                    - match: Host(`shop.example`) && PathPrefix(`/`)
                      kind: Rule
                      services:
                        - name: shop
                          port: http
                    - match: Host(`draining.example`)
                      kind: Rule
                      services:
                        - name: draining
                          port: 80
                    - match: Host(`down.example`)
                      kind: Rule
                      services:
                        - name: down
                          port: 80
                """
                + TestManifests.service("draining", "web")
                + TestManifests.terminatingEndpointSlice("draining", "web", "127.0.0.1:" + alpha.port())
                + TestManifests.service("shop", "http", "127.0.0.1:" + alpha.port(), "127.0.0.2:" + beta.port())
                + TestManifests.service("down", "web", "127.0.0.1:" + closedPort));
        switchyard = Switchyard.start(Switchyard.Settings.builder()
                .entryPoints(List.of(new EntryPointBinding("web", "127.0.0.1", 0)))
                .source("manifests", Map.of("dir", manifests.toString()))
                .gracePeriod(Duration.ofSeconds(1))
                .build());
        port = switchyard.port("web");
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Await.applied(switchyard);
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

    private static HttpResponse<String> get(String host, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Host", host).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requests_alternateBetweenTheTwoBackends() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> r = get("shop.example", "/cart?id=7");
            assertEquals(200, r.statusCode(), r.body());
            names.add(r.body().lines().findFirst().orElseThrow());
        }
        long alphas = names.stream().filter(n -> n.equals("Hostname: alpha")).count();
        long betas = names.stream().filter(n -> n.equals("Hostname: beta")).count();
        assertEquals(3, alphas, names.toString());
        assertEquals(3, betas, names.toString());
        for (int i = 1; i < names.size(); i++) {
            assertTrue(!names.get(i).equals(names.get(i - 1)), "round robin alternates: " + names);
        }
    }

    @Test
    void hostHeaderAndTarget_areForwardedAsReceived() throws Exception {
        HttpResponse<String> r = get("shop.example", "/a/b%2Fc?x=1&x=2&flag");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("GET /a/b%2Fc?x=1&x=2&flag HTTP/1.1"), r.body());
        assertTrue(r.body().contains("Host: shop.example\n"), r.body());
        assertTrue(r.body().contains("X-Forwarded-For: 127.0.0.1\n"), r.body());
        assertTrue(r.body().contains("X-Forwarded-Host: shop.example\n"), r.body());
    }

    @Test
    void head_keepsTheBackendsContentLengthAndSendsNoBody() throws Exception {
        HttpResponse<String> get = get("shop.example", "/same");
        HttpResponse<String> head = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/same"))
                .header("Host", "shop.example").method("HEAD", HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        long length = head.headers().firstValueAsLong("content-length").orElse(-1);
        assertTrue(length > 0, "HEAD carries the backend's Content-Length: " + head.headers().map());
        assertTrue(Math.abs(length - get.body().length()) < 40, "about the GET body's size");
    }

    @Test
    void post_bodyReachesTheBackend() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo"))
                .header("Host", "shop.example").POST(HttpRequest.BodyPublishers.ofString("hello=world"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.body().startsWith("Hostname: "), r.body());
        assertTrue(r.body().endsWith("\nhello=world"), r.body());
        assertTrue(r.body().contains("POST /echo HTTP/1.1"), r.body());
    }

    @Test
    void noMatchingRouter_is404() throws Exception {
        HttpResponse<String> r = get("unknown.example", "/");
        assertEquals(404, r.statusCode());
        assertEquals("404 page not found\n", r.body());
    }

    @Test
    void onlyTerminatingServers_is503() throws Exception {
        HttpResponse<String> r = get("draining.example", "/");
        assertEquals(503, r.statusCode());
        assertEquals("no available server\n", r.body());
    }

    @Test
    void refusedConnection_is502() throws Exception {
        HttpResponse<String> r = get("down.example", "/");
        assertEquals(502, r.statusCode());
        assertEquals("Bad Gateway", r.body());
    }
}
