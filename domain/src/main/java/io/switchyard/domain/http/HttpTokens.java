package io.switchyard.domain.http;

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
