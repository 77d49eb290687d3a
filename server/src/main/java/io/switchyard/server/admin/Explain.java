package io.switchyard.server.admin;

import io.switchyard.domain.balance.MemberState;
import io.switchyard.domain.config.FailoverService;
import io.switchyard.domain.config.HighestRandomWeightService;
import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.config.MirroringService;
import io.switchyard.domain.config.ServerConfig;
import io.switchyard.domain.config.ServiceRef;
import io.switchyard.domain.config.StickyCookie;
import io.switchyard.domain.config.WeightedService;
import io.switchyard.domain.http.HttpTokens;
import io.switchyard.domain.rule.Priorities;
import io.switchyard.domain.rule.RequestFacts;
import io.switchyard.domain.rule.RequestPaths;
import io.switchyard.domain.rule.Rule;
import io.switchyard.domain.rule.RuleSyntaxException;
import io.switchyard.domain.sticky.StickyCookies;
import io.switchyard.ports.runtime.RoutingRuntime;
import io.switchyard.ports.runtime.RuntimeSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Answers "where would this request go, and why": the routers of the entry point that match it in
 * priority order, the one the runtime selects (asked of the runtime itself, so the answer is the
 * real one), and down the service tree which servers are eligible.
 *
 * <p>Query parameters: {@code entrypoint} (default: the first), {@code tls} ({@code true} for
 * routers with TLS), {@code method} (GET), {@code host}, {@code path} (/), {@code query} (raw),
 * {@code clientIp} (127.0.0.1), {@code header} (repeatable, {@code Name: value}).
 */
final class Explain {
    private static final int MAX_DEPTH = 16;

    private final RoutingRuntime runtime;
    private final RuntimeView view;
    private final List<String> why = new ArrayList<>();

    private Explain(RoutingRuntime runtime, RuntimeView view) {
        this.runtime = runtime;
        this.view = view;
    }

    static Map<String, Object> of(RoutingRuntime runtime, RuntimeView view,
                                  Function<String, Optional<String>> query, Function<String, List<String>> all) {
        return new Explain(runtime, view).explain(query, all);
    }

