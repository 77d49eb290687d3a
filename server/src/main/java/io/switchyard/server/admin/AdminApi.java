package io.switchyard.server.admin;

import io.switchyard.domain.config.ConfigJson;
import io.switchyard.domain.config.GoDuration;
import io.switchyard.domain.translate.Diagnostic;
import io.switchyard.ports.runtime.RoutingRuntime;
import io.switchyard.ports.runtime.RuntimeDiagnostic;
import io.switchyard.ports.runtime.RuntimeSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The JSON API in Traefik's shapes ({@code /api/rawdata}, {@code /api/overview},
 * {@code /api/entrypoints}, {@code /api/http/routers|services[/{name}]}, {@code /api/version}),
 * plus Switchyard's {@code /api/diagnostics}, {@code /api/explain} and {@code /api/stats}.
 * Every answer is computed from the runtime's current state when asked.
 */
final class AdminApi {
    private static final int DEFAULT_PER_PAGE = 100;

    private final RoutingRuntime runtime;
    private final Reloads reloads;
    private final TrafficMetrics metrics;
    private final Optional<AccessLog> accessLog;
    private final Supplier<List<Listener>> listeners;
    private final Duration gracePeriod;
    private final InstantSource clock;
    private final Instant started;
    private final String version;

    /** An entry point as it listens: name, bound host and actual port. */
    record Listener(String name, String host, int port) {
    }

    AdminApi(RoutingRuntime runtime, Reloads reloads, TrafficMetrics metrics, Optional<AccessLog> accessLog,
             Supplier<List<Listener>> listeners, Duration gracePeriod, InstantSource clock, String version) {
        this.runtime = runtime;
        this.reloads = reloads;
        this.metrics = metrics;
        this.accessLog = accessLog;
        this.listeners = listeners;
        this.gracePeriod = gracePeriod;
        this.clock = clock;
        this.started = clock.instant();
        this.version = version;
    }

    /** {@code /api/rawdata}: routers and services keyed by qualified name. */
    Reply rawdata() {
        RuntimeView view = RuntimeView.of(runtime);
        Trees trees = new Trees(view);
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> routers = new TreeMap<>();
        view.routers.values().forEach(r -> routers.put(r.name(), trees.router(r, false)));
        Map<String, Object> services = new TreeMap<>();
        view.services.values().forEach(s -> services.put(s.name(), trees.service(s, false)));
        if (!routers.isEmpty()) {
            out.put("routers", routers);
        }
        if (!services.isEmpty()) {
            out.put("services", services);
        }
        return Reply.json(out);
    }

    /** {@code /api/http/routers} with Traefik's {@code search}, {@code status}, {@code serviceName} and paging. */
    Reply routers(Function<String, Optional<String>> query) {
        RuntimeView view = RuntimeView.of(runtime);
        Trees trees = new Trees(view);
        String search = query.apply("search").orElse("").toLowerCase(Locale.ROOT);
        String status = query.apply("status").orElse("");
        String serviceName = query.apply("serviceName").orElse("");
        List<Object> out = new ArrayList<>();
        for (RuntimeView.RouterInfo r : view.routers.values()) {
            boolean keep = (status.isEmpty() || status.equalsIgnoreCase(r.status()))
                    && (search.isEmpty() || r.config().rule().toLowerCase(Locale.ROOT).contains(search)
                    || r.name().toLowerCase(Locale.ROOT).contains(search))
                    && (serviceName.isEmpty() || serviceName.equalsIgnoreCase(r.service(view.provider)));
            if (keep) {
                out.add(trees.router(r, true));
            }
        }
        return page(out, query);
    }

    /** {@code /api/http/routers/{name}}. */
    Reply router(String name) {
        RuntimeView view = RuntimeView.of(runtime);
        return view.router(name).<Reply>map(r -> Reply.json(new Trees(view).router(r, true)))
                .orElseGet(() -> Reply.error(404, "router not found: " + name));
    }

    /** {@code /api/http/services} with Traefik's {@code search}, {@code status} and paging. */
    Reply services(Function<String, Optional<String>> query) {
        RuntimeView view = RuntimeView.of(runtime);
        Trees trees = new Trees(view);
        String search = query.apply("search").orElse("").toLowerCase(Locale.ROOT);
        String status = query.apply("status").orElse("");
        List<Object> out = new ArrayList<>();
        for (RuntimeView.ServiceInfo s : view.services.values()) {
            if ((status.isEmpty() || status.equalsIgnoreCase(s.status()))
                    && (search.isEmpty() || s.name().toLowerCase(Locale.ROOT).contains(search))) {
                out.add(trees.service(s, true));
            }
        }
        return page(out, query);
    }

