package io.switchyard.server.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.domain.config.DynamicConfig;
import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.config.RouterConfig;
import io.switchyard.domain.config.ServerConfig;
import io.switchyard.domain.config.ServiceConfig;
import io.switchyard.domain.config.ServiceRef;
import io.switchyard.domain.config.StickyCookie;
import io.switchyard.domain.config.Strategy;
import io.switchyard.domain.config.WeightedService;
import io.switchyard.ports.runtime.RuntimeDiagnostic;
import io.switchyard.server.Switchyard;
import io.switchyard.server.TestManifests;
import io.switchyard.server.http.EntryPointBinding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configuration changes under load (DESIGN.md: "a configuration change never drops or fails an
 * in-flight or new request"). Four clients (two on keep-alive connections, two opening a
 * connection per request) send requests without pause while the configuration changes 1 000 times
 * (10 000 with {@code -Pheavy}): routes added and removed, endpoints churned, strategies,
 * stickiness and weights changed, broken routers coming and going. Not one request on the routes
 * that exist throughout may fail, and slow requests on a route removed while they run complete.
 */
final class ReloadsUnderLoadTest {
    private static final int CHURN = 4;

    private static TestBackend stable1;
    private static TestBackend stable2;
    private static TestBackend doomed;
    private static final List<TestBackend> churn = new ArrayList<>();
    private static Switchyard switchyard;
    private static int port;

    /** Broken routers are logged at every apply; thousands of those lines say nothing here. */
    private static final java.util.logging.Logger RUNTIME_LOG =
            java.util.logging.Logger.getLogger("io.switchyard.ports.runtime.RoutingRuntime");

    @BeforeAll
    static void start() throws Exception {
        RUNTIME_LOG.setLevel(java.util.logging.Level.SEVERE);
        stable1 = TestBackend.start("stable-1");
        stable2 = TestBackend.start("stable-2");
        doomed = TestBackend.start("doomed");
        for (int i = 0; i < CHURN; i++) {
            churn.add(TestBackend.start("churn-" + i));
        }
        DynamicConfig initial = generate(new Random(1), true);
        switchyard = Switchyard.start(Switchyard.Settings.builder()
                .entryPoints(List.of(new EntryPointBinding("web", "127.0.0.1", 0)))
                .fixed(initial)
                .gracePeriod(Duration.ofSeconds(2))
                .build());
        port = switchyard.port("web");
    }

    @AfterAll
    static void stop() throws Exception {
        RUNTIME_LOG.setLevel(null);
        switchyard.close();
        for (TestBackend b : List.of(stable1, stable2, doomed)) {
            b.close();
        }
        for (TestBackend b : churn) {
            b.close();
        }
    }

    private static LoadBalancerService lb(Random random, List<TestBackend> backends) {
        LoadBalancerService lb = LoadBalancerService.of(backends.stream().map(b -> ServerConfig.of(b.url())).toList());
        Strategy strategy = Strategy.values()[random.nextInt(Strategy.values().length)];
        return new LoadBalancerService(lb.servers(), strategy, random.nextBoolean(), lb.flushInterval(),
                random.nextInt(4) == 0 ? Optional.of(StickyCookie.defaults()) : Optional.empty(),
                Optional.empty(), Optional.empty(), "");
    }

