package io.switchyard.server.admin;

import io.switchyard.domain.http.HttpTokens;
import io.switchyard.ports.runtime.CompletedExchange;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Formats one access log line as Traefik does.
 *
 * <p>Common format (Traefik's {@code CommonLogFormatter}):
 * {@code ClientHost - ClientUsername [StartUTC] "RequestMethod RequestPath RequestProtocol"
 * OriginStatus OriginContentSize "Referer" "User-Agent" RequestCount "RouterName" "ServiceURL"
 * Durationms}, {@code -} for what is unknown.
 *
 * <p>JSON format (logrus' JSON formatter over Traefik's fields): one object, keys sorted, with
 * {@code level}, {@code msg} and {@code time} added.
 *
 * <p>Sizes are body bytes ({@link CompletedExchange#requestBytes()}, {@link
 * CompletedExchange#responseBytes()}). Deviations: the request scheme is not known to the runtime's
 * observer yet (JSON leaves it out). {@code OriginStatus} and {@code OriginContentSize} are what was
 * sent whenever a router matched (Traefik records the origin's own there, which differs only when a
 * middleware rewrites the answer; Switchyard has no middlewares yet).
 */
final class AccessLogFormat {
    private final AccessLogSettings.Format format;
    private final ZoneId zone;

    AccessLogFormat(AccessLogSettings.Format format, ZoneId zone) {
        this.format = format;
        this.zone = zone;
    }

    /** Appends the line for {@code e} (ending with a newline); {@code end} is when it completed. */
    void append(StringBuilder out, CompletedExchange e, long requestCount, Instant end) {
        Instant start = end.minusNanos(e.durationNanos());
        switch (format) {
            case COMMON -> common(out, e, requestCount, start);
            case JSON -> json(out, e, requestCount, start, end);
        }
    }

    private void common(StringBuilder out, CompletedExchange e, long requestCount, Instant start) {
        out.append(orDash(clientHost(e))).append(" - - [");
        clfTime(out, start);
        out.append("] \"").append(orDash(e.method())).append(' ').append(orDash(requestPath(e))).append(' ')
                .append(orDash(e.protocol())).append("\" ");
        if (e.router().isEmpty()) {
            out.append("- - ");
        } else {
            out.append(e.status()).append(' ').append(e.responseBytes()).append(' ');
        }
        quotedField(out, e.requestHeaders().first("Referer"));
        out.append(' ');
        quotedField(out, e.requestHeaders().first("User-Agent"));
        out.append(' ').append(requestCount).append(' ');
        quoted(out, e.router());
        out.append(' ');
        quoted(out, e.serverUrl());
        out.append(' ').append(e.durationNanos() / 1_000_000).append("ms\n");
    }

    private void json(StringBuilder out, CompletedExchange e, long requestCount, Instant start, Instant end) {
        Map<String, Object> f = new TreeMap<>();
        String clientAddr = e.clientIp().indexOf(':') >= 0
                ? "[" + e.clientIp() + "]:" + e.clientPort() : e.clientIp() + ":" + e.clientPort();
        f.put("ClientAddr", clientAddr);
        f.put("ClientHost", clientHost(e));
        f.put("ClientPort", Integer.toString(e.clientPort()));
        f.put("ClientUsername", "-");
        f.put("DownstreamContentSize", e.responseBytes());
        f.put("DownstreamStatus", e.status());
        f.put("Duration", e.durationNanos());
        if (!e.router().isEmpty()) {
            f.put("OriginContentSize", e.responseBytes());
            f.put("OriginStatus", e.status());
            f.put("RouterName", e.router());
        }
        if (!e.authority().isEmpty()) {
            String[] hp = splitHostPort(e.authority());
            f.put("RequestAddr", e.authority());
            f.put("RequestHost", hp[0]);
            f.put("RequestPort", hp[1]);
        }
        f.put("RequestContentSize", e.requestBytes());
        f.put("RequestCount", requestCount);
        f.put("RequestMethod", e.method());
        f.put("RequestPath", requestPath(e));
        f.put("RequestProtocol", e.protocol());
        f.put("RetryAttempts", 0);
        if (!e.service().isEmpty()) {
            f.put("ServiceName", e.service());
        }
        if (!e.serverUrl().isEmpty()) {
            f.put("ServiceURL", e.serverUrl());
            f.put("ServiceAddr", serviceAddr(e.serverUrl()));
        }
        f.put("StartLocal", goTime(start, zone, true));
        f.put("StartUTC", goTime(start, ZoneOffset.UTC, true));
        f.put("entryPointName", e.entryPoint());
        f.put("level", "info");
        f.put("msg", "");
        f.put("time", goTime(end, zone, false));
        Json.value(out, f);
        out.append('\n');
    }

    /**
     * Traefik's {@code ClientHost}: the peer IP, or {@code X-Forwarded-For} as the entry point kept
     * it (trusted peers only). The runtime appends the peer to that header once it forwards, so
     * that last element is taken off again here.
     */
    static String clientHost(CompletedExchange e) {
        String xff = e.requestHeaders().first("X-Forwarded-For");
        if (xff == null || xff.isEmpty()) {
            return e.clientIp();
        }
        if (!e.serverUrl().isEmpty()) {
            String appended = ", " + e.clientIp();
            if (xff.equals(e.clientIp())) {
                return e.clientIp();
            }
            if (xff.endsWith(appended)) {
                xff = xff.substring(0, xff.length() - appended.length());
            }
        }
        return HttpTokens.text(xff);
    }

    private static String requestPath(CompletedExchange e) {
        return e.rawQuery().isEmpty() ? e.rawPath() : e.rawPath() + "?" + e.rawQuery();
    }

    /** Go's {@code net.SplitHostPort}, or the value and {@code -} when it has no port. */
    static String[] splitHostPort(String authority) {
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close > 0 && authority.length() > close + 1 && authority.charAt(close + 1) == ':') {
                return new String[] {authority.substring(1, close), authority.substring(close + 2)};
            }
            return new String[] {authority, "-"};
        }
        int colon = authority.lastIndexOf(':');
        if (colon < 0 || authority.indexOf(':') != colon) {
            return new String[] {authority, "-"};
        }
        return new String[] {authority.substring(0, colon), authority.substring(colon + 1)};
    }

    private static String serviceAddr(String url) {
        int scheme = url.indexOf("://");
        String rest = scheme < 0 ? url : url.substring(scheme + 3);
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    /**
     * A request field value (octets, see {@link io.switchyard.domain.http.HttpFields}), quoted: the
     * line is written as UTF-8, so the octets are read as the UTF-8 text they spell, and a
     * client's bytes reach the log as they came (Go writes the bytes).
     */
    private static void quotedField(StringBuilder out, String octets) {
        quoted(out, octets == null ? null : HttpTokens.text(octets));
    }

    private static void quoted(StringBuilder out, String s) {
        if (s == null || s.isEmpty()) {
            out.append("\"-\"");
        } else {
            out.append('"').append(s).append('"');
        }
    }

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};

    /** Go's {@code 02/Jan/2006:15:04:05 -0700} in UTC, as Traefik writes {@code StartUTC}. */
    private static void clfTime(StringBuilder out, Instant t) {
        LocalDateTime d = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        two(out, d.getDayOfMonth());
        out.append('/').append(MONTHS[d.getMonthValue() - 1]).append('/').append(d.getYear()).append(':');
        two(out, d.getHour());
        out.append(':');
        two(out, d.getMinute());
        out.append(':');
        two(out, d.getSecond());
        out.append(" +0000");
    }

    /**
     * Go's time formatting: RFC 3339 with nanoseconds, trailing zeros trimmed
     * ({@code RFC3339Nano}, how {@code time.Time} marshals), or whole seconds ({@code RFC3339},
     * logrus' {@code time}); {@code Z} for UTC, else {@code +hh:mm}.
     */
    static String goTime(Instant t, ZoneId zone, boolean nanos) {
        ZonedDateTime d = t.atZone(zone);
        StringBuilder out = new StringBuilder(35);
        out.append(String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d", d.getYear(), d.getMonthValue(),
                d.getDayOfMonth(), d.getHour(), d.getMinute(), d.getSecond()));
        if (nanos && d.getNano() != 0) {
            String frac = String.format(Locale.ROOT, "%09d", d.getNano());
            int end = frac.length();
            while (frac.charAt(end - 1) == '0') {
                end--;
            }
            out.append('.').append(frac, 0, end);
        }
        int offset = d.getOffset().getTotalSeconds();
        if (offset == 0) {
            out.append('Z');
        } else {
            out.append(offset < 0 ? '-' : '+');
            int abs = Math.abs(offset);
            out.append(String.format(Locale.ROOT, "%02d:%02d", abs / 3600, abs / 60 % 60));
        }
        return out.toString();
    }

    private static void two(StringBuilder out, int v) {
        if (v < 10) {
            out.append('0');
        }
        out.append(v);
    }
}
