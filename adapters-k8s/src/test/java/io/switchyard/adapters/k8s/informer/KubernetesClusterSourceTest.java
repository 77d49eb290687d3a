package io.switchyard.adapters.k8s.informer;

import io.switchyard.domain.cluster.ClusterSnapshot;
import io.switchyard.domain.cluster.ConfigMap;
import io.switchyard.domain.cluster.EndpointSlice;
import io.switchyard.domain.cluster.IngressRoute;
import io.switchyard.domain.cluster.KubeObject;
import io.switchyard.domain.cluster.Middleware;
import io.switchyard.domain.cluster.Node;
import io.switchyard.domain.cluster.PortRef;
import io.switchyard.domain.cluster.Secret;
import io.switchyard.domain.cluster.ServersTransport;
import io.switchyard.domain.cluster.Service;
import io.switchyard.domain.cluster.TraefikService;
import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.config.ServerConfig;
import io.switchyard.domain.translate.ProviderOptions;
import io.switchyard.domain.translate.Translation;
import io.switchyard.domain.translate.Translator;
import io.switchyard.ports.discovery.ClusterSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import static io.switchyard.adapters.k8s.informer.KubeJson.configMap;
import static io.switchyard.adapters.k8s.informer.KubeJson.endpointSlice;
import static io.switchyard.adapters.k8s.informer.KubeJson.ingressRoute;
import static io.switchyard.adapters.k8s.informer.KubeJson.labelled;
import static io.switchyard.adapters.k8s.informer.KubeJson.middleware;
import static io.switchyard.adapters.k8s.informer.KubeJson.node;
import static io.switchyard.adapters.k8s.informer.KubeJson.secret;
import static io.switchyard.adapters.k8s.informer.KubeJson.service;
import static io.switchyard.adapters.k8s.informer.KubeJson.serversTransport;
import static io.switchyard.adapters.k8s.informer.KubeJson.traefikService;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Kubernetes source against an in-process API server: every change travels LIST → WATCH →
 * informer → mapping → throttled snapshot, and the translation of the snapshot is checked where it
 * matters to users (a router appears or goes).
 */
final class KubernetesClusterSourceTest {
    private static final Duration THROTTLE = Duration.ofMillis(100);
    private static final long DEADLINE_MILLIS = 10_000;
    private static final String HOST = "Host(`shop.example`)";
    private static final String ROUTER = Translator.routerKey("shop", "web", HOST);

    private static FakeKubeApiServer fake;

    private final Recorder events = new Recorder();
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private KubernetesClusterSource source;

