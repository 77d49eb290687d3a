package io.switchyard.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --propagate-health-check-status}: on the command line, in a configuration file, in the environment. */
final class MainHealthPropagationOptionTest {
    @TempDir
    Path dir;

    private static boolean propagates(List<String> options, Map<String, String> env) {
        List<String> args = new ArrayList<>(List.of("--manifests", "/tmp/none"));
        args.addAll(options);
        return Main.runSettings(Main.withConfiguration(args, env)).settings().propagateHealth();
    }

    private Path config(String yaml) throws IOException {
        return Files.writeString(dir.resolve("switchyard.yaml"), yaml);
    }

    @Test
    void default_isOff_asInTraefik() {
        assertFalse(propagates(List.of(), Map.of()));
    }

    @Test
    void flag_switchesItOn() {
        assertTrue(propagates(List.of("--propagate-health-check-status"), Map.of()));
    }

    @Test
    void configurationFile_true_switchesItOn_false_leavesItOff() throws IOException {
        assertTrue(propagates(List.of("--config", config("propagate-health-check-status: true\n").toString()),
                Map.of()));
        assertFalse(propagates(List.of("--config", config("propagate-health-check-status: false\n").toString()),
                Map.of()));
    }

    @Test
    void environment_true_switchesItOn_false_leavesItOff() {
        assertTrue(propagates(List.of(), Map.of("SWITCHYARD_PROPAGATE_HEALTH_CHECK_STATUS", "true")));
        assertFalse(propagates(List.of(), Map.of("SWITCHYARD_PROPAGATE_HEALTH_CHECK_STATUS", "false")));
    }

    @Test
    void configurationFileFromTheEnvironment_switchesItOn() throws IOException {
        Path file = config("propagate-health-check-status: true\n");
        assertTrue(propagates(List.of(), Map.of("SWITCHYARD_CONFIG", file.toString())));
    }
}
