package io.switchyard.ports.runtime;

import io.switchyard.domain.balance.Balancer;
import io.switchyard.domain.balance.Member;
import io.switchyard.domain.config.DynamicConfig;
import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.forward.ForwardedHeaders;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.domain.http.IpRanges;
import io.switchyard.domain.rule.RequestFacts;
import io.switchyard.domain.rule.RequestPaths;
import io.switchyard.domain.rule.RouteTable;
import io.switchyard.domain.sticky.StickyCookies;
import io.switchyard.domain.sticky.StickyTable;
import io.switchyard.ports.exchange.Exchange;
import io.switchyard.ports.exchange.RequestHandler;
import io.switchyard.ports.upstream.Upstream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The data plane's core: holds the compiled configuration, swaps it atomically on
 * {@link #apply(DynamicConfig)}, and serves every request through it.
 *
 * <p>Thread-safe. {@link #handle(Exchange)} takes no lock: it reads the current compiled routing
 * once and works on that immutable value, so a swap never affects a request in flight.
 */
public final class RoutingRuntime implements RequestHandler {
    private static final System.Logger LOG = System.getLogger(RoutingRuntime.class.getName());
    private static final byte[] NOT_FOUND = "404 page not found\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_SERVER = "no available server\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BAD_REQUEST = "400 Bad Request".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_BODY = new byte[0];

    private final RuntimeSettings settings;
    private final RandomGenerator random;
    private final ServerStates states = new ServerStates();
    private final Upstream upstream;
    private final PassiveChecks passive;
    private final Forwarder forwarder;
    private final MirrorDispatcher mirrorDispatcher;
    private final MirroringCalls mirroring;
    private final FailoverCalls failover;
    private final Map<String, EntryPoint> entryPoints = new HashMap<>();
    private volatile TrafficObserver observer = TrafficObserver.NONE;
    private volatile CompiledRouting routing = CompiledRouting.EMPTY;
    private volatile boolean applied;

    /**
     * A runtime forwarding through {@code upstream}.
     *
     * @param random source of randomness for balancers (shuffling, p2c)
     */
    public RoutingRuntime(Upstream upstream, RuntimeSettings settings, RandomGenerator random) {
        this(upstream, settings, random, PassiveChecks.system());
    }

    RoutingRuntime(Upstream upstream, RuntimeSettings settings, RandomGenerator random, PassiveChecks passive) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = Objects.requireNonNull(random, "random");
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.passive = passive;
        this.forwarder = new Forwarder(upstream, passive, settings.retryIdempotentOnce());
        this.mirrorDispatcher = new MirrorDispatcher(settings.mirrorLimits());
        this.mirroring = new MirroringCalls(mirrorDispatcher, this::serve);
        this.failover = new FailoverCalls(this::serve);
        settings.entryPoints().forEach((name, ep) ->
                entryPoints.put(name, new EntryPoint(IpRanges.parse(ep.trustedIPs()), ep.insecure(), ep.sanitizePath())));
    }

    /**
     * Compiles {@code config} and makes it current. Requests already routed finish on the previous
     * configuration; servers that persist keep their state.
     *
     * @return what was disabled and why (also logged once, here)
     */
    public synchronized List<RuntimeDiagnostic> apply(DynamicConfig config) {
        CompiledRouting next = RoutingCompiler.compile(settings, states, random, config);
        for (ServiceNode node : next.services().values()) {
            if (node instanceof ServiceNode.LoadBalancer lb) {
                try {
                    upstream.prepare(lb.transportName(), lb.transport());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "servers transport {0}: {1}", lb.transportName(), e.getMessage());
                }
            }
        }
        passive.apply(loadBalancers(next));
        routing = next;
        applied = true;
        for (RuntimeDiagnostic d : next.diagnostics()) {
            LOG.log(Level.WARNING, "disabled {0}", d);
        }
        LOG.log(Level.INFO, "configuration applied: {0} routers, {1} services, {2} disabled",
                config.routers().size(), config.services().size(), next.diagnostics().size());
        return next.diagnostics();
    }

    /** Sets who sees completed requests (metrics, access log). */
    public void observer(TrafficObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** Whether a configuration has been applied at least once. */
    public boolean ready() {
        return applied;
    }

    /** The configuration currently served. */
    public DynamicConfig config() {
        return routing.config();
    }

    /** What the current configuration disabled. */
    public List<RuntimeDiagnostic> diagnostics() {
        return routing.diagnostics();
    }

    /** Per-server runtime state (health, in-flight), for health checks and the API. */
    public ServerStates states() {
        return states;
    }

    /**
     * Mirrored requests whose copies were not sent because mirroring was saturated (see
     * {@link RuntimeSettings.MirrorLimits}); for metrics.
     */
    public long droppedMirrors() {
        return mirrorDispatcher.dropped();
    }

    /** Mirror tasks waiting or running (tests wait for zero). */
    int pendingMirrors() {
        return mirrorDispatcher.pending();
    }

    /** The static settings this runtime was built with (entry points, provider name). */
    public RuntimeSettings settings() {
        return settings;
    }

    /**
     * The qualified name of the router the current configuration selects for {@code request} on
     * {@code entryPoint} (plain or TLS routers), as {@link #handle} would; for explaining routing.
     */
    public Optional<String> select(String entryPoint, boolean secure, RequestFacts request) {
        CompiledRouting current = routing;
        RouteTable<RouteTarget> table = (secure ? current.secure() : current.plain()).get(entryPoint);
        return table == null ? Optional.empty() : table.select(request).map(RouteTarget::routerName);
    }

    /**
     * The servers load balancers the current configuration serves (those reachable from a router),
     * by qualified name, for health checks.
     */
    public List<ServedLoadBalancer> loadBalancers() {
        return loadBalancers(routing);
    }

    private List<ServedLoadBalancer> loadBalancers(CompiledRouting compiled) {
        String suffix = "@" + settings.provider();
        List<ServedLoadBalancer> out = new ArrayList<>();
        for (ServiceNode node : compiled.services().values()) {
            if (node instanceof ServiceNode.LoadBalancer lb && lb.name().endsWith(suffix)
                    && compiled.config().services().get(lb.name().substring(0, lb.name().length() - suffix.length()))
                    instanceof LoadBalancerService config) {
                out.add(new ServedLoadBalancer(lb.name(), config, lb.addresses(), lb.transportName(), lb.transport()));
            }
        }
        out.sort(Comparator.comparing(ServedLoadBalancer::service));
        return List.copyOf(out);
    }

    @Override
    public void handle(Exchange client) {
        long start = System.nanoTime();
        TrafficObserver o = observer;
        // bodies are counted only for an observer (metrics, access log)
        MeteredExchange metered = o == TrafficObserver.NONE ? null : new MeteredExchange(client);
        Exchange exchange = metered == null ? client : metered;
        Call call = null;
        int status = 0;
        try {
            call = route(exchange);
            status = call == null ? 0 : call.status;
        } finally {
            if (metered != null) {
                if (status == 0) {
                    status = exchange.committed() ? 200 : 499;
                }
                o.completed(new CompletedExchange(exchange.entryPoint(), exchange.clientIp(), exchange.method(),
                        exchange.rawPath(), exchange.protocol(), exchange.authority(),
                        call == null ? "" : call.router, call == null ? "" : call.service,
                        call == null ? "" : call.serverUrl, status,
                        start, System.nanoTime() - start, exchange.clientPort(), exchange.rawQuery(),
                        exchange.requestHeaders(), metered.requestBytes(), metered.responseBytes()));
            }
        }
    }

    /** Routes and serves; returns the call (null when answered before routing). */
    private Call route(Exchange exchange) {
        CompiledRouting current = routing;
        EntryPoint ep = entryPoints.get(exchange.entryPoint());
        if (ep == null) {
            respond(exchange, 404, NOT_FOUND, true);
            return new Call(exchange, null, "", null, "").answered(404);
        }
        String rawPath = exchange.rawPath();
        int refused = RequestTargets.refuse(exchange, rawPath);
        if (refused != 0) {
            return new Call(exchange, null, "", null, "").answered(refused);
        }
        if (rawPath.indexOf('#') >= 0) {
            // Traefik's fragment guard: 400 with an empty body (spec proxy.md §4.1 step 2)
            respond(exchange, 400, NO_BODY, false);
            return new Call(exchange, null, "", null, "").answered(400);
        }
        String path;
        try {
            path = RequestPaths.normalize(rawPath, ep.sanitizePath);
        } catch (IllegalArgumentException ex) {
            respond(exchange, 400, BAD_REQUEST, false);
            return new Call(exchange, null, "", null, "").answered(400);
        }
        String authority = exchange.authority();
        String clientIp = exchange.clientIp();
        HttpFields headers = exchange.requestHeaders();
        boolean trusted = ep.insecure || ep.trusted.contains(clientIp);
        ForwardedHeaders.prepare(headers, trusted, clientIp, exchange.secure(), authority, settings.serverHostname());

        RequestView view = new RequestView(exchange.method(), RequestPaths.canonicalHost(authority),
                RequestPaths.routingPath(path), headers, exchange.rawQuery(), clientIp);
        RouteTable<RouteTarget> table = (exchange.secure() ? current.secure() : current.plain())
                .get(exchange.entryPoint());
        Optional<RouteTarget> target = table == null ? Optional.empty() : table.select(view);
        Call call = new Call(exchange, view, path, headers, authority);
        if (target.isEmpty()) {
            respond(exchange, 404, NOT_FOUND, true);
            return call.answered(404);
        }
        call.router = target.get().routerName();
        serve(target.get().service(), call);
        return call;
    }

    private void serve(ServiceNode node, Call call) {
        switch (node) {
            case ServiceNode.LoadBalancer lb -> {
                call.service = lb.name();
                Member member = pick(lb.balancer(), lb.sticky(), call);
                if (member == null) {
                    noServer(call);
                } else {
                    forwarder.forward(call, lb, member, lb.balancer().loadTracking(call.stickyRouted));
                }
            }
            case ServiceNode.Weighted w -> {
                if (settings.propagateHealth()) {
                    TreeHealth.propagate(w.balancer().members(), w.children());
                }
                Member member = pick(w.balancer(), w.sticky(), call);
                if (member == null) {
                    noServer(call);
                } else {
                    serve(w.children().get(member.name()), call);
                }
            }
            case ServiceNode.HighestRandomWeight h -> {
                if (settings.propagateHealth()) {
                    TreeHealth.propagate(h.balancer().members(), h.children());
                }
                Optional<Member> member = h.balancer().pick(call.view.clientIp());
                if (member.isEmpty()) {
                    noServer(call);
                } else {
                    serve(h.children().get(member.get().name()), call);
                }
            }
            case ServiceNode.Mirroring m -> mirroring.serve(m, call);
            case ServiceNode.Failover f -> failover.serve(f, call);
        }
    }

    /**
     * Sticky cookie first (an UP member named by the cookie, fenced or not), else the balancer;
     * sets the cookie whenever the balancer picked or a legacy value was honoured
     * (spec: balancing.md §2.4.3). Returns null when nothing is available.
     */
    private static Member pick(Balancer balancer, ServiceNode.Sticky sticky, Call call) {
        call.stickyRouted = false;
        if (sticky != null) {
            Optional<String> cookie = StickyCookies.requestCookie(call.headers.all("Cookie"), sticky.cookieName());
            if (cookie.isPresent()) {
                Optional<StickyTable.Match> match = sticky.table().lookupUp(cookie.get());
                if (match.isPresent()) {
                    Member m = match.get().member();
                    if (match.get().rewrite()) {
                        call.addSetCookie(sticky.setCookie().get(m.name()));
                    }
                    call.stickyRouted = true;
                    return m;
                }
            }
        }
        Optional<Member> picked = balancer.pick(call.view.clientIp());
        if (picked.isEmpty()) {
            return null;
        }
        if (sticky != null) {
            call.addSetCookie(sticky.setCookie().get(picked.get().name()));
        }
        return picked.get();
    }

    private static void noServer(Call call) {
        call.service = "";
        // Cookies set by sticky parents go out with the 503, as with Go's http.Error.
        respondText(call, 503, NO_SERVER);
    }

    /** Answers like Go's {@code http.Error(w, text, status)}: the text plus a newline. */
    static void respondError(Call call, int status, String text) {
        respondText(call, status, (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void respondText(Call call, int status, byte[] body) {
        HttpFields h = new HttpFields(2);
        h.add("Content-Type", "text/plain; charset=utf-8");
        h.add("X-Content-Type-Options", "nosniff");
        call.exchange.respond(status, call.responseHeaders(h), body);
        call.answered(status);
    }

    /** Writes a short plain-text answer (Traefik's shapes: Go's text helpers, or the bare status text). */
    static void respond(Exchange exchange, int status, byte[] body, boolean textPlain) {
        HttpFields h = new HttpFields(2);
        if (textPlain) {
            h.add("Content-Type", "text/plain; charset=utf-8");
            h.add("X-Content-Type-Options", "nosniff");
        }
        exchange.respond(status, h, body);
    }

    private record EntryPoint(IpRanges trusted, boolean insecure, boolean sanitizePath) {
    }
}
