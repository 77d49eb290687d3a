package io.switchyard.domain.rule;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The request host and path as the rule matchers see them: canonical host (rules.md §5.3), entry
 * point path normalisation and sanitising (proxy.md §4.1 steps 3-4) and the routing path
 * (rules.md §5.5). Each method returns its argument itself when there is nothing to change, so the
 * common case allocates nothing.
 */
public final class RequestPaths {
    private RequestPaths() {
    }

    /**
     * The canonical host of a {@code Host} header or {@code :authority} value (rules.md §5.3): the
     * value as is when it has no {@code :}; otherwise the host part ({@code [::1]:80} and
     * {@code [::1]} give {@code ::1}; a value Go's {@code net.SplitHostPort} cannot split stays
     * whole); then surrounding white space trimmed and lower-cased. {@code ""} for null or empty.
     */
    public static String canonicalHost(String hostHeaderOrAuthority) {
        if (hostHeaderOrAuthority == null || hostHeaderOrAuthority.isEmpty()) {
            return "";
        }
        String value = hostHeaderOrAuthority;
        String host = value;
        if (value.indexOf(':') >= 0) {
            if (value.charAt(0) == '[' && value.charAt(value.length() - 1) == ']') {
                host = value.substring(1, value.length() - 1);
            } else {
                String split = splitHostPort(value);
                if (split != null) {
                    host = split;
                }
            }
        }
        return trimAndLowerCase(host);
    }

    /**
     * The routing path (rules.md §5.5) of a path already normalised by {@link #normalize}: every
     * {@code %XX} escape is decoded except the reserved ones ({@code %3A %2F %3F %23 %5B %5D %40
     * %21 %24 %26 %27 %28 %29 %2A %2B %2C %3B %3D %25}, upper-case hex as normalisation leaves
     * them), decoding byte-wise and reading the result as UTF-8.
     *
     * @throws IllegalArgumentException on a malformed escape (the caller answers 400)
     */
    public static String routingPath(String normalizedRawPath) {
        String path = normalizedRawPath;
        int first = path.indexOf('%');
        if (first < 0) {
            return path;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(path.length());
        appendUtf8(out, path, 0, first);
        int i = first;
        int n = path.length();
        while (i < n) {
            char c = path.charAt(i);
            if (c != '%') {
                int next = nextPercent(path, i);
                appendUtf8(out, path, i, next);
                i = next;
                continue;
            }
            if (i + 2 >= n) {
                throw new IllegalArgumentException("path: invalid percent-encoding at the end: " + path);
            }
            char h1 = path.charAt(i + 1);
            char h2 = path.charAt(i + 2);
            if (isReserved(h1, h2)) {
                out.write('%');
                out.write(h1);
                out.write(h2);
            } else {
                int hi = hexValue(h1);
                int lo = hexValue(h2);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("path: invalid percent-encoding at " + i + ": " + path);
                }
                out.write(hi << 4 | lo);
            }
            i += 3;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Entry point path normalisation (proxy.md §4.1): step 3 (always) decodes percent-encoded
     * unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) and upper-cases the hex of every other
     * escape; step 4 (when {@code sanitize}, the default {@code http.sanitizePath: true}) removes
     * {@code .} and {@code ..} segments and collapses repeated {@code /}, keeping a trailing
     * {@code /}, on the escaped path — so {@code %2e%2e} counts as {@code ..}.
     *
     * @throws IllegalArgumentException on a {@code %} not followed by two hex digits (the caller
     *                                  answers 400)
     */
    public static String normalize(String rawPath, boolean sanitize) {
        String path = decodeUnreserved(rawPath);
        if (!sanitize || isClean(path)) {
            return path;
        }
        return joinPath(path);
    }

    private static String decodeUnreserved(String raw) {
        int first = raw.indexOf('%');
        if (first < 0) {
            return raw;
        }
        int n = raw.length();
        StringBuilder out = null;
        for (int i = first; i < n; i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (i + 2 >= n) {
                throw new IllegalArgumentException("path: invalid percent-encoding at the end: " + raw);
            }
            char h1 = raw.charAt(i + 1);
            char h2 = raw.charAt(i + 2);
            int hi = hexValue(h1);
            int lo = hexValue(h2);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("path: invalid percent-encoding at " + i + ": " + raw);
            }
            int value = hi << 4 | lo;
            boolean unreserved = isUnreserved(value);
            boolean changes = unreserved || h1 != upperHex(hi) || h2 != upperHex(lo);
            if (changes && out == null) {
                out = new StringBuilder(n).append(raw, 0, i);
            }
            if (out != null) {
                if (unreserved) {
                    out.append((char) value);
                } else {
                    out.append('%').append(upperHex(hi)).append(upperHex(lo));
                }
            }
            i += 2;
        }
        return out == null ? raw : out.toString();
    }

