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
     * IPv6 brackets removed, trimmed and lower-cased; empty when the request has none. Computed
     * by {@link RequestPaths#canonicalHost}.
     */
    String host();

    /**
     * The routing path (rules.md §5.5): unreserved escapes decoded, reserved ones kept. Computed
     * as {@code RequestPaths.routingPath(RequestPaths.normalize(rawPath, sanitizePath))}.
     */
    String path();

    /**
     * All value lines of a header, name case-insensitive; empty when absent. Pseudo-headers are
     * not headers; {@code Host} is never asked for.
     */
    List<String> header(String name);

    /**
     * The raw query string without {@code ?}; empty when there is none. As after the entry
     * point's query-semicolon step (proxy.md §4.1 step 5): with {@code encodeQuerySemicolons}
     * every {@code ;} is already {@code %3B}; otherwise {@code ;} separates pairs like {@code &}.
     */
    String rawQuery();

    /** The TCP peer IP address as text, without port or zone. */
    String clientIp();
}
