package io.switchyard.domain.config;

import java.util.Locale;
import java.util.Optional;

/** Load-balancing strategy of a servers load balancer (spec: balancing.md §2.2). */
public enum Strategy {
    /** Weighted round robin, earliest deadline first. The default. */
    WRR("wrr"),
    /** Power of two random choices by in-flight requests. */
    P2C("p2c"),
    /** Highest random weight (rendezvous hashing) on the client IP. */
    HRW("hrw"),
    /** Least time to first byte, weighted by in-flight requests. */
    LEASTTIME("leasttime");

    private final String key;

    Strategy(String key) {
        this.key = key;
    }

    /** The configuration spelling, e.g. {@code wrr}. */
    public String key() {
        return key;
    }

    /**
     * Parses a configuration value exactly as Traefik does: the four lower-case keys; anything else
     * is unknown. The deprecated alias {@code RoundRobin} is handled by translation.
     */
    public static Optional<Strategy> parse(String value) {
        for (Strategy s : values()) {
            if (s.key.equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return key.toLowerCase(Locale.ROOT);
    }
}
