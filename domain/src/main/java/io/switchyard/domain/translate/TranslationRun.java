package io.switchyard.domain.translate;

import io.switchyard.domain.cluster.IngressRoute;
import io.switchyard.domain.cluster.KubeObject;
import io.switchyard.domain.cluster.Middleware;
import io.switchyard.domain.cluster.ObjectRef;
import io.switchyard.domain.cluster.ServersTransport;
import io.switchyard.domain.cluster.ServiceReference;
import io.switchyard.domain.cluster.TraefikService;
import io.switchyard.domain.config.DynamicConfig;
import io.switchyard.domain.config.RouterConfig;
import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.config.ServiceConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** One translation of one snapshot (spec: translation.md §1.4–§1.13), in Traefik's order. */
final class TranslationRun {
    private static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";

    private final ClusterIndex index;
    private final ProviderOptions options;
    private final Map<String, RouterConfig> routers = new LinkedHashMap<>();
    private final Map<String, ServiceConfig> services = new LinkedHashMap<>();
    private final Map<String, ServersTransportConfig> transports = new LinkedHashMap<>();
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    TranslationRun(ClusterIndex index, ProviderOptions options) {
        this.index = index;
        this.options = options;
    }

    Translation run() {
        for (IngressRoute ir : index.ingressRoutes()) {
            ingressRoute(ir);
        }
        for (Middleware mw : index.middlewares()) {
            errorPage(mw);
        }
        for (TraefikService ts : index.traefikServices()) {
            traefikService(ts);
        }
        for (ServersTransport st : index.serversTransports()) {
            serversTransport(st);
        }
        return new Translation(new DynamicConfig(routers, services, transports), diagnostics);
    }

    // ---- §1.4, §1.5: IngressRoutes -------------------------------------------------------------

    private void ingressRoute(IngressRoute ir) {
        String ns = ir.metadata().namespace();
        String name = ir.metadata().effectiveName();
        boolean fromAnnotation = false;
        String objectClass;
        if (ir.ingressClassName().isPresent()) {
            objectClass = ir.ingressClassName().get();
        } else {
            objectClass = ir.metadata().annotations().getOrDefault(CLASS_ANNOTATION, "");
            fromAnnotation = !objectClass.isEmpty();
        }
        String providerClass = options.ingressClass();
        if (!(providerClass.equals(objectClass) || (providerClass.isEmpty() && objectClass.equals("traefik")))) {
            return;
        }
        if (fromAnnotation) {
            report(Diagnostic.Severity.WARNING, ir, OptionalInt.empty(), "the annotation " + CLASS_ANNOTATION
                    + " is deprecated, use spec.ingressClassName instead");
        }

        List<String> parentKeys = new ArrayList<>();
        for (ObjectRef parentRef : ir.parentRefs()) {
            String parentNs = parentRef.namespace().isEmpty() ? ns : parentRef.namespace();
            if (!options.allowCrossNamespace() && !parentNs.equals(ns)) {
                report(Diagnostic.Severity.ERROR, ir, OptionalInt.empty(), "parent IngressRoute " + parentNs + "/"
                        + parentRef.name() + " is in another namespace and allowCrossNamespace is off;"
                        + " the whole IngressRoute is skipped");
                return;
            }
            Optional<IngressRoute> parent = index.ingressRoute(parentNs, parentRef.name());
            if (parent.isEmpty()) {
                report(Diagnostic.Severity.ERROR, ir, OptionalInt.empty(), "parent IngressRoute " + parentNs + "/"
                        + parentRef.name() + " not found; the whole IngressRoute is skipped");
                return;
            }
            for (IngressRoute.Route parentRoute : parent.get().routes()) {
                parentKeys.add(Names.routerKey(parentNs, parent.get().metadata().effectiveName(), parentRoute.match()));
            }
        }

        List<IngressRoute.Route> routes = ir.routes();
        for (int i = 0; i < routes.size(); i++) {
            OptionalInt number = OptionalInt.of(i + 1);
            Reporter warnings = message -> report(Diagnostic.Severity.WARNING, ir, number, message);
            try {
                route(ir, ns, name, routes.get(i), parentKeys, warnings);
            } catch (TranslationException e) {
                report(Diagnostic.Severity.ERROR, ir, number, e.getMessage());
            }
        }
    }

