package io.switchyard.adapters.k8s.manifest;

import io.switchyard.domain.config.GoDuration;
import io.switchyard.ports.discovery.ClusterSource;
import io.switchyard.ports.discovery.ClusterSourceProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The {@code manifests} discovery source: a folder of YAML manifests. Options: {@code dir} (required,
 * the folder), {@code poll-interval} (optional, a Go duration such as {@code 500ms}; default 1s).
 */
public final class ManifestSourceProvider implements ClusterSourceProvider {
    private static final Set<String> OPTIONS = Set.of("dir", "poll-interval");

    /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
    public ManifestSourceProvider() {
    }

    @Override
    public String name() {
        return "manifests";
    }

    @Override
    public ClusterSource create(Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!OPTIONS.contains(key)) {
                throw new IllegalArgumentException("manifests: unknown option " + key + " (expected: dir, poll-interval)");
            }
        }
        String dir = options.get("dir");
        if (dir == null || dir.isBlank()) {
            throw new IllegalArgumentException("manifests: option dir is required (the folder of YAML manifests)");
        }
        Path path = Path.of(dir);
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("manifests: dir " + dir + " is not a folder");
        }
        Duration interval = ManifestDirectorySource.DEFAULT_POLL_INTERVAL;
        String poll = options.get("poll-interval");
        if (poll != null) {
            try {
                interval = GoDuration.parse(poll);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("manifests: poll-interval " + poll + ": " + e.getMessage());
            }
            if (!interval.isPositive()) {
                throw new IllegalArgumentException("manifests: poll-interval " + poll + " (expected: > 0)");
            }
        }
        return new ManifestDirectorySource(path, interval);
    }
}
