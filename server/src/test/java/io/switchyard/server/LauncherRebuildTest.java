package io.switchyard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/switchyard builds when a source is newer than the server jar. Maven leaves that jar as it
 * was when only a library module changed, so the launcher must mark it as built itself: else
 * every launch after such a change builds again (and start-up pays a Maven run each time). Run on
 * a copy of the launcher with a stand-in {@code mvn} that, like Maven here, leaves the jar alone.
 */
class LauncherRebuildTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void aBuildThatLeftTheJarAsItWas_isNotRepeatedByTheNextLaunch(@TempDir Path home) throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        for (String script : List.of("switchyard", "find-jdk")) {
            Files.copy(ROOT.resolve("bin").resolve(script), bin.resolve(script), StandardCopyOption.COPY_ATTRIBUTES);
        }
        Path jar = Files.createDirectories(home.resolve("server/target")).resolve("switchyard.jar");
        Files.writeString(jar, "not a jar: the launch after the build check fails, which is fine here");
        Instant built = Instant.now().minusSeconds(60);
        Files.setLastModifiedTime(jar, FileTime.from(built));
        Path source = Files.createDirectories(home.resolve("domain/src/main/java")).resolve("Changed.java");
        Files.writeString(source, "class Changed {}");
        Files.setLastModifiedTime(source, FileTime.from(built.plusSeconds(30)));
        Path fakeBin = Files.createDirectories(home.resolve("fake-bin"));
        Path mvn = fakeBin.resolve("mvn");
        Path builds = home.resolve("builds.log");
        Files.writeString(mvn, "#!/bin/sh\necho \"$*\" >> '" + builds + "'\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));

        launch(home, fakeBin);
        launch(home, fakeBin);

        assertTrue(Files.exists(builds), "the first launch builds: a source is newer than the jar");
        assertEquals(1, Files.readAllLines(builds).size(), "builds: " + Files.readAllLines(builds));
    }

    private static void launch(Path home, Path fakeBin) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", home.resolve("bin/switchyard").toString(), "version")
                .redirectErrorStream(true).redirectOutput(home.resolve("launch.log").toFile());
        pb.environment().put("PATH", fakeBin + ":" + System.getenv("PATH"));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher finished");
    }
}
