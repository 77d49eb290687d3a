package io.switchyard.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ConfigArgumentsTest {
    private static final Set<String> VALUED = Set.of("entrypoint", "source", "source-option", "grace-period");

    @TempDir
    Path dir;

    @Test
    void fromFile_mapsNamesToOptions() throws Exception {
        Path file = dir.resolve("switchyard.yaml");
        Files.writeString(file, """
                source: kubernetes
                entrypoint: ["web=:8000", "websecure=:8443"]
                allow-cross-namespace: true
                allow-empty-services: false
                namespaces: default,shop
                grace-period: 30s
                """);
        assertEquals(List.of("--source", "kubernetes", "--entrypoint", "web=:8000", "--entrypoint", "websecure=:8443",
                "--allow-cross-namespace", "--namespaces=default,shop", "--grace-period", "30s"),
                ConfigArguments.fromFile(file, VALUED));
    }

    @Test
    void fromFile_malformedYaml_namesFileAndLine() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "source: kubernetes\nentrypoint: [web=:8000\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigArguments.fromFile(file, VALUED));
        assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
    }

    @Test
    void fromFile_nestedMap_isRejectedWithTheOptionName() throws Exception {
        Path file = dir.resolve("nested.yaml");
        Files.writeString(file, "entrypoint:\n  web: :8000\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfigArguments.fromFile(file, VALUED));
        assertTrue(e.getMessage().contains("entrypoint"), e.getMessage());
    }

    @Test
    void fromEnvironment_readsPrefixedVariablesOnly() {
        Map<String, String> env = Map.of(
                "SWITCHYARD_ENTRYPOINT", "web=:8000 admin2=:9000",
                "SWITCHYARD_ALLOW_EXTERNAL_NAME_SERVICES", "true",
                "SWITCHYARD_INGRESS_CLASS", "internal",
                "SWITCHYARD_JAVA_OPTS", "-Xmx1g",
                "HOME", "/root");
        assertEquals(List.of("--allow-external-name-services", "--entrypoint", "web=:8000", "--entrypoint",
                "admin2=:9000", "--ingress-class=internal"), ConfigArguments.fromEnvironment(env, VALUED));
    }
}
