package io.switchyard.ports.runtime;

import io.switchyard.domain.balance.Balancer;
import io.switchyard.domain.balance.Member;
import io.switchyard.domain.balance.StatusRanges;
import io.switchyard.domain.config.DynamicConfig;
import io.switchyard.domain.config.FailoverService;
import io.switchyard.domain.config.HighestRandomWeightService;
import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.config.MirroringService;
import io.switchyard.domain.config.RouterConfig;
import io.switchyard.domain.config.ServerConfig;
import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.config.ServiceConfig;
import io.switchyard.domain.config.ServiceRef;
import io.switchyard.domain.config.StickyCookie;
import io.switchyard.domain.config.WeightedService;
import io.switchyard.domain.http.ServerAddress;
import io.switchyard.domain.rule.Priorities;
import io.switchyard.domain.rule.RouteTable;
import io.switchyard.domain.rule.Rule;
import io.switchyard.domain.rule.RuleSyntaxException;
import io.switchyard.domain.sticky.StickyCookies;
import io.switchyard.domain.sticky.StickyTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Turns a {@link DynamicConfig} into a {@link CompiledRouting}. Everything that can fail fails here,
 * off the request path, and disables only the router or service it concerns (spec: translation.md
 * §1.14, rules.md §5.7).
 */
final class RoutingCompiler {
    private static final System.Logger LOG = System.getLogger(RoutingCompiler.class.getName());
    /** Highest priority a user router may have (rules.md §5.6). */
    static final long MAX_PRIORITY = Long.MAX_VALUE - 1000;

    private final RuntimeSettings settings;
    private final ServerStates states;
    private final RandomGenerator random;
    private final DynamicConfig config;
    private final String suffix;
    private final List<RuntimeDiagnostic> diagnostics = new ArrayList<>();
    private final Map<String, ServiceNode> built = new HashMap<>();
    private final Map<String, String> failed = new HashMap<>();
    private final Set<String> building = new HashSet<>();
    private final Set<String> liveStates = new HashSet<>();

    private RoutingCompiler(RuntimeSettings settings, ServerStates states, RandomGenerator random,
                            DynamicConfig config) {
        this.settings = settings;
        this.states = states;
        this.random = random;
        this.config = config;
        this.suffix = "@" + settings.provider();
    }

    static CompiledRouting compile(RuntimeSettings settings, ServerStates states, RandomGenerator random,
                                   DynamicConfig config) {
        return new RoutingCompiler(settings, states, random, config).compile();
    }

    private CompiledRouting compile() {
        Map<String, List<RouteTable.Route<RouteTarget>>> plain = new HashMap<>();
        Map<String, List<RouteTable.Route<RouteTarget>>> secure = new HashMap<>();
        for (String ep : settings.entryPoints().keySet()) {
            plain.put(ep, new ArrayList<>());
            secure.put(ep, new ArrayList<>());
        }
        // Sorted by key so that diagnostics and ties come out in a stable order.
        for (var e : new TreeMap<>(config.routers()).entrySet()) {
            String routerName = e.getKey() + suffix;
            RouterConfig router = e.getValue();
            Optional<RouteTable.Route<RouteTarget>> route = compileRouter(routerName, router);
            if (route.isEmpty()) {
                continue;
            }
            List<String> eps = router.entryPoints().isEmpty()
                    ? List.copyOf(settings.entryPoints().keySet()) : router.entryPoints();
            for (String ep : eps) {
                var target = router.tls().isPresent() ? secure.get(ep) : plain.get(ep);
                if (target == null) {
                    diagnostics.add(new RuntimeDiagnostic("router " + routerName,
                            "entry point \"" + ep + "\" does not exist (known: "
                                    + String.join(", ", settings.entryPoints().keySet()) + ")"));
                    continue;
                }
                target.add(route.get());
            }
        }
        Map<String, RouteTable<RouteTarget>> plainTables = new HashMap<>();
        Map<String, RouteTable<RouteTarget>> secureTables = new HashMap<>();
        plain.forEach((ep, routes) -> plainTables.put(ep, RouteTable.compile(routes)));
        secure.forEach((ep, routes) -> secureTables.put(ep, RouteTable.compile(routes)));
        states.retain(liveStates);
        return new CompiledRouting(config, plainTables, secureTables, Map.copyOf(built), List.copyOf(diagnostics));
    }

