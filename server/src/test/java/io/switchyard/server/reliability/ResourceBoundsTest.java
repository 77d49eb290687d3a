package io.switchyard.server.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.UnixOperatingSystemMXBean;
import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.config.ServerConfig;
import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.server.Switchyard;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What many clients cost: idle connections (2 000; 10 000 with {@code -Pheavy}) and requests held by
 * a slow backend (1 000) fit in the test JVM's 768 MiB heap with a stated cost per connection, and
 * backend connections are bounded by the servers transport: one per request in flight, then no
 * more than {@code maxIdleConnsPerHost} kept.
 */
final class ResourceBoundsTest {
    private static final int TIGHT_IDLE = 4;

    private static TestBackend backend;
    private static Switchyard switchyard;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        backend = TestBackend.start("held");
        ServersTransportConfig d = ServersTransportConfig.DEFAULT;
        ServersTransportConfig tight = new ServersTransportConfig(d.serverName(), d.insecureSkipVerify(), d.rootCAs(),
                d.certificates(), TIGHT_IDLE, d.forwardingTimeouts(), d.disableHTTP2(), d.peerCertURI(),
                d.peerCertSANs(), d.cipherSuites(), d.minVersion(), d.maxVersion(), d.spiffe());
        LoadBalancerService lb = LoadBalancerService.of(List.of(ServerConfig.of(backend.url())));
        switchyard = Switchyard.start(new Routes()
                .route("app", "Host(`app.test`)", "app")
                .route("tight", "Host(`tight.test`)", "tight")
                .service("app", lb)
                .service("tight", new LoadBalancerService(lb.servers(), lb.strategy(), true, lb.flushInterval(),
                        Optional.empty(), Optional.empty(), Optional.empty(), "tight"))
                .transport("tight", tight)
                .settings().build());
        port = switchyard.port("web");
    }

    @AfterAll
    static void stop() throws Exception {
        switchyard.close();
        backend.close();
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static UnixOperatingSystemMXBean os() {
        return (UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    }

    private static long fdsLeft() {
        return os().getMaxFileDescriptorCount() - os().getOpenFileDescriptorCount();
    }

    private static TinyClient.Response get(String host) throws Exception {
        try (TinyClient c = new TinyClient(port, false)) {
            return c.get(host, "/");
        }
    }

    @Test
    void manyIdleConnections_heldWithBoundedHeap_andTheServerStillServes() throws Exception {
        int n = Heavy.pick(2_000, 10_000);
        boolean inJvm = fdsLeft() > 2L * n + 500; // both ends here
        boolean ownProcess = !inJvm && fdsLeft() > n + 500;
        assumeTrue(inJvm || ownProcess, "holding " + n + " connections needs " + (n + 500) + " free file descriptors,"
                + " this JVM has " + fdsLeft() + " (ulimit -n " + os().getMaxFileDescriptorCount() + "): raise it");
        long before = heapAfterGc();
        IdleClients clients = null;
        Process holder = null;
        try {
            if (inJvm) {
                clients = IdleClients.open(port, n);
            } else {
                holder = holdInOwnProcess(n);
            }
            // connections are accepted in order: an answer on a later one means all are taken in
            assertEquals(200, get("app.test").status());
            long with = heapAfterGc();
            long perConnection = (with - before) / n;
            System.out.printf("idle connections: %d held (%s), heap %d MiB -> %d MiB, %d bytes per connection%n",
                    n, inJvm ? "clients in this JVM" : "clients in their own process", before >> 20, with >> 20,
                    perConnection);
            assertTrue(perConnection < 32 * 1024, perConnection + " bytes per idle connection");
            if (clients != null) {
                // they are really open: some of them carry a request now
                for (int i = 0; i < n; i += n / 10) {
                    Socket s = clients.sockets().get(i);
                    s.getOutputStream().write("GET / HTTP/1.1\r\nHost: app.test\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    s.setSoTimeout(10_000);
                    byte[] head = s.getInputStream().readNBytes(12);
                    assertEquals("HTTP/1.1 200", new String(head, StandardCharsets.US_ASCII));
                }
            }
        } finally {
            if (clients != null) {
                clients.close();
            }
            if (holder != null) {
                holder.getOutputStream().close();
                holder.waitFor(10, TimeUnit.SECONDS);
                holder.destroyForcibly();
            }
        }
    }

    private static Process holdInOwnProcess(int n) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", classPath, IdleClients.class.getName(),
                Integer.toString(port), Integer.toString(n)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertEquals("ready " + n, line, "idle clients process");
        return p;
    }

    @Test
    void thousandRequestsHeldByASlowBackend_boundedHeap_andBackendConnectionsBoundedByTheTransport()
            throws Exception {
        int n = 1_000;
        assumeTrue(fdsLeft() > 4L * n + 500, "needs " + (4 * n + 500) + " free file descriptors, has " + fdsLeft());
        long before = heapAfterGc();
        int baseline = backend.openConnections(); // kept by the pools from earlier requests
        backend.hold();
        List<CompletableFuture<TinyClient.Response>> answers = new ArrayList<>();
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int i = 0; i < n; i++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try (TinyClient c = new TinyClient(port, false)) {
                        return c.get("tight.test", "/hold");
                    } catch (Exception e) {
                        return new TinyClient.Response(-1, e.toString());
                    }
                }, pool));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (backend.inFlight() < n && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(n, backend.inFlight(), "every request reached the backend");
            assertEquals(n + baseline, backend.openConnections(), "one backend connection per request in flight");
            long held = heapAfterGc();
            System.out.printf("held requests: %d, heap %d MiB -> %d MiB (clients, proxy and backend in this JVM), "
                    + "%d bytes per request, %d backend connections%n", n, before >> 20, held >> 20,
                    (held - before) / n, backend.openConnections());
            assertTrue(held - before < 256L << 20, "heap grew by " + ((held - before) >> 20) + " MiB");
        } finally {
            backend.release();
            pool.shutdown();
        }
        for (CompletableFuture<TinyClient.Response> a : answers) {
            TinyClient.Response r = a.get(30, TimeUnit.SECONDS);
            assertEquals(200, r.status(), r.body());
        }
        awaitOpenConnectionsAtMost(TIGHT_IDLE + baseline, "maxIdleConnsPerHost of the transport");
        // the pool still works: requests reuse the kept connections
        int accepted = backend.acceptedConnections();
        for (int i = 0; i < 20; i++) {
            assertEquals(200, get("tight.test").status());
        }
        assertTrue(backend.acceptedConnections() - accepted <= TIGHT_IDLE,
                "kept connections reused: " + (backend.acceptedConnections() - accepted) + " new");
    }

    private static void awaitOpenConnectionsAtMost(int max, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (backend.openConnections() > max && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(backend.openConnections() <= max, backend.openConnections() + " backend connections open, "
                + "expected at most " + max + " (" + what + ")");
    }
}
