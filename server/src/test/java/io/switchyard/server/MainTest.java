package io.switchyard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.server.http.EntryPointBinding;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class MainTest {
    @TempDir
    Path dir;

    @Test
    void run_fileThenEnvironmentThenCommandLine_laterWins() throws Exception {
        Path file = dir.resolve("switchyard.yaml");
        Files.writeString(file, """
                manifests: /from/file
                entrypoint: ["web=:8000", "other=:9000"]
                ingress-class: from-file
                """);
        List<String> args = Main.withConfiguration(List.of("--config", file.toString(), "--entrypoint", "web=:7000"),
                Map.of("SWITCHYARD_INGRESS_CLASS", "from-env", "SWITCHYARD_ALLOW_CROSS_NAMESPACE", "true"));
        Main.RunSettings run = Main.runSettings(args);

        assertEquals("manifests", run.settings().source());
        assertEquals("/from/file", run.settings().sourceOptions().get("dir"));
        assertEquals("from-env", run.settings().options().ingressClass());
        assertTrue(run.settings().options().allowCrossNamespace());
        assertEquals(2, run.settings().entryPoints().size());
        assertEquals(7000, run.settings().entryPoints().stream()
                .filter(e -> e.name().equals("web")).findFirst().orElseThrow().port());
    }

    @Test
    void run_kubernetes_passesWatchScopeToTheSource() {
        Main.RunSettings run = Main.runSettings(List.of("--kubernetes", "--kubeconfig", "/k/config",
                "--namespaces=default,shop", "--disable-cluster-scope-resources"));
        assertEquals("kubernetes", run.settings().source());
        assertEquals("/k/config", run.settings().sourceOptions().get("kubeconfig"));
        assertEquals("default,shop", run.settings().sourceOptions().get("namespaces"));
        assertEquals("true", run.settings().sourceOptions().get("disable-cluster-scope-resources"));
    }

    @Test
    void run_withoutASource_explainsWhatIsMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Main.runSettings(List.of()));
        assertTrue(e.getMessage().contains("--demo"), e.getMessage());
    }

    @Test
    void unknownCommand_exits2WithUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of("frobnicate"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: switchyard"));
    }

    @Test
    void unknownProviderOption_exits2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of("run", "--manifests", dir.toString(), "--allow-everything"),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--allow-everything"), err.toString(StandardCharsets.UTF_8));
    }

    private List<EntryPointBinding> entryPoints(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("--manifests", dir.toString()));
        all.addAll(List.of(args));
        return Main.runSettings(all).settings().entryPoints();
    }

    @Test
    void runSettings_entryPointOptions_reachTheBindings() {
        List<EntryPointBinding> eps = entryPoints("--entrypoint", "web=:8000", "--entrypoint", "websecure=127.0.0.1:8443",
                "--trusted-ips", "web=10.0.0.0/8,192.168.1.7", "--trusted-ips", "web=fd00::/8",
                "--forwarded-insecure", "websecure", "--entrypoint-tls", "websecure=/etc/tls/crt.pem,/etc/tls/key.pem");
        EntryPointBinding web = eps.get(0);
        assertEquals(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"), web.settings().trustedIPs());
        assertFalse(web.settings().insecure());
        assertEquals(Optional.empty(), web.tls());
        EntryPointBinding secure = eps.get(1);
        assertTrue(secure.settings().insecure());
        assertTrue(secure.settings().sanitizePath());
        assertEquals(Optional.of(new EntryPointBinding.Tls(Path.of("/etc/tls/crt.pem"), Path.of("/etc/tls/key.pem"))),
                secure.tls());
    }

    @Test
    void runSettings_defaultEntryPoint_canBeConfigured() {
        List<EntryPointBinding> eps = entryPoints("--trusted-ips", "web=127.0.0.1");
        assertEquals(1, eps.size());
        assertEquals(List.of("127.0.0.1"), eps.get(0).settings().trustedIPs());
    }

    @Test
    void runSettings_trustedIpsWithBlanksAfterCommas_areStripped() {
        List<EntryPointBinding> eps = entryPoints("--trusted-ips", "web=10.0.0.0/8, 192.168.1.7");
        assertEquals(List.of("10.0.0.0/8", "192.168.1.7"), eps.get(0).settings().trustedIPs());
    }

    @Test
    void runSettings_optionForUndeclaredEntryPoint_isRejected() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> entryPoints("--entrypoint", "web=:8000", "--forwarded-insecure", "websecure"));
        assertEquals("entry point 'websecure' is not declared (declared: web)", e.getMessage());
    }

    @Test
    void runSettings_malformedOptionValues_areRejected() {
        assertThrows(IllegalArgumentException.class, () -> entryPoints("--trusted-ips", "web=10.0.0.0/99"));
        assertThrows(IllegalArgumentException.class, () -> entryPoints("--trusted-ips", "10.0.0.0/8"));
        assertThrows(IllegalArgumentException.class, () -> entryPoints("--entrypoint-tls", "web=only-a-cert.pem"));
    }

    @Test
    void selftest_proxiesOneRequestThroughAThrowAwayInstance() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(List.of("selftest"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()));
        assertEquals(0, status);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("selftest: ok"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void run_portInUse_failsWithAClearMessage() throws Exception {
        Files.writeString(dir.resolve("empty.yaml"), "");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Main.run(List.of("run", "--manifests", dir.toString(), "--no-admin",
                            "--entrypoint", "web=127.0.0.1:" + taken.getLocalPort()),
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(1, status);
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot listen on web=127.0.0.1:"
                    + taken.getLocalPort()), err.toString(StandardCharsets.UTF_8));
        }
    }
}
