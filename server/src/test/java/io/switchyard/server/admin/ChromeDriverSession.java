package io.switchyard.server.admin;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A headless Chromium driven through ChromeDriver's W3C WebDriver HTTP protocol, spoken with the
 * JDK's HTTP client (no Selenium). One browser session per instance.
 */
final class ChromeDriverSession implements AutoCloseable {
    private static final List<String> CHROMIUM = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
    private static final List<String> DRIVER = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private final Process driver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String session;

    private ChromeDriverSession(Process driver, String base, String session) {
        this.driver = driver;
        this.base = base;
        this.session = session;
    }

    static Optional<Path> chromium() {
        return CHROMIUM.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    static Optional<Path> chromedriver() {
        return DRIVER.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** Starts ChromeDriver on a free loopback port and opens a headless browser session. */
    static ChromeDriverSession start(Path chromedriver, Path chromium, Path workDir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = workDir.resolve("chromedriver.log");
        Process process = new ProcessBuilder(chromedriver.toString(), "--port=" + port, "--allowed-ips=127.0.0.1",
                "--log-path=" + log).redirectErrorStream(true).redirectOutput(workDir.resolve("chromedriver.out").toFile())
                .start();
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        boolean ready = false;
        while (!ready && System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                        HttpResponse.BodyHandlers.ofString());
                ready = Boolean.TRUE.equals(map(JsonReader.object(r.body()).get("value")).get("ready"));
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        if (!ready) {
            process.destroyForcibly();
            throw new IllegalStateException("chromedriver did not become ready; see " + log);
        }
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("binary", chromium.toString());
        options.put("args", List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1300",
                "--user-data-dir=" + Files.createDirectories(workDir.resolve("profile"))));
        Map<String, Object> caps = Map.of("capabilities", Map.of("alwaysMatch",
                Map.of("browserName", "chrome", "goog:chromeOptions", options)));
        try {
            Map<String, Object> created = call(http, "POST", base + "/session", caps);
            String id = (String) map(created.get("value")).get("sessionId");
            return new ChromeDriverSession(process, base, id);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    void navigate(String url) {
        command("POST", "/url", Map.of("url", url));
    }

    /** Runs {@code script} (a function body) in the page and returns its JSON result. */
    Object execute(String script, Object... args) {
        return command("POST", "/execute/sync", Map.of("script", script, "args", List.of(args))).get("value");
    }

    /** Polls {@code script} until its result satisfies {@code done}; returns that result. */
    Object await(String script, Predicate<Object> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            last = execute(script);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for: " + script + " (last: " + last + ")");
    }

    byte[] screenshot() {
        return Base64.getDecoder().decode((String) command("GET", "/screenshot", null).get("value"));
    }

    private Map<String, Object> command(String method, String path, Object body) {
        return call(http, method, base + "/session/" + session + path, body);
    }

    private static Map<String, Object> call(HttpClient http, String method, String url, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json; charset=utf-8");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(method + " " + url + ": " + r.statusCode() + " " + r.body());
            }
            return JsonReader.object(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Override
    public void close() {
        try {
            command("DELETE", "", null);
        } catch (RuntimeException e) {
            // The browser may already be gone; the driver process is stopped below either way.
        } finally {
            driver.destroy();
            try {
                if (!driver.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    driver.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                driver.destroyForcibly();
            }
        }
    }
}
