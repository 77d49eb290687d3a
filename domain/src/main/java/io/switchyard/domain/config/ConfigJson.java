package io.switchyard.domain.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes a {@link DynamicConfig} as JSON exactly as Traefik serialises its {@code http} dynamic
 * configuration: Traefik's field names; a plain zero value ({@code ""}, {@code 0}, {@code false},
 * empty list or map) left out; a field Traefik backs with a pointer written whenever it is set
 * ({@code passHostHeader}, a router's {@code tls}, {@code sticky.cookie.path},
 * {@code mirrorBody}, failover {@code errors}, …); durations as Go duration strings
 * ({@code 100ms}, {@code 1m30s}). Map keys are sorted so the output is stable.
 *
 * <p>Example: {@code ConfigJson.write(config)} →
 * {@code {"routers":{"default-whoami-…":{"rule":"Host(`a`)","service":"default-whoami-…"}},…}}.
 */
public final class ConfigJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private ConfigJson() {
    }

    /** The configuration as indented JSON (two spaces), ending without a newline. */
    public static String write(DynamicConfig config) {
        StringBuilder out = new StringBuilder();
        writeValue(out, tree(config), 0, true);
        return out.toString();
    }

    /** The configuration as compact JSON on one line. */
    public static String writeCompact(DynamicConfig config) {
        StringBuilder out = new StringBuilder();
        writeValue(out, tree(config), 0, false);
        return out.toString();
    }

    /**
     * The configuration as a tree of {@code Map<String, Object>} (sorted keys), {@code List},
     * {@code String}, {@code Long}/{@code Integer} and {@code Boolean}.
     */
    public static Map<String, Object> tree(DynamicConfig config) {
        Objects.requireNonNull(config, "config");
        Map<String, Object> http = new LinkedHashMap<>();
        putMap(http, "routers", config.routers(), ConfigJson::router);
        putMap(http, "services", config.services(), ConfigJson::service);
        putMap(http, "serversTransports", config.serversTransports(), ConfigJson::serversTransport);
        return http;
    }

    private static <T> void putMap(Map<String, Object> into, String key, Map<String, T> values,
                                   java.util.function.Function<T, Map<String, Object>> each) {
        if (values.isEmpty()) {
            return;
        }
        Map<String, Object> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, each.apply(v)));
        into.put(key, out);
    }

    private static Map<String, Object> router(RouterConfig r) {
        Map<String, Object> m = new LinkedHashMap<>();
        putList(m, "entryPoints", r.entryPoints());
        putList(m, "middlewares", r.middlewares());
        putString(m, "service", r.service());
        putString(m, "rule", r.rule());
        putString(m, "ruleSyntax", r.ruleSyntax());
        if (r.priority() != 0) {
            m.put("priority", r.priority());
        }
        r.tls().ifPresent(tls -> {
            Map<String, Object> t = new LinkedHashMap<>();
            putString(t, "options", tls.options());
            putString(t, "certResolver", tls.certResolver());
            if (!tls.domains().isEmpty()) {
                List<Object> domains = new ArrayList<>();
                for (RouterConfig.RouterTls.Domain d : tls.domains()) {
                    Map<String, Object> dm = new LinkedHashMap<>();
                    putString(dm, "main", d.main());
                    putList(dm, "sans", d.sans());
                    domains.add(dm);
                }
                t.put("domains", domains);
            }
            m.put("tls", t);
        });
        r.observability().ifPresent(o -> {
            Map<String, Object> om = new LinkedHashMap<>();
            o.accessLogs().ifPresent(v -> om.put("accessLogs", v));
            o.metrics().ifPresent(v -> om.put("metrics", v));
            o.tracing().ifPresent(v -> om.put("tracing", v));
            putString(om, "traceVerbosity", o.traceVerbosity());
            m.put("observability", om);
        });
        putList(m, "parentRefs", r.parentRefs());
        return m;
    }

    private static Map<String, Object> service(ServiceConfig service) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (service) {
            case LoadBalancerService lb -> {
                m.put("loadBalancer", loadBalancer(lb));
                putList(m, "middlewares", lb.middlewares());
            }
            case WeightedService w -> {
                Map<String, Object> wm = new LinkedHashMap<>();
                putRefs(wm, w.services());
                w.sticky().ifPresent(s -> wm.put("sticky", sticky(s)));
                m.put("weighted", wm);
            }
            case HighestRandomWeightService h -> {
                Map<String, Object> hm = new LinkedHashMap<>();
                putRefs(hm, h.services());
                m.put("highestRandomWeight", hm);
            }
            case MirroringService mirroring -> {
                Map<String, Object> mm = new LinkedHashMap<>();
                putString(mm, "service", mirroring.service());
                mirroring.mirrorBody().ifPresent(v -> mm.put("mirrorBody", v));
                mirroring.maxBodySize().ifPresent(v -> mm.put("maxBodySize", v));
                if (!mirroring.mirrors().isEmpty()) {
                    List<Object> mirrors = new ArrayList<>();
                    for (MirroringService.Mirror mirror : mirroring.mirrors()) {
                        Map<String, Object> one = new LinkedHashMap<>();
                        putString(one, "name", mirror.name());
                        if (mirror.percent() != 0) {
                            one.put("percent", mirror.percent());
                        }
                        mirrors.add(one);
                    }
                    mm.put("mirrors", mirrors);
                }
                m.put("mirroring", mm);
            }
            case FailoverService f -> {
                Map<String, Object> fm = new LinkedHashMap<>();
                putString(fm, "service", f.service());
                putString(fm, "fallback", f.fallback());
                f.errors().ifPresent(e -> {
                    Map<String, Object> em = new LinkedHashMap<>();
                    putList(em, "status", e.status());
                    e.maxRequestBodyBytes().ifPresent(v -> em.put("maxRequestBodyBytes", v));
                    fm.put("errors", em);
                });
                m.put("failover", fm);
            }
        }
        return m;
    }

    private static void putRefs(Map<String, Object> into, List<ServiceRef> refs) {
        if (refs.isEmpty()) {
            return;
        }
        List<Object> list = new ArrayList<>();
        for (ServiceRef ref : refs) {
            Map<String, Object> one = new LinkedHashMap<>();
            putString(one, "name", ref.name());
            one.put("weight", ref.weight());
            list.add(one);
        }
        into.put("services", list);
    }

    private static Map<String, Object> loadBalancer(LoadBalancerService lb) {
        Map<String, Object> m = new LinkedHashMap<>();
        lb.sticky().ifPresent(s -> m.put("sticky", sticky(s)));
        if (!lb.servers().isEmpty()) {
            List<Object> servers = new ArrayList<>();
            for (ServerConfig server : lb.servers()) {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("url", server.url());
                if (server.fenced()) {
                    sm.put("fenced", true);
                }
                servers.add(sm);
            }
            m.put("servers", servers);
        }
        m.put("strategy", lb.strategy().key());
        lb.healthCheck().ifPresent(h -> m.put("healthCheck", healthCheck(h)));
        lb.passiveHealthCheck().ifPresent(p -> {
            Map<String, Object> pm = new LinkedHashMap<>();
            putDuration(pm, "failureWindow", p.failureWindow());
            if (p.maxFailedAttempts() != 0) {
                pm.put("maxFailedAttempts", p.maxFailedAttempts());
            }
            m.put("passiveHealthCheck", pm);
        });
        m.put("passHostHeader", lb.passHostHeader());
        Map<String, Object> rf = new LinkedHashMap<>();
        putDuration(rf, "flushInterval", lb.flushInterval());
        m.put("responseForwarding", rf);
        putString(m, "serversTransport", lb.serversTransport());
        return m;
    }

    private static Map<String, Object> healthCheck(HealthCheckConfig h) {
        Map<String, Object> m = new LinkedHashMap<>();
        putString(m, "scheme", h.scheme());
        putString(m, "mode", h.mode());
        putString(m, "path", h.path());
        putString(m, "method", h.method());
        if (h.status() != 0) {
            m.put("status", h.status());
        }
        if (h.port() != 0) {
            m.put("port", h.port());
        }
        // interval and timeout are plain values in Traefik (zero omitted); unhealthyInterval is a pointer.
        h.interval().ifPresent(d -> putDuration(m, "interval", d));
        h.unhealthyInterval().ifPresent(d -> m.put("unhealthyInterval", GoDuration.format(d)));
        h.timeout().ifPresent(d -> putDuration(m, "timeout", d));
        putString(m, "hostname", h.hostname());
        h.followRedirects().ifPresent(v -> m.put("followRedirects", v));
        if (!h.headers().isEmpty()) {
            m.put("headers", new TreeMap<>(h.headers()));
        }
        return m;
    }

    private static Map<String, Object> sticky(StickyCookie c) {
        Map<String, Object> cookie = new LinkedHashMap<>();
        putString(cookie, "name", c.name());
        putBool(cookie, "secure", c.secure());
        putBool(cookie, "httpOnly", c.httpOnly());
        putString(cookie, "sameSite", c.sameSite());
        if (c.maxAge() != 0) {
            cookie.put("maxAge", c.maxAge());
        }
        // Traefik's cookie path is a pointer that translation always sets (default "/").
        cookie.put("path", c.path());
        putString(cookie, "domain", c.domain());
        Map<String, Object> sticky = new LinkedHashMap<>();
        sticky.put("cookie", cookie);
        return sticky;
    }

    private static Map<String, Object> serversTransport(ServersTransportConfig st) {
        Map<String, Object> m = new LinkedHashMap<>();
        putString(m, "serverName", st.serverName());
        putBool(m, "insecureSkipVerify", st.insecureSkipVerify());
        putList(m, "rootCAs", st.rootCAs());
        if (!st.certificates().isEmpty()) {
            List<Object> certs = new ArrayList<>();
            for (ServersTransportConfig.Certificate c : st.certificates()) {
                Map<String, Object> cm = new LinkedHashMap<>();
                putString(cm, "certFile", c.certPem());
                putString(cm, "keyFile", c.keyPem());
                certs.add(cm);
            }
            m.put("certificates", certs);
        }
        putList(m, "cipherSuites", st.cipherSuites());
        putString(m, "minVersion", st.minVersion());
        putString(m, "maxVersion", st.maxVersion());
        if (st.maxIdleConnsPerHost() != 0) {
            m.put("maxIdleConnsPerHost", st.maxIdleConnsPerHost());
        }
        st.forwardingTimeouts().ifPresent(f -> {
            Map<String, Object> fm = new LinkedHashMap<>();
            putDuration(fm, "dialTimeout", f.dialTimeout());
            putDuration(fm, "responseHeaderTimeout", f.responseHeaderTimeout());
            putDuration(fm, "idleConnTimeout", f.idleConnTimeout());
            putDuration(fm, "readIdleTimeout", f.readIdleTimeout());
            putDuration(fm, "pingTimeout", f.pingTimeout());
            m.put("forwardingTimeouts", fm);
        });
        putBool(m, "disableHTTP2", st.disableHTTP2());
        putString(m, "peerCertURI", st.peerCertURI());
        if (!st.peerCertSANs().isEmpty()) {
            List<Object> sans = new ArrayList<>();
            for (ServersTransportConfig.PeerCertSAN san : st.peerCertSANs()) {
                Map<String, Object> sm = new LinkedHashMap<>();
                putString(sm, "type", san.type());
                putString(sm, "value", san.value());
                sans.add(sm);
            }
            m.put("peerCertSANs", sans);
        }
        st.spiffe().ifPresent(s -> {
            Map<String, Object> sm = new LinkedHashMap<>();
            putList(sm, "ids", s.ids());
            putString(sm, "trustDomain", s.trustDomain());
            m.put("spiffe", sm);
        });
        return m;
    }

    private static void putString(Map<String, Object> m, String key, String value) {
        if (!value.isEmpty()) {
            m.put(key, value);
        }
    }

    private static void putBool(Map<String, Object> m, String key, boolean value) {
        if (value) {
            m.put(key, true);
        }
    }

    private static void putList(Map<String, Object> m, String key, List<String> values) {
        if (!values.isEmpty()) {
            m.put(key, List.copyOf(values));
        }
    }

    private static void putDuration(Map<String, Object> m, String key, Duration value) {
        if (!value.isZero()) {
            m.put(key, GoDuration.format(value));
        }
    }

    private static void putDuration(Map<String, Object> m, String key, Optional<Duration> value) {
        value.ifPresent(d -> putDuration(m, key, d));
    }

    private static void writeValue(StringBuilder out, Object value, int depth, boolean pretty) {
        switch (value) {
            case Map<?, ?> map -> {
                if (map.isEmpty()) {
                    out.append("{}");
                    return;
                }
                out.append('{');
                boolean first = true;
                Map<?, ?> sorted = map instanceof TreeMap<?, ?> ? map : sortedCopy(map);
                for (Map.Entry<?, ?> e : sorted.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    newline(out, depth + 1, pretty);
                    writeString(out, String.valueOf(e.getKey()));
                    out.append(pretty ? ": " : ":");
                    writeValue(out, e.getValue(), depth + 1, pretty);
                }
                newline(out, depth, pretty);
                out.append('}');
            }
            case List<?> list -> {
                if (list.isEmpty()) {
                    out.append("[]");
                    return;
                }
                out.append('[');
                boolean first = true;
                for (Object item : list) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    newline(out, depth + 1, pretty);
                    writeValue(out, item, depth + 1, pretty);
                }
                newline(out, depth, pretty);
                out.append(']');
            }
            case String s -> writeString(out, s);
            case Number n -> out.append(n);
            case Boolean b -> out.append(b);
            default -> throw new IllegalArgumentException("value: " + value.getClass() + " (expected: JSON value)");
        }
    }

    private static Map<String, Object> sortedCopy(Map<?, ?> map) {
        Map<String, Object> sorted = new TreeMap<>();
        map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
        return sorted;
    }

    private static void newline(StringBuilder out, int depth, boolean pretty) {
        if (pretty) {
            out.append('\n');
            out.append("  ".repeat(depth));
        }
    }

    /**
     * Appends {@code s} as a JSON string literal escaped as Go's {@code encoding/json} escapes it
     * (HTML characters and line separators as {@code \\uXXXX}), so output matches Traefik's bytes.
     *
     * @param out where to append
     * @param s   the string
     */
    public static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        // Go's encoding/json escapes HTML characters and line separators the same way.
                        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                                .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