    /** One generated configuration; the stable and weighted routes are always in it. */
    private static DynamicConfig generate(Random random, boolean withDoomed) {
        Map<String, RouterConfig> routers = new LinkedHashMap<>();
        Map<String, ServiceConfig> services = new LinkedHashMap<>();
        List<TestBackend> stable = new ArrayList<>(List.of(stable1, stable2));
        for (TestBackend b : churn) {
            if (random.nextBoolean()) {
                stable.add(b);
            }
        }
        routers.put("stable", RouterConfig.of("Host(`stable.test`)", List.of("web"), "stable"));
        services.put("stable", lb(random, stable));

        int wa = random.nextInt(5);
        int wb = wa == 0 ? 1 + random.nextInt(4) : random.nextInt(5);
        routers.put("weighted", RouterConfig.of("Host(`weighted.test`)", List.of("web"), "split"));
        services.put("split", new WeightedService(List.of(new ServiceRef("split-a", wa), new ServiceRef("split-b", wb)),
                Optional.empty()));
        services.put("split-a", lb(random, List.of(stable1)));
        services.put("split-b", lb(random, List.of(stable2, churn.get(random.nextInt(CHURN)))));

        // a more specific route on the same host, never hit by the clients: priorities shift around them
        if (random.nextBoolean()) {
            routers.put("stable-other", RouterConfig.of("Host(`stable.test`) && PathPrefix(`/other`)", List.of("web"),
                    "extra-0"));
            services.put("extra-0", lb(random, List.of(churn.get(0))));
        }
        int extras = random.nextInt(40);
        for (int i = 1; i <= extras; i++) {
            routers.put("extra-" + i, RouterConfig.of("Host(`extra-" + i + ".test`) && PathPrefix(`/p" + random.nextInt(3)
                    + "`)", List.of("web"), "extra-" + i));
            services.put("extra-" + i, lb(random, List.of(churn.get(i % CHURN))));
        }
        if (random.nextInt(10) == 0) {
            routers.put("broken-rule", RouterConfig.of("Host(`broken.test`", List.of("web"), "stable"));
        }
        if (random.nextInt(10) == 0) {
            routers.put("dangling", RouterConfig.of("Host(`dangling.test`)", List.of("web"), "missing"));
        }
        if (withDoomed) {
            routers.put("doomed", RouterConfig.of("Host(`doomed.test`)", List.of("web"), "doomed"));
            services.put("doomed", lb(random, List.of(doomed)));
        }
        return new DynamicConfig(routers, services, Map.of());
    }

    @Test
    void reloadsUnderLoad_noRequestFails_andSlowRequestsOnARemovedRouteComplete() throws Exception {
        int reloads = Heavy.pick(1_000, 10_000);
        int slowCount = 8;
        List<CompletableFuture<TinyClient.Response>> slow = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < slowCount; i++) {
                slow.add(CompletableFuture.supplyAsync(() -> {
                    try (TinyClient c = new TinyClient(port, false)) {
                        return c.get("doomed.test", "/slow/1500");
                    } catch (Exception e) {
                        return new TinyClient.Response(-1, e.toString());
                    }
                }, pool));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (doomed.inFlight() < slowCount && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(slowCount, doomed.inFlight(), "slow requests in flight before the route goes");

            Random random = new Random(42);
            int withDiagnostics = 0;
            long start = System.nanoTime();
            long sentBefore;
            try (Load load = Load.start(port, 4, List.of(new Load.Target("stable.test", "/"),
                    new Load.Target("weighted.test", "/")), Long.MAX_VALUE)) {
                for (int i = 0; i < reloads; i++) {
                    List<RuntimeDiagnostic> diagnostics = switchyard.runtime().apply(generate(random, false));
                    if (!diagnostics.isEmpty()) {
                        withDiagnostics++;
                    }
                    // at least one request per reload on average, so that requests and swaps interleave
                    sentBefore = load.sent();
                    long wait = System.nanoTime() + Duration.ofMillis(200).toNanos();
                    while (load.sent() < i && load.sent() == sentBefore && System.nanoTime() < wait) {
                        Thread.onSpinWait();
                    }
                }
                load.close();
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("reloads under load: %d reloads (%d with diagnostics), %d requests, %d failed, "
                        + "%d ms, answered by %s%n", reloads, withDiagnostics, load.sent(), load.failures().size(),
                        millis, load.answeredBy());
                assertEquals(List.of(), load.failures().stream().limit(10).toList(),
                        load.failures().size() + " of " + load.sent() + " requests failed");
                assertTrue(load.sent() >= reloads, "requests interleaved with the reloads: " + load.sent());
                assertTrue(withDiagnostics > 0, "some configurations had broken routers");
                assertTrue(load.answered("stable-1") > 0 && load.answered("stable-2") > 0, load.answeredBy().toString());
                assertTrue(churn.stream().anyMatch(b -> load.answered(b.name) > 0), "churned endpoints served");
            }
            for (CompletableFuture<TinyClient.Response> f : slow) {
                TinyClient.Response r = f.get(30, TimeUnit.SECONDS);
                assertEquals(200, r.status(), r.body());
                assertEquals("doomed\n", r.body());
            }
        }
        try (TinyClient c = new TinyClient(port, false)) {
            assertEquals(404, c.get("doomed.test", "/").status(), "the removed route is gone");
        }
    }