    private void route(IngressRoute ir, String ns, String name, IngressRoute.Route route, List<String> parentKeys,
                       Reporter warnings) {
        if (!route.kind().isEmpty() && !route.kind().equals("Rule")) {
            throw new TranslationException("unsupported match kind \"" + route.kind() + "\" (only Rule is supported)");
        }
        if (route.match().isEmpty()) {
            throw new TranslationException("empty match rule");
        }
        String key = Names.routerKey(ns, name, route.match());
        ServiceBuilder builder = new ServiceBuilder(index, options, ServiceBuilder.Flags.forRoutes(options), services,
                warnings);
        List<String> middlewares = new ArrayList<>();
        for (ObjectRef mw : route.middlewares()) {
            middlewares.add(builder.reference(ns, mw, "middleware"));
        }

        String serviceName = "";
        List<ServiceReference> refs = route.services();
        if (refs.size() > 1) {
            builder.weighted(ns, refs, Optional.empty(), key);
            serviceName = key;
        } else if (refs.size() == 1) {
            ServiceBuilder.Resolved resolved = builder.resolve(ns, refs.get(0));
            if (resolved.loadBalancer().isPresent()) {
                services.put(key, resolved.loadBalancer().get());
                serviceName = key;
            } else {
                serviceName = resolved.name();
            }
        }

        Optional<RouterConfig.RouterTls> tls = Optional.empty();
        if (ir.tls().isPresent()) {
            IngressRoute.Tls t = ir.tls().get();
            String optionsKey = "";
            if (t.options().isPresent() && !t.options().get().name().isEmpty()) {
                optionsKey = builder.reference(ns, t.options().get(), "TLSOption");
            }
            tls = Optional.of(new RouterConfig.RouterTls(t.certResolver(), optionsKey, t.domains().stream()
                    .map(d -> new RouterConfig.RouterTls.Domain(d.main(), d.sans())).toList()));
        }
        Optional<RouterConfig.Observability> observability = route.observability().map(o ->
                new RouterConfig.Observability(o.accessLogs(), o.metrics(), o.tracing(), o.traceVerbosity()));
        routers.put(key, new RouterConfig(route.match(), route.priority(), route.syntax(), ir.entryPoints(),
                middlewares, serviceName, parentKeys, tls, observability));
    }

    // ---- error pages, TraefikServices, ServersTransports -------------------------------------

    private void errorPage(Middleware mw) {
        if (mw.errorPageService().isEmpty()) {
            return;
        }
        String ns = mw.metadata().namespace();
        ServiceReference ref = mw.errorPageService().get();
        Reporter warnings = message -> report(Diagnostic.Severity.WARNING, mw, OptionalInt.empty(), message);
        try {
            String serviceNs = ref.namespace().isEmpty() ? ns : ref.namespace();
            if (!options.allowCrossNamespace() && !serviceNs.equals(ns)) {
                throw new TranslationException("error page Service " + serviceNs + "/" + ref.name()
                        + " is in another namespace and allowCrossNamespace is off");
            }
            ServiceBuilder builder = new ServiceBuilder(index, options, ServiceBuilder.Flags.forErrorPages(options),
                    services, warnings);
            services.put(Names.normalize(Names.id(ns, mw.metadata().name())) + "-errorpage-service",
                    builder.loadBalancer(serviceNs, ref));
        } catch (TranslationException e) {
            report(Diagnostic.Severity.ERROR, mw, OptionalInt.empty(), e.getMessage());
        }
    }

    private void traefikService(TraefikService ts) {
        Reporter warnings = message -> report(Diagnostic.Severity.WARNING, ts, OptionalInt.empty(), message);
        ServiceBuilder builder = new ServiceBuilder(index, options, ServiceBuilder.Flags.forTraefikServices(options),
                services, warnings);
        try {
            builder.traefikService(ts, Names.normalize(Names.id(ts.metadata().namespace(), ts.metadata().name())));
        } catch (TranslationException e) {
            report(Diagnostic.Severity.ERROR, ts, OptionalInt.empty(), e.getMessage());
        }
    }

    private void serversTransport(ServersTransport st) {
        ServersTransportConfig config = new TransportBuilder(index).build(st,
                message -> report(Diagnostic.Severity.ERROR, st, OptionalInt.empty(), message),
                message -> report(Diagnostic.Severity.WARNING, st, OptionalInt.empty(), message));
        transports.put(Names.normalize(Names.id(st.metadata().namespace(), st.metadata().name())), config);
    }

    private void report(Diagnostic.Severity severity, KubeObject object, OptionalInt route, String message) {
        diagnostics.add(new Diagnostic(severity, object.kind(), object.metadata().namespace(),
                object.metadata().effectiveName(), route, message));
    }
}
