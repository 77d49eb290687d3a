package io.switchyard.domain.config;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Go's duration syntax, as Traefik reads and prints durations (spec: translation.md §1.9.3).
 *
 * <p>{@link #parse} is paerser's {@code Duration.Set}: a whole base-10 integer means seconds,
 * anything else is Go's {@code time.ParseDuration} ({@code 100ms}, {@code 1.5s}, {@code 1m30s},
 * {@code -1s}; units {@code ns us µs ms s m h}). {@link #format} is Go's {@code Duration.String}
 * ({@code 0s}, {@code 100ms}, {@code 1m30s}, {@code 1h0m0s}).
 */
public final class GoDuration {
    private static final Map<String, Long> UNITS = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L,
            "\u03bcs", 1_000L,
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /**
     * Parses a duration the way Traefik's configuration does.
     *
     * @throws IllegalArgumentException with Go's wording, e.g. {@code time: missing unit in duration "1.5"}
     */
    public static Duration parse(String text) {
        Objects.requireNonNull(text, "text");
        if (isInteger(text)) {
            try {
                return Duration.ofSeconds(Long.parseLong(text));
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
            }
        }
        return Duration.ofNanos(parseGo(text));
    }

    private static boolean isInteger(String s) {
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            i = 1;
        }
        if (i >= s.length()) {
            return false;
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static long parseGo(String orig) {
        String s = orig;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return 0;
        }
        if (s.isEmpty()) {
            throw invalid(orig);
        }
        // Go accumulates in uint64 and allows exactly 1<<63 for negative values.
        java.math.BigInteger limit = java.math.BigInteger.ONE.shiftLeft(63);
        java.math.BigInteger total = java.math.BigInteger.ZERO;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (!(c == '.' || (c >= '0' && c <= '9'))) {
                throw invalid(orig);
            }
            int start = i;
            java.math.BigInteger v = java.math.BigInteger.ZERO;
            while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) {
                v = v.multiply(java.math.BigInteger.TEN).add(java.math.BigInteger.valueOf(s.charAt(i) - '0'));
                if (v.compareTo(limit) > 0) {
                    throw invalid(orig);
                }
                i++;
            }
            boolean pre = i != start;
            boolean post = false;
            long f = 0;
            double scale = 1;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                int fracStart = i;
                boolean overflow = false;
                while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    if (!overflow) {
                        if (f > (Long.MAX_VALUE - 9) / 10) {
                            overflow = true;
                        } else {
                            f = f * 10 + (s.charAt(i) - '0');
                            scale *= 10;
                        }
                    }
                    i++;
                }
                post = i != fracStart;
            }
            if (!pre && !post) {
                throw invalid(orig);
            }
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !(s.charAt(i) >= '0' && s.charAt(i) <= '9')) {
                i++;
            }
            if (unitStart == i) {
                throw new IllegalArgumentException("time: missing unit in duration \"" + orig + "\"");
            }
            String u = s.substring(unitStart, i);
            Long unit = UNITS.get(u);
            if (unit == null) {
                throw new IllegalArgumentException("time: unknown unit \"" + u + "\" in duration \"" + orig + "\"");
            }
            java.math.BigInteger bu = java.math.BigInteger.valueOf(unit);
            v = v.multiply(bu);
            if (v.compareTo(limit) > 0) {
                throw invalid(orig);
            }
            if (f > 0) {
                v = v.add(java.math.BigInteger.valueOf((long) (f * (unit / scale))));
                if (v.compareTo(limit) > 0) {
                    throw invalid(orig);
                }
            }
            total = total.add(v);
            if (total.compareTo(limit) > 0) {
                throw invalid(orig);
            }
        }
        if (neg) {
            return total.negate().longValue();
        }
        if (total.compareTo(limit) >= 0) {
            throw invalid(orig);
        }
        return total.longValue();
    }

    private static IllegalArgumentException invalid(String orig) {
        return new IllegalArgumentException("time: invalid duration \"" + orig + "\"");
    }

    /** Prints a duration as Go's {@code Duration.String} does. */
    public static String format(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        long d;
        try {
            d = duration.toNanos();
        } catch (ArithmeticException e) {
            d = duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        if (d == 0) {
            return "0s";
        }
        boolean neg = d < 0;
        // unsigned magnitude; Long.MIN_VALUE stays as its unsigned value
        long u = neg ? -d : d;
        StringBuilder out = new StringBuilder();
        if (Long.compareUnsigned(u, 1_000_000_000L) < 0) {
            int prec;
            String unit;
            if (u < 1_000L) {
                prec = 0;
                unit = "ns";
            } else if (u < 1_000_000L) {
                prec = 3;
                unit = "\u00b5s";
            } else {
                prec = 6;
                unit = "ms";
            }
            out.insert(0, unit);
            u = fraction(out, u, prec);
            out.insert(0, Long.toUnsignedString(u));
        } else {
            out.insert(0, 's');
            u = fraction(out, u, 9);
            out.insert(0, Long.toUnsignedString(Long.remainderUnsigned(u, 60)));
            u = Long.divideUnsigned(u, 60);
            if (u > 0) {
                out.insert(0, 'm');
                out.insert(0, u % 60);
                u /= 60;
                if (u > 0) {
                    out.insert(0, 'h');
                    out.insert(0, u);
                }
            }
        }
        if (neg) {
            out.insert(0, '-');
        }
        return out.toString();
    }

    /** Go's fmtFrac: prepends ".ddd" without trailing zeros (if any digit is non-zero); returns v / 10^prec. */
    private static long fraction(StringBuilder out, long v, int prec) {
        StringBuilder digits = new StringBuilder();
        boolean print = false;
        for (int i = 0; i < prec; i++) {
            long digit = Long.remainderUnsigned(v, 10);
            print = print || digit != 0;
            if (print) {
                digits.insert(0, (char) ('0' + digit));
            }
            v = Long.divideUnsigned(v, 10);
        }
        if (print) {
            out.insert(0, "." + digits);
        }
        return v;
    }
}
