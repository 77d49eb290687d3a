package io.switchyard.domain.translate;

import io.switchyard.domain.cluster.EndpointSlice;
import io.switchyard.domain.cluster.Node;
import io.switchyard.domain.cluster.ObjectRef;
import io.switchyard.domain.cluster.PortRef;
import io.switchyard.domain.cluster.Service;
import io.switchyard.domain.cluster.ServiceReference;
import io.switchyard.domain.cluster.TraefikService;
import io.switchyard.domain.config.FailoverService;
import io.switchyard.domain.config.GoDuration;
import io.switchyard.domain.config.HealthCheckConfig;
import io.switchyard.domain.config.HighestRandomWeightService;
import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.config.MirroringService;
import io.switchyard.domain.config.PassiveHealthCheckConfig;
import io.switchyard.domain.config.ServerConfig;
import io.switchyard.domain.config.ServiceConfig;
import io.switchyard.domain.config.ServiceRef;
import io.switchyard.domain.config.StickyCookie;
import io.switchyard.domain.config.Strategy;
import io.switchyard.domain.config.WeightedService;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns service references into services (spec: translation.md §1.6–§1.11): naming, cross-namespace
 * and cross-provider checks, servers load balancers with their servers, and the TraefikService kinds.
 * Kubernetes children are written into the shared {@code services} map as soon as they are built,
 * so children built before a later error stay in the output, as in Traefik.
 */
final class ServiceBuilder {

    /**
     * The options one builder applies. Traefik builds references inside TraefikServices with a builder
     * that lacks {@code nativeLBByDefault} (spec §1.11 [QUIRK]), hence a separate record.
     */
    record Flags(boolean allowCrossNamespace, boolean allowExternalNameServices, boolean allowEmptyServices,
                 Optional<List<String>> crossProviderNamespaces, boolean nativeLBByDefault,
                 boolean disableClusterScopeResources) {

        static Flags forRoutes(ProviderOptions o) {
            return new Flags(o.allowCrossNamespace(), o.allowExternalNameServices(), o.allowEmptyServices(),
                    o.crossProviderNamespaces(), o.nativeLBByDefault(), o.disableClusterScopeResources());
        }

        static Flags forTraefikServices(ProviderOptions o) {
            return new Flags(o.allowCrossNamespace(), o.allowExternalNameServices(), o.allowEmptyServices(),
                    o.crossProviderNamespaces(), false, false);
        }

        static Flags forErrorPages(ProviderOptions o) {
            return new Flags(o.allowCrossNamespace(), o.allowExternalNameServices(), o.allowEmptyServices(),
                    Optional.empty(), false, false);
        }
    }

    /** A resolved reference: its name, and the servers load balancer when it is a Kubernetes Service. */
    record Resolved(String name, Optional<LoadBalancerService> loadBalancer) {
    }

    private final ClusterIndex index;
    private final ProviderOptions options;
    private final Flags flags;
    private final Map<String, ServiceConfig> services;
    private final Reporter reporter;

    ServiceBuilder(ClusterIndex index, ProviderOptions options, Flags flags, Map<String, ServiceConfig> services,
                   Reporter reporter) {
        this.index = index;
        this.options = options;
        this.flags = flags;
        this.services = services;
        this.reporter = reporter;
    }

    // ---- §1.6 / §1.11: composite services ----------------------------------------------------

    /** A weighted service over {@code refs} stored under {@code key}; Kubernetes children under their names. */
    void weighted(String parentNamespace, List<ServiceReference> refs, Optional<ServiceReference.Sticky> sticky,
                  String key) {
        List<ServiceRef> children = children(parentNamespace, refs);
        services.put(key, new WeightedService(children, sticky.flatMap(ServiceBuilder::cookie)));
    }

    private List<ServiceRef> children(String parentNamespace, List<ServiceReference> refs) {
        List<ServiceRef> children = new ArrayList<>();
        for (ServiceReference ref : refs) {
            String name = child(parentNamespace, ref);
            children.add(new ServiceRef(name, ref.weight().orElse(1)));
        }
        return children;
    }

