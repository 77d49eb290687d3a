package io.switchyard.server.http;

import java.util.Optional;

/**
 * A request target in absolute form ({@code GET http://example.com/a HTTP/1.1}), which Helidon
 * hands over as if it were the path. RFC 9112 §3.2.2: the target's authority replaces the
 * {@code Host} field, as Go's server does; routing and forwarding then use the authority and the
 * path of the target, so a backend never receives an absolute URI (and never picks another
 * virtual host than the one we routed by).
 *
 * @param authority the target's {@code host[:port]}
 * @param path      the target's path (and query, when the target carries it), {@code /} when it has no path
 */
record AbsoluteForm(String authority, String path) {

    /** The parts of {@code rawPath} when it is an {@code http} or {@code https} absolute URI without userinfo. */
    static Optional<AbsoluteForm> parse(String rawPath) {
        if (rawPath.isEmpty() || rawPath.charAt(0) == '/') {
            return Optional.empty();
        }
        int sep = rawPath.indexOf("://");
        if (sep <= 0) {
            return Optional.empty();
        }
        String scheme = rawPath.substring(0, sep);
        if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
            return Optional.empty();
        }
        int start = sep + 3;
        int end = start; // the authority ends at the path or, when there is none, at the query
        while (end < rawPath.length() && rawPath.charAt(end) != '/' && rawPath.charAt(end) != '?') {
            end++;
        }
        String authority = rawPath.substring(start, end);
        // userinfo in a request target is an error (RFC 9110 §4.2.4): left as is, the target is refused
        if (authority.isEmpty() || authority.indexOf('@') >= 0) {
            return Optional.empty();
        }
        String path = end == rawPath.length() ? "/" : rawPath.charAt(end) == '/' ? rawPath.substring(end)
                : "/" + rawPath.substring(end);
        return Optional.of(new AbsoluteForm(authority, path));
    }
}
