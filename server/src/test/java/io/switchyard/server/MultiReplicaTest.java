package io.switchyard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http1.Http1Config;
import io.switchyard.domain.config.DynamicConfig;
import io.switchyard.server.demo.DemoBackends;
import io.switchyard.server.http.EntryPointBinding;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several replicas over one configuration, as {@code deploy/deployment.yaml} runs them: instances
 * in one JVM, each watching the same manifests folder on its own (as each pod watches the API
 * server), serving {@code deploy/examples/whoami.yaml} with two real backends.
 *
 * <p>That a sticky cookie issued by one replica is honoured by another is proved by
 * {@code ServiceTreesEndToEndTest.stickyCookie_issuedByOneInstance_worksOnASecondInstance}.
 */
final class MultiReplicaTest {
    @TempDir
    static Path manifests;

    private static WebServer alpha;
    private static WebServer beta;
    private static WebServer slow;
    private static CountDownLatch slowReached;
    private static final List<Switchyard> replicas = new ArrayList<>();
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        alpha = DemoBackends.whoami("alpha", 0);
        beta = DemoBackends.whoami("beta", "127.0.0.2", 0);
        slowReached = new CountDownLatch(1);
        slow = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .protocolsDiscoverServices(false)
                .addProtocol(Http1Config.builder().sendLog(false).receiveLog(false).build())
                .routing(r -> r.any((req, res) -> {
                    slowReached.countDown();
                    Thread.sleep(600);
                    res.send("slow");
                }))
                .build().start();
        Files.copy(Path.of("..", "deploy", "examples", "whoami.yaml"), manifests.resolve("whoami.yaml"));
        write("endpoints.yaml", slice("whoami", "http", alpha) + slice("whoami", "http", beta)
                + TestManifests.ingressRoute("slow", "slow.localhost", "slow")
                + TestManifests.service("slow", "web", "127.0.0.1:" + slow.port()));
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        replicas.add(startReplica());
        replicas.add(startReplica());
    }

    @AfterAll
    static void stop() {
        replicas.forEach(Switchyard::close);
        for (WebServer s : new WebServer[] {alpha, beta, slow}) {
            if (s != null) {
                s.stop();
            }
        }
    }

    @Test
    void replicas_convergeOnTheSameConfiguration_afterAChange() throws Exception {
        Switchyard a = replicas.get(0);
        Switchyard b = replicas.get(1);
        await(() -> a.runtime().config().equals(b.runtime().config()), "the same configuration at start");
        DynamicConfig before = a.runtime().config();

        write("extra.yaml", TestManifests.ingressRoute("extra", "extra.localhost", "whoami"));
        await(() -> hasRule(a, "Host(`extra.localhost`)") && hasRule(b, "Host(`extra.localhost`)"),
                "both replicas to pick up the new route");
        await(() -> a.runtime().config().equals(b.runtime().config()), "the same configuration after the change");
        for (Switchyard replica : List.of(a, b)) {
            assertEquals(200, get(replica, "extra.localhost").statusCode());
        }

        Files.delete(manifests.resolve("extra.yaml"));
        await(() -> a.runtime().config().equals(before) && b.runtime().config().equals(before),
                "both replicas back to the first configuration");
        assertEquals(404, get(b, "extra.localhost").statusCode());
    }

    @Test
    void stoppingOneReplicaGracefully_losesNoRequestSentToAnother() throws Exception {
        Switchyard leaving = startReplica();
        Switchyard staying = replicas.get(1);
        // A request in flight on the replica that is told to stop, as when a pod gets SIGTERM.
        slowReached = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                request(leaving, "slow.localhost"), HttpResponse.BodyHandlers.ofString());
        assertTrue(slowReached.await(5, TimeUnit.SECONDS), "the slow request reached its backend");

        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<long[]> served = new ConcurrentLinkedQueue<>(); // {start, end} nanos
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Future<?>> loops = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            loops.add(clients.submit(() -> {
                while (running.get()) {
                    long start = System.nanoTime();
                    try {
                        HttpResponse<String> r = get(staying, "whoami.localhost");
                        if (r.statusCode() != 200) {
                            failures.add(r.statusCode() + " " + r.body());
                        }
                    } catch (IOException | InterruptedException e) {
                        failures.add(e.toString());
                    }
                    served.add(new long[] {start, System.nanoTime()});
                }
            }));
        }
        await(() -> served.size() >= 20, "traffic on the staying replica");
        long closeStart = System.nanoTime();
        leaving.close();
        long closeEnd = System.nanoTime();
        int afterClose = served.size();
        await(() -> served.size() >= afterClose + 20, "traffic after the other replica stopped");
        running.set(false);
        for (Future<?> loop : loops) {
            loop.get(10, TimeUnit.SECONDS);
        }
        clients.shutdown();

        assertEquals(List.of(), List.copyOf(failures));
        long duringClose = served.stream().filter(t -> t[0] < closeEnd && t[1] > closeStart).count();
        assertTrue(duringClose >= 1, "requests overlapping the shutdown: " + duringClose);
        HttpResponse<String> drained = inFlight.get(10, TimeUnit.SECONDS);
        assertEquals(200, drained.statusCode(), "the in-flight request on the stopped replica finished");
        assertEquals("slow", drained.body());
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static Switchyard startReplica() throws InterruptedException {
        Switchyard sy = Switchyard.start(Switchyard.Settings.builder()
                .entryPoints(List.of(new EntryPointBinding("web", "127.0.0.1", 0)))
                .source("manifests", Map.of("dir", manifests.toString(), "poll-interval", "100ms"))
                .gracePeriod(Duration.ofSeconds(5))
                .build());
        await(() -> sy.runtime().ready() && hasRule(sy, "Host(`whoami.localhost`)") && hasRule(sy, "Host(`slow.localhost`)"),
                "the replica's first configuration");
        assertEquals(List.of(), sy.runtime().diagnostics());
        return sy;
    }

    private static boolean hasRule(Switchyard sy, String rule) {
        return sy.runtime().config().routers().values().stream().anyMatch(r -> r.rule().equals(rule));
    }

    /** One EndpointSlice of Service {@code service} with {@code backend} as its only endpoint. */
    private static String slice(String service, String portName, WebServer backend) {
        String address = backend == beta ? "127.0.0.2" : "127.0.0.1";
        return TestManifests.endpointSlice(service, portName, address + ":" + backend.port());
    }

    private static void write(String name, String content) throws IOException {
        Path tmp = manifests.resolve("." + name + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, manifests.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static HttpRequest request(Switchyard sy, String host) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sy.port("web") + "/"))
                .header("Host", host).timeout(Duration.ofSeconds(10)).build();
    }

    private static HttpResponse<String> get(Switchyard sy, String host) throws IOException, InterruptedException {
        return client.send(request(sy, host), HttpResponse.BodyHandlers.ofString());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(condition, Duration.ofSeconds(10), what);
    }
}
