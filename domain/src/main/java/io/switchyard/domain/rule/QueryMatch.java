package io.switchyard.domain.rule;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The query matchers' view of a raw query (rules.md §5.4): Go's {@code url.ParseQuery} with
 * {@code ;} also separating (the default entry point rewrites {@code ;} to {@code &}, proxy.md §4.1
 * step 5), {@code +} as space, {@code %XX} decoded byte-wise; a pair with a malformed escape is
 * skipped. Keys and values are compared as bytes, decoding on the fly, so matching allocates
 * nothing unless a regex needs the decoded value.
 */
final class QueryMatch {
    private QueryMatch() {
    }

    /** Whether {@code key} occurs with a value equal to {@code value} (both UTF-8 bytes). */
    static boolean anyValueEquals(String rawQuery, byte[] key, byte[] value) {
        return search(rawQuery, key, value, null);
    }

    /** Whether {@code key} occurs with a value {@code regex} finds a match in. */
    static boolean anyValueMatches(String rawQuery, byte[] key, Re2Regex regex) {
        return search(rawQuery, key, null, regex);
    }

    private static boolean search(String raw, byte[] key, byte[] value, Re2Regex regex) {
        int n = raw.length();
        int start = 0;
        while (start < n) {
            int end = start;
            while (end < n && raw.charAt(end) != '&' && raw.charAt(end) != ';') {
                end++;
            }
            if (end > start) {
                int eq = start;
                while (eq < end && raw.charAt(eq) != '=') {
                    eq++;
                }
                int valueStart = eq < end ? eq + 1 : end;
                if (validEscapes(raw, start, eq) && validEscapes(raw, valueStart, end)
                        && decodedEquals(raw, start, eq, key)) {
                    if (regex != null
                            ? regex.find(decode(raw, valueStart, end))
                            : decodedEquals(raw, valueStart, end, value)) {
                        return true;
                    }
                }
            }
            start = end + 1;
        }
        return false;
    }

    private static boolean validEscapes(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '%') {
                if (i + 2 >= to || RequestPaths.hexValue(s.charAt(i + 1)) < 0 || RequestPaths.hexValue(s.charAt(i + 2)) < 0) {
                    return false;
                }
                i += 2;
            }
        }
        return true;
    }

    private static boolean decodedEquals(String s, int from, int to, byte[] expected) {
        int k = 0;
        int len = expected.length;
        for (int i = from; i < to; ) {
            char c = s.charAt(i);
            if (c == '%') {
                int b = RequestPaths.hexValue(s.charAt(i + 1)) << 4 | RequestPaths.hexValue(s.charAt(i + 2));
                if (k >= len || expected[k++] != (byte) b) {
                    return false;
                }
                i += 3;
            } else if (c < 0x80) {
                byte b = c == '+' ? (byte) ' ' : (byte) c;
                if (k >= len || expected[k++] != b) {
                    return false;
                }
                i++;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1)) ? i + 2 : i + 1;
                for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    if (k >= len || expected[k++] != b) {
                        return false;
                    }
                }
                i = end;
            }
        }
        return k == len;
    }

    private static String decode(String s, int from, int to) {
        boolean plain = true;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' || c == '+') {
                plain = false;
                break;
            }
        }
        if (plain) {
            return s.substring(from, to);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; ) {
            char c = s.charAt(i);
            if (c == '%') {
                out.write(RequestPaths.hexValue(s.charAt(i + 1)) << 4 | RequestPaths.hexValue(s.charAt(i + 2)));
                i += 3;
            } else if (c < 0x80) {
                out.write(c == '+' ? ' ' : c);
                i++;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1)) ? i + 2 : i + 1;
                out.writeBytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
