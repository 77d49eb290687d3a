package io.switchyard.domain.rule;

/**
 * Host comparison as Traefik's {@code Host} matcher does it (rules.md §5.4): Go's
 * {@code strings.EqualFold} against the lower-cased ASCII expression, a leading {@code *}
 * replacing the request's first label, a trailing {@code .} tolerated on either side.
 */
final class HostNames {
    private HostNames() {
    }

    /**
     * Whether canonical host {@code host} (non-empty) matches Host expression {@code expr}
     * (lower-case ASCII, not {@code "*"}).
     */
    static boolean matches(String host, String expr) {
        int hn = host.length();
        int en = expr.length();
        if (domainMatches(host, hn, expr, en)) {
            return true;
        }
        if (en > 0 && expr.charAt(en - 1) == '.' && domainMatches(host, hn, expr, en - 1)) {
            return true;
        }
        return hn > 0 && host.charAt(hn - 1) == '.' && domainMatches(host, hn - 1, expr, en);
    }

    /** Traefik's DomainMatchHostExpression over {@code host[0, hn)} and {@code expr[0, en)}. */
    private static boolean domainMatches(String host, int hn, String expr, int en) {
        if (en > 0 && expr.charAt(0) == '*') {
            int dot = host.indexOf('.');
            int from = dot < 0 || dot >= hn ? hn : dot;
            return regionEqualsFolded(host, from, hn, expr, 1, en);
        }
        return regionEqualsFolded(host, 0, hn, expr, 0, en);
    }

    private static boolean regionEqualsFolded(String a, int aFrom, int aTo, String b, int bFrom, int bTo) {
        if (aTo - aFrom != bTo - bFrom) {
            return false;
        }
        for (int i = aFrom, j = bFrom; i < aTo; i++, j++) {
            if (fold(a.charAt(i)) != fold(b.charAt(j))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The character a host character compares as: ASCII lower case, and the two non-ASCII letters
     * Go's EqualFold equates with ASCII ones (U+017F long s, U+212A Kelvin sign).
     */
    static char fold(char c) {
        if (c >= 'A' && c <= 'Z') {
            return (char) (c + ('a' - 'A'));
        }
        if (c == 0x17F) {
            return 's';
        }
        if (c == 0x212A) {
            return 'k';
        }
        return c;
    }

    /** {@code host} with every character folded; {@code host} itself when nothing changes. */
    static String fold(String host) {
        int n = host.length();
        for (int i = 0; i < n; i++) {
            char c = host.charAt(i);
            if (fold(c) != c) {
                char[] folded = host.toCharArray();
                for (int j = i; j < n; j++) {
                    folded[j] = fold(folded[j]);
                }
                return new String(folded);
            }
        }
        return host;
    }
}
