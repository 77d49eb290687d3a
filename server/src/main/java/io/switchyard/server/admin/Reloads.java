package io.switchyard.server.admin;

import io.switchyard.domain.translate.Diagnostic;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the configuration reloads produced: how many there were, when the last one succeeded, and
 * what translation dropped in the last one (the runtime keeps its own diagnostics). Written by the
 * composition root after each apply, read by the API and the metrics. Thread-safe.
 */
public final class Reloads {
    private final InstantSource clock;
    private final AtomicLong count = new AtomicLong();
    private volatile Instant lastSuccess;
    private volatile List<Diagnostic> translation = List.of();

    /** Reloads timed with {@code clock}. */
    public Reloads(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Records one applied configuration and what its translation reported. */
    public void applied(List<Diagnostic> translationDiagnostics) {
        translation = List.copyOf(translationDiagnostics);
        lastSuccess = clock.instant();
        count.incrementAndGet();
    }

    /** Configurations applied so far. */
    public long count() {
        return count.get();
    }

    /** When the last configuration was applied; empty before the first. */
    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    /** What translating the current configuration dropped or warned about. */
    public List<Diagnostic> translationDiagnostics() {
        return translation;
    }
}
