package io.switchyard.adapters.http.upstream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Field names read from a backend, as strings: the common response fields spelled the usual way
 * are shared constants, so reading {@code Content-Type: text/html} allocates only the value. Any
 * other spelling is a new string, exactly as received.
 */
final class FieldNames {
    private static final String[] COMMON = {
        "Date", "Vary", "ETag", "Server", "Expires", "Location", "Connection", "Keep-Alive", "Set-Cookie",
        "Content-Type", "Accept-Ranges", "Cache-Control", "Last-Modified", "Content-Length",
        "Content-Encoding", "Transfer-Encoding", "X-Content-Type-Options",
    };
    private static final int MAX = 32;
    /** Common names by length. */
    private static final byte[][][] BY_LENGTH = new byte[MAX][][];
    private static final String[][] NAMES_BY_LENGTH = new String[MAX][];

    static {
        for (String name : COMMON) {
            int n = name.length();
            byte[][] bytes = BY_LENGTH[n] == null ? new byte[0][] : BY_LENGTH[n];
            String[] names = NAMES_BY_LENGTH[n] == null ? new String[0] : NAMES_BY_LENGTH[n];
            bytes = Arrays.copyOf(bytes, bytes.length + 1);
            names = Arrays.copyOf(names, names.length + 1);
            bytes[bytes.length - 1] = name.getBytes(StandardCharsets.US_ASCII);
            names[names.length - 1] = name;
            BY_LENGTH[n] = bytes;
            NAMES_BY_LENGTH[n] = names;
        }
    }

    private FieldNames() {
    }

    /** The name in {@code buf[from, to)}, which holds token characters only. */
    static String of(byte[] buf, int from, int to) {
        int n = to - from;
        if (n < MAX && BY_LENGTH[n] != null) {
            byte[][] candidates = BY_LENGTH[n];
            for (int c = 0; c < candidates.length; c++) {
                if (Arrays.equals(candidates[c], 0, n, buf, from, to)) {
                    return NAMES_BY_LENGTH[n][c];
                }
            }
        }
        return new String(buf, from, n, StandardCharsets.ISO_8859_1);
    }
}
