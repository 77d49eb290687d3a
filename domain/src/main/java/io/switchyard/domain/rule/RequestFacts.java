package io.switchyard.domain.rule;

import java.util.List;

/**
 * What a rule can look at in one request. Implemented by the data plane over its native request
 * object without copying; every value is computed as rules.md prescribes.
 */
public interface RequestFacts {
    /** The request method as received (case-sensitive). */
    String method();

    /**
     * The canonical host (rules.md §5.3): from {@code Host} / {@code :authority}, port removed,
     * IPv6 brackets removed, trimmed and lower-cased; empty when the request has none.
     */
    String host();

    /** The routing path (rules.md §5.5): unreserved escapes decoded, reserved ones kept. */
    String path();

    /** All value lines of a header, name case-insensitive; empty when absent. */
    List<String> header(String name);

    /** The raw query string without {@code ?}; empty when there is none. */
    String rawQuery();

    /** The TCP peer IP address as text, without port or zone. */
    String clientIp();
}