    private String child(String parentNamespace, ServiceReference ref) {
        Resolved resolved = resolve(parentNamespace, ref);
        resolved.loadBalancer().ifPresent(lb -> services.put(resolved.name(), lb));
        return resolved.name();
    }

    /** §1.11: one TraefikService under its key. */
    void traefikService(TraefikService ts, String key) {
        String ns = ts.metadata().namespace();
        if (ts.weighted().isPresent()) {
            TraefikService.Weighted w = ts.weighted().get();
            weighted(ns, w.services(), w.sticky(), key);
        } else if (ts.mirroring().isPresent()) {
            TraefikService.Mirroring m = ts.mirroring().get();
            String main = child(ns, m.main());
            List<MirroringService.Mirror> mirrors = new ArrayList<>();
            for (TraefikService.Mirror mirror : m.mirrors()) {
                mirrors.add(new MirroringService.Mirror(child(ns, mirror.service()), mirror.percent()));
            }
            services.put(key, new MirroringService(main, mirrors, m.mirrorBody(), m.maxBodySize()));
        } else if (ts.highestRandomWeight().isPresent()) {
            List<ServiceRef> children = children(ns, ts.highestRandomWeight().get().services());
            services.put(key, new HighestRandomWeightService(children));
        } else if (ts.failover().isPresent()) {
            TraefikService.Failover f = ts.failover().get();
            String main = child(ns, f.service());
            String fallback = child(ns, f.fallback());
            services.put(key, new FailoverService(main, fallback, f.errors()
                    .map(e -> new FailoverService.Errors(e.status(), e.maxRequestBodyBytes()))));
        } else {
            throw new TranslationException(
                    "unspecified service type (expected one of weighted, mirroring, highestRandomWeight, failover)");
        }
    }

    // ---- §1.7: one reference ----------------------------------------------------------------

    /** §1.7 ({@code nameAndService}): names the reference and, for a Kubernetes Service, builds it. */
    Resolved resolve(String parentNamespace, ServiceReference ref) {
        String namespace;
        if (!ref.name().contains(Names.SEPARATOR)) {
            namespace = ref.namespace().isEmpty() ? parentNamespace : ref.namespace();
            if (!flags.allowCrossNamespace() && !namespace.equals(parentNamespace)) {
                throw new TranslationException("Service " + namespace + "/" + ref.name()
                        + " is not in the namespace of its parent (" + parentNamespace
                        + ") and allowCrossNamespace is off");
            }
        } else {
            namespace = ref.namespace();
            if (!crossProviderAllowed(flags.crossProviderNamespaces(), parentNamespace)) {
                throw new TranslationException("reference to \"" + ref.name() + "\" is not allowed: namespace "
                        + parentNamespace + " is not in crossProviderNamespaces");
            }
        }
        return switch (ref.kind()) {
            case "", "Service" -> {
                LoadBalancerService lb = loadBalancer(namespace, ref);
                yield new Resolved(Names.fullServiceName(namespace, ref.name(), ref.port(), reporter), Optional.of(lb));
            }
            case "TraefikService" -> new Resolved(
                    Names.fullServiceName(namespace, ref.name(), PortRef.NONE, reporter), Optional.empty());
            default -> throw new TranslationException("unsupported service kind \"" + ref.kind()
                    + "\" (expected: Service or TraefikService)");
        };
    }

    static boolean crossProviderAllowed(Optional<List<String>> allowList, String namespace) {
        return allowList.map(list -> list.contains(namespace)).orElse(true);
    }

    // ---- §1.9: servers load balancer --------------------------------------------------------

