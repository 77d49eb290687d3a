package io.switchyard.server.admin;

import io.switchyard.server.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.webserver.WebServer;
import io.switchyard.domain.balance.MemberState;
import io.switchyard.server.Switchyard;
import io.switchyard.server.demo.DemoBackends;
import io.switchyard.server.http.EntryPointBinding;
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
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real headless Chromium against a running Switchyard with real manifests and
 * backends: routers and services render, a server flipped DOWN shows as DOWN, and a screenshot is
 * saved to {@code target/dashboard.png}.
 *
 * <p>Skipped only when Chromium or ChromeDriver is missing outside CI; with {@code CI=true} their
 * absence fails the test, so CI really runs it.
 */
final class DashboardBrowserTest {
    @TempDir
    Path dir;

    @Test
    void dashboard_rendersRoutersServicesAndServerState() throws Exception {
        Optional<Path> chromium = ChromeDriverSession.chromium();
        Optional<Path> chromedriver = ChromeDriverSession.chromedriver();
        if (chromium.isEmpty() || chromedriver.isEmpty()) {
            String missing = "chromium " + chromium.map(Path::toString).orElse("missing") + ", chromedriver "
                    + chromedriver.map(Path::toString).orElse("missing");
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("CI must run the browser test: " + missing
                        + " (.ci/run installs Debian's chromium and chromium-driver)");
            }
            Assumptions.abort("browser test needs Debian's chromium and chromium-driver: " + missing);
        }

        WebServer alpha = DemoBackends.whoami("alpha", 0);
        WebServer beta = DemoBackends.whoami("beta", "127.0.0.2", 0);
        Path manifests = Files.createDirectories(dir.resolve("manifests"));
        Files.writeString(manifests.resolve("routes.yaml"), AdminEndToEndTest.manifests(alpha.port(), beta.port()));
        String betaUrl = "http://127.0.0.2:" + beta.port();
        try (Switchyard sy = Switchyard.start(Switchyard.Settings.builder()
                .entryPoints(List.of(new EntryPointBinding("web", "127.0.0.1", 0)))
                .source("manifests", Map.of("dir", manifests.toString()))
                .gracePeriod(Duration.ofSeconds(1))
                .operations(new Operations.Settings(
                        Optional.of(new EntryPointBinding.HostPort("127.0.0.1", 0)), AccessLogSettings.OFF))
                .build());
             ChromeDriverSession browser = ChromeDriverSession.start(chromedriver.get(), chromium.get(),
                     Files.createDirectories(dir.resolve("browser")))) {
            Await.applied(sy);
            String shopService = sy.runtime().config().routers().values().stream()
                    .filter(r -> r.rule().equals("Host(`shop.example`)")).findFirst().orElseThrow().service()
                    + "@kubernetescrd";
            Traffic traffic = new Traffic(sy.port("web"));
            traffic.send(10);

            browser.navigate("http://127.0.0.1:" + sy.adminPort().orElseThrow() + "/dashboard/");
            browser.await("return document.querySelectorAll('#routers tbody tr[data-name]').length;",
                    n -> ((Number) n).intValue() == 3, Duration.ofSeconds(20));

            String routers = (String) browser.execute("return document.querySelector('#routers').innerText;");
            assertTrue(routers.contains("Host(`shop.example`)"), routers);
            assertTrue(routers.contains("Host(`metrics.example`)"), routers);
            assertEquals(1L, browser.execute(
                    "return document.querySelectorAll('#routers tr[data-status=\"disabled\"]').length;"));
            assertTrue(routers.contains("middlewares are not supported yet"), routers);

            String services = (String) browser.execute("return document.querySelector('#services').innerText;");
            assertTrue(services.contains(shopService), services);
            assertTrue(services.contains("shop_affinity"), "sticky cookie shown: " + services);
            String serverStatus = "const e = document.querySelector('#services tr[data-name=\"" + shopService
                    + "\"] .server[data-url=\"" + betaUrl + "\"]'); return e ? e.getAttribute('data-status') : null;";
            assertEquals("UP", browser.execute(serverStatus));

            String diagnostics = (String) browser.execute("return document.querySelector('#diagnostics').innerText;");
            assertTrue(diagnostics.contains("Service default/ghost not found"), diagnostics);

            MemberState betaState = sy.runtime().states().find(shopService, betaUrl).orElseThrow();
            betaState.up(false);
            browser.await(serverStatus, "DOWN"::equals, Duration.ofSeconds(10));
            String shopRow = (String) browser.execute("return document.querySelector('#services tr[data-name=\""
                    + shopService + "\"]').innerText;");
            assertTrue(shopRow.contains("DOWN") && shopRow.contains("UP"), shopRow);

            // Keep traffic flowing across two refreshes so the live rates show real numbers.
            for (int i = 0; i < 3; i++) {
                traffic.send(15);
                Thread.sleep(700);
            }
            browser.await("return document.getElementById('ov-rate').textContent;",
                    v -> !"0.00".equals(v) && !"–".equals(v), Duration.ofSeconds(10));
            browser.execute("document.querySelector('#explain-form input[name=host]').value = 'shop.example';"
                    + "document.querySelector('#explain-form button').click(); return true;");
            browser.await("return document.getElementById('explain-result').innerText;",
                    v -> ((String) v).contains("Outcome: forwarded"), Duration.ofSeconds(10));

            byte[] png = browser.screenshot();
            assertTrue(png.length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG screenshot");
            Path target = Files.createDirectories(Path.of("target"));
            Files.write(target.resolve("dashboard.png"), png);
        } finally {
            alpha.stop();
            beta.stop();
        }
    }

    /** Sends real requests through the entry point. */
    private record Traffic(int port) {
        void send(int n) throws Exception {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int i = 0; i < n; i++) {
                String host = i % 3 == 0 ? "metrics.example" : "shop.example";
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/item/" + i)).header("Host", host).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode(), r.body());
            }
        }
    }
}
