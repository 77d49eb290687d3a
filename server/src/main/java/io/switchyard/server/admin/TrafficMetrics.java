package io.switchyard.server.admin;

import io.switchyard.domain.config.DynamicConfig;
import io.switchyard.domain.config.RouterConfig;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.ports.runtime.CompletedExchange;
import io.switchyard.ports.runtime.TrafficObserver;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * Traefik's request metrics: requests and durations per entry point, router and service, labelled
 * like Traefik's Prometheus exporter ({@code code}, {@code method}, {@code protocol} and the
 * entry point, router or service name).
 *
 * <p>Recording takes no lock and allocates one small key per request: the label sets of a request
 * are resolved once into their counters and cached by that key; counters are {@link LongAdder}s in
 * fixed buckets (Traefik's defaults: 0.1, 0.3, 1.2 and 5 seconds).
 *
 * <p>Like Traefik, series of routers, services and entry points that left the configuration are
 * exported one last time and then forgotten.
 *
 * <p>Deviation: Traefik counts a request once per service level it crosses (a weighted service
 * and its child); the routing runtime reports the router's service and the load balancer that
 * forwarded, so levels in between are not counted.
 */
public final class TrafficMetrics implements TrafficObserver {
    /** Histogram upper bounds in nanoseconds and as Prometheus writes them. */
    static final long[] BOUNDS_NANOS = {100_000_000L, 300_000_000L, 1_200_000_000L, 5_000_000_000L};
    static final String[] BOUND_LABELS = {"0.1", "0.3", "1.2", "5"};

    private final Supplier<DynamicConfig> config;
    private final String suffix;
    private final ConcurrentMap<EntryPointKey, Series> entryPoints = new ConcurrentHashMap<>();
    private final ConcurrentMap<RouterKey, Series> routers = new ConcurrentHashMap<>();
    private final ConcurrentMap<ServiceKey, Series> services = new ConcurrentHashMap<>();
    private final ConcurrentMap<ExchangeKey, Targets> resolved = new ConcurrentHashMap<>();
    private volatile DynamicConfig resolvedAgainst;

    /**
     * Metrics for a runtime serving {@code config}.
     *
     * @param config   the configuration currently served (to name a router's own service)
     * @param provider the provider suffix of qualified names, e.g. {@code kubernetescrd}
     */
    public TrafficMetrics(Supplier<DynamicConfig> config, String provider) {
        this.config = Objects.requireNonNull(config, "config");
        this.suffix = "@" + Objects.requireNonNull(provider, "provider");
    }

    record EntryPointKey(String entryPoint, int code, String method, String protocol) {
    }

    record RouterKey(String router, String service, int code, String method, String protocol) {
    }

    record ServiceKey(String service, int code, String method, String protocol) {
    }

    /**
     * Looked up once per request. Written out rather than generated: the record's generated
     * {@code equals} (a method-handle chain) cost ~3% of a request's CPU in this lookup.
     */
    private record ExchangeKey(String entryPoint, String router, String service, int code, String method,
                               String protocol) {
        @Override
        public boolean equals(Object o) {
            return this == o || (o instanceof ExchangeKey k && code == k.code && Objects.equals(service, k.service)
                    && Objects.equals(router, k.router) && Objects.equals(entryPoint, k.entryPoint)
                    && Objects.equals(method, k.method) && Objects.equals(protocol, k.protocol));
        }

        @Override
        public int hashCode() {
            int h = Objects.hashCode(entryPoint);
            h = 31 * h + Objects.hashCode(router);
            h = 31 * h + Objects.hashCode(service);
            h = 31 * h + code;
            h = 31 * h + Objects.hashCode(method);
            return 31 * h + Objects.hashCode(protocol);
        }
    }

    /** The counters one kind of request lands in; router and services may be null. */
    private record Targets(Series entryPoint, Series router, Series service, Series leafService) {
    }

    @Override
    public void completed(CompletedExchange e) {
        DynamicConfig current = config.get();
        if (current != resolvedAgainst) {
            // A router's service may change under the same router name: resolve label sets anew.
            resolved.clear();
            resolvedAgainst = current;
        }
        ExchangeKey key = new ExchangeKey(e.entryPoint(), e.router(), e.service(), e.status(), e.method(),
                protocol(e.requestHeaders()));
        Targets targets = resolved.get(key);
        if (targets == null) {
            targets = resolved.computeIfAbsent(key, k -> resolve(k, current));
        }
        long nanos = e.durationNanos();
        long in = e.requestBytes();
        long out = e.responseBytes();
        targets.entryPoint.record(nanos, in, out);
        if (targets.router != null) {
            targets.router.record(nanos, in, out);
        }
        if (targets.service != null) {
            targets.service.record(nanos, in, out);
        }
        if (targets.leafService != null) {
            targets.leafService.record(nanos, in, out);
        }
    }

    private Targets resolve(ExchangeKey k, DynamicConfig current) {
        Series ep = entryPoints.computeIfAbsent(new EntryPointKey(k.entryPoint, k.code, k.method, k.protocol),
                x -> new Series());
        Series router = null;
        Series service = null;
        Series leaf = null;
        String routerService = k.service;
        if (!k.router.isEmpty()) {
            RouterConfig rc = current.routers().get(unqualified(k.router));
            if (rc != null && !rc.service().isEmpty()) {
                routerService = qualified(rc.service());
            }
            router = routers.computeIfAbsent(new RouterKey(k.router, routerService, k.code, k.method, k.protocol),
                    x -> new Series());
        }
        if (!routerService.isEmpty()) {
            service = services.computeIfAbsent(new ServiceKey(routerService, k.code, k.method, k.protocol),
                    x -> new Series());
        }
        if (!k.service.isEmpty() && !k.service.equals(routerService)) {
            leaf = services.computeIfAbsent(new ServiceKey(k.service, k.code, k.method, k.protocol),
                    x -> new Series());
        }
        return new Targets(ep, router, service, leaf);
    }

    private String unqualified(String name) {
        return name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
    }

    private String qualified(String reference) {
        return reference.indexOf('@') >= 0 ? reference : reference + suffix;
    }

    /**
     * Traefik's {@code protocol} label: {@code websocket}, {@code sse}, {@code grpc-web},
     * {@code grpc} or {@code http}, from the request's headers.
     */
    static String protocol(HttpFields headers) {
        String upgrade = headers.first("Upgrade");
        if (upgrade != null && upgrade.equalsIgnoreCase("websocket")) {
            return "websocket";
        }
        String accept = headers.first("Accept");
        if (accept != null && accept.contains("text/event-stream")) {
            return "sse";
        }
        String type = headers.first("Content-Type");
        if (type != null && type.startsWith("application/grpc")) {
            return type.startsWith("application/grpc-web") ? "grpc-web" : "grpc";
        }
        return "http";
    }

    /** Appends the request metrics in Prometheus text format, then forgets series of removed objects. */
    void render(PrometheusText out, DynamicConfig live, Set<String> liveEntryPoints) {
        Map<EntryPointKey, Series> eps = sorted(entryPoints, Comparator.comparing(EntryPointKey::entryPoint)
                .thenComparingInt(EntryPointKey::code).thenComparing(EntryPointKey::method)
                .thenComparing(EntryPointKey::protocol));
        Map<RouterKey, Series> rts = sorted(routers, Comparator.comparing(RouterKey::router)
                .thenComparing(RouterKey::service).thenComparingInt(RouterKey::code)
                .thenComparing(RouterKey::method).thenComparing(RouterKey::protocol));
        Map<ServiceKey, Series> svcs = sorted(services, Comparator.comparing(ServiceKey::service)
                .thenComparingInt(ServiceKey::code).thenComparing(ServiceKey::method)
                .thenComparing(ServiceKey::protocol));

        String by = "partitioned by status code, protocol, and method.";
        String byService = "partitioned by service, status code, protocol, and method.";
        counter(out, "traefik_entrypoint_requests_total", "How many HTTP requests processed on an entrypoint, " + by,
                eps, TrafficMetrics::epLabels, Series::count);
        histogram(out, "traefik_entrypoint_request_duration_seconds",
                "How long it took to process the request on an entrypoint, " + by, eps, TrafficMetrics::epLabels);
        counter(out, "traefik_entrypoint_requests_bytes_total",
                "The total size of requests in bytes handled by an entrypoint, " + by,
                eps, TrafficMetrics::epLabels, Series::requestBytes);
        counter(out, "traefik_entrypoint_responses_bytes_total",
                "The total size of responses in bytes handled by an entrypoint, " + by,
                eps, TrafficMetrics::epLabels, Series::responseBytes);

        counter(out, "traefik_router_requests_total", "How many HTTP requests are processed on a router, " + byService,
                rts, TrafficMetrics::routerLabels, Series::count);
        histogram(out, "traefik_router_request_duration_seconds",
                "How long it took to process the request on a router, " + byService, rts, TrafficMetrics::routerLabels);
        counter(out, "traefik_router_requests_bytes_total",
                "The total size of requests in bytes handled by a router, " + byService,
                rts, TrafficMetrics::routerLabels, Series::requestBytes);
        counter(out, "traefik_router_responses_bytes_total",
                "The total size of responses in bytes handled by a router, " + byService,
                rts, TrafficMetrics::routerLabels, Series::responseBytes);

        counter(out, "traefik_service_requests_total", "How many HTTP requests processed on a service, " + by,
                svcs, TrafficMetrics::serviceLabels, Series::count);
        histogram(out, "traefik_service_request_duration_seconds",
                "How long it took to process the request on a service, " + by, svcs, TrafficMetrics::serviceLabels);
        counter(out, "traefik_service_requests_bytes_total",
                "The total size of requests in bytes received by a service, " + by,
                svcs, TrafficMetrics::serviceLabels, Series::requestBytes);
        counter(out, "traefik_service_responses_bytes_total",
                "The total size of responses in bytes returned by a service, " + by,
                svcs, TrafficMetrics::serviceLabels, Series::responseBytes);

        entryPoints.keySet().removeIf(k -> !liveEntryPoints.contains(k.entryPoint()));
        routers.keySet().removeIf(k -> !live.routers().containsKey(unqualified(k.router())));
        services.keySet().removeIf(k -> !live.services().containsKey(unqualified(k.service())));
        resolved.clear();
    }

    private static <K> void counter(PrometheusText out, String name, String help, Map<K, Series> series,
                                    Function<K, String[]> labels, ToLongFunction<Series> value) {
        out.help(name, "counter", help);
        series.forEach((k, s) -> out.sample(name, labels.apply(k), value.applyAsLong(s)));
    }

    private static <K> void histogram(PrometheusText out, String name, String help, Map<K, Series> series,
                                      Function<K, String[]> labels) {
        out.help(name, "histogram", help);
        series.forEach((k, s) -> s.render(out, name, labels.apply(k)));
    }

    /** Totals per entry point, router and service for the dashboard: requests by status class. */
    Map<String, Object> stats() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("entryPoints", totals(entryPoints, EntryPointKey::entryPoint, EntryPointKey::code));
        out.put("routers", totals(routers, RouterKey::router, RouterKey::code));
        out.put("services", totals(services, ServiceKey::service, ServiceKey::code));
        return out;
    }

    private static <K> Map<String, Object> totals(Map<K, Series> series, Function<K, String> name,
                                                  ToIntFunction<K> code) {
        Map<String, long[]> sums = new TreeMap<>();
        series.forEach((k, s) -> {
            long[] t = sums.computeIfAbsent(name.apply(k), x -> new long[6]);
            long n = s.count();
            t[0] += n;
            int cls = code.applyAsInt(k) / 100;
            if (cls >= 1 && cls <= 5) {
                t[cls] += n;
            }
        });
        Map<String, Object> out = new TreeMap<>();
        sums.forEach((n, t) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requests", t[0]);
            for (int c = 1; c <= 5; c++) {
                m.put(c + "xx", t[c]);
            }
            out.put(n, m);
        });
        return out;
    }

    private static <K> Map<K, Series> sorted(Map<K, Series> map, Comparator<K> order) {
        Map<K, Series> out = new TreeMap<>(order);
        out.putAll(map);
        return out;
    }

    private static String[] epLabels(EntryPointKey k) {
        return new String[] {"code", Integer.toString(k.code()), "entrypoint", k.entryPoint(),
            "method", k.method(), "protocol", k.protocol()};
    }

    private static String[] routerLabels(RouterKey k) {
        return new String[] {"code", Integer.toString(k.code()), "method", k.method(), "protocol", k.protocol(),
            "router", k.router(), "service", k.service()};
    }

    private static String[] serviceLabels(ServiceKey k) {
        return new String[] {"code", Integer.toString(k.code()), "method", k.method(), "protocol", k.protocol(),
            "service", k.service()};
    }

    /** One label set's histogram (the request count is the sum of its buckets) and body byte counts. */
    static final class Series {
        private final LongAdder[] buckets = new LongAdder[BOUNDS_NANOS.length + 1];
        private final LongAdder sumNanos = new LongAdder();
        private final LongAdder requestBytes = new LongAdder();
        private final LongAdder responseBytes = new LongAdder();

        Series() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void record(long nanos, long in, long out) {
            int i = 0;
            while (i < BOUNDS_NANOS.length && nanos > BOUNDS_NANOS[i]) {
                i++;
            }
            buckets[i].increment();
            sumNanos.add(nanos);
            if (in != 0) {
                requestBytes.add(in);
            }
            if (out != 0) {
                responseBytes.add(out);
            }
        }

        long requestBytes() {
            return requestBytes.sum();
        }

        long responseBytes() {
            return responseBytes.sum();
        }

        long count() {
            long n = 0;
            for (LongAdder b : buckets) {
                n += b.sum();
            }
            return n;
        }

        void render(PrometheusText out, String name, String[] labels) {
            long cumulative = 0;
            for (int i = 0; i < BOUNDS_NANOS.length; i++) {
                cumulative += buckets[i].sum();
                out.sample(name + "_bucket", labels, "le", BOUND_LABELS[i], cumulative);
            }
            cumulative += buckets[BOUNDS_NANOS.length].sum();
            out.sample(name + "_bucket", labels, "le", "+Inf", cumulative);
            out.sample(name + "_sum", labels, sumNanos.sum() / 1e9);
            out.sample(name + "_count", labels, cumulative);
        }
    }
}