    /** §1.9 ({@code buildServersLB}) for a reference whose namespace is already resolved. */
    LoadBalancerService loadBalancer(String namespace, ServiceReference ref) {
        Strategy strategy = strategy(namespace, ref);
        List<ServerConfig> servers = servers(namespace, ref);

        Optional<HealthCheckConfig> healthCheck = ref.healthCheck().map(ServiceBuilder::healthCheck);
        Optional<PassiveHealthCheckConfig> passive = ref.passiveHealthCheck().map(p -> new PassiveHealthCheckConfig(
                p.maxFailedAttempts().orElse(PassiveHealthCheckConfig.DEFAULTS.maxFailedAttempts()),
                p.failureWindow().map(w -> duration(w, "passiveHealthCheck.failureWindow"))
                        .orElse(PassiveHealthCheckConfig.DEFAULTS.failureWindow())));

        boolean passHostHeader = ref.passHostHeader().orElse(true);
        Duration flushInterval = LoadBalancerService.DEFAULT_FLUSH_INTERVAL;
        if (ref.flushInterval().isPresent() && !ref.flushInterval().get().isEmpty()) {
            try {
                flushInterval = GoDuration.parse(ref.flushInterval().get());
            } catch (IllegalArgumentException e) {
                throw new TranslationException("unable to parse flushInterval \"" + ref.flushInterval().get()
                        + "\": " + e.getMessage());
            }
        }
        Optional<StickyCookie> sticky = ref.sticky().flatMap(ServiceBuilder::cookie);
        String serversTransport = serversTransportKey(namespace, ref.serversTransport());
        List<String> middlewares = new ArrayList<>();
        for (ObjectRef mw : ref.middlewares()) {
            middlewares.add(reference(namespace, mw, "middleware"));
        }
        return new LoadBalancerService(servers, strategy, passHostHeader, flushInterval, sticky, healthCheck,
                passive, serversTransport, middlewares);
    }

    private Strategy strategy(String namespace, ServiceReference ref) {
        String value = ref.strategy();
        if (value.isEmpty()) {
            return Strategy.WRR;
        }
        if (value.equals("RoundRobin")) {
            reporter.warn("strategy RoundRobin of Service " + namespace + "/" + ref.name()
                    + " is deprecated, use wrr instead");
            return Strategy.WRR;
        }
        return Strategy.parse(value).orElseThrow(() -> new TranslationException("load-balancer strategy \""
                + value + "\" is not supported (expected: wrr, p2c, hrw or leasttime)"));
    }

    private static HealthCheckConfig healthCheck(ServiceReference.HealthCheck h) {
        Duration interval = h.interval().map(v -> duration(v, "healthCheck.interval"))
                .orElse(HealthCheckConfig.DEFAULT_INTERVAL);
        Duration unhealthy = h.unhealthyInterval().map(v -> duration(v, "healthCheck.unhealthyInterval"))
                .orElse(interval);
        Duration timeout = h.timeout().map(v -> duration(v, "healthCheck.timeout"))
                .orElse(HealthCheckConfig.DEFAULT_TIMEOUT);
        String mode = h.mode().equals("http") ? "" : h.mode();
        return new HealthCheckConfig(mode, h.scheme(), h.path(), h.method(), h.status(), h.port(), h.hostname(),
                h.headers(), Optional.of(interval), Optional.of(unhealthy), Optional.of(timeout),
                Optional.of(h.followRedirects().orElse(true)));
    }

    private static Duration duration(String text, String field) {
        try {
            return GoDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TranslationException("unable to parse " + field + " \"" + text + "\": " + e.getMessage());
        }
    }

    /** §1.9.4: stickiness only when a cookie is given; path defaults to "/". */
    static Optional<StickyCookie> cookie(ServiceReference.Sticky sticky) {
        return sticky.cookie().map(c -> new StickyCookie(c.name(), c.secure(), c.httpOnly(), c.sameSite(),
                c.maxAge(), c.path().orElse("/"), c.domain()));
    }

    /** §1.9.5: the serversTransport reference key. */
    private String serversTransportKey(String serviceNamespace, String name) {
        if (name.isEmpty()) {
            return "";
        }
        if (name.contains(Names.SEPARATOR)) {
            if (!flags.allowCrossNamespace() && name.endsWith(Names.SEPARATOR + Names.PROVIDER)) {
                throw new TranslationException("serversTransport \"" + name
                        + "\": the namespace-name@kubernetescrd form is not allowed while allowCrossNamespace is off");
            }
            if (!crossProviderAllowed(flags.crossProviderNamespaces(), serviceNamespace)) {
                throw new TranslationException("serversTransport \"" + name + "\" is not allowed: namespace "
                        + serviceNamespace + " is not in crossProviderNamespaces");
            }
            return name;
        }
        return Names.normalize(Names.id(serviceNamespace, name));
    }

