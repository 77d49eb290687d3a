package io.switchyard.domain.sticky;

import io.switchyard.domain.config.StickyCookie;
import io.switchyard.domain.http.HttpTokens;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The sticky cookie codec (balancing.md §2.4): names, values, {@code Set-Cookie} serialisation and
 * {@code Cookie} parsing, byte for byte as Traefik and Go's {@code net/http} produce and read them.
 */
public final class StickyCookies {

    private static final System.Logger LOG = System.getLogger(StickyCookies.class.getName());
    private static final HexFormat HEX = HexFormat.of();
    private static final String NAME_PREFIX = "_TRAEFIK_BACKEND_";

    private StickyCookies() {
    }

    /**
     * The cookie name (§2.4.1): the configured name with every character outside the RFC 2616
     * token set replaced by {@code _}, or, when the configured name is empty, {@code "_"} followed
     * by the first 5 hex digits of SHA-1({@code "_TRAEFIK_BACKEND_" + qualifiedServiceName}).
     *
     * @param qualifiedServiceName the service name with its provider, e.g.
     *                             {@code default-sticky@kubernetescrd}
     */
    public static String cookieName(StickyCookie config, String qualifiedServiceName) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(qualifiedServiceName, "qualifiedServiceName");
        if (!config.name().isEmpty()) {
            return sanitizeName(config.name());
        }
        byte[] digest = digest("SHA-1", NAME_PREFIX + qualifiedServiceName);
        return "_" + HEX.formatHex(digest).substring(0, 5);
    }

    /** The canonical cookie value of a child (§2.4.2): the first 16 hex digits of SHA-256(name). */
    public static String value(String memberName) {
        Objects.requireNonNull(memberName, "memberName");
        return HEX.formatHex(digest("SHA-256", memberName), 0, 8);
    }

    /**
     * The complete {@code Set-Cookie} header value (§2.4.4), attributes in Go's order:
     * {@code Path}, {@code Domain}, {@code Max-Age}, {@code HttpOnly}, {@code Secure},
     * {@code SameSite}. For example
     * {@code _fc6bd=7224574e5eb8702c; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=Lax}.
     *
     * @param cookieName a name from {@link #cookieName}
     * @param value      a value from {@link #value}
     * @throws IllegalArgumentException if {@code cookieName} is not a valid cookie name (Go would
     *                                  silently write no header)
     */
    public static String setCookie(StickyCookie config, String cookieName, String value) {
        Objects.requireNonNull(value, "value");
        if (!isToken(cookieName)) {
            throw new IllegalArgumentException("cookieName: \"" + cookieName + "\" (expected: an RFC 2616 token)");
        }
        return cookieName + '=' + sanitizeValue(value) + attributes(config);
    }

    /**
     * The attribute part of {@link #setCookie} ({@code "; Path=/; ..."}), which depends on the
     * configuration only: callers may compute it once per configuration and append it to
     * {@code name + "=" + value}. Logs when it drops an invalid domain or invalid path bytes,
     * like Go does.
     */
    public static String attributes(StickyCookie config) {
        Objects.requireNonNull(config, "config");
        StringBuilder header = new StringBuilder(64);
        if (!config.path().isEmpty()) {
            header.append("; Path=").append(sanitizePath(config.path()));
        }
        String domain = config.domain();
        if (!domain.isEmpty()) {
            if (validDomain(domain)) {
                header.append("; Domain=").append(domain.charAt(0) == '.' ? domain.substring(1) : domain);
            } else {
                LOG.log(Level.WARNING, "invalid Cookie.Domain \"{0}\"; dropping domain attribute", domain);
            }
        }
        if (config.maxAge() > 0) {
            header.append("; Max-Age=").append(config.maxAge());
        } else if (config.maxAge() < 0) {
            header.append("; Max-Age=0");
        }
        if (config.httpOnly()) {
            header.append("; HttpOnly");
        }
        if (config.secure()) {
            header.append("; Secure");
        }
        switch (config.sameSite().toLowerCase(Locale.ROOT)) {
            case "none" -> header.append("; SameSite=None");
            case "lax" -> header.append("; SameSite=Lax");
            case "strict" -> header.append("; SameSite=Strict");
            default -> {
                // Go's SameSiteDefaultMode: the attribute is omitted.
            }
        }
        return header.toString();
    }

    /**
     * The value of the first valid cookie called {@code name} in the request's {@code Cookie}
     * header lines (§2.4.3), parsed like Go's {@code Request.Cookie}: pairs split on {@code ;},
     * ASCII whitespace trimmed, pairs with an invalid name or value skipped, one pair of
     * surrounding double quotes stripped from the value.
     *
     * @param cookieHeaderLines every {@code Cookie} header field value of the request, in order
     */
    public static Optional<String> requestCookie(List<String> cookieHeaderLines, String name) {
        Objects.requireNonNull(cookieHeaderLines, "cookieHeaderLines");
        Objects.requireNonNull(name, "name");
        for (String line : cookieHeaderLines) {
            int end = line.length();
            int start = 0;
            while (start < end) {
                int semicolon = line.indexOf(';', start);
                int partEnd = semicolon < 0 ? end : semicolon;
                Optional<String> value = cookieValue(line, start, partEnd, name);
                if (value.isPresent()) {
                    return value;
                }
                start = partEnd + 1;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> cookieValue(String line, int start, int end, String wanted) {
        start = skipSpace(line, start, end);
        end = trimSpace(line, start, end);
        if (start == end) {
            return Optional.empty();
        }
        int equals = line.indexOf('=', start);
        int nameEnd = equals < 0 || equals >= end ? end : equals;
        String name = line.substring(start, trimSpace(line, start, nameEnd));
        if (!isToken(name) || !name.equals(wanted)) {
            return Optional.empty();
        }
        String raw = nameEnd == end ? "" : line.substring(nameEnd + 1, end);
        if (raw.length() > 1 && raw.charAt(0) == '"' && raw.charAt(raw.length() - 1) == '"') {
            raw = raw.substring(1, raw.length() - 1);
        }
        for (int i = 0; i < raw.length(); i++) {
            if (!validValueChar(raw.charAt(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(raw);
    }

    /** textproto.TrimString's notion of space. */
    private static boolean isAsciiSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static int skipSpace(String s, int start, int end) {
        while (start < end && isAsciiSpace(s.charAt(start))) {
            start++;
        }
        return start;
    }

    private static int trimSpace(String s, int start, int end) {
        while (end > start && isAsciiSpace(s.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static boolean isToken(String s) {
        return s != null && HttpTokens.isToken(s);
    }

    /** Go's validCookieValueByte; every non-ASCII character is at least one invalid byte. */
    private static boolean validValueChar(char c) {
        return c >= 0x20 && c < 0x7f && c != '"' && c != ';' && c != '\\';
    }

    private static String sanitizeName(String name) {
        StringBuilder sanitized = new StringBuilder(name.length());
        // Per code point, like Go's strings.Map over runes: one '_' per replaced character.
        name.codePoints().forEach(c -> sanitized.append(HttpTokens.isTokenChar(c) ? (char) c : '_'));
        return sanitized.toString();
    }

    /** Go's sanitizeCookieValue: drop invalid bytes, quote a value containing space or comma. */
    private static String sanitizeValue(String value) {
        String kept = dropInvalid(value, "Cookie.Value", StickyCookies::validValueChar);
        if (kept.indexOf(' ') >= 0 || kept.indexOf(',') >= 0) {
            return '"' + kept + '"';
        }
        return kept;
    }

    /** Go's sanitizeCookiePath: drop control characters, {@code ;} and non-ASCII bytes. */
    private static String sanitizePath(String path) {
        return dropInvalid(path, "Cookie.Path", c -> c >= 0x20 && c < 0x7f && c != ';');
    }

    private interface CharTest {
        boolean valid(char c);
    }

    private static String dropInvalid(String s, String what, CharTest test) {
        StringBuilder kept = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (test.valid(c)) {
                if (kept != null) {
                    kept.append(c);
                }
            } else if (kept == null) {
                LOG.log(Level.WARNING, "invalid byte in {0} \"{1}\"; dropping invalid bytes", what, s);
                kept = new StringBuilder(s.length()).append(s, 0, i);
            }
        }
        return kept == null ? s : kept.toString();
    }

    /** Go's validCookieDomain: a domain name (optionally with a leading dot) or an IPv4 address. */
    static boolean validDomain(String domain) {
        return isCookieDomainName(domain) || isIpv4(domain);
    }

    private static boolean isCookieDomainName(String s) {
        if (s.isEmpty() || s.length() > 255) {
            return false;
        }
        int i = s.charAt(0) == '.' ? 1 : 0;
        char last = '.';
        boolean letter = false;
        int partLength = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                letter = true;
                partLength++;
            } else if (c >= '0' && c <= '9') {
                partLength++;
            } else if (c == '-') {
                if (last == '.') {
                    return false;
                }
                partLength++;
            } else if (c == '.') {
                if (last == '.' || last == '-' || partLength > 63 || partLength == 0) {
                    return false;
                }
                partLength = 0;
            } else {
                return false;
            }
            last = c;
        }
        return last != '-' && partLength <= 63 && letter;
    }

    /** Go's net.ParseIP restricted to IPv4 dotted decimal: four fields, no leading zeros. */
    private static boolean isIpv4(String s) {
        String[] fields = s.split("\\.", -1);
        if (fields.length != 4) {
            return false;
        }
        for (String field : fields) {
            if (field.isEmpty() || field.length() > 3 || field.length() > 1 && field.charAt(0) == '0') {
                return false;
            }
            for (int i = 0; i < field.length(); i++) {
                char c = field.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(field) > 255) {
                return false;
            }
        }
        return true;
    }

    static byte[] digest(String algorithm, String input) {
        try {
            return MessageDigest.getInstance(algorithm).digest(input.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-1 and SHA-256.
            throw new IllegalStateException(algorithm + " unavailable", e);
        }
    }
}