    private Optional<RouteTable.Route<RouteTarget>> compileRouter(String routerName, RouterConfig router) {
        String what = "router " + routerName;
        if (!router.parentRefs().isEmpty()) {
            return disable(what, "parentRefs (multi-layer routing) are not supported yet");
        }
        if (router.service().isEmpty()) {
            return disable(what, "has no service");
        }
        if (!router.middlewares().isEmpty()) {
            // Serving the route without its middlewares could expose what they protect (auth,
            // IP allow lists): refuse it instead.
            return disable(what, "middlewares are not supported yet: " + String.join(", ", router.middlewares()));
        }
        if (!router.ruleSyntax().isEmpty() && router.ruleSyntax().equals("v2")) {
            return disable(what, "rule syntax v2 is not supported (use v3)");
        }
        Rule rule;
        try {
            rule = Rule.parse(router.rule());
        } catch (RuleSyntaxException ex) {
            return disable(what, "error while parsing rule " + router.rule() + ": " + ex.getMessage());
        }
        for (String warning : rule.warnings()) {
            LOG.log(System.Logger.Level.WARNING, "{0}: rule {1}: {2}", what, router.rule(), warning);
        }
        long priority = Priorities.of(router.rule(), router.priority());
        if (priority > MAX_PRIORITY) {
            return disable(what, "priority " + priority + " is too high (expected: <= " + MAX_PRIORITY + ")");
        }
        ServiceNode node;
        try {
            node = service(router.service(), routerName);
        } catch (BuildException ex) {
            return disable(what, ex.getMessage());
        }
        return Optional.of(new RouteTable.Route<>(routerName, rule, priority, new RouteTarget(routerName, node)));
    }

    private <T> Optional<T> disable(String what, String why) {
        diagnostics.add(new RuntimeDiagnostic(what, why));
        return Optional.empty();
    }

    /** Builds (or reuses) the service named by a reference held by {@code holder}. */
    private ServiceNode service(String reference, String holder) {
        String key = providerKey(reference);
        String qualified = key + suffix;
        ServiceNode done = built.get(qualified);
        if (done != null) {
            return done;
        }
        String earlier = failed.get(qualified);
        if (earlier != null) {
            throw new BuildException(earlier);
        }
        if (!building.add(qualified)) {
            throw new BuildException("service " + qualified + " refers to itself through " + holder
                    + " (reference cycle)");
        }
        try {
            ServiceConfig cfg = config.services().get(key);
            if (cfg == null) {
                throw new BuildException("service " + qualified + " does not exist");
            }
            ServiceNode node = switch (cfg) {
                case LoadBalancerService lb -> loadBalancer(qualified, lb);
                case WeightedService w -> weighted(qualified, w);
                case HighestRandomWeightService h -> hrw(qualified, h);
                case MirroringService m -> mirroring(qualified, m);
                case FailoverService f -> failover(qualified, f);
            };
            built.put(qualified, node);
            return node;
        } catch (BuildException ex) {
            failed.put(qualified, ex.getMessage());
            diagnostics.add(new RuntimeDiagnostic("service " + qualified, ex.getMessage()));
            throw ex;
        } finally {
            building.remove(qualified);
        }
    }

    private String providerKey(String reference) {
        int at = reference.indexOf('@');
        if (at < 0) {
            return reference;
        }
        if (reference.substring(at).equals(suffix)) {
            return reference.substring(0, at);
        }
        throw new BuildException("service " + reference + " belongs to provider \""
                + reference.substring(at + 1) + "\", which Switchyard does not have");
    }

    private ServiceNode loadBalancer(String name, LoadBalancerService lb) {
        List<Member> members = new ArrayList<>(lb.servers().size());
        Map<String, ServerAddress> addresses = new LinkedHashMap<>();
        for (ServerConfig server : lb.servers()) {
            ServerAddress address;
            try {
                address = ServerAddress.parse(server.url());
            } catch (IllegalArgumentException ex) {
                throw new BuildException("service " + name + ": " + ex.getMessage());
            }
            if (!List.of("http", "https", "h2c").contains(address.scheme())) {
                throw new BuildException("service " + name + ": unsupported scheme in " + server.url());
            }
            if (addresses.putIfAbsent(server.url(), address) != null) {
                continue; // the same URL twice is one member
            }
            members.add(new Member(server.url(), 1, server.fenced(), memberState(name, server.url())));
        }
        String transportName = lb.serversTransport();
        ServersTransportConfig transport = ServersTransportConfig.DEFAULT;
        if (!transportName.isEmpty()) {
            String key = transportName;
            int at = key.indexOf('@');
            if (at >= 0) {
                if (!key.substring(at).equals(suffix)) {
                    throw new BuildException("service " + name + ": servers transport " + transportName
                            + " belongs to another provider");
                }
                key = key.substring(0, at);
            }
            transport = config.serversTransports().get(key);
            if (transport == null) {
                throw new BuildException("service " + name + ": servers transport " + transportName + " not found");
            }
            transportName = key + suffix;
        }
        Balancer balancer = Balancer.of(lb.strategy(), members, random);
        ServiceNode.Sticky sticky = switch (lb.strategy()) {
            case HRW -> null; // hrw ignores sticky (balancing.md §2.2)
            default -> sticky(name, lb.sticky(), balancer);
        };
        return new ServiceNode.LoadBalancer(name, balancer, sticky, Map.copyOf(addresses), lb.passHostHeader(),
                lb.flushInterval(), transportName, transport);
    }

