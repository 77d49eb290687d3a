package io.switchyard.ports.health;

import java.util.Objects;

/**
 * The outcome of one probe.
 *
 * @param healthy whether the server passed
 * @param reason  what was observed, for the log (e.g. {@code status 503}, {@code connection refused})
 */
public record ProbeResult(boolean healthy, String reason) {
    public ProbeResult {
        Objects.requireNonNull(reason, "reason");
    }

    /** A passed probe. */
    public static ProbeResult healthy(String reason) {
        return new ProbeResult(true, reason);
    }

    /** A failed probe. */
    public static ProbeResult unhealthy(String reason) {
        return new ProbeResult(false, reason);
    }
}