    // ---- the same through the manifest source --------------------------------------------------

    @TempDir
    Path manifests;

    private static String service(String name, List<TestBackend> backends) {
        return TestManifests.service(name, "web", backends.stream().map(b -> b.host() + ":" + b.port())
                .toArray(String[]::new));
    }

    private static String route(String name, String host) {
        return TestManifests.ingressRoute(name, host, name);
    }

    private void write(String file, String content) throws Exception {
        Path tmp = manifests.resolve("." + file + ".tmp");
        Files.writeString(tmp, content);
        Files.move(tmp, manifests.resolve(file), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void manifestChangesUnderLoad_noRequestFails() throws Exception {
        // distinct addresses: translation keeps one server per endpoint address
        List<TestBackend> endpoints = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                endpoints.add(TestBackend.start("ep-" + i, "127.0.0." + (2 + i), 0));
            }
            write("stable.yaml", route("app", "app.test") + service("app", List.of(stable1)));
            int changes = Heavy.pick(20, 200);
            try (Switchyard sy = Switchyard.start(Switchyard.Settings.builder()
                    .entryPoints(List.of(new EntryPointBinding("web", "127.0.0.1", 0)))
                    .source("manifests", Map.of("dir", manifests.toString(), "poll-interval", "40ms"))
                    .gracePeriod(Duration.ofSeconds(2))
                    .build())) {
                awaitRouters(sy, 1);
                Random random = new Random(3);
                try (Load load = Load.start(sy.port("web"), 4, List.of(new Load.Target("app.test", "/")),
                        Long.MAX_VALUE)) {
                    for (int i = 0; i < changes; i++) {
                        List<TestBackend> backends = new ArrayList<>(List.of(stable1));
                        endpoints.stream().filter(b -> random.nextBoolean()).forEach(backends::add);
                        int extras = random.nextInt(5);
                        StringBuilder yaml = new StringBuilder(route("app", "app.test") + service("app", backends));
                        for (int e = 0; e < extras; e++) {
                            yaml.append(route("extra-" + e, "extra-" + e + ".test"))
                                    .append(service("extra-" + e, List.of(endpoints.get(e % endpoints.size()))));
                        }
                        write("stable.yaml", yaml.toString());
                        awaitServers(sy, backends.size(), 1 + extras);
                    }
                    load.close();
                    System.out.printf("manifest changes under load: %d changes, %d requests, %d failed, answered by %s%n",
                            changes, load.sent(), load.failures().size(), load.answeredBy());
                    assertEquals(List.of(), load.failures().stream().limit(10).toList(),
                            load.failures().size() + " of " + load.sent() + " requests failed");
                    assertTrue(endpoints.stream().anyMatch(b -> load.answered(b.name) > 0), load.answeredBy().toString());
                }
            }
        } finally {
            for (TestBackend b : endpoints) {
                b.close();
            }
        }
    }

    private static void awaitRouters(Switchyard sy, int routers) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!(sy.runtime().ready() && sy.runtime().config().routers().size() == routers)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("configuration with " + routers + " routers not applied");
            }
            Thread.sleep(5);
        }
    }

    /** Waits for the configuration with {@code routers} routers whose app service has {@code servers} servers. */
    private static void awaitServers(Switchyard sy, int servers, int routers) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            DynamicConfig c = sy.runtime().config();
            long appServers = c.services().values().stream()
                    .filter(LoadBalancerService.class::isInstance).map(LoadBalancerService.class::cast)
                    .filter(lb -> lb.servers().stream().anyMatch(s -> s.url().equals(stable1.url())))
                    .mapToLong(lb -> lb.servers().size()).max().orElse(0);
            if (c.routers().size() == routers && appServers == servers) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("configuration not applied: " + c.routers().keySet());
            }
            Thread.sleep(5);
        }
    }
}
