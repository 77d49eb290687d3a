package io.switchyard.ports.discovery;

import java.util.Map;

/**
 * Creates a {@link ClusterSource} by name. Implementations are found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.switchyard.ports.discovery.ClusterSourceProvider})
 * and chosen with {@code run --source NAME}.
 */
public interface ClusterSourceProvider {
    /** The name users select this source by, e.g. {@code manifests} or {@code kubernetes}. */
    String name();

    /**
     * Creates a source from its options (command-line {@code --source-option key=value} pairs and the
     * configuration file's section for this source).
     *
     * @throws IllegalArgumentException when an option is missing or invalid; the message says which
     */
    ClusterSource create(Map<String, String> options);
}
