package io.switchyard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
}