    /** {@code /api/http/services/{name}}. */
    Reply service(String name) {
        RuntimeView view = RuntimeView.of(runtime);
        return view.service(name).<Reply>map(s -> Reply.json(new Trees(view).service(s, true)))
                .orElseGet(() -> Reply.error(404, "service not found: " + name));
    }

    /** {@code /api/overview}: counts by status, features and providers. */
    Reply overview() {
        RuntimeView view = RuntimeView.of(runtime);
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("routers", section(view.routers.values().stream().map(RuntimeView.RouterInfo::status).toList()));
        http.put("services", section(view.services.values().stream().map(RuntimeView.ServiceInfo::status).toList()));
        http.put("middlewares", section(List.of()));
        Map<String, Object> tcp = new LinkedHashMap<>();
        tcp.put("routers", section(List.of()));
        tcp.put("services", section(List.of()));
        tcp.put("middlewares", section(List.of()));
        Map<String, Object> udp = new LinkedHashMap<>();
        udp.put("routers", section(List.of()));
        udp.put("services", section(List.of()));
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("tracing", "");
        features.put("metrics", "Prometheus");
        features.put("accessLog", accessLog.isPresent());
        features.put("hub", false);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("http", http);
        out.put("tcp", tcp);
        out.put("udp", udp);
        out.put("features", features);
        out.put("providers", List.of("KubernetesCRD"));
        return Reply.json(out);
    }