    /** §1.7.3 ({@code resolveReference}) for middlewares and TLS options. */
    String reference(String parentNamespace, ObjectRef ref, String what) {
        if (ref.name().contains(Names.SEPARATOR)) {
            if (!options.allowCrossNamespace() && ref.name().endsWith(Names.SEPARATOR + Names.PROVIDER)) {
                throw new TranslationException(what + " \"" + ref.name()
                        + "\": the namespace-name@kubernetescrd form is not allowed while allowCrossNamespace is off");
            }
            if (!crossProviderAllowed(options.crossProviderNamespaces(), parentNamespace)) {
                throw new TranslationException(what + " \"" + ref.name() + "\" is not allowed: namespace "
                        + parentNamespace + " is not in crossProviderNamespaces");
            }
            if (!ref.namespace().isEmpty()) {
                reporter.warn("namespace \"" + ref.namespace() + "\" of " + what + " \"" + ref.name()
                        + "\" is ignored in a cross-provider reference");
            }
            return ref.name();
        }
        String namespace = ref.namespace().isEmpty() ? parentNamespace : ref.namespace();
        if (!options.allowCrossNamespace() && !namespace.equals(parentNamespace)) {
            throw new TranslationException(what + " " + namespace + "/" + ref.name()
                    + " is not in the namespace of its parent (" + parentNamespace + ") and allowCrossNamespace is off");
        }
        return Names.normalize(Names.id(namespace, ref.name()));
    }

    // ---- §1.10: servers ---------------------------------------------------------------------

    private List<ServerConfig> servers(String namespace, ServiceReference ref) {
        Service service = index.service(namespace, ref.name()).orElseThrow(() -> new TranslationException(
                "Service " + namespace + "/" + ref.name() + " not found"
                        + (options.watches(namespace) ? "" : " (namespace " + namespace + " is not watched)")));
        Service.Port port = servicePort(service, ref.port(), reporter);
        if (ref.healthCheck().isPresent() && !service.isExternalName() && !options.allowHealthCheckOnAnyService()) {
            throw new TranslationException("healthCheck is allowed only on ExternalName Services, and Service "
                    + describe(service) + " is of type " + typeOf(service));
        }
        if (service.isExternalName()) {
            if (!flags.allowExternalNameServices()) {
                throw new TranslationException("Service " + describe(service)
                        + " is an ExternalName Service and allowExternalNameServices is off");
            }
            String scheme = scheme(ref.scheme(), port.name(), port.port());
            return List.of(ServerConfig.of(scheme + "://" + Names.joinHostPort(service.externalName(), port.port())));
        }
        boolean nativeLB = ref.nativeLB().orElse(flags.nativeLBByDefault());
        if (nativeLB) {
            if (service.clusterIP().equals("None")) {
                throw new TranslationException("nativeLB needs a cluster IP, but Service " + describe(service)
                        + " is headless (clusterIP: None)");
            }
            if (service.clusterIP().isEmpty()) {
                throw new TranslationException("nativeLB needs a cluster IP, but Service " + describe(service)
                        + " has none");
            }
            String scheme = scheme(ref.scheme(), port.name(), port.port());
            return List.of(ServerConfig.of(scheme + "://" + Names.joinHostPort(service.clusterIP(), port.port())));
        }
        if (Service.NODE_PORT.equals(service.type()) && ref.nodePortLB()) {
            return nodePortServers(service, port, ref);
        }
        return endpointServers(service, port, ref);
    }

    private List<ServerConfig> nodePortServers(Service service, Service.Port port, ServiceReference ref) {
        if (flags.disableClusterScopeResources()) {
            throw new TranslationException("nodePortLB needs to list Nodes, but disableClusterScopeResources is on");
        }
        List<Node> nodes = index.nodes();
        if (nodes.isEmpty()) {
            throw new TranslationException("nodePortLB: no Nodes found for NodePort Service " + describe(service));
        }
        String scheme = scheme(ref.scheme(), port.name(), port.port());
        List<ServerConfig> servers = new ArrayList<>();
        for (Node node : nodes) {
            for (Node.Address address : node.addresses()) {
                if (address.type().equals("InternalIP")) {
                    servers.add(ServerConfig.of(scheme + "://" + Names.joinHostPort(address.address(), port.nodePort())));
                }
            }
        }
        if (servers.isEmpty()) {
            throw new TranslationException("nodePortLB: no Node has an InternalIP address, so NodePort Service "
                    + describe(service) + " has no servers");
        }
        return servers;
    }

