package io.switchyard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.domain.translate.ProviderOptions;
import io.switchyard.server.http.EntryPointBinding;
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
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Health checks through the real server: an active check (on ordinary Services, through
 * Switchyard's opt-in) takes traffic away from a server within about one interval and gives it back
 * after recovery; a passive check ejects a failing server for its failure window.
 */
final class HealthCheckEndToEndTest {
    private static final Duration INTERVAL = Duration.ofMillis(150);

    @TempDir
    static Path manifests;

    private static SwitchableBackend alpha;
    private static SwitchableBackend beta;
    private static SwitchableBackend gamma;
    private static SwitchableBackend delta;
    private static Switchyard switchyard;
    private static HttpClient client;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        alpha = new SwitchableBackend("alpha", "127.0.0.1");
        beta = new SwitchableBackend("beta", "127.0.0.2");
        gamma = new SwitchableBackend("gamma", "127.0.0.1");
        delta = new SwitchableBackend("delta", "127.0.0.2");
        Files.writeString(manifests.resolve("routes.yaml"), """
                apiVersion: traefik.io/v1alpha1
                kind: IngressRoute
                metadata: {name: shop, namespace: default}
                spec:
                  entryPoints: [web]
                  routes:
                    - match: Host(`active.example`)
                      kind: Rule
                      services:
                        - name: active
                          port: 80
                          healthCheck: {path: /health, interval: %dms, timeout: 1s}
                    - match: Host(`passive.example`)
                      kind: Rule
                      services:
                        - name: passive
                          port: 80
                          passiveHealthCheck: {maxFailedAttempts: 2, failureWindow: 1s}
                """.formatted(INTERVAL.toMillis())
                + TestManifests.service("active", "http", alpha.authority(), beta.authority())
                + TestManifests.service("passive", "http", gamma.authority(), delta.authority()));
        switchyard = Switchyard.start(Switchyard.Settings.builder()
                .entryPoints(List.of(new EntryPointBinding("web", "127.0.0.1", 0)))
                .source("manifests", Map.of("dir", manifests.toString()))
                .options(ProviderOptions.DEFAULTS.withAllowHealthCheckOnAnyService(true))
                .gracePeriod(Duration.ofSeconds(1))
                .build());
        port = switchyard.port("web");
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        await(Duration.ofSeconds(20), () -> switchyard.runtime().ready());
        assertTrue(switchyard.runtime().diagnostics().isEmpty(), switchyard.runtime().diagnostics().toString());
    }

    @AfterAll
    static void stop() {
        if (switchyard != null) {
            switchyard.close();
        }
        for (SwitchableBackend b : new SwitchableBackend[] {alpha, beta, gamma, delta}) {
            if (b != null) {
                b.close();
            }
        }
    }

    @AfterEach
    void heal() throws InterruptedException {
        for (SwitchableBackend b : new SwitchableBackend[] {alpha, beta, gamma, delta}) {
            b.healthy = true;
            b.failing = false;
        }
        await(Duration.ofSeconds(5), () -> up(alpha) && up(beta) && up(gamma) && up(delta));
    }

    private static HttpResponse<String> get(String host) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .header("Host", host).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The backends that answered {@code n} requests in a row. */
    private static List<String> answers(String host, int n) throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(get(host).body());
        }
        return names;
    }

    private static void await(Duration limit, BooleanSupplier condition) throws InterruptedException {
        Await.until(condition, limit, "the condition");
    }

    private static boolean up(SwitchableBackend backend) {
        return backend.up(switchyard);
    }

    @Test
    void activeCheck_unhealthyServerLosesTrafficWithinAnInterval_andGetsItBackAfterRecovery() throws Exception {
        assertTrue(answers("active.example", 4).containsAll(List.of("alpha", "beta")));

        long flipped = System.nanoTime();
        alpha.healthy = false;
        await(Duration.ofSeconds(5), () -> !up(alpha));
        long tookMillis = (System.nanoTime() - flipped) / 1_000_000;

        // one interval plus scheduling slack on a busy machine
        assertTrue(tookMillis < INTERVAL.toMillis() + 1500, "marked DOWN after " + tookMillis + " ms");
        assertEquals(List.of("beta", "beta", "beta", "beta", "beta", "beta"), answers("active.example", 6));

        alpha.healthy = true;
        await(Duration.ofSeconds(5), () -> up(alpha));
        assertTrue(answers("active.example", 4).containsAll(List.of("alpha", "beta")));
    }

    @Test
    void activeCheck_everyServerDown_is503NoAvailableServer() throws Exception {
        alpha.healthy = false;
        beta.healthy = false;
        await(Duration.ofSeconds(5), () -> !up(alpha)
                && !up(beta));

        HttpResponse<String> r = get("active.example");

        assertEquals(503, r.statusCode());
        assertEquals("no available server\n", r.body());
    }

    @Test
    void passiveCheck_failingServerEjectedForItsWindow_thenBack() throws Exception {
        gamma.failing = true;
        int gammaFailures = 0;
        for (int i = 0; i < 10 && gammaFailures < 2; i++) {
            HttpResponse<String> r = get("passive.example");
            if (r.body().equals("gamma")) {
                assertEquals(500, r.statusCode());
                gammaFailures++;
            }
        }
        assertEquals(2, gammaFailures);

        assertEquals(List.of("delta", "delta", "delta", "delta"), answers("passive.example", 4),
                "ejected after two failures within the window");

        gamma.failing = false;
        await(Duration.ofSeconds(5), () -> up(gamma));
        assertTrue(answers("passive.example", 4).contains("gamma"));
    }
}
