package io.switchyard.domain.balance;

import java.util.List;
import java.util.Arrays;

/**
 * HTTP status ranges of a failover service's {@code errors.status} (balancing.md §2.10), parsed
 * like Traefik's {@code types.NewHTTPCodeRanges}.
 */
public final class StatusRanges {

    private static final StatusRanges NONE = new StatusRanges(new long[0]);

    /** Inclusive bounds, low and high alternating. */
    private final long[] bounds;

    private StatusRanges(long[] bounds) {
        this.bounds = bounds;
    }

    /** No range at all: {@link #contains} is always false. */
    public static StatusRanges none() {
        return NONE;
    }

    /**
     * Parses entries such as {@code "500-599"} or {@code "429"}. Only the first two
     * {@code -}-separated parts are used ({@code "500-599-700"} is {@code 500-599}); a single code
     * is the range of that code alone. A low bound above the high bound is accepted and matches
     * nothing, as in Traefik.
     *
     * @throws IllegalArgumentException when a used part is not a decimal integer (optional sign,
     *                                  ASCII digits, nothing else), e.g. {@code "5xx"},
     *                                  {@code " 500"}, {@code "-500"}
     */
    public static StatusRanges parse(List<String> entries) {
        List<String> list = List.copyOf(entries);
        if (list.isEmpty()) {
            return NONE;
        }
        long[] bounds = new long[2 * list.size()];
        int n = 0;
        for (String entry : list) {
            String[] parts = entry.split("-", -1);
            long low = integer(entry, parts[0]);
            long high = parts.length == 1 ? low : integer(entry, parts[1]);
            bounds[n++] = low;
            bounds[n++] = high;
        }
        return new StatusRanges(bounds);
    }

    /** Whether {@code status} lies in any range. */
    public boolean contains(int status) {
        for (int i = 0; i < bounds.length; i += 2) {
            if (status >= bounds[i] && status <= bounds[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** Whether there is no range at all. */
    public boolean isEmpty() {
        return bounds.length == 0;
    }

    /** Go's {@code strconv.Atoi}: optional sign, then one or more ASCII digits, within 64 bits. */
    private static long integer(String entry, String part) {
        int start = !part.isEmpty() && (part.charAt(0) == '+' || part.charAt(0) == '-') ? 1 : 0;
        boolean digits = part.length() > start;
        for (int i = start; i < part.length() && digits; i++) {
            char c = part.charAt(i);
            digits = c >= '0' && c <= '9';
        }
        if (digits) {
            try {
                return Long.parseLong(part);
            } catch (NumberFormatException outOfRange) {
                // falls through to the error below
            }
        }
        throw new IllegalArgumentException("errors.status: \"" + entry
                + "\" (expected: a status code such as 429 or a range such as 500-599; \""
                + part + "\" is not an integer)");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StatusRanges that && Arrays.equals(bounds, that.bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("StatusRanges[");
        for (int i = 0; i < bounds.length; i += 2) {
            text.append(i == 0 ? "" : ", ").append(bounds[i]).append('-').append(bounds[i + 1]);
        }
        return text.append(']').toString();
    }
}
