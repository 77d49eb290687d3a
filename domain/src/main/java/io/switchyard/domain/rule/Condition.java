package io.switchyard.domain.rule;

import io.switchyard.domain.http.HttpTokens;
import io.switchyard.domain.http.IpRanges;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One v3 matcher with its arguments validated and prepared at parse time (rules.md §5.4). Tests
 * compile nothing and allocate only where a regex needs a decoded query value.
 */
sealed interface Condition {

    boolean test(RequestFacts request);

    /** How the route index may narrow the requests this matcher can accept (see {@link IndexHint}). */
    default List<IndexHint> hints() {
        return IndexHint.ANYWHERE;
    }

    /** {@code Host(expr)}; {@code expr} is lower-cased ASCII; {@code *} matches every request [3.7.7+]. */
    record Host(String expr) implements Condition {
        @Override
        public boolean test(RequestFacts request) {
            if (expr.equals("*")) {
                return true;
            }
            String host = request.host();
            return !host.isEmpty() && HostNames.matches(host, expr);
        }

        @Override
        public List<IndexHint> hints() {
            if (expr.equals("*")) {
                return IndexHint.ANYWHERE;
            }
            boolean trailingDot = expr.endsWith(".");
            if (expr.startsWith("*")) {
                // the request's first label is replaced by '*': what follows it must equal expr[1:]
                return trailingDot
                        ? List.of(IndexHint.hostSuffix(expr.substring(1)), IndexHint.hostSuffix(expr.substring(1, expr.length() - 1)))
                        : List.of(IndexHint.hostSuffix(expr.substring(1)));
            }
            return trailingDot
                    ? List.of(IndexHint.exactHost(expr), IndexHint.exactHost(expr.substring(0, expr.length() - 1)))
                    : List.of(IndexHint.exactHost(expr));
        }

        @Override
        public String toString() {
            return "Host(`" + expr + "`)";
        }
    }

    /**
     * {@code HostRegexp(re)}: an unanchored search in the canonical host, or in the CNAME-flattened
     * host, which is the empty string since flattening is not supported — so a regex that matches
     * the empty string matches every request, as in Traefik (rules.md §5.4 [QUIRK]).
     */
    record HostRegexp(Re2Regex regex) implements Condition {
        @Override
        public boolean test(RequestFacts request) {
            return regex.matchesEmpty() || regex.find(request.host());
        }

        @Override
        public List<IndexHint> hints() {
            return regex.matchesEmpty() ? IndexHint.ANYWHERE : regex.hostHints();
        }

        @Override
        public String toString() {
            return "HostRegexp(`" + regex + "`)";
        }
    }

    /** {@code Path(p)}: exact, case-sensitive equality with the routing path. */
    record Path(String path) implements Condition {
        @Override
        public boolean test(RequestFacts request) {
            return request.path().equals(path);
        }

        @Override
        public List<IndexHint> hints() {
            return List.of(IndexHint.pathPrefix(path));
        }

        @Override
        public String toString() {
            return "Path(`" + path + "`)";
        }
    }

    /** {@code PathPrefix(p)}: plain string prefix of the routing path (not segment-aware). */
    record PathPrefix(String prefix) implements Condition {
        @Override
        public boolean test(RequestFacts request) {
            return request.path().startsWith(prefix);
        }

        @Override
        public List<IndexHint> hints() {
            return List.of(IndexHint.pathPrefix(prefix));
        }

        @Override
        public String toString() {
            return "PathPrefix(`" + prefix + "`)";
        }
    }

    /** {@code PathRegexp(re)}: unanchored search in the routing path. */
    record PathRegexp(Re2Regex regex) implements Condition {
        @Override
        public boolean test(RequestFacts request) {
            return regex.find(request.path());
        }

        @Override
        public List<IndexHint> hints() {
            String prefix = regex.anchoredPrefix();
            return prefix.isEmpty() ? IndexHint.ANYWHERE : List.of(IndexHint.pathPrefix(prefix));
        }

        @Override
        public String toString() {
            return "PathRegexp(`" + regex + "`)";
        }
    }

    /** {@code Method(m)}: {@code m} upper-cased at parse time, compared exactly. */
    record Method(String method) implements Condition {
        @Override
        public boolean test(RequestFacts request) {
            return request.method().equals(method);
        }

        @Override
        public String toString() {
            return "Method(`" + method + "`)";
        }
    }

    /**
     * {@code Header(name, value)}: any value line equals {@code value} exactly, byte for byte as in
     * Go: value lines are octet strings ({@link io.switchyard.domain.http.HttpFields}), so the
     * rule's value is compared as its UTF-8 octets. {@code visible} is false for names Go never
     * exposes as a header ({@code Host}, and names that are not HTTP tokens), which then never match.
     */
    record Header(String name, String value, boolean visible) implements Condition {
        @Override
        public boolean test(RequestFacts request) {
            if (!visible) {
                return false;
            }
            String octets = HttpTokens.octets(value);
            for (String line : request.header(name)) {
                if (line.equals(octets)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return "Header(`" + name + "`, `" + value + "`)";
        }
    }

    /**
     * {@code HeaderRegexp(name, re)}: any value line has a match; visibility as for {@link Header}.
     * Go's regexp reads a string as UTF-8, so a line with obs-text is matched as the text its octets
     * spell in UTF-8.
     */
    record HeaderRegexp(String name, Re2Regex regex, boolean visible) implements Condition {
        @Override
        public boolean test(RequestFacts request) {
            if (!visible) {
                return false;
            }
            for (String line : request.header(name)) {
                if (regex.find(HttpTokens.text(line))) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String toString() {
            return "HeaderRegexp(`" + name + "`, `" + regex + "`)";
        }
    }

    /**
     * {@code Query(key[, value])} and one-argument {@code QueryRegexp}: {@code key} present with a
     * value equal to {@code value} ({@code ""} when omitted). Both are kept as the UTF-8 bytes of
     * the Go string, compared byte-wise as Go does.
     */
    record Query(String key, String value, byte[] keyBytes, byte[] valueBytes) implements Condition {
        Query(String key, String value) {
            this(key, value, key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public boolean test(RequestFacts request) {
            return QueryMatch.anyValueEquals(request.rawQuery(), keyBytes, valueBytes);
        }

        @Override
        public String toString() {
            return "Query(`" + key + "`, `" + value + "`)";
        }
    }

    /** Two-argument {@code QueryRegexp(key, re)}: any value of {@code key} has a match. */
    record QueryRegexp(String key, byte[] keyBytes, Re2Regex regex) implements Condition {
        QueryRegexp(String key, Re2Regex regex) {
            this(key, key.getBytes(StandardCharsets.UTF_8), regex);
        }

        @Override
        public boolean test(RequestFacts request) {
            return QueryMatch.anyValueMatches(request.rawQuery(), keyBytes, regex);
        }

        @Override
        public String toString() {
            return "QueryRegexp(`" + key + "`, `" + regex + "`)";
        }
    }

    /** {@code ClientIP(ip-or-cidr)}: the TCP peer address, never {@code X-Forwarded-For}. */
    record ClientIp(String text, IpRanges range) implements Condition {
        @Override
        public boolean test(RequestFacts request) {
            return range.contains(request.clientIp());
        }

        @Override
        public String toString() {
            return "ClientIP(`" + text + "`)";
        }
    }
}
