package io.switchyard.domain.forward;

import io.switchyard.domain.http.HttpFields;
import io.switchyard.domain.http.HttpTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Hop-by-hop header handling on both directions (spec: proxy.md §4.3 step 2, §4.6 step 3). */
public final class HopByHop {
    private static final String[] FIXED = {
        "Connection", "Proxy-Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization",
        "Te", "Trailer", "Transfer-Encoding", "Upgrade",
    };

    private HopByHop() {
    }

    /**
     * Removes the hop-by-hop fields of a request that is about to be forwarded, keeping
     * {@code Te: trailers} when the client asked for trailers.
     *
     * @return the upgrade protocol when the request asks for a connection upgrade, else null
     */
    public static String stripRequest(HttpFields headers) {
        boolean teTrailers = false;
        for (String te : headers.all("Te")) {
            if (HttpTokens.listsToken(te, "trailers")) {
                teTrailers = true;
                break;
            }
        }
        String upgrade = null;
        if (connectionHasToken(headers, "upgrade")) {
            upgrade = headers.first("Upgrade");
        }
        strip(headers);
        if (teTrailers) {
            headers.add("Te", "trailers");
        }
        if (upgrade != null) {
            headers.add("Connection", "Upgrade");
            headers.add("Upgrade", upgrade);
        }
        return upgrade;
    }

    /** Removes the hop-by-hop fields of a response before it is relayed. */
    public static void stripResponse(HttpFields headers) {
        strip(headers);
    }

    private static void strip(HttpFields headers) {
        // One pass over the fields for the fixed names (most requests carry none of them), then
        // the names listed in Connection, if any.
        List<String> named = null;
        boolean fixed = false;
        for (int i = 0, n = headers.size(); i < n; i++) {
            String name = headers.name(i);
            if (isFixed(name)) {
                fixed = true;
                if (name.equalsIgnoreCase("Connection")) {
                    for (String token : headers.value(i).split(",")) {
                        String t = token.trim();
                        if (!t.isEmpty()) {
                            if (named == null) {
                                named = new ArrayList<>(2);
                            }
                            named.add(t);
                        }
                    }
                }
            }
        }
        if (named != null) {
            for (String n : named) {
                headers.remove(n);
            }
        }
        if (fixed) {
            for (String f : FIXED) {
                headers.remove(f);
            }
        }
    }

    private static boolean isFixed(String name) {
        int len = name.length();
        // cheap length filter before comparing: the fixed names are 2, 7, 10 and 16 to 19 long
        if (len != 2 && len != 7 && len != 10 && !(len >= 16 && len <= 19)) {
            return false;
        }
        for (String f : FIXED) {
            if (f.length() == len && f.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a {@code Connection} line carries {@code token} (case-insensitive). */
    public static boolean connectionHasToken(HttpFields headers, String token) {
        for (String line : headers.all("Connection")) {
            if (HttpTokens.listsToken(line, token)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether this is a WebSocket handshake: {@code Connection} has {@code upgrade} and the first
     * {@code Upgrade} line contains {@code websocket} (spec: proxy.md §4.2 step 3).
     */
    public static boolean isWebSocketUpgrade(HttpFields headers) {
        String conn = headers.first("Connection");
        String up = headers.first("Upgrade");
        return conn != null && up != null && HttpTokens.listsToken(conn, "upgrade")
                && up.toLowerCase(Locale.ROOT).contains("websocket");
    }
}
