package io.switchyard.adapters.http.health;

import io.switchyard.domain.http.ServerAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The URL one probe request goes to: scheme, authority as written (what {@code Host} carries when
 * no hostname is configured), the address to connect to, and the request target. Resolution of
 * relative references follows RFC 3986 §5.2 as Go's {@code URL.ResolveReference} does.
 *
 * @param scheme    {@code http}, {@code https}, {@code h2c}, or whatever a reference named
 * @param authority {@code host[:port]} as written
 * @param path      the path, percent-encoded; may be empty
 * @param query     the raw query without {@code ?}, or null when there is none
 */
record ProbeUrl(String scheme, String authority, String path, String query) {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    /**
     * The probe URL of {@code server} for an HTTP check (spec: healthcheck.md §3.4 steps 1–3): the
     * path resolved against the server URL, then scheme and port replaced when configured.
     *
     * @throws IllegalArgumentException when the path is absolute or does not parse
     */
    static ProbeUrl of(ServerAddress server, String path, String scheme, int port) {
        Reference ref = Reference.parse(path);
        if (ref.scheme() != null || ref.authority() != null) {
            throw new IllegalArgumentException("health check path must be a relative URL: " + path);
        }
        ProbeUrl url = new ProbeUrl(server.scheme(), server.authority(), "", null).resolve(ref);
        if (!scheme.isEmpty()) {
            url = new ProbeUrl(scheme, url.authority(), url.path(), url.query());
        }
        if (port != 0) {
            url = new ProbeUrl(url.scheme(), joinHostPort(server.host(), port), url.path(), url.query());
        }
        return url;
    }

    /**
     * Resolves a {@code Location} value against this URL.
     *
     * @throws IllegalArgumentException when it does not parse
     */
    ProbeUrl resolve(String location) {
        return resolve(Reference.parse(location));
    }

    /** Whether {@code location} is an absolute URL (has a scheme). */
    static boolean absolute(String location) {
        return SCHEME.matcher(location).find();
    }

    private ProbeUrl resolve(Reference ref) {
        if (ref.scheme() != null) {
            return new ProbeUrl(ref.scheme().toLowerCase(Locale.ROOT), ref.authority() == null ? "" : ref.authority(),
                    removeDotSegments(ref.path()), ref.query());
        }
        if (ref.authority() != null) {
            return new ProbeUrl(scheme, ref.authority(), removeDotSegments(ref.path()), ref.query());
        }
        if (ref.path().isEmpty()) {
            return new ProbeUrl(scheme, authority, path, ref.query() != null ? ref.query() : query);
        }
        String merged;
        if (ref.path().startsWith("/")) {
            merged = ref.path();
        } else if (path.isEmpty()) {
            merged = "/" + ref.path();
        } else {
            merged = path.substring(0, path.lastIndexOf('/') + 1) + ref.path();
        }
        return new ProbeUrl(scheme, authority, removeDotSegments(merged), ref.query());
    }

    /** The address to connect to. */
    ServerAddress address() {
        if (authority.isEmpty()) {
            throw new IllegalArgumentException("no host in URL " + this);
        }
        return ServerAddress.parse(scheme + "://" + authority);
    }

    /** Host name without port or brackets (for the redirect header rules). */
    String hostName() {
        return address().host().toLowerCase(Locale.ROOT);
    }

    /** The request target: path ({@code /} when empty) and query. */
    String target() {
        String p = path.isEmpty() ? "/" : path;
        return query == null ? p : p + "?" + query;
    }

    @Override
    public String toString() {
        return scheme + "://" + authority + target();
    }

    static String joinHostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** RFC 3986 §5.2.4. */
    static String removeDotSegments(String in) {
        if (in.isEmpty()) {
            return in;
        }
        StringBuilder out = new StringBuilder();
        String s = in;
        while (!s.isEmpty()) {
            if (s.startsWith("../")) {
                s = s.substring(3);
            } else if (s.startsWith("./")) {
                s = s.substring(2);
            } else if (s.startsWith("/./")) {
                s = s.substring(2);
            } else if (s.equals("/.")) {
                s = "/";
            } else if (s.startsWith("/../")) {
                s = s.substring(3);
                removeLastSegment(out);
            } else if (s.equals("/..")) {
                s = "/";
                removeLastSegment(out);
            } else if (s.equals(".") || s.equals("..")) {
                s = "";
            } else {
                int next = s.indexOf('/', s.startsWith("/") ? 1 : 0);
                if (next < 0) {
                    next = s.length();
                }
                out.append(s, 0, next);
                s = s.substring(next);
            }
        }
        return out.toString();
    }

    private static void removeLastSegment(StringBuilder out) {
        int slash = out.lastIndexOf("/");
        out.setLength(Math.max(0, slash));
    }

    /** A parsed URI reference; null components are absent. The fragment is dropped. */
    private record Reference(String scheme, String authority, String path, String query) {

        static Reference parse(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 || c == 0x7f) {
                    throw new IllegalArgumentException("invalid control character in URL: " + text);
                }
            }
            String rest = text;
            int hash = rest.indexOf('#');
            if (hash >= 0) {
                rest = rest.substring(0, hash);
            }
            String scheme = null;
            var m = SCHEME.matcher(rest);
            if (m.find()) {
                scheme = rest.substring(0, m.end() - 1);
                rest = rest.substring(m.end());
            }
            String query = null;
            int q = rest.indexOf('?');
            if (q >= 0) {
                query = rest.substring(q + 1);
                rest = rest.substring(0, q);
            }
            String authority = null;
            if (rest.startsWith("//")) {
                int end = rest.indexOf('/', 2);
                authority = end < 0 ? rest.substring(2) : rest.substring(2, end);
                rest = end < 0 ? "" : rest.substring(end);
            }
            return new Reference(scheme, authority, escapePath(rest), query);
        }

        /**
         * Keeps the path as written when it is validly encoded, like Go's {@code EscapedPath}; bytes
         * that may not appear in a path are percent-encoded, a broken escape is an error.
         */
        private static String escapePath(String path) {
            StringBuilder out = null;
            byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i++) {
                int b = bytes[i] & 0xff;
                if (b == '%') {
                    if (i + 2 >= bytes.length || Character.digit(bytes[i + 1], 16) < 0
                            || Character.digit(bytes[i + 2], 16) < 0) {
                        throw new IllegalArgumentException("invalid URL escape in " + path);
                    }
                }
                boolean ok = b < 0x80 && (Character.isLetterOrDigit(b) || "-._~!$&'()*+,;=:@/%[]".indexOf(b) >= 0);
                if (!ok && out == null) {
                    out = new StringBuilder(new String(bytes, 0, i, StandardCharsets.UTF_8));
                }
                if (out != null) {
                    if (ok) {
                        out.append((char) b);
                    } else {
                        out.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                                .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
                    }
                }
            }
            return out == null ? path : out.toString();
        }
    }
}
