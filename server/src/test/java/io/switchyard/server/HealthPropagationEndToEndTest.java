package io.switchyard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --propagate-health-check-status} end to end: a weighted TraefikService over two
 * Services, the first one's only server actively health-checked. Two instances are started from
 * the same command line, one with the flag: once that server is DOWN, the instance with the flag
 * sends everything to the other child; the one without keeps giving the empty child its share,
 * which answers 503, as Traefik does (spec: healthcheck.md §3.7, balancing.md §2.8).
 */
final class HealthPropagationEndToEndTest {
    private static final Duration INTERVAL = Duration.ofMillis(100);

    @TempDir
    static Path manifests;

    private static SwitchableBackend left;
    private static SwitchableBackend right;
    private static Switchyard propagating;
    private static Switchyard plain;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        left = new SwitchableBackend("left", "127.0.0.1");
        right = new SwitchableBackend("right", "127.0.0.2");
        Files.writeString(manifests.resolve("canary.yaml"), """
                apiVersion: traefik.io/v1alpha1
                kind: IngressRoute
                metadata: {name: canary, namespace: default}
                spec:
                  entryPoints: [web]
                  routes:
                    - match: Host(`canary.test`)
                      kind: Rule
                      services:
                        - name: canary
                          kind: TraefikService
                ---
                apiVersion: traefik.io/v1alpha1
                kind: TraefikService
                metadata: {name: canary, namespace: default}
                spec:
                  weighted:
                    services:
                      - name: left
                        port: 80
                        healthCheck: {path: /health, interval: %dms, timeout: 1s}
                      - name: right
                        port: 80
                """.formatted(INTERVAL.toMillis())
                + TestManifests.service("left", "http", left.authority())
                + TestManifests.service("right", "http", right.authority()));
        propagating = instance("--propagate-health-check-status");
        plain = instance();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** An instance started the way {@code switchyard run} starts one, with {@code extra} options. */
    private static Switchyard instance(String... extra) throws InterruptedException {
        List<String> args = new ArrayList<>(List.of("--manifests", manifests.toString(),
                "--entrypoint", "web=127.0.0.1:0", "--no-admin", "--grace-period", "1s",
                "--allow-health-check-on-any-service"));
        Collections.addAll(args, extra);
        Switchyard sy = Switchyard.start(Main.runSettings(Main.withConfiguration(args, Map.of())).settings());
        Await.applied(sy);
        assertEquals(List.of(), sy.runtime().diagnostics());
        return sy;
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {propagating, plain, left, right}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** What {@code n} requests in a row got: the backend's name, or the status when it is not 200. */
    private static List<String> answers(Switchyard sy, int n) throws Exception {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + sy.port("web") + "/"))
                    .header("Host", "canary.test").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            got.add(r.statusCode() == 200 ? r.body() : String.valueOf(r.statusCode()));
        }
        return got;
    }

    private static long count(List<String> answers, String answer) {
        return answers.stream().filter(answer::equals).count();
    }

    @Test
    void childWithItsOnlyServerDown_withTheFlag_getsNoTraffic_withoutIt_answers503ForItsShare() throws Exception {
        for (Switchyard sy : List.of(propagating, plain)) {
            List<String> healthy = answers(sy, 4);
            assertEquals(2, count(healthy, "left"), healthy.toString());
            assertEquals(2, count(healthy, "right"), healthy.toString());
        }

        left.healthy = false;
        try {
            Await.until(() -> !left.up(propagating) && !left.up(plain), Duration.ofSeconds(10),
                    "the health checks of both instances to mark left DOWN");

            assertEquals(List.of("right", "right", "right", "right", "right", "right"), answers(propagating, 6));
            List<String> withoutFlag = answers(plain, 6);
            assertEquals(3, count(withoutFlag, "503"), withoutFlag.toString());
            assertEquals(3, count(withoutFlag, "right"), withoutFlag.toString());
        } finally {
            left.healthy = true;
        }

        Await.until(() -> left.up(propagating), Duration.ofSeconds(10), "left to be UP again");
        List<String> recovered = answers(propagating, 4);
        assertEquals(2, count(recovered, "left"), recovered.toString());
        assertEquals(2, count(recovered, "right"), recovered.toString());
    }
}