    @BeforeAll
    static void startFake() {
        fake = new FakeKubeApiServer().start();
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @BeforeEach
    void resetFake() {
        fake.reset();
    }

    @AfterEach
    void closeSource() {
        if (source != null) {
            source.close();
        }
    }

    /** Records what the source reports. */
    private static final class Recorder implements ClusterSource.SnapshotListener {
        final List<ClusterSnapshot> snapshots = new CopyOnWriteArrayList<>();
        final List<String> errors = new CopyOnWriteArrayList<>();

        @Override
        public void onSnapshot(ClusterSnapshot snapshot) {
            snapshots.add(snapshot);
        }

        @Override
        public void onError(String message) {
            errors.add(message);
        }

        ClusterSnapshot await(String what, Predicate<ClusterSnapshot> condition) {
            await(what, () -> !snapshots.isEmpty() && condition.test(snapshots.getLast()));
            return snapshots.getLast();
        }

        static void await(String what, BooleanSupplier condition) {
            long deadline = System.nanoTime() + DEADLINE_MILLIS * 1_000_000;
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    fail("not within " + DEADLINE_MILLIS + " ms: " + what);
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private static KubernetesOptions options() {
        return KubernetesOptions.DEFAULTS.withMasterUrl(URI.create(fake.url())).withThrottle(THROTTLE)
                .withResync(Duration.ZERO);
    }

    private KubernetesClusterSource start(KubernetesOptions options) {
        source = new KubernetesClusterSource(ApiClients.create(options), options, notices::add,
                InstantSource.system());
        source.start(events);
        return source;
    }

    /** Waits until every informer's WATCH is connected, so that closing or cutting watches hits them all. */
    private static void awaitWatching() {
        Recorder.await("every informer watching", () -> WatchedResource.ALL.stream()
                .allMatch(r -> fake.openWatches(r.resource()) >= 1));
    }

    private static List<String> names(ClusterSnapshot snapshot, Class<? extends KubeObject> type) {
        return snapshot.all(type).stream().map(KubeObject::displayName).toList();
    }

    private static Translation translate(ClusterSnapshot snapshot) {
        return Translator.translate(snapshot, ProviderOptions.DEFAULTS);
    }

    private static void seedShop() {
        fake.apply(service("shop", "storefront", 80));
        fake.apply(endpointSlice("shop", "storefront-abc", "storefront", 80, "10.1.0.1", "10.1.0.2"));
        fake.apply(ingressRoute("shop", "web", "shop.example", "storefront", 80));
    }

    private static List<String> serverUrls(Translation translation) {
        LoadBalancerService lb = (LoadBalancerService) translation.config().services().get(ROUTER);
        return lb.servers().stream().map(ServerConfig::url).toList();
    }

    @Test
    void start_waitsForEveryInformer_thenDeliversEveryKind() {
        seedShop();
        fake.apply(traefikService("shop", "split", "storefront", 80));
        fake.apply(serversTransport("shop", "tls", "backend.internal"));
        fake.apply(middleware("shop", "oops", "storefront"));
        fake.apply(node("node-1", "192.168.0.11"));
        fake.apply(secret("shop", "ca", "UEVN"));
        fake.apply(configMap("shop", "ca-bundle", "PEM"));

        start(options());
        ClusterSnapshot snapshot = events.await("first snapshot", s -> true);

        assertTrue(source.synced());
        assertEquals(List.of("IngressRoute", "TraefikService", "ServersTransport", "Middleware", "Service",
                "EndpointSlice", "Node", "Secret", "ConfigMap"), snapshot.objects().stream().map(KubeObject::kind).toList());
        Service svc = snapshot.all(Service.class).getFirst();
        assertEquals(List.of(Service.Port.of("http", 80)), svc.ports());
        EndpointSlice slice = snapshot.all(EndpointSlice.class).getFirst();
        assertEquals("storefront", slice.serviceName());
        assertEquals(List.of("10.1.0.1", "10.1.0.2"), slice.endpoints().stream()
                .flatMap(e -> e.addresses().stream()).toList());
        assertTrue(slice.metadata().creationTimestamp().isPresent(), "timestamps are mapped");
        IngressRoute ir = snapshot.all(IngressRoute.class).getFirst();
        assertEquals(PortRef.of(80), ir.routes().getFirst().services().getFirst().port());
        assertEquals(Optional.of(2), snapshot.all(TraefikService.class).getFirst().weighted().orElseThrow()
                .services().getFirst().weight());
        ServersTransport st = snapshot.all(ServersTransport.class).getFirst();
        assertEquals("backend.internal", st.serverName());
        assertEquals(7, st.maxIdleConnsPerHost());
        assertTrue(snapshot.all(Middleware.class).getFirst().errorPageService().isPresent());
        assertEquals(List.of(new Node.Address("InternalIP", "192.168.0.11"), new Node.Address("Hostname", "node-1")),
                snapshot.all(Node.class).getFirst().addresses());
        assertEquals(Map.of("ca.crt", "UEVN"), snapshot.all(Secret.class).getFirst().data());
        assertEquals(Map.of("ca.crt", "PEM"), snapshot.all(ConfigMap.class).getFirst().data());

        Translation translation = translate(snapshot);
        assertEquals(List.of("http://10.1.0.1:8080", "http://10.1.0.2:8080"), serverUrls(translation));
        assertEquals(List.of(), events.errors);
        assertEquals(1, events.snapshots.size());
    }

    @Test
    void changes_ofEveryKind_arriveThroughWatch_withOneListPerInformer() {
        start(options());
        events.await("empty first snapshot", s -> s.objects().isEmpty());

        fake.apply(service("shop", "storefront", 80));
        fake.apply(endpointSlice("shop", "storefront-abc", "storefront", 80, "10.1.0.1"));
        fake.apply(ingressRoute("shop", "web", "shop.example", "storefront", 80));
        ClusterSnapshot withRoute = events.await("route created",
                s -> translate(s).config().routers().containsKey(ROUTER));
        assertEquals(List.of("http://10.1.0.1:8080"), serverUrls(translate(withRoute)));

        fake.apply(endpointSlice("shop", "storefront-abc", "storefront", 80, "10.1.0.1", "10.1.0.9"));
        events.await("endpoint added", s -> serverUrls(translate(s)).contains("http://10.1.0.9:8080"));

        fake.apply(ingressRoute("shop", "web", "shop.example", "storefront", 81));
        events.await("route updated to a missing port", s -> !translate(s).config().routers().containsKey(ROUTER)
                && s.all(IngressRoute.class).getFirst().routes().getFirst().services().getFirst().port()
                .equals(PortRef.of(81)));
        fake.apply(ingressRoute("shop", "web", "shop.example", "storefront", 80));
        events.await("route back", s -> translate(s).config().routers().containsKey(ROUTER));

        for (String json : List.of(traefikService("shop", "split", "storefront", 80),
                serversTransport("shop", "tls", "a.internal"), middleware("shop", "oops", "storefront"),
                node("node-1", "192.168.0.11"), secret("shop", "ca", "UEVN"), configMap("shop", "bundle", "PEM"))) {
            fake.apply(json);
        }
        events.await("every kind created", s -> s.objects().size() == 9);
        fake.apply(serversTransport("shop", "tls", "b.internal"));
        fake.apply(node("node-1", "192.168.0.12"));
        fake.apply(secret("shop", "ca", "QUJD"));
        fake.apply(configMap("shop", "bundle", "PEM2"));
        fake.apply(traefikService("shop", "split", "storefront", 81));
        fake.apply(middleware("shop", "oops", "elsewhere"));
        events.await("every kind updated", s ->
                s.all(ServersTransport.class).getFirst().serverName().equals("b.internal")
                        && s.all(Node.class).getFirst().addresses().getFirst().address().equals("192.168.0.12")
                        && s.all(Secret.class).getFirst().data().get("ca.crt").equals("QUJD")
                        && s.all(ConfigMap.class).getFirst().data().get("ca.crt").equals("PEM2")
                        && s.all(TraefikService.class).getFirst().weighted().orElseThrow().services().getFirst()
                        .port().equals(PortRef.of(81))
                        && s.all(Middleware.class).getFirst().errorPageService().orElseThrow().name().equals("elsewhere"));

        for (WatchedResource r : WatchedResource.ALL) {
            String name = switch (r.kind()) {
                case "IngressRoute" -> "web";
                case "TraefikService" -> "split";
                case "ServersTransport" -> "tls";
                case "Middleware" -> "oops";
                case "Service" -> "storefront";
                case "EndpointSlice" -> "storefront-abc";
                case "Node" -> "node-1";
                case "Secret" -> "ca";
                default -> "bundle";
            };
            assertTrue(fake.delete(r, "shop", name), r.kind());
        }
        ClusterSnapshot empty = events.await("every kind deleted", s -> s.objects().isEmpty());
        assertFalse(translate(empty).config().routers().containsKey(ROUTER));

        for (WatchedResource r : WatchedResource.ALL) {
            assertEquals(1, fake.lists(r.resource()), "LISTs of " + r.resource() + ": changes must come by WATCH");
            assertTrue(fake.watchRequests(r.resource()) >= 1, "a watch on " + r.resource());
        }
        assertEquals(List.of(), events.errors);
    }

    @Test
    void closedWatches_resumeFromLastVersion_withoutRelisting() {
        seedShop();
        start(options());
        events.await("first snapshot", s -> translate(s).config().routers().containsKey(ROUTER));

        awaitWatching();
        fake.closeAllWatches();
        fake.apply(endpointSlice("shop", "storefront-abc", "storefront", 80, "10.1.0.7"));

        events.await("change after the watches closed", s -> serverUrls(translate(s)).equals(List.of("http://10.1.0.7:8080")));
        Recorder.await("every informer re-watched", () -> WatchedResource.ALL.stream()
                .allMatch(r -> fake.watchRequests(r.resource()) >= 2));
        for (WatchedResource r : WatchedResource.ALL) {
            assertEquals(1, fake.lists(r.resource()), "no re-list of " + r.resource());
        }
        assertEquals(List.of(), events.errors);
        assertEquals(List.of(), notices);
    }

    @Test
    void expiredHistory_410_relistsAndRecovers_withOneNotice() {
        seedShop();
        start(options());
        events.await("first snapshot", s -> translate(s).config().routers().containsKey(ROUTER));

        awaitWatching();
        fake.compact();
        fake.closeAllWatches();
        fake.apply(ingressRoute("shop", "second", "second.example", "storefront", 80));

        ClusterSnapshot after = events.await("object written after compaction",
                s -> names(s, IngressRoute.class).contains("shop/second"));
        assertEquals(List.of("shop/second", "shop/web"), names(after, IngressRoute.class));
        assertTrue(fake.lists("ingressroutes") >= 2, "re-listed after 410");
        assertEquals(List.of(), events.errors, "a 410 is routine, not an error");
        Recorder.await("410 notice", () -> notices.stream().anyMatch(n -> n.contains("410 Gone")));
        assertEquals(1, notices.stream().filter(n -> n.contains("410")).count(), notices.toString());
    }

    @Test
    void droppedWatches_recover_withOneNotice() {
        seedShop();
        start(options());
        events.await("first snapshot", s -> translate(s).config().routers().containsKey(ROUTER));

        awaitWatching();
        fake.dropAllWatches();
        fake.apply(endpointSlice("shop", "storefront-abc", "storefront", 80, "10.1.0.8"));

        events.await("change after the cut", s -> serverUrls(translate(s)).equals(List.of("http://10.1.0.8:8080")));
        assertEquals(List.of(), events.errors);
        assertEquals(1, notices.stream().filter(n -> n.contains("was cut")).count(), notices.toString());
    }

    @Test
    void apiServerDown_keepsLastSnapshot_reportsOnce_andRecoversByItself() throws Exception {
        seedShop();
        start(options());
        ClusterSnapshot before = events.await("first snapshot", s -> translate(s).config().routers().containsKey(ROUTER));

        fake.stop();
        try {
            Recorder.await("outage reported", () -> !events.errors.isEmpty());
            // Let the informers retry a few times (they retry every second) while the server is away.
            Thread.sleep(1_200);
            fake.apply(endpointSlice("shop", "storefront-abc", "storefront", 80, "10.1.0.5"));
        } finally {
            fake.restart();
        }

        events.await("change made during the outage", s -> serverUrls(translate(s)).equals(List.of("http://10.1.0.5:8080")));
        assertEquals(before, events.snapshots.getFirst(), "nothing was delivered during the outage");
        assertEquals(1, events.errors.size(), events.errors.toString());
        assertTrue(events.errors.getFirst().startsWith("cannot reach the Kubernetes API server at " + fake.url()),
                events.errors.getFirst());
        Recorder.await("recovery noted", () -> notices.stream().anyMatch(n -> n.contains("reachable again")));
        assertEquals(1, notices.stream().filter(n -> n.contains("reachable again")).count(), notices.toString());
    }

    @Test
    void apiServerUnreachableAtStart_reportsOnce_thenSyncs() throws Exception {
        seedShop();
        fake.stop();
        try {
            start(options());
            Recorder.await("outage reported", () -> !events.errors.isEmpty());
            Thread.sleep(1_200);
            assertFalse(source.synced());
            assertTrue(events.snapshots.isEmpty(), "no snapshot before every informer synced");
        } finally {
            fake.restart();
        }

        events.await("first snapshot after the server came up", s -> translate(s).config().routers().containsKey(ROUTER));
        assertTrue(source.synced());
        assertEquals(1, events.errors.size(), events.errors.toString());
    }

    @Test
    void serviceLosingAllEndpoints_dropsTheRoute_unlessEmptyServicesAllowed() {
        seedShop();
        start(options());
        events.await("route with servers", s -> serverUrls(translate(s)).size() == 2);

        fake.apply(endpointSlice("shop", "storefront-abc", "storefront", 80));

        ClusterSnapshot drained = events.await("slice without endpoints",
                s -> s.all(EndpointSlice.class).getFirst().endpoints().isEmpty());
        Translation strict = translate(drained);
        assertFalse(strict.config().routers().containsKey(ROUTER));
        assertTrue(strict.errors().stream().anyMatch(d -> d.name().equals("web")), strict.diagnostics().toString());
        Translation lenient = Translator.translate(drained, ProviderOptions.DEFAULTS.withAllowEmptyServices(true));
        assertTrue(lenient.config().routers().containsKey(ROUTER));
        assertEquals(List.of(), ((LoadBalancerService) lenient.config().services().get(ROUTER)).servers());
    }

    @Test
    void malformedIngressRoute_isSkippedAlone_reportedOnce_andGoodOnesKeepComing() {
        seedShop();
        fake.apply("""
                {"apiVersion":"traefik.io/v1alpha1","kind":"IngressRoute",
                 "metadata":{"name":"broken","namespace":"shop"},
                 "spec":{"routes":"Host(`x`)"}}
                """);
        start(options());

        ClusterSnapshot first = events.await("first snapshot", s -> true);
        assertEquals(List.of("shop/web"), names(first, IngressRoute.class));
        assertTrue(translate(first).config().routers().containsKey(ROUTER));

        fake.apply(ingressRoute("shop", "later", "later.example", "storefront", 80));
        fake.apply(service("shop", "other", 90));
        ClusterSnapshot later = events.await("good objects after the bad one",
                s -> names(s, IngressRoute.class).contains("shop/later") && names(s, Service.class).contains("shop/other"));
        assertEquals(List.of("shop/later", "shop/web"), names(later, IngressRoute.class));
        assertEquals(1, events.errors.size(), events.errors.toString());
        assertTrue(events.errors.getFirst().matches("skipping IngressRoute shop/broken: spec\\.routes: expected a list"
                + " \\(resourceVersion \\d+\\); the other objects are used"), events.errors.getFirst());
    }

    @Test
    void unknownFieldsOfNewerKubernetes_areIgnored() {
        fake.apply("""
                {"apiVersion":"v1","kind":"Node","metadata":{"name":"n1","futureMeta":{"x":1}},
                 "status":{"addresses":[{"type":"InternalIP","address":"192.168.0.1"}],
                   "runtimeHandlers":[{"name":"wasm","features":{"userNamespaces":true}}],"featureOfTomorrow":true}}
                """);
        fake.apply("""
                {"apiVersion":"v1","kind":"Service","metadata":{"name":"s","namespace":"shop"},
                 "spec":{"ports":[{"name":"http","port":80,"appProtocolV9":"h4"}],"trafficDistribution":"Nearby",
                   "fieldFromTheFuture":{"a":[1,2]}}}
                """);
        fake.apply("""
                {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice",
                 "metadata":{"name":"s-1","namespace":"shop","labels":{"kubernetes.io/service-name":"s"}},
                 "addressType":"IPv4","ports":[{"name":"http","port":80}],
                 "endpoints":[{"addresses":["10.0.0.1"],"conditions":{"ready":true},"hints":{"forZones":[{"name":"a"}]},
                   "zoneAffinityV2":"x"}]}
                """);
        start(options());

        ClusterSnapshot snapshot = events.await("first snapshot", s -> true);
        assertEquals(List.of(new Node.Address("InternalIP", "192.168.0.1")), snapshot.all(Node.class).getFirst().addresses());
        assertEquals(List.of(Service.Port.of("http", 80)), snapshot.all(Service.class).getFirst().ports());
        assertEquals(1, snapshot.all(EndpointSlice.class).getFirst().endpoints().size());
        assertEquals(List.of(), events.errors);
    }

    @Test
    void burstOfFiftyChanges_yieldsFewSnapshots_endingWithAllOfThem() {
        seedShop();
        start(options());
        events.await("first snapshot", s -> translate(s).config().routers().containsKey(ROUTER));
        int before = events.snapshots.size();

        for (int i = 0; i < 50; i++) {
            fake.apply(ingressRoute("shop", "burst-" + i, "b" + i + ".example", "storefront", 80));
        }

        events.await("all 50", s -> s.all(IngressRoute.class).size() == 51);
        int during = events.snapshots.size() - before;
        assertTrue(during <= 5, "a burst within one throttle window gives few snapshots, got " + during);
        assertEquals(51, translate(events.snapshots.getLast()).config().routers().size());
    }

    @Test
    void unchangedRecords_areNotDeliveredAgain() throws Exception {
        seedShop();
        start(options().withResync(Duration.ofSeconds(1)));
        events.await("first snapshot", s -> translate(s).config().routers().containsKey(ROUTER));

        // A status change bumps the resourceVersion but no field the records carry; resyncs re-deliver.
        fake.apply(service("shop", "storefront", 80).replace("\"spec\"",
                "\"status\":{\"loadBalancer\":{\"ingress\":[{\"ip\":\"1.2.3.4\"}]}},\"spec\""));
        Thread.sleep(1_500);
        assertEquals(1, events.snapshots.size(), "equal snapshots are not delivered");

        fake.apply(service("shop", "storefront", 8080));
        events.await("real change", s -> s.all(Service.class).getFirst().ports().getFirst().port() == 8080);
        assertEquals(2, events.snapshots.size());
    }

    @Test
    void namespaces_limitNamespacedResources_butNodesStayClusterWide() {
        fake.apply(service("a", "sa", 80));
        fake.apply(service("b", "sb", 80));
        fake.apply(service("c", "sc", 80));
        fake.apply(ingressRoute("c", "rc", "c.example", "sc", 80));
        fake.apply(node("n1", "192.168.0.1"));
        start(options().withNamespaces(List.of("a", "b")));

        ClusterSnapshot first = events.await("first snapshot", s -> true);
        assertEquals(List.of("a/sa", "b/sb"), names(first, Service.class));
        assertEquals(List.of(), names(first, IngressRoute.class));
        assertEquals(List.of("n1"), names(first, Node.class));

        fake.apply(service("b", "sb2", 80));
        fake.apply(service("c", "sc2", 80));
        events.await("b watched", s -> names(s, Service.class).contains("b/sb2"));
        assertFalse(names(events.snapshots.getLast(), Service.class).contains("c/sc2"));
        assertTrue(fake.requests().stream().anyMatch(r -> r.path().equals("/api/v1/namespaces/a/services")));
        assertTrue(fake.requests().stream().noneMatch(r -> r.path().equals("/api/v1/services")));
        assertTrue(fake.requests().stream().anyMatch(r -> r.path().equals("/api/v1/nodes")));
    }

    @Test
    void labelSelector_filtersCustomResourcesOnly_onTheServer() {
        fake.apply(service("shop", "storefront", 80));
        fake.apply(labelled(ingressRoute("shop", "mine", "m.example", "storefront", 80), "edge", "switchyard"));
        fake.apply(ingressRoute("shop", "theirs", "t.example", "storefront", 80));
        start(options().withLabelSelector("edge=switchyard"));

        ClusterSnapshot first = events.await("first snapshot", s -> true);
        assertEquals(List.of("shop/mine"), names(first, IngressRoute.class));
        assertEquals(List.of("shop/storefront"), names(first, Service.class), "core objects are not filtered");
        for (FakeKubeApiServer.Request r : fake.requests()) {
            boolean custom = r.path().startsWith("/apis/traefik.io/");
            assertEquals(custom ? "edge=switchyard" : null, r.query().get("labelSelector"), r.toString());
        }
    }

    @Test
    void disableClusterScopeResources_watchesNoNodes() {
        fake.apply(node("n1", "192.168.0.1"));
        seedShop();
        start(options().withDisableClusterScopeResources(true));

        ClusterSnapshot first = events.await("first snapshot", s -> true);
        assertEquals(List.of(), first.all(Node.class));
        assertTrue(fake.requests().stream().noneMatch(r -> r.path().contains("nodes")));
        assertFalse(source.options().watchedResources().contains(WatchedResource.NODES));
    }

    @Test
    void forbiddenResource_reportedOnceWithTheRbacHint_thenRecovers() throws Exception {
        seedShop();
        fake.fault(r -> r.path().endsWith("/secrets")
                ? Optional.of(new FakeKubeApiServer.Answer(403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                + "\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403,\"message\":\"secrets is forbidden\"}"))
                : Optional.empty());
        start(options());

        Recorder.await("403 reported", () -> !events.errors.isEmpty());
        Thread.sleep(1_200);
        assertFalse(source.synced());
        assertEquals(List.of("forbidden to list and watch secrets (403); grant get, list and watch on it"
                + " (deploy/rbac.yaml); retrying"), events.errors);

        fake.clearFault();
        events.await("snapshot once allowed", s -> translate(s).config().routers().containsKey(ROUTER));
        Recorder.await("resolution noted", () -> notices.stream().anyMatch(n -> n.startsWith("resolved: secrets")));
    }

    @Test
    void close_endsEveryThreadTheSourceStarted() {
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        seedShop();
        start(options().withResync(Duration.ofSeconds(1)));
        events.await("first snapshot", s -> true);
        java.util.function.Supplier<List<String>> started = () -> Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive() && !t.getName().startsWith("OkHttp"))
                .map(Thread::getName).toList();
        assertTrue(started.get().size() >= 9, "informer threads run: " + started.get());

        source.close();

        Recorder.await("threads ended", () -> started.get().isEmpty());
    }
}