    private List<ServerConfig> endpointServers(Service service, Service.Port port, ServiceReference ref) {
        String namespace = service.metadata().namespace();
        String name = service.metadata().name();
        Set<String> seen = new HashSet<>();
        List<ServerConfig> servers = new ArrayList<>();
        for (EndpointSlice slice : index.endpointSlices(namespace, name)) {
            int slicePort = 0;
            for (EndpointSlice.Port p : slice.ports()) {
                if (p.name().isPresent() && p.name().get().equals(port.name())) {
                    slicePort = p.port().orElse(0);
                    break;
                }
            }
            if (slicePort == 0) {
                continue;
            }
            // Traefik evaluates the scheme per matching slice, so a bad scheme goes unnoticed without one.
            String scheme = scheme(ref.scheme(), port.name(), port.port());
            for (EndpointSlice.Endpoint endpoint : slice.endpoints()) {
                if (!endpoint.conditions().serving().orElse(true)) {
                    continue;
                }
                boolean fenced = endpoint.conditions().terminating().orElse(false);
                for (String address : endpoint.addresses()) {
                    if (seen.add(address)) {
                        servers.add(new ServerConfig(scheme + "://" + Names.joinHostPort(address, slicePort), fenced));
                    }
                }
            }
        }
        if (servers.isEmpty() && !flags.allowEmptyServices()) {
            throw new TranslationException("no serving endpoints for port " + portLabel(port) + " of Service "
                    + describe(service) + " (allowEmptyServices is off)");
        }
        return servers;
    }

    // ---- building blocks shared with Translator ------------------------------------------------

    /** §1.10.1 ({@code getServicePort}). */
    static Service.Port servicePort(Service service, PortRef ref, Reporter reporter) {
        if (!ref.isSet()) {
            throw new TranslationException("no port given for Service " + describe(service)
                    + " (a port is required)");
        }
        boolean hasValidPort = false;
        for (Service.Port p : service.ports()) {
            boolean match = switch (ref) {
                case PortRef.Number n -> n.value() == p.port();
                case PortRef.Name n -> n.value().equals(p.name());
            };
            if (match) {
                return p;
            }
            hasValidPort |= p.port() != 0;
        }
        if (!service.isExternalName() || ref instanceof PortRef.Name) {
            String shown = ref instanceof PortRef.Name ? "\"" + ref.text() + "\"" : ref.text();
            throw new TranslationException("port " + shown + " not found on Service " + describe(service)
                    + " (has: " + describePorts(service) + ")");
        }
        if (hasValidPort) {
            reporter.warn("port " + ref.text() + " does not match the ports of ExternalName Service "
                    + describe(service) + " (has: " + describePorts(service) + "); using " + ref.text());
        }
        return new Service.Port("", ((PortRef.Number) ref).value(), 0);
    }

    /** §1.10.3 ({@code parseServiceProtocol}). */
    static String scheme(String scheme, String portName, int portNumber) {
        return switch (scheme) {
            case "http", "https", "h2c" -> scheme;
            case "" -> portNumber == 443 || portName.startsWith("https") ? "https" : "http";
            default -> throw new TranslationException("invalid scheme \"" + scheme + "\" (expected: http, https or h2c)");
        };
    }

    private static String describe(Service service) {
        String ns = service.metadata().namespace();
        return ns.isEmpty() ? service.metadata().name() : ns + "/" + service.metadata().name();
    }

    private static String typeOf(Service service) {
        return service.type().isEmpty() ? Service.CLUSTER_IP : service.type();
    }

    private static String portLabel(Service.Port port) {
        return port.name().isEmpty() ? Integer.toString(port.port()) : port.name() + "=" + port.port();
    }

    private static String describePorts(Service service) {
        if (service.ports().isEmpty()) {
            return "no ports";
        }
        return service.ports().stream().map(ServiceBuilder::portLabel).collect(Collectors.joining(", "));
    }
}