    private ServiceNode weighted(String name, WeightedService w) {
        Map<String, ServiceNode> children = new HashMap<>();
        List<Member> members = childMembers(name, w.services(), children);
        Balancer balancer = Balancer.weighted(members, random);
        return new ServiceNode.Weighted(name, balancer, sticky(name, w.sticky(), balancer), Map.copyOf(children));
    }

    private ServiceNode hrw(String name, HighestRandomWeightService h) {
        Map<String, ServiceNode> children = new HashMap<>();
        List<Member> members = childMembers(name, h.services(), children);
        return new ServiceNode.HighestRandomWeight(name, Balancer.highestRandomWeight(members), Map.copyOf(children));
    }

    private ServiceNode mirroring(String name, MirroringService m) {
        ServiceNode main = service(m.service(), "service " + name);
        List<ServiceNode.Mirror> mirrors = new ArrayList<>(m.mirrors().size());
        List<Integer> percents = new ArrayList<>(m.mirrors().size());
        for (MirroringService.Mirror mirror : m.mirrors()) {
            mirrors.add(new ServiceNode.Mirror(service(mirror.name(), "service " + name), mirror.percent()));
            percents.add(mirror.percent());
        }
        MirrorSelector selector;
        try {
            selector = new MirrorSelector(percents);
        } catch (IllegalArgumentException ex) {
            throw new BuildException("service " + name + ": " + ex.getMessage());
        }
        return new ServiceNode.Mirroring(name, main, mirrors, m.mirrorBody().orElse(true),
                m.maxBodySize().orElse(-1), selector);
    }

    private ServiceNode failover(String name, FailoverService f) {
        ServiceNode main = service(f.service(), "service " + name);
        ServiceNode fallback = service(f.fallback(), "service " + name);
        StatusRanges errors;
        try {
            errors = StatusRanges.parse(f.errors().map(FailoverService.Errors::status).orElse(List.of()));
        } catch (IllegalArgumentException ex) {
            throw new BuildException("service " + name + ": " + ex.getMessage());
        }
        // Traefik registers the failover for health updates of main, which only a load balancer
        // with an active health check accepts (healthcheck.md §3.7).
        boolean mainChecked = config.services().get(providerKey(f.service())) instanceof LoadBalancerService lb
                && lb.healthCheck().isPresent();
        if (errors.isEmpty() && !mainChecked) {
            throw new BuildException("service " + name + ": cannot register service " + main.name()
                    + " as status updater: it has no active healthCheck (only ExternalName Services can have"
                    + " one), and errors.status is empty, so the fallback would never be used");
        }
        long maxBody = f.errors().map(e -> e.maxRequestBodyBytes().orElse(-1)).orElse(-1L);
        return new ServiceNode.Failover(name, main, fallback, errors, maxBody,
                mainChecked || settings.propagateHealth());
    }

    private List<Member> childMembers(String name, List<ServiceRef> refs, Map<String, ServiceNode> children) {
        List<Member> members = new ArrayList<>(refs.size());
        for (ServiceRef ref : refs) {
            ServiceNode child = service(ref.name(), "service " + name);
            if (children.putIfAbsent(ref.name(), child) == null) {
                members.add(new Member(ref.name(), ref.weight(), false, memberState(name, ref.name())));
            }
        }
        return members;
    }

    private ServiceNode.Sticky sticky(String name, Optional<StickyCookie> cookie, Balancer balancer) {
        if (cookie.isEmpty()) {
            return null;
        }
        StickyCookie c = cookie.get();
        String cookieName = StickyCookies.cookieName(c, name);
        String attributes = StickyCookies.attributes(c);
        Map<String, String> setCookie = new HashMap<>();
        for (Member m : balancer.members()) {
            setCookie.put(m.name(), cookieName + "=" + StickyCookies.value(m.name()) + attributes);
        }
        return new ServiceNode.Sticky(cookieName, StickyTable.of(balancer), Map.copyOf(setCookie));
    }

    private io.switchyard.domain.balance.MemberState memberState(String service, String member) {
        liveStates.add(ServerStates.key(service, member));
        return states.state(service, member);
    }

    /** A build failure; its message is the diagnostic. */
    static final class BuildException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BuildException(String message) {
            super(message, null, false, false);
        }
    }
}
