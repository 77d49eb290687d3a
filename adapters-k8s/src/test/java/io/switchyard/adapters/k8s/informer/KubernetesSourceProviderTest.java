package io.switchyard.adapters.k8s.informer;

import io.switchyard.domain.cluster.ClusterSnapshot;
import io.switchyard.domain.cluster.Service;
import io.switchyard.ports.discovery.ClusterSource;
import io.switchyard.ports.discovery.ClusterSourceProvider;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code kubernetes} provider: its options and how it builds the client. */
final class KubernetesSourceProviderTest {
    private static FakeKubeApiServer fake;

    @TempDir
    Path dir;

    private ClusterSource source;

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
        fake.apply(KubeJson.service("shop", "storefront", 80));
    }

    @AfterEach
    void closeSource() {
        if (source != null) {
            source.close();
        }
    }

    private static ClusterSourceProvider provider() {
        return ServiceLoader.load(ClusterSourceProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("kubernetes")).findFirst().orElseThrow();
    }

    private static ClusterSnapshot firstSnapshot(ClusterSource source) throws InterruptedException {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        source.start(new ClusterSource.SnapshotListener() {
            @Override
            public void onSnapshot(ClusterSnapshot snapshot) {
                events.add(snapshot);
            }

            @Override
            public void onError(String message) {
                events.add(message);
            }
        });
        Object first = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(first, "no snapshot within 10 s");
        return assertInstanceOf(ClusterSnapshot.class, first, String.valueOf(first));
    }

    private Path kubeconfig(String server, String token) throws IOException {
        Path file = dir.resolve("config");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: test
                  cluster:
                    server: %s
                users:
                - name: tester
                  user:
                    token: %s
                contexts:
                - name: test
                  context: {cluster: test, user: tester, namespace: shop}
                current-context: test
                """.formatted(server, token));
        return file;
    }

    @Test
    void serviceLoader_findsTheKubernetesProvider() {
        assertInstanceOf(KubernetesSourceProvider.class, provider());
    }

    @Test
    void parse_noOptions_givesTraefiksDefaults() {
        KubernetesOptions options = KubernetesOptions.parse(Map.of());
        assertEquals(KubernetesOptions.DEFAULTS, options);
        assertEquals(Duration.ofSeconds(2), options.throttle());
        assertEquals(WatchedResource.ALL, options.watchedResources());
    }

    @Test
    void parse_everyKey() {
        KubernetesOptions options = KubernetesOptions.parse(Map.of(
                "kubeconfig", "/etc/switchyard/kubeconfig",
                "master-url", "https://10.0.0.1:6443",
                "namespaces", " shop, web ,,",
                "label-selector", "edge=switchyard,tier!=db",
                "disable-cluster-scope-resources", "true",
                "throttle", "500ms",
                "resync", "0"));
        assertEquals(Optional.of(Path.of("/etc/switchyard/kubeconfig")), options.kubeconfig());
        assertEquals(Optional.of(URI.create("https://10.0.0.1:6443")), options.masterUrl());
        assertEquals(List.of("shop", "web"), options.namespaces());
        assertEquals("edge=switchyard,tier!=db", options.labelSelector());
        assertTrue(options.disableClusterScopeResources());
        assertEquals(Duration.ofMillis(500), options.throttle());
        assertEquals(Duration.ZERO, options.resync());
        assertTrue(options.watchedResources().stream().allMatch(WatchedResource::namespaced));
    }

    @ParameterizedTest
    @CsvSource({
            "2s, PT2S",
            "1m30s, PT1M30S",
            "PT0.25S, PT0.25S",
            "3, PT3S",
            "0, PT0S",
    })
    void parse_throttle_acceptsGoIsoAndSeconds(String text, Duration expected) {
        assertEquals(expected, KubernetesOptions.parse(Map.of("throttle", text)).throttle());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "colour            | blue       | unknown option colour",
            "throttle          | fast       | throttle fast",
            "throttle          | -1s        | throttle: PT-1S (expected: >= 0)",
            "resync            | 1 hour     | resync 1 hour",
            "master-url        | ftp://x    | master-url ftp://x",
            "label-selector    | app in (   | labelSelector",
            "disable-cluster-scope-resources | maybe | disable-cluster-scope-resources maybe",
    })
    void parse_badValue_namesTheOption(String key, String value, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KubernetesOptions.parse(Map.of(key, value)));
        assertTrue(e.getMessage().startsWith("kubernetes: "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void create_missingKubeconfig_failsAtOnce() {
        Path missing = dir.resolve("nope");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider().create(Map.of("kubeconfig", missing.toString())));
        assertTrue(e.getMessage().contains("kubeconfig " + missing), e.getMessage());
    }

    @Test
    void kubeconfigOption_usesItsServerAndToken_andLeavesTheFileAlone() throws Exception {
        Path file = kubeconfig(fake.url(), "s3cret");
        String before = Files.readString(file);

        source = provider().create(Map.of("kubeconfig", file.toString(), "throttle", "100ms", "resync", "0"));
        ClusterSnapshot snapshot = firstSnapshot(source);

        assertEquals(1, snapshot.all(Service.class).size());
        assertTrue(fake.requests().stream().allMatch(r -> r.authorization().equals(Optional.of("Bearer s3cret"))),
                fake.requests().toString());
        assertEquals(before, Files.readString(file), "the kubeconfig is never written");
    }

    @Test
    void masterUrlOption_replacesTheKubeconfigServer_keepingItsCredentials() throws Exception {
        Path file = kubeconfig("http://127.0.0.1:9", "s3cret");

        source = provider().create(Map.of("kubeconfig", file.toString(), "master-url", fake.url(),
                "throttle", "100ms", "resync", "0"));
        firstSnapshot(source);

        assertTrue(fake.requests().stream().allMatch(r -> r.authorization().equals(Optional.of("Bearer s3cret"))));
        assertEquals(fake.url(), ((KubernetesClusterSource) source).server());
    }

    @Test
    void masterUrlOption_alone_connectsWithoutCredentials() throws Exception {
        source = provider().create(Map.of("master-url", fake.url(), "namespaces", "shop",
                "disable-cluster-scope-resources", "true", "throttle", "100ms"));
        ClusterSnapshot snapshot = firstSnapshot(source);

        assertEquals(1, snapshot.all(Service.class).size());
        assertTrue(fake.requests().stream().allMatch(r -> r.authorization().isEmpty()));
        assertTrue(fake.requests().stream().allMatch(r -> r.path().contains("/namespaces/shop/")),
                fake.requests().toString());
    }
}