    private static Map<String, Object> section(List<String> statuses) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total", statuses.size());
        m.put("warnings", statuses.stream().filter(RuntimeView.WARNING::equals).count());
        m.put("errors", statuses.stream().filter(RuntimeView.DISABLED::equals).count());
        return m;
    }

    /** {@code /api/entrypoints}. */
    Reply entryPoints(Function<String, Optional<String>> query) {
        List<Object> out = new ArrayList<>();
        listeners.get().stream().sorted(Comparator.comparing(Listener::name))
                .forEach(l -> out.add(entryPoint(l)));
        return page(out, query);
    }

    /** {@code /api/entrypoints/{name}}. */
    Reply entryPoint(String name) {
        return listeners.get().stream().filter(l -> l.name().equals(name)).findFirst()
                .<Reply>map(l -> Reply.json(entryPoint(l)))
                .orElseGet(() -> Reply.error(404, "entry point not found: " + name));
    }

    private Map<String, Object> entryPoint(Listener l) {
        Map<String, Object> m = new LinkedHashMap<>();
        String host = l.host().equals("0.0.0.0") || l.host().equals("::") ? "" : l.host();
        m.put("address", (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + l.port());
        Map<String, Object> lifeCycle = new LinkedHashMap<>();
        lifeCycle.put("graceTimeOut", GoDuration.format(gracePeriod));
        m.put("transport", Map.of("lifeCycle", lifeCycle));
        RuntimeSettings.EntryPointSettings eps = runtime.settings().entryPoints().get(l.name());
        if (eps != null && (eps.insecure() || !eps.trustedIPs().isEmpty())) {
            Map<String, Object> fh = new LinkedHashMap<>();
            if (eps.insecure()) {
                fh.put("insecure", true);
            }
            if (!eps.trustedIPs().isEmpty()) {
                fh.put("trustedIPs", eps.trustedIPs());
            }
            m.put("forwardedHeaders", fh);
        }
        m.put("http", Map.of());
        m.put("name", l.name());
        return m;
    }

    /** {@code /api/version}, as Traefik's version handler writes it. */
    Reply version() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Version", version);
        m.put("Codename", "switchyard");
        m.put("startDate", AccessLogFormat.goTime(started, ZoneOffset.UTC, true));
        return Reply.json(m);
    }

    /** {@code /api/diagnostics}: everything translation dropped or doubted, and what the runtime disabled. */
    Reply diagnostics() {
        List<Object> translation = new ArrayList<>();
        for (Diagnostic d : reloads.translationDiagnostics()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("severity", d.severity().name().toLowerCase(Locale.ROOT));
            m.put("kind", d.objectKind());
            m.put("namespace", d.namespace());
            m.put("name", d.name());
            d.route().ifPresent(r -> m.put("route", r));
            m.put("message", d.message());
            m.put("text", d.toString());
            translation.add(m);
        }
        List<Object> runtimeDiagnostics = new ArrayList<>();
        for (RuntimeDiagnostic d : runtime.diagnostics()) {
            Map<String, Object> m = new LinkedHashMap<>();
            int space = d.object().indexOf(' ');
            m.put("kind", space < 0 ? "" : d.object().substring(0, space));
            m.put("name", space < 0 ? d.object() : d.object().substring(space + 1));
            m.put("message", d.message());
            m.put("text", d.toString());
            runtimeDiagnostics.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("translation", translation);
        out.put("runtime", runtimeDiagnostics);
        return Reply.json(out);
    }

    /** {@code /api/explain}: which router a request would match and where it would go. */
    Reply explain(Function<String, Optional<String>> query, Function<String, List<String>> all) {
        try {
            return Reply.json(Explain.of(runtime, RuntimeView.of(runtime), query, all));
        } catch (IllegalArgumentException e) {
            return Reply.error(400, e.getMessage());
        }
    }

    /** {@code /api/stats}: request totals for the dashboard's rates, plus reload and access log state. */
    Reply stats() {
        Map<String, Object> out = new LinkedHashMap<>();
        Instant now = clock.instant();
        out.put("time", now.toEpochMilli() / 1000.0);
        out.put("uptimeSeconds", Duration.between(started, now).toMillis() / 1000.0);
        out.put("ready", runtime.ready());
        out.put("reloads", reloads.count());
        reloads.lastSuccess().ifPresent(t -> out.put("lastReload", AccessLogFormat.goTime(t, ZoneOffset.UTC, true)));
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("enabled", accessLog.isPresent());
        log.put("written", accessLog.map(AccessLog::written).orElse(0L));
        log.put("dropped", accessLog.map(AccessLog::dropped).orElse(0L));
        out.put("accessLog", log);
        out.putAll(metrics.stats());
        return Reply.json(out);
    }

    /** Traefik's paging: {@code page} and {@code per_page} (default 100), next page in {@code X-Next-Page}. */
    private static Reply page(List<Object> items, Function<String, Optional<String>> query) {
        int perPage;
        int page;
        try {
            perPage = intParam(query, "per_page", DEFAULT_PER_PAGE);
            page = intParam(query, "page", 1);
        } catch (IllegalArgumentException e) {
            return Reply.error(400, e.getMessage());
        }
        long start = (long) (page - 1) * perPage;
        if (start != 0 && start >= items.size()) {
            return Reply.error(400, "invalid request: page: " + page + ", per_page: " + perPage);
        }
        int end = (int) Math.min(items.size(), start + perPage);
        int next = (long) page * perPage < items.size() ? page + 1 : 1;
        return Reply.json(200, items.subList((int) start, end), Map.of("X-Next-Page", Integer.toString(next)));
    }

    private static int intParam(Function<String, Optional<String>> query, String name, int defaultValue) {
        Optional<String> raw = query.apply(name).filter(s -> !s.isEmpty());
        if (raw.isEmpty()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw.get());
        } catch (NumberFormatException e) {
            value = 0;
        }
        if (value <= 0) {
            throw new IllegalArgumentException("invalid request: " + name + ": " + value);
        }
        return value;
    }

    /** JSON trees of routers and services over one view; the configuration's tree is built once. */
    private static final class Trees {
        private final RuntimeView view;
        private final Map<?, ?> routers;
        private final Map<?, ?> services;

        Trees(RuntimeView view) {
            this.view = view;
            Map<String, Object> tree = ConfigJson.tree(view.config);
            this.routers = (Map<?, ?>) tree.getOrDefault("routers", Map.of());
            this.services = (Map<?, ?>) tree.getOrDefault("services", Map.of());
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> router(RuntimeView.RouterInfo r, boolean representation) {
            Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) routers.get(r.key()));
            if (representation && m.get("tls") instanceof Map<?, ?> tls && !tls.containsKey("options")) {
                // Traefik's API names the TLS options a router falls back to.
                Map<String, Object> withDefault = new LinkedHashMap<>((Map<String, Object>) tls);
                withDefault.put("options", "default");
                m.put("tls", withDefault);
            }
            if (!r.errors().isEmpty()) {
                m.put("error", r.errors());
            }
            m.put("status", r.status());
            if (!r.using().isEmpty()) {
                m.put("using", r.using());
            }
            if (representation) {
                m.put("name", r.name());
                m.put("provider", view.provider);
            }
            return m;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> service(RuntimeView.ServiceInfo s, boolean representation) {
            Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) services.get(s.key()));
            if (!s.errors().isEmpty()) {
                m.put("error", s.errors());
            }
            m.put("status", s.status());
            if (!s.usedBy().isEmpty()) {
                m.put("usedBy", s.usedBy());
            }
            if (!s.serverStatus().isEmpty()) {
                m.put("serverStatus", s.serverStatus());
            }
            if (representation) {
                m.put("name", s.name());
                m.put("provider", view.provider);
                m.put("type", RuntimeView.type(s.config()));
            }
            return m;
        }
    }
}
