package io.switchyard.adapters.k8s.manifest;

import io.switchyard.domain.cluster.ClusterSnapshot;
import io.switchyard.domain.cluster.Service;
import io.switchyard.ports.discovery.ClusterSource;
import io.switchyard.ports.discovery.ClusterSourceProvider;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class ManifestDirectorySourceTest {
    private static final Duration POLL = Duration.ofMillis(50);
    private static final long DEADLINE_SECONDS = 10;

    @TempDir
    Path dir;

    private final Events events = new Events();
    private ManifestDirectorySource source;

    /** Records what the source reports, in order. */
    private static final class Events implements ClusterSource.SnapshotListener {
        final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();

        @Override
        public void onSnapshot(ClusterSnapshot snapshot) {
            queue.add(snapshot);
        }

        @Override
        public void onError(String message) {
            queue.add(message);
        }

        Object next() throws InterruptedException {
            Object event = queue.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
            assertNotNull(event, "no event within " + DEADLINE_SECONDS + "s");
            return event;
        }
    }

    @AfterEach
    void close() {
        if (source != null) {
            source.close();
        }
    }

    private static String service(String name, int port) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: %s, namespace: default}
                spec:
                  ports: [{name: web, port: %d}]
                """.formatted(name, port);
    }

    private static List<String> serviceNames(Object event) {
        ClusterSnapshot snapshot = assertInstanceOf(ClusterSnapshot.class, event);
        return snapshot.all(Service.class).stream().map(s -> s.metadata().name() + ":" + s.ports().get(0).port()).toList();
    }

    @Test
    void start_goodFiles_firstSnapshotInNameOrderIgnoringOtherFiles() throws Exception {
        Files.writeString(dir.resolve("b.yml"), service("b", 80));
        Files.writeString(dir.resolve("a.yaml"), service("a", 80));
        Files.writeString(dir.resolve("notes.txt"), "not a manifest");
        Files.writeString(dir.resolve(".swap.yaml"), "{{{");
        Files.createDirectory(dir.resolve("sub.yaml"));
        source = new ManifestDirectorySource(dir, POLL);
        source.start(events);
        assertEquals(List.of("a:80", "b:80"), serviceNames(events.next()));
    }

    @Test
    void fileChange_reloads() throws Exception {
        Files.writeString(dir.resolve("svc.yaml"), service("a", 80));
        source = new ManifestDirectorySource(dir, POLL);
        source.start(events);
        assertEquals(List.of("a:80"), serviceNames(events.next()));

        Files.writeString(dir.resolve("svc.yaml"), service("a", 8080));
        assertEquals(List.of("a:8080"), serviceNames(events.next()));

        Files.delete(dir.resolve("svc.yaml"));
        assertEquals(List.of(), serviceNames(events.next()));
    }

    @Test
    void malformedFile_reportsFileAndLineAndKeepsLastSnapshot() throws Exception {
        Files.writeString(dir.resolve("svc.yaml"), service("a", 80));
        source = new ManifestDirectorySource(dir, POLL);
        source.start(events);
        assertEquals(List.of("a:80"), serviceNames(events.next()));

        Path broken = dir.resolve("zz-broken.yaml");
        Files.writeString(broken, "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n bad: indent\n");
        Object error = events.next();
        assertInstanceOf(String.class, error);
        assertTrue(((String) error).startsWith(broken + ":5: "), (String) error);

        // No snapshot while the folder is broken; fixing the file brings one with the new content.
        assertNull(events.queue.poll(POLL.multipliedBy(6).toMillis(), TimeUnit.MILLISECONDS));
        Files.writeString(broken, service("x", 81));
        assertEquals(List.of("a:80", "x:81"), serviceNames(events.next()));
    }

    @Test
    void provider_foundByServiceLoaderAndValidatesOptions() {
        ClusterSourceProvider provider = ServiceLoader.load(ClusterSourceProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("manifests")).findFirst().orElseThrow();
        assertThrows(IllegalArgumentException.class, () -> provider.create(Map.of()));
        assertThrows(IllegalArgumentException.class, () -> provider.create(Map.of("dir", dir.resolve("none").toString())));
        assertThrows(IllegalArgumentException.class, () -> provider.create(Map.of("dir", dir.toString(), "x", "y")));
        try (ClusterSource created = provider.create(Map.of("dir", dir.toString(), "poll-interval", "200ms"))) {
            assertEquals(dir, ((ManifestDirectorySource) created).directory());
        }
    }

    @Test
    void write_toUnrelatedFile_noNewSnapshot() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("svc.yaml"), service("a", 80));
        source = new ManifestDirectorySource(dir, POLL);
        source.start(events);
        events.next();
        Files.writeString(dir.resolve("readme.md"), "changed");
        Files.writeString(dir.resolve("svc.yaml"), service("a", 80) + "\n# comment only\n");
        assertNull(events.queue.poll(POLL.multipliedBy(8).toMillis(), TimeUnit.MILLISECONDS),
                "same objects: no snapshot delivered");
    }
}
