package io.switchyard.domain.http;

/**
 * Which Host header values an HTTP/1 entry point accepts: those made only of bytes a host name,
 * an IP literal (with zone) and a port can contain. This is the check of Go's HTTP server
 * ({@code httpguts.ValidHostHeader}), which Traefik answers with 400 before any routing;
 * deliberately lenient, it does not check the structure ({@code a..b:1:2} passes, as in Go).
 */
public final class HostHeader {
    private static final boolean[] VALID = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            VALID[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            VALID[c] = true;
            VALID[Character.toUpperCase(c)] = true;
        }
        for (char c : "!$%&'()*+,-.:;=[]_~".toCharArray()) {
            VALID[c] = true;
        }
    }

    private HostHeader() {
    }

    /**
     * Whether {@code value} is an acceptable Host header value; the empty value is (Go accepts it).
     *
     * @param value the field value, without surrounding whitespace
     * @return false when it holds a byte no host, IP literal or port can contain
     */
    public static boolean valid(String value) {
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c >= VALID.length || !VALID[c]) {
                return false;
            }
        }
        return true;
    }
}
