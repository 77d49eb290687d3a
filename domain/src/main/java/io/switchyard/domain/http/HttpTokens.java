package io.switchyard.domain.http;

import java.nio.charset.StandardCharsets;

/**
 * The RFC 9110 syntax every HTTP reader and writer in Switchyard shares: tokens (method and field
 * names, cookie names) and optional whitespace around field values. One table, because the token
 * check runs for every header name on the request path.
 */
public final class HttpTokens {
    /** RFC 9110 §5.6.2 {@code tchar}, indexed by ASCII code. */
    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 'a' + 'A'] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private HttpTokens() {
    }

    /** Whether {@code c} is a token character. */
    public static boolean isTokenChar(int c) {
        return c >= 0 && c < 128 && TCHAR[c];
    }

    /** Whether {@code s} is a token: one or more token characters. */
    public static boolean isToken(String s) {
        return !s.isEmpty() && isToken(s, 0, s.length());
    }

    /** Whether {@code s[from, to)} holds token characters only (true when the range is empty). */
    public static boolean isToken(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 128 || !TCHAR[c]) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code b[from, to)} holds token characters only (true when the range is empty). */
    public static boolean isToken(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            int c = b[i];
            if (c < 0 || !TCHAR[c]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the byte {@code b} may appear in a field value: a visible character, space, tab or
     * obs-text (RFC 9110 §5.5); not a control character or DEL. Go's header reader refuses the same.
     */
    public static boolean isFieldValueByte(byte b) {
        return b < 0 || b >= 0x20 && b != 0x7f || b == '\t';
    }

    /**
     * Whether the decoded field value {@code s} is free of control characters (tab allowed) and
     * DEL. Characters above U+00FF are let through: they are obs-text a decoder turned into
     * Unicode (HTTP/2's HPACK decodes to UTF-8 or to U+FFFD), which Go relays.
     */
    public static boolean isFieldValue(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code decoded} in the form {@link HttpFields} keeps values: one char per octet (ISO-8859-1),
     * as Go keeps a field's bytes in a string. A decoder that turned the bytes into Unicode (HPACK
     * strings are read as UTF-8) is undone by encoding every character from U+0080 on as UTF-8, so
     * obs-text travels on as it came; a U+FFFD a decoder left for bytes it could not read becomes
     * that character's three octets. ASCII-only values are returned as they are.
     */
    public static String octets(String decoded) {
        return hasObsText(decoded)
                ? new String(decoded.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)
                : decoded;
    }

    /**
     * The text an octet string spells in UTF-8, as Go reads a string where it matters (regular
     * expressions): bytes that are no UTF-8 become U+FFFD. ASCII-only values are returned as they are.
     */
    public static String text(String octets) {
        return hasObsText(octets)
                ? new String(octets.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)
                : octets;
    }

    /** Whether {@code value} has a character from U+0080 on (obs-text, RFC 9110 §5.5, once decoded). */
    public static boolean hasObsText(String value) {
        for (int i = 0, n = value.length(); i < n; i++) {
            if (value.charAt(i) >= 0x80) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the comma-separated list {@code line} has {@code token} as an element, ignoring case
     * and optional whitespace ({@code Connection: keep-alive, Upgrade}).
     */
    public static boolean listsToken(String line, String token) {
        int n = line.length();
        int start = 0;
        while (start <= n) {
            int comma = line.indexOf(',', start);
            int end = comma < 0 ? n : comma;
            while (start < end && (line.charAt(start) == ' ' || line.charAt(start) == '\t')) {
                start++;
            }
            int last = end;
            while (last > start && (line.charAt(last - 1) == ' ' || line.charAt(last - 1) == '\t')) {
                last--;
            }
            if (last - start == token.length() && line.regionMatches(true, start, token, 0, token.length())) {
                return true;
            }
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        return false;
    }

    /** Whether any {@code name} field of {@code fields} lists {@code token} (see {@link #listsToken}). */
    public static boolean hasToken(HttpFields fields, String name, String token) {
        for (String value : fields.all(name)) {
            if (listsToken(value, token)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code s} is text a request line or field may carry: ISO-8859-1, no control
     * characters and no DEL; HTAB and SP only when {@code spaceAndTab} (field values, RFC 9110 §5.5).
     */
    public static boolean isFieldText(String s, boolean spaceAndTab) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c > 0xff || c == 0x7f || c < 0x20 && !(spaceAndTab && c == '\t') || c == ' ' && !spaceAndTab) {
                return false;
            }
        }
        return true;
    }

    /** {@code s} from index {@code from}, without leading and trailing spaces and tabs (RFC 9110 OWS). */
    public static String trimOws(String s, int from) {
        int start = from;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(start, end);
    }
}
