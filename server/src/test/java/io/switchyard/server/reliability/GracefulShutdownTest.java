package io.switchyard.server.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.server.TestManifests;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the real launcher in a process of its own ({@code Process.destroy()} sends SIGTERM),
 * as Kubernetes stops a pod: like Traefik with {@code lifeCycle.graceTimeOut}, no new connections
 * are accepted, idle keep-alive connections are closed at once, in-flight requests finish within
 * the grace period (and are cut when it is over), and the process exits with status 0.
 */
final class GracefulShutdownTest {
    @TempDir
    static Path dir;

    private static TestBackend backend;
    /** Both launchers start together: JVM start-up is most of this test's time. */
    private static CompletableFuture<Launcher> patient;
    private static CompletableFuture<Launcher> hasty;

    @BeforeAll
    static void start() throws Exception {
        backend = TestBackend.start("slow");
        Files.createDirectories(dir.resolve("manifests"));
        Files.writeString(dir.resolve("manifests/app.yaml"), TestManifests.ingressRoute("app", "app.test", "app")
                + TestManifests.service("app", "web", backend.host() + ":" + backend.port()));
        patient = CompletableFuture.supplyAsync(() -> Launcher.startUnchecked("10s"));
        hasty = CompletableFuture.supplyAsync(() -> Launcher.startUnchecked("500ms"));
    }

    @AfterAll
    static void stop() throws IOException {
        for (CompletableFuture<Launcher> l : List.of(patient, hasty)) {
            l.thenAccept(launcher -> launcher.process().destroyForcibly());
        }
        backend.close();
    }

    /** A running launcher: {@code switchyard run --manifests … --grace-period …} in a JVM of its own. */
    private record Launcher(Process process, int port, Path log) {
        static Launcher startUnchecked(String gracePeriod) {
            try {
                return start(gracePeriod);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        static Launcher start(String gracePeriod) throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                    "-Xmx128m", "-cp", classPath));
            String logging = System.getProperty("java.util.logging.config.file");
            if (logging != null) {
                command.add("-Djava.util.logging.config.file=" + logging);
            }
            command.addAll(List.of("io.switchyard.server.Main", "run", "--manifests",
                    dir.resolve("manifests").toString(), "--entrypoint", "web=127.0.0.1:" + port,
                    "--grace-period", gracePeriod, "--no-admin"));
            Path log = Files.createTempFile(dir, "launcher", ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Launcher launcher = new Launcher(p, port, log);
            launcher.awaitServing();
            return launcher;
        }

        private void awaitServing() throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError("launcher exited with " + process.exitValue() + ":\n" + output());
                }
                try (Wire w = Wire.open(port)) {
                    w.send("GET / HTTP/1.1\r\nHost: app.test\r\nConnection: close\r\n\r\n");
                    if (w.read(Duration.ofSeconds(2), Duration.ofSeconds(5)).statuses().equals(List.of(200))) {
                        return;
                    }
                } catch (ConnectException notYet) {
                    // still starting
                }
                Thread.sleep(100);
            }
            throw new AssertionError("launcher not serving within 60 s:\n" + output());
        }

        String output() throws IOException {
            return Files.readString(log);
        }

        /** SIGTERM; returns the exit status. */
        int terminate(Duration within) throws Exception {
            process.destroy();
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("still running " + within + " after SIGTERM:\n" + output());
            }
            return process.exitValue();
        }
    }

    private static boolean refused(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void sigterm_inFlightRequestCompletes_idleConnectionClosed_newConnectionsRefused_exit0() throws Exception {
        Launcher launcher = patient.get(90, TimeUnit.SECONDS);
        try (Wire idle = Wire.open(launcher.port()); Wire slow = Wire.open(launcher.port())) {
            idle.send("GET /warm HTTP/1.1\r\nHost: app.test\r\n\r\n");
            assertEquals(List.of(200), idle.read(Duration.ofMillis(500), Duration.ofSeconds(5)).statuses());
            int before = backend.seen().size();
            slow.send("GET /slow/2000 HTTP/1.1\r\nHost: app.test\r\n\r\n");
            CompletableFuture<Wire.Result> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return slow.read(Duration.ofSeconds(8), Duration.ofSeconds(8));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            long waitFor = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (backend.inFlight() == 0 && System.nanoTime() < waitFor) {
                Thread.sleep(5);
            }
            assertEquals(1, backend.inFlight(), "the slow request reached the backend");

            long signalled = System.nanoTime();
            launcher.process().destroy();
            assertTrue(idle.closedWithin(Duration.ofSeconds(1)), "idle keep-alive connection closed at once");
            long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (!refused(launcher.port()) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(refused(launcher.port()), "new connections refused while draining");

            Wire.Result r = answer.get(10, TimeUnit.SECONDS);
            assertEquals(List.of(200), r.statuses(), r.text());
            assertTrue(r.text().endsWith("\r\n\r\nslow\n"), r.text());
            assertTrue(launcher.process().waitFor(10, TimeUnit.SECONDS), launcher.output());
            long exitedAfter = (System.nanoTime() - signalled) / 1_000_000;
            assertEquals(0, launcher.process().exitValue(), launcher.output());
            assertTrue(exitedAfter >= 1500, "waited for the in-flight request: exited after " + exitedAfter + " ms");
            assertEquals(before + 1, backend.seen().size());
        } finally {
            launcher.process().destroyForcibly();
        }
    }

    @Test
    void sigterm_gracePeriodOver_inFlightRequestCut_exit0() throws Exception {
        Launcher launcher = hasty.get(90, TimeUnit.SECONDS);
        backend.hold();
        try (Wire held = Wire.open(launcher.port())) {
            held.send("GET /hold HTTP/1.1\r\nHost: app.test\r\n\r\n");
            long waitFor = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (backend.inFlight() == 0 && System.nanoTime() < waitFor) {
                Thread.sleep(5);
            }
            assertEquals(1, backend.inFlight(), "the held request reached the backend");
            long signalled = System.nanoTime();
            int status = launcher.terminate(Duration.ofSeconds(10));
            long exitedAfter = (System.nanoTime() - signalled) / 1_000_000;
            assertEquals(0, status, launcher.output());
            assertTrue(exitedAfter < 5000, "gave up on the request after the grace period: " + exitedAfter + " ms");
            Wire.Result r = held.read(Duration.ofSeconds(2), Duration.ofSeconds(2));
            assertTrue(r.closed(), "the cut request's connection is closed");
            assertFalse(r.statuses().contains(200), r.text());
        } finally {
            backend.release();
            launcher.process().destroyForcibly();
        }
    }
}