    /** True when Go's {@code URL.JoinPath()} would return the path unchanged. */
    private static boolean isClean(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        int n = path.length();
        for (int i = 0; i < n; i++) {
            if (path.charAt(i) != '/') {
                continue;
            }
            // i is a '/': look at the segment that follows it
            if (i + 1 < n && path.charAt(i + 1) == '/') {
                return false;
            }
            int end = path.indexOf('/', i + 1);
            if (end < 0) {
                end = n;
            }
            int len = end - i - 1;
            if (len == 1 && path.charAt(i + 1) == '.' || len == 2 && path.charAt(i + 1) == '.' && path.charAt(i + 2) == '.') {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code url.URL.JoinPath()} with no elements, applied to the escaped path. */
    private static String joinPath(String escaped) {
        String element = escaped;
        String cleaned;
        if (!element.startsWith("/")) {
            element = "/" + element;
            cleaned = clean(element).substring(1);
        } else {
            cleaned = clean(element);
        }
        if (element.endsWith("/") && !cleaned.endsWith("/")) {
            cleaned += "/";
        }
        return cleaned;
    }

    /** Go's {@code path.Clean}. */
    static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.charAt(0) == '/';
        int n = path.length();
        StringBuilder out = new StringBuilder(n);
        int r = 0;
        int dotdot = 0;
        if (rooted) {
            out.append('/');
            r = 1;
            dotdot = 1;
        }
        while (r < n) {
            char c = path.charAt(r);
            if (c == '/') {
                r++;
            } else if (c == '.' && (r + 1 == n || path.charAt(r + 1) == '/')) {
                r++;
            } else if (c == '.' && path.charAt(r + 1) == '.' && (r + 2 == n || path.charAt(r + 2) == '/')) {
                r += 2;
                if (out.length() > dotdot) {
                    int w = out.length() - 1;
                    while (w > dotdot && out.charAt(w) != '/') {
                        w--;
                    }
                    out.setLength(w);
                } else if (!rooted) {
                    if (!out.isEmpty()) {
                        out.append('/');
                    }
                    out.append("..");
                    dotdot = out.length();
                }
            } else {
                if (rooted && out.length() != 1 || !rooted && !out.isEmpty()) {
                    out.append('/');
                }
                while (r < n && path.charAt(r) != '/') {
                    out.append(path.charAt(r));
                    r++;
                }
            }
        }
        return out.isEmpty() ? "." : out.toString();
    }

    /** Go's {@code net.SplitHostPort}, host part only; null when it fails. */
    private static String splitHostPort(String hostport) {
        int i = hostport.lastIndexOf(':');
        if (i < 0) {
            return null;
        }
        String host;
        int j = 0;
        int k = 0;
        if (hostport.charAt(0) == '[') {
            int end = hostport.indexOf(']');
            if (end < 0) {
                return null;
            }
            if (end + 1 == hostport.length()) {
                return null;
            } else if (end + 1 != i) {
                return null;
            }
            host = hostport.substring(1, end);
            j = 1;
            k = end + 1;
        } else {
            host = hostport.substring(0, i);
            if (host.indexOf(':') >= 0) {
                return null;
            }
        }
        if (hostport.indexOf('[', j) >= 0 || hostport.indexOf(']', k) >= 0) {
            return null;
        }
        return host;
    }

    /** Go's {@code strings.ToLower(strings.TrimSpace(s))}. */
    private static String trimAndLowerCase(String s) {
        int start = 0;
        int end = s.length();
        while (start < end) {
            int cp = s.codePointAt(start);
            if (!isGoSpace(cp)) {
                break;
            }
            start += Character.charCount(cp);
        }
        while (end > start) {
            int cp = s.codePointBefore(end);
            if (!isGoSpace(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        boolean lower = true;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z' || c >= 0x80) {
                lower = false;
                break;
            }
        }
        if (lower) {
            return start == 0 && end == s.length() ? s : s.substring(start, end);
        }
        StringBuilder out = new StringBuilder(end - start);
        for (int i = start; i < end; ) {
            int cp = s.codePointAt(i);
            out.appendCodePoint(Character.toLowerCase(cp));
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** Go's {@code unicode.IsSpace}. */
    private static boolean isGoSpace(int cp) {
        return switch (cp) {
            case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000 -> true;
            default -> cp >= 0x2000 && cp <= 0x200A;
        };
    }

    private static boolean isReserved(char h1, char h2) {
        return switch (h1) {
            case '2' -> h2 == '1' || h2 == '3' || h2 == '4' || h2 == '5' || h2 == '6' || h2 == '7' || h2 == '8'
                    || h2 == '9' || h2 == 'A' || h2 == 'B' || h2 == 'C' || h2 == 'F';
            case '3' -> h2 == 'A' || h2 == 'B' || h2 == 'D' || h2 == 'F';
            case '4' -> h2 == '0';
            case '5' -> h2 == 'B' || h2 == 'D';
            default -> false;
        };
    }

    private static boolean isUnreserved(int b) {
        return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9'
                || b == '-' || b == '.' || b == '_' || b == '~';
    }

    static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static char upperHex(int v) {
        return (char) (v < 10 ? '0' + v : 'A' + v - 10);
    }

    private static int nextPercent(String s, int from) {
        int next = s.indexOf('%', from);
        return next < 0 ? s.length() : next;
    }

    /** Appends s[from, to) as UTF-8 (unpaired surrogates become '?', as String.getBytes does). */
    private static void appendUtf8(ByteArrayOutputStream out, String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.write(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1)) ? i + 2 : i + 1;
                out.writeBytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
    }
}
