package io.switchyard.domain.rule;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Router priorities (rules.md §5.6). */
public final class Priorities {
    /**
     * The largest priority a user router may have: {@code 2^63 - 1 - 1000}. Traefik disables user
     * routers above it and keeps the range above for its internal routers.
     */
    public static final long MAX_USER_PRIORITY = Long.MAX_VALUE - 1000;

    private Priorities() {
    }

    /**
     * The effective priority of a router: {@code configured} when non-zero, otherwise the length of
     * {@code rule} in UTF-8 bytes (not in UTF-16 units: {@code Path(`/café`)} is 14).
     */
    public static long of(String rule, long configured) {
        Objects.requireNonNull(rule, "rule");
        return configured != 0 ? configured : rule.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Whether a user router may have {@code priority} (it may not exceed {@link #MAX_USER_PRIORITY}). */
    public static boolean allowedForUserRouter(long priority) {
        return priority <= MAX_USER_PRIORITY;
    }
}