    private Map<String, Object> explain(Function<String, Optional<String>> query, Function<String, List<String>> all) {
        if (view.entryPoints.isEmpty()) {
            throw new IllegalArgumentException("no entry points");
        }
        String entryPoint = query.apply("entrypoint").filter(s -> !s.isEmpty()).orElse(view.entryPoints.get(0));
        RuntimeSettings.EntryPointSettings eps = runtime.settings().entryPoints().get(entryPoint);
        if (eps == null) {
            throw new IllegalArgumentException("entrypoint: '" + entryPoint + "' (known: "
                    + String.join(", ", view.entryPoints) + ")");
        }
        boolean tls = query.apply("tls").map(v -> v.equalsIgnoreCase("true")).orElse(false);
        String method = query.apply("method").filter(s -> !s.isEmpty()).orElse("GET");
        String host = query.apply("host").orElse("");
        String rawPath = query.apply("path").filter(s -> !s.isEmpty()).orElse("/");
        String rawQuery = query.apply("query").orElse("");
        String clientIp = query.apply("clientIp").filter(s -> !s.isEmpty()).orElse("127.0.0.1");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String h : all.apply("header")) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("header: '" + h + "' (expected: Name: value)");
            }
            headers.computeIfAbsent(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(HttpTokens.octets(h.substring(colon + 1).trim())); // as a client's bytes would arrive
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("entryPoint", entryPoint);
        request.put("tls", tls);
        request.put("method", method);
        request.put("host", host);
        request.put("path", rawPath);
        if (!rawQuery.isEmpty()) {
            request.put("query", rawQuery);
        }
        request.put("clientIp", clientIp);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("request", request);

        String path;
        try {
            path = RequestPaths.normalize(rawPath, eps.sanitizePath());
        } catch (IllegalArgumentException e) {
            why.add("the path cannot be normalised (" + e.getMessage() + "): the entry point answers 400");
            out.put("outcome", "400 Bad Request");
            out.put("explanation", why);
            return out;
        }
        Facts facts = new Facts(method, RequestPaths.canonicalHost(host), RequestPaths.routingPath(path), headers,
                rawQuery, clientIp);
        request.put("routingHost", facts.host());
        request.put("routingPath", facts.path());

        Optional<String> selected = runtime.select(entryPoint, tls, facts);
        List<Object> candidates = candidates(entryPoint, tls, facts, selected);
        out.put("candidates", candidates);
        if (selected.isEmpty()) {
            why.add("no enabled " + (tls ? "TLS " : "") + "router of entry point " + entryPoint
                    + " matches: Switchyard answers 404");
            out.put("outcome", "404 page not found");
            out.put("explanation", why);
            return out;
        }
        RuntimeView.RouterInfo router = view.routers.get(selected.get());
        out.put("router", selected.get());
        if (router == null) {
            out.put("outcome", "forwarded");
            out.put("explanation", why);
            return out;
        }
        String serviceName = router.service(view.provider);
        Map<String, Object> service = service(serviceName, new HashSet<>(), 0);
        out.put("service", service);
        boolean eligible = Boolean.TRUE.equals(service.get("eligible"));
        why.add(eligible ? "the request is forwarded to one of the eligible servers"
                : "no server is eligible: Switchyard answers 503 no available server");
        out.put("outcome", eligible ? "forwarded" : "503 no available server");
        out.put("explanation", why);
        return out;
    }

    private List<Object> candidates(String entryPoint, boolean tls, Facts facts, Optional<String> selected) {
        record Candidate(RuntimeView.RouterInfo router, long priority, Boolean matches, String error) {
        }
        List<Candidate> list = new ArrayList<>();
        for (RuntimeView.RouterInfo r : view.routers.values()) {
            List<String> eps = r.config().entryPoints().isEmpty() ? view.entryPoints : r.config().entryPoints();
            if (!eps.contains(entryPoint) || r.config().tls().isPresent() != tls) {
                continue;
            }
            Boolean matches = null;
            String error = null;
            try {
                matches = Rule.parse(r.config().rule()).matches(facts);
            } catch (RuleSyntaxException | IllegalArgumentException e) {
                error = e.getMessage();
            }
            list.add(new Candidate(r, Priorities.of(r.config().rule(), r.config().priority()), matches, error));
        }
        list.sort(Comparator.comparingLong(Candidate::priority).reversed()
                .thenComparing(c -> c.router().name()));
        List<Object> out = new ArrayList<>();
        int matching = 0;
        for (Candidate c : list) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.router().name());
            m.put("rule", c.router().config().rule());
            m.put("priority", c.priority());
            m.put("status", c.router().status());
            if (c.matches() != null) {
                m.put("matches", c.matches());
            }
            boolean isSelected = selected.isPresent() && selected.get().equals(c.router().name());
            m.put("selected", isSelected);
            if (!c.router().errors().isEmpty()) {
                m.put("error", c.router().errors());
            }
            out.add(m);
            if (Boolean.TRUE.equals(c.matches())) {
                if (RuntimeView.DISABLED.equals(c.router().status())) {
                    why.add("router " + c.router().name() + " would match but is disabled: "
                            + String.join("; ", c.router().errors()));
                } else {
                    matching++;
                    if (isSelected) {
                        why.add("router " + c.router().name() + " matches with priority " + c.priority()
                                + (matching == 1 ? ", the highest among the matching routers"
                                : ", after higher-priority routers that did not win"));
                    } else {
                        why.add("router " + c.router().name() + " also matches (priority " + c.priority()
                                + ") but ranks lower");
                    }
                }
            }
        }
        return out;
    }

    private Map<String, Object> service(String name, Set<String> visiting, int depth) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        RuntimeView.ServiceInfo info = view.services.get(name);
        if (info == null) {
            m.put("status", "missing");
            m.put("eligible", false);
            why.add("service " + name + " does not exist");
            return m;
        }
        m.put("type", RuntimeView.type(info.config()));
        m.put("status", info.status());
        if (!info.errors().isEmpty()) {
            m.put("error", info.errors());
            why.add("service " + name + " is disabled: " + String.join("; ", info.errors()));
            m.put("eligible", false);
            return m;
        }
        if (!visiting.add(name) || depth > MAX_DEPTH) {
            m.put("eligible", false);
            why.add("service " + name + " refers to itself");
            return m;
        }
        boolean eligible = switch (info.config()) {
            case LoadBalancerService lb -> loadBalancer(name, lb, m);
            case WeightedService w -> {
                w.sticky().ifPresent(c -> m.put("sticky", cookie(c, name)));
                yield children(name, w.services(), m, visiting, depth, "weighted round robin");
            }
            case HighestRandomWeightService h -> children(name, h.services(), m, visiting, depth,
                    "highest random weight (by client IP)");
            case MirroringService mirroring -> {
                why.add("service " + name + ": mirroring services are not served yet");
                yield false;
            }
            case FailoverService failover -> {
                why.add("service " + name + ": failover services are not served yet");
                yield false;
            }
        };
        visiting.remove(name);
        m.put("eligible", eligible);
        return m;
    }

    private boolean loadBalancer(String name, LoadBalancerService lb, Map<String, Object> m) {
        m.put("strategy", lb.strategy().key());
        lb.sticky().ifPresent(c -> m.put("sticky", cookie(c, name)));
        List<Object> servers = new ArrayList<>();
        int eligible = 0;
        for (ServerConfig server : lb.servers()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("url", server.url());
            Optional<MemberState> state = runtime.states().find(name, server.url());
            boolean up = state.map(MemberState::up).orElse(false);
            s.put("status", state.isEmpty() ? "unknown" : up ? "UP" : "DOWN");
            s.put("fenced", server.fenced());
            boolean ok = up && !server.fenced();
            s.put("eligible", ok);
            s.put("reason", state.isEmpty() ? "not built by the runtime"
                    : !up ? "DOWN: failed its health check"
                    : server.fenced() ? "fenced (terminating endpoint): reached only through a sticky cookie"
                    : "UP");
            if (ok) {
                eligible++;
            }
            servers.add(s);
        }
        m.put("servers", servers);
        m.put("eligibleServers", eligible);
        why.add("service " + name + " (" + lb.strategy().key() + "): " + eligible + " of " + lb.servers().size()
                + " servers eligible");
        return eligible > 0;
    }

    private boolean children(String name, List<ServiceRef> refs, Map<String, Object> m, Set<String> visiting,
                             int depth, String how) {
        List<Object> children = new ArrayList<>();
        int eligible = 0;
        for (ServiceRef ref : refs) {
            Map<String, Object> child = service(RuntimeView.qualify(ref.name(), view.provider), visiting, depth + 1);
            child.put("weight", ref.weight());
            if (Boolean.TRUE.equals(child.get("eligible")) && ref.weight() > 0) {
                eligible++;
            }
            children.add(child);
        }
        m.put("services", children);
        why.add("service " + name + " (" + how + "): " + eligible + " of " + refs.size() + " children eligible");
        return eligible > 0;
    }

    private static Map<String, Object> cookie(StickyCookie c, String service) {
        return Map.of("cookie", StickyCookies.cookieName(c, service));
    }

    /** The request facts built from the query parameters. */
    private record Facts(String method, String host, String path, Map<String, List<String>> headers,
                         String rawQuery, String clientIp) implements RequestFacts {
        @Override
        public List<String> header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }
}
