package io.switchyard.domain.translate;

import io.switchyard.domain.config.DynamicConfig;

import java.util.List;
import java.util.Objects;

/**
 * The result of one translation: the configuration, and what was dropped or doubtful on the way.
 *
 * @param config      the HTTP dynamic configuration (provider keys, no {@code @kubernetescrd} suffix)
 * @param diagnostics errors and warnings, in the order they arose
 */
public record Translation(DynamicConfig config, List<Diagnostic> diagnostics) {
    public Translation {
        Objects.requireNonNull(config, "config");
        diagnostics = List.copyOf(diagnostics);
    }

    /** Only the errors. */
    public List<Diagnostic> errors() {
        return diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
    }
}
