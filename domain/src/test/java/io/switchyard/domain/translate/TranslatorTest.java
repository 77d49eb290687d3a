package io.switchyard.domain.translate;

import io.switchyard.domain.cluster.ClusterSnapshot;
import io.switchyard.domain.cluster.EndpointSlice;
import io.switchyard.domain.cluster.IngressRoute;
import io.switchyard.domain.cluster.KubeObject;
import io.switchyard.domain.cluster.Node;
import io.switchyard.domain.cluster.ObjectMeta;
import io.switchyard.domain.cluster.ObjectRef;
import io.switchyard.domain.cluster.PortRef;
import io.switchyard.domain.cluster.Service;
import io.switchyard.domain.cluster.ServiceReference;
import io.switchyard.domain.cluster.TraefikService;
import io.switchyard.domain.config.DynamicConfig;
import io.switchyard.domain.config.FailoverService;
import io.switchyard.domain.config.HighestRandomWeightService;
import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.config.MirroringService;
import io.switchyard.domain.config.RouterConfig;
import io.switchyard.domain.config.ServerConfig;
import io.switchyard.domain.config.ServiceRef;
import io.switchyard.domain.config.StickyCookie;
import io.switchyard.domain.config.Strategy;
import io.switchyard.domain.config.WeightedService;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static io.switchyard.domain.translate.ClusterObjects.endpoint;
import static io.switchyard.domain.translate.ClusterObjects.ingressRoute;
import static io.switchyard.domain.translate.ClusterObjects.ref;
import static io.switchyard.domain.translate.ClusterObjects.service;
import static io.switchyard.domain.translate.ClusterObjects.slice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class TranslatorTest {
    private static final ProviderOptions DEFAULTS = ProviderOptions.DEFAULTS;
    private static final Service WHOAMI = service("default", "whoami", Service.Port.of("web", 80));
    private static final EndpointSlice WHOAMI_SLICE = slice("default", "whoami", "whoami-abc", "web", 80,
            "10.10.0.1", "10.10.0.2");

    private static Translation translate(ProviderOptions options, KubeObject... objects) {
        return Translator.translate(ClusterSnapshot.of(objects), options);
    }

    private static LoadBalancerService lb(DynamicConfig config, String key) {
        return (LoadBalancerService) config.services().get(key);
    }

    private static List<String> urls(DynamicConfig config, String key) {
        return lb(config, key).servers().stream().map(ServerConfig::url).toList();
    }

    // ---- §1.3 Normalize ------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "default-test.route-6b204d94623b3df4370c | default-test-route-6b204d94623b3df4370c",
            "-foo                                    | foo",
            "a__b..c-                                | a-b-c",
            "my_svc                                  | my-svc",
            "ns/name@provider:80                     | ns-name-provider-80",
            "café_½                                  | café-½",
    })
    void normalize_specTable(String input, String expected) {
        assertEquals(expected, Translator.normalize(input));
    }

    // ---- §1.5.1 router keys --------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "default | test.route  | Host(`foo.com`) && PathPrefix(`/bar`)     | default-test-route-6b204d94623b3df4370c",
            "default | test2.route | Host(`k8s-service`)                       | default-test2-route-840425136fbd5d85a4ad",
            "default | whoami-ir   | Host(`example.com`) && PathPrefix(`/api`) | default-whoami-ir-d1e731eed2b25b93330c",
            "shop    | my.app      | Host(`shop.example.com`)                  | shop-my-app-38bcef08ab977d6de43a",
    })
    void routerKey_workedExamples(String ns, String name, String match, String key) {
        assertEquals(key, Translator.routerKey(ns, name, match));
    }

    @Test
    void translate_singleServiceRoute_loadBalancerNamedAfterRouterKeyWithDefaults() {
        Translation t = translate(DEFAULTS, WHOAMI, WHOAMI_SLICE,
                ingressRoute("default", "whoami-ir", "Host(`example.com`) && PathPrefix(`/api`)", ref("whoami", 80)));
        String key = "default-whoami-ir-d1e731eed2b25b93330c";
        RouterConfig router = t.config().routers().get(key);
        assertEquals(key, router.service());
        assertEquals(List.of("web"), router.entryPoints());
        LoadBalancerService lb = lb(t.config(), key);
        assertEquals(List.of(ServerConfig.of("http://10.10.0.1:80"), ServerConfig.of("http://10.10.0.2:80")),
                lb.servers());
        assertEquals(Strategy.WRR, lb.strategy());
        assertTrue(lb.passHostHeader());
        assertEquals(Duration.ofMillis(100), lb.flushInterval());
        assertEquals(Optional.empty(), lb.sticky());
        assertEquals("", lb.serversTransport());
        assertEquals(1, t.config().services().size(), "no service named after the Kubernetes Service");
        assertEquals(List.of(), t.diagnostics());
    }

    @Test
    void translate_twoServices_weightedUnderRouterKeyWithSharedChildren() {
        Service whoami2 = service("default", "whoami2", Service.Port.of("web", 8080));
        EndpointSlice slice2 = slice("default", "whoami2", "whoami2-abc", "web", 8080, "10.10.0.3");
        Translation t = translate(DEFAULTS, WHOAMI, WHOAMI_SLICE, whoami2, slice2,
                ingressRoute("default", "whoami-ir", "Host(`example.com`) && PathPrefix(`/api`)",
                        ref("whoami", 80), ref("whoami2", "web").withWeight(3)));
        String key = "default-whoami-ir-d1e731eed2b25b93330c";
        assertEquals(new WeightedService(List.of(new ServiceRef("default-whoami-80", 1),
                new ServiceRef("default-whoami2-web", 3)), Optional.empty()), t.config().services().get(key));
        assertEquals(List.of("http://10.10.0.1:80", "http://10.10.0.2:80"), urls(t.config(), "default-whoami-80"));
        assertEquals(List.of("http://10.10.0.3:8080"), urls(t.config(), "default-whoami2-web"));
    }

    @Test
    void translate_routeWithoutServices_routerWithEmptyService() {
        IngressRoute ir = IngressRoute.of(ObjectMeta.of("default", "parent"), List.of("web"),
                List.of(IngressRoute.Route.of("Host(`a`)", List.of())));
        Translation t = translate(DEFAULTS, ir);
        assertEquals("", t.config().routers().values().iterator().next().service());
        assertTrue(t.config().services().isEmpty());
    }

    // ---- §1.4 ingress class --------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''       | ''       | true",
            "''       | traefik  | true",
            "''       | nginx    | false",
            "internal | ''       | false",
            "internal | internal | true",
    })
    void translate_ingressClassTable(String providerClass, String objectClass, boolean processed) {
        IngressRoute ir = ingressRoute("default", "r", "Host(`a`)", ref("whoami", 80));
        ir = new IngressRoute(ir.metadata(), ir.entryPoints(), Optional.of(objectClass), ir.routes(), ir.tls(),
                ir.parentRefs());
        Translation t = translate(DEFAULTS.withIngressClass(providerClass), WHOAMI, WHOAMI_SLICE, ir);
        assertEquals(processed, !t.config().routers().isEmpty());
        assertTrue(t.diagnostics().isEmpty(), "class mismatch is silent");
    }

    @Test
    void translate_classFromDeprecatedAnnotation_processedWithWarning() {
        IngressRoute ir = ingressRoute("default", "r", "Host(`a`)", ref("whoami", 80));
        ir = new IngressRoute(ir.metadata().withAnnotations(Map.of("kubernetes.io/ingress.class", "internal")),
                ir.entryPoints(), Optional.empty(), ir.routes(), ir.tls(), ir.parentRefs());
        Translation t = translate(DEFAULTS.withIngressClass("internal"), WHOAMI, WHOAMI_SLICE, ir);
        assertEquals(1, t.config().routers().size());
        assertEquals(Diagnostic.Severity.WARNING, t.diagnostics().get(0).severity());
    }

    @Test
    void translate_emptyIngressClassNameWinsOverAnnotation() {
        IngressRoute ir = ingressRoute("default", "r", "Host(`a`)", ref("whoami", 80));
        ir = new IngressRoute(ir.metadata().withAnnotations(Map.of("kubernetes.io/ingress.class", "internal")),
                ir.entryPoints(), Optional.of(""), ir.routes(), ir.tls(), ir.parentRefs());
        assertTrue(translate(DEFAULTS.withIngressClass("internal"), WHOAMI, WHOAMI_SLICE, ir)
                .config().routers().isEmpty());
    }

    // ---- §1.10.1 port resolution ----------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // type        | ports            | ref kind | ref   | port | name  | warning
            "ClusterIP     | web=80           | int      | 80    | 80   | web   | false",
            "ClusterIP     | web=80           | name     | web   | 80   | web   | false",
            "ClusterIP     | web=80           | int      | 8080  | -    | -     | false",
            "ClusterIP     | web=80           | name     | http  | -    | -     | false",
            "ExternalName  | ''               | int      | 80    | 80   | ''    | false",
            "ExternalName  | =80              | int      | 443   | 443  | ''    | true",
            "ExternalName  | https=443        | int      | 443   | 443  | https | false",
            "ExternalName  | web=80           | name     | http  | -    | -     | false",
            "ExternalName  | web=80           | int      | 0     | -    | -     | false",
            "ClusterIP     | web=80           | name     | 80    | -    | -     | false",
    })
    void servicePort_specTable(String type, String ports, String refKind, String ref, Integer port, String name,
                               boolean warning) {
        List<Service.Port> declared = ports.isEmpty() ? List.of() : List.of(Service.Port.of(
                ports.substring(0, ports.indexOf('=')), Integer.parseInt(ports.substring(ports.indexOf('=') + 1))));
        Service svc = new Service(ObjectMeta.of("default", "svc"), type, "", declared, "external.domain");
        PortRef portRef = refKind.equals("int") ? PortRef.of(Integer.parseInt(ref)) : PortRef.named(ref);
        if (port == null) {
            assertThrows(TranslationException.class, () -> Translator.servicePort(svc, portRef));
            return;
        }
        assertEquals(new Service.Port(name, port, 0).name(), Translator.servicePort(svc, portRef).name());
        assertEquals(port, Translator.servicePort(svc, portRef).port());
        List<String> warnings = new java.util.ArrayList<>();
        ServiceBuilder.servicePort(svc, portRef, warnings::add);
        assertEquals(warning, !warnings.isEmpty());
    }

    @Test
    void translate_portNotFound_routeDroppedWithPlainDiagnostic() {
        Service shop = service("default", "shop", Service.Port.of("http", 80));
        IngressRoute ir = IngressRoute.of(ObjectMeta.of("default", "shop"), List.of(), List.of(
                IngressRoute.Route.of("Host(`a`)", List.of(ref("shop", 80))),
                IngressRoute.Route.of("Host(`b`)", List.of(ref("shop", 8080)))));
        Translation t = translate(DEFAULTS, shop, slice("default", "shop", "s", "http", 80, "10.0.0.1"), ir);
        assertEquals(1, t.config().routers().size());
        assertEquals(List.of("IngressRoute default/shop route 2: port 8080 not found on Service default/shop"
                + " (has: http=80)"), t.diagnostics().stream().map(Diagnostic::toString).toList());
    }

    // ---- §1.10.3 scheme ------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "http  | web       | 80   | http",
            "https | web       | 80   | https",
            "h2c   | web       | 80   | h2c",
            "''    | web       | 443  | https",
            "''    | https     | 8443 | https",
            "''    | https-web | 8443 | https",
            "''    | web-https | 8443 | http",
            "''    | ''        | 1000 | http",
            "HTTPS | web       | 80   | -",
            "grpc  | web       | 80   | -",
            "wss   | web       | 80   | -",
    })
    void serverScheme_specTable(String scheme, String portName, int portNumber, String expected) {
        if (expected == null) {
            TranslationException e = assertThrows(TranslationException.class,
                    () -> Translator.serverScheme(scheme, portName, portNumber));
            assertTrue(e.getMessage().contains("invalid scheme \"" + scheme + "\""), e.getMessage());
        } else {
            assertEquals(expected, Translator.serverScheme(scheme, portName, portNumber));
        }
    }

    @Test
    void translate_invalidSchemeWithoutMatchingSlice_notReportedWhenEmptyServicesAllowed() {
        IngressRoute ir = ingressRoute("default", "r", "Host(`a`)", ref("whoami", 80).withScheme("grpc"));
        Translation t = translate(DEFAULTS.withAllowEmptyServices(true), WHOAMI, ir);
        assertEquals(List.of(), lb(t.config(), Translator.routerKey("default", "r", "Host(`a`)")).servers());
    }

    // ---- §1.10.6 EndpointSlices ----------------------------------------------------------------

    @Test
    void translate_endpointSliceExample_servingFencedDedupSortedByCreation() {
        EndpointSlice a = slice("default", "whoami", "z-created-first", Optional.of(Instant.parse("2024-01-01T00:00:00Z")),
                "web", 8080, List.of(endpoint(true, null, "10.0.0.1"), endpoint(true, true, "10.0.0.2"),
                        endpoint(false, null, "10.0.0.3")));
        EndpointSlice b = slice("default", "whoami", "a-created-later", Optional.of(Instant.parse("2024-01-02T00:00:00Z")),
                "web", 9090, List.of(endpoint(null, null, "10.0.0.1", "fd00::7")));
        IngressRoute ir = ingressRoute("default", "r", "Host(`a`)", ref("whoami", 80));
        Translation t = translate(DEFAULTS, WHOAMI, b, a, ir);
        assertEquals(List.of(ServerConfig.of("http://10.0.0.1:8080"), new ServerConfig("http://10.0.0.2:8080", true),
                ServerConfig.of("http://[fd00::7]:9090")),
                lb(t.config(), Translator.routerKey("default", "r", "Host(`a`)")).servers());
    }

    @Test
    void translate_sliceOrder_sameTimestampSortedByName() {
        EndpointSlice b = slice("default", "whoami", "b", "web", 9090, "10.0.0.1");
        EndpointSlice a = slice("default", "whoami", "a", "web", 8080, "10.0.0.1");
        Translation t = translate(DEFAULTS, WHOAMI, b, a, ingressRoute("default", "r", "Host(`a`)", ref("whoami", 80)));
        assertEquals(List.of("http://10.0.0.1:8080"), urls(t.config(), Translator.routerKey("default", "r", "Host(`a`)")));
    }

    @Test
    void translate_sliceWithNullPortNameOrOtherPort_skipped() {
        EndpointSlice nullName = new EndpointSlice(new ObjectMeta("n", "", "default",
                Map.of(EndpointSlice.SERVICE_NAME_LABEL, "whoami"), Map.of(), Optional.empty()), "IPv4",
                List.of(new EndpointSlice.Port(Optional.empty(), Optional.of(80))),
                List.of(endpoint(null, null, "10.0.0.9")));
        EndpointSlice other = slice("default", "whoami", "o", "metrics", 9100, "10.0.0.8");
        Translation t = translate(DEFAULTS, WHOAMI, nullName, other,
                ingressRoute("default", "r", "Host(`a`)", ref("whoami", 80)));
        assertTrue(t.config().routers().isEmpty());
        assertTrue(t.diagnostics().get(0).message().contains("no serving endpoints"), t.diagnostics().toString());
    }

    @Test
    void translate_noEndpoints_droppedUnlessEmptyServicesAllowed() {
        IngressRoute ir = ingressRoute("default", "r", "Host(`a`)", ref("whoami", 80));
        assertTrue(translate(DEFAULTS, WHOAMI, ir).config().routers().isEmpty());
        Translation allowed = translate(DEFAULTS.withAllowEmptyServices(true), WHOAMI, ir);
        assertEquals(List.of(), urls(allowed.config(), Translator.routerKey("default", "r", "Host(`a`)")));
    }

    // ---- §1.10.2 ExternalName ------------------------------------------------------------------

    private static final Service EXTERNAL = Service.externalName(ObjectMeta.of("default", "ext"), "external.domain",
            List.of(Service.Port.of("https", 443)));

    @Test
    void translate_externalName_oneServerWhenAllowed() {
        IngressRoute ir = ingressRoute("default", "r", "Host(`a`)", ref("ext", 443));
        Translation t = translate(DEFAULTS.withAllowExternalNameServices(true), EXTERNAL, ir);
        assertEquals(List.of("https://external.domain:443"), urls(t.config(), Translator.routerKey("default", "r", "Host(`a`)")));
    }

    @Test
    void translate_externalName_droppedWhenNotAllowed() {
        Translation t = translate(DEFAULTS, EXTERNAL, ingressRoute("default", "r", "Host(`a`)", ref("ext", 443)));
        assertTrue(t.config().routers().isEmpty());
        assertTrue(t.diagnostics().get(0).message().contains("allowExternalNameServices is off"));
    }

    @Test
    void translate_externalNameIpv6_bracketed() {
        Service v6 = Service.externalName(ObjectMeta.of("default", "v6"), "fd00::1", List.of());
        Translation t = translate(DEFAULTS.withAllowExternalNameServices(true), v6,
                ingressRoute("default", "r", "Host(`a`)", ref("v6", 8080)));
        assertEquals(List.of("http://[fd00::1]:8080"), urls(t.config(), Translator.routerKey("default", "r", "Host(`a`)")));
    }

    @Test
    void translate_healthCheck_defaultsOnExternalNameAndErrorElsewhere() {
        ServiceReference.HealthCheck hc = new ServiceReference.HealthCheck("", "http", "/health", "", 0, 0, "",
                Map.of(), Optional.of("15"), Optional.empty(), Optional.empty(), Optional.empty());
        Translation t = translate(DEFAULTS.withAllowExternalNameServices(true), EXTERNAL, WHOAMI, WHOAMI_SLICE,
                ingressRoute("default", "ext", "Host(`a`)", ref("ext", 443).withHealthCheck(hc)),
                ingressRoute("default", "int", "Host(`b`)", ref("whoami", 80).withHealthCheck(hc)));
        var check = lb(t.config(), Translator.routerKey("default", "ext", "Host(`a`)")).healthCheck().orElseThrow();
        assertEquals(Optional.of(Duration.ofSeconds(15)), check.interval());
        assertEquals(Optional.of(Duration.ofSeconds(15)), check.unhealthyInterval());
        assertEquals(Optional.of(Duration.ofSeconds(5)), check.timeout());
        assertEquals(Optional.of(true), check.followRedirects());
        assertEquals("", check.mode(), "mode http is dropped");
        assertFalse(t.config().routers().containsKey(Translator.routerKey("default", "int", "Host(`b`)")));
        assertTrue(t.diagnostics().get(0).message().contains("healthCheck is allowed only on ExternalName"));
    }

    @Test
    void translate_healthCheckOnClusterService_acceptedOnlyWithSwitchyardOptIn() {
        ServiceReference.HealthCheck hc = new ServiceReference.HealthCheck("", "http", "/health", "", 0, 0, "",
                Map.of(), Optional.of("2s"), Optional.empty(), Optional.empty(), Optional.empty());
        String router = Translator.routerKey("default", "int", "Host(`b`)");

        Translation off = translate(DEFAULTS, WHOAMI, WHOAMI_SLICE,
                ingressRoute("default", "int", "Host(`b`)", ref("whoami", 80).withHealthCheck(hc)));
        Translation on = translate(DEFAULTS.withAllowHealthCheckOnAnyService(true), WHOAMI, WHOAMI_SLICE,
                ingressRoute("default", "int", "Host(`b`)", ref("whoami", 80).withHealthCheck(hc)));

        assertFalse(off.config().routers().containsKey(router));
        assertTrue(on.diagnostics().isEmpty(), on.diagnostics().toString());
        var check = lb(on.config(), router).healthCheck().orElseThrow();
        assertEquals("/health", check.path());
        assertEquals(Optional.of(Duration.ofSeconds(2)), check.interval());
        assertFalse(urls(on.config(), router).isEmpty(), "the endpoints are the servers checked");
    }

    // ---- §1.10.4 nativeLB ----------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "10.96.0.10 | http://10.96.0.10:80",
            "fd00::10   | http://[fd00::10]:80",
            "None       | -",
            "''         | -",
    })
    void translate_nativeLB_clusterIpServer(String clusterIP, String expected) {
        Service svc = Service.clusterIP(ObjectMeta.of("default", "whoami"), clusterIP, List.of(Service.Port.of("web", 80)));
        Translation t = translate(DEFAULTS, svc, ingressRoute("default", "r", "Host(`a`)", ref("whoami", 80).withNativeLB(true)));
        String key = Translator.routerKey("default", "r", "Host(`a`)");
        if (expected == null) {
            assertTrue(t.config().routers().isEmpty());
            assertEquals(1, t.errors().size());
        } else {
            assertEquals(List.of(expected), urls(t.config(), key));
        }
    }

    @Test
    void translate_nativeLBByDefault_appliesToRoutesNotInsideTraefikServices() {
        TraefikService wrr = TraefikService.weighted(ObjectMeta.of("default", "wrr"),
                new TraefikService.Weighted(List.of(ref("whoami", 80)), Optional.empty()));
        Translation t = translate(DEFAULTS.withNativeLBByDefault(true), WHOAMI, WHOAMI_SLICE, wrr,
                ingressRoute("default", "r", "Host(`a`)", ref("whoami", 80)));
        assertEquals(List.of("http://10.96.0.10:80"), urls(t.config(), Translator.routerKey("default", "r", "Host(`a`)")));
        assertEquals(List.of("http://10.10.0.1:80", "http://10.10.0.2:80"), urls(t.config(), "default-whoami-80"),
                "QUIRK §1.11: nativeLBByDefault is not applied inside TraefikServices");
    }

    @Test
    void translate_nativeLBFalse_overridesDefault() {
        Translation t = translate(DEFAULTS.withNativeLBByDefault(true), WHOAMI, WHOAMI_SLICE,
                ingressRoute("default", "r", "Host(`a`)", ref("whoami", 80).withNativeLB(false)));
        assertEquals(List.of("http://10.10.0.1:80", "http://10.10.0.2:80"),
                urls(t.config(), Translator.routerKey("default", "r", "Host(`a`)")));
    }

    // ---- §1.10.5 nodePortLB --------------------------------------------------------------------

    private static final Service NODE_PORT = new Service(ObjectMeta.of("default", "np"), Service.NODE_PORT,
            "10.96.0.11", List.of(new Service.Port("web", 80, 32080)), "");
    private static final Node NODE1 = new Node(ObjectMeta.of("", "node1"), List.of(
            new Node.Address("InternalIP", "172.16.0.1"), new Node.Address("ExternalIP", "1.2.3.4"),
            new Node.Address("InternalIP", "172.16.0.2")));

    @Test
    void translate_nodePortLB_everyInternalIpWithNodePort() {
        Translation t = translate(DEFAULTS, NODE_PORT, NODE1,
                ingressRoute("default", "r", "Host(`a`)", ref("np", 80).withNodePortLB(true)));
        assertEquals(List.of("http://172.16.0.1:32080", "http://172.16.0.2:32080"),
                urls(t.config(), Translator.routerKey("default", "r", "Host(`a`)")));
    }

    @Test
    void translate_nodePortLB_errors() {
        IngressRoute ir = ingressRoute("default", "r", "Host(`a`)", ref("np", 80).withNodePortLB(true));
        assertTrue(translate(DEFAULTS.withDisableClusterScopeResources(true), NODE_PORT, NODE1, ir)
                .diagnostics().get(0).message().contains("disableClusterScopeResources"));
        assertTrue(translate(DEFAULTS, NODE_PORT, ir).diagnostics().get(0).message().contains("no Nodes"));
        Node noInternal = new Node(ObjectMeta.of("", "n"), List.of(new Node.Address("ExternalIP", "1.2.3.4")));
        assertTrue(translate(DEFAULTS, NODE_PORT, noInternal, ir).diagnostics().get(0).message()
                .contains("no Node has an InternalIP"));
    }

    @Test
    void translate_nodePortLBOnClusterIp_usesEndpoints() {
        Translation t = translate(DEFAULTS, WHOAMI, WHOAMI_SLICE, NODE1,
                ingressRoute("default", "r", "Host(`a`)", ref("whoami", 80).withNodePortLB(true)));
        assertEquals(List.of("http://10.10.0.1:80", "http://10.10.0.2:80"),
                urls(t.config(), Translator.routerKey("default", "r", "Host(`a`)")));
    }

    // ---- §1.8, §1.11 TraefikServices ------------------------------------------------------------

    @Test
    void translate_traefikServiceKinds() {
        ServiceReference.Sticky sticky = new ServiceReference.Sticky(Optional.of(new ServiceReference.Cookie(
                "cookie", true, false, "none", 42, Optional.empty(), "")));
        TraefikService weighted = TraefikService.weighted(ObjectMeta.of("apps", "wrr1"),
                new TraefikService.Weighted(List.of(ref("whoami", 80), ServiceReference.traefikService("hrw")
                        .withWeight(0)), Optional.of(sticky)));
        TraefikService mirror = new TraefikService(ObjectMeta.of("apps", "mirror"), Optional.empty(),
                Optional.of(new TraefikService.Mirroring(ref("whoami", 80), List.of(new TraefikService.Mirror(
                        ServiceReference.traefikService("api@internal"), 10)), Optional.of(false), OptionalLong.of(1024))),
                Optional.empty(), Optional.empty());
        TraefikService hrw = new TraefikService(ObjectMeta.of("apps", "hrw"), Optional.empty(), Optional.empty(),
                Optional.of(new TraefikService.HighestRandomWeight(List.of(ref("whoami", "web").withWeight(5)))),
                Optional.empty());
        TraefikService failover = new TraefikService(ObjectMeta.of("apps", "fo"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(new TraefikService.Failover(ref("whoami", 80),
                ServiceReference.traefikService("my_svc@file"), Optional.of(new TraefikService.Errors(
                        List.of("500-599"), OptionalLong.empty())))));
        TraefikService none = new TraefikService(ObjectMeta.of("apps", "none"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
        Service svc = service("apps", "whoami", Service.Port.of("web", 80));
        EndpointSlice s = slice("apps", "whoami", "w", "web", 80, "10.1.0.1");

        Translation t = translate(DEFAULTS, svc, s, weighted, mirror, hrw, failover, none);
        Map<String, ?> services = t.config().services();
        assertEquals(new WeightedService(List.of(new ServiceRef("apps-whoami-80", 1), new ServiceRef("apps-hrw", 0)),
                Optional.of(new StickyCookie("cookie", true, false, "none", 42, "/", ""))), services.get("apps-wrr1"));
        assertEquals(new MirroringService("apps-whoami-80", List.of(new MirroringService.Mirror("api@internal", 10)),
                Optional.of(false), OptionalLong.of(1024)), services.get("apps-mirror"));
        assertEquals(new HighestRandomWeightService(List.of(new ServiceRef("apps-whoami-web", 5))), services.get("apps-hrw"));
        assertEquals(new FailoverService("apps-whoami-80", "my-svc@file", Optional.of(new FailoverService.Errors(
                List.of("500-599"), OptionalLong.empty()))), services.get("apps-fo"));
        assertFalse(services.containsKey("apps-none"));
        assertEquals(List.of("TraefikService apps/none: unspecified service type (expected one of weighted,"
                + " mirroring, highestRandomWeight, failover)"), t.errors().stream().map(Diagnostic::toString).toList());
    }

    @Test
    void translate_traefikServiceChildError_keepsChildrenBuiltBefore() {
        TraefikService mirror = new TraefikService(ObjectMeta.of("default", "m"), Optional.empty(),
                Optional.of(new TraefikService.Mirroring(ref("whoami", 80), List.of(new TraefikService.Mirror(
                        ref("missing", 80), 20)), Optional.empty(), OptionalLong.empty())),
                Optional.empty(), Optional.empty());
        Translation t = translate(DEFAULTS, WHOAMI, WHOAMI_SLICE, mirror);
        assertEquals(List.of("default-whoami-80"), List.copyOf(t.config().services().keySet()));
        assertEquals("TraefikService default/m: Service default/missing not found", t.errors().get(0).toString());
    }

    @Test
    void translate_routeToTraefikService_serviceIsTheTraefikServiceName() {
        IngressRoute ir = ingressRoute("default", "r", "Host(`a`)", ServiceReference.traefikService("wrr")
                .withNamespace("default").withScheme("ignored-for-this-kind"));
        Translation t = translate(DEFAULTS, ir);
        assertEquals("default-wrr", t.config().routers().values().iterator().next().service());
        assertTrue(t.config().services().isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "api@internal         | api@internal",
            "my_svc@file          | my-svc@file",
            "default-foo@kubernetescrd | default-foo",
    })
    void translate_crossProviderNames(String name, String expected) {
        IngressRoute ir = ingressRoute("default", "r", "Host(`a`)", ServiceReference.traefikService(name));
        Translation t = translate(DEFAULTS.withAllowCrossNamespace(true), ir);
        assertEquals(expected, t.config().routers().values().iterator().next().service());
    }

    // ---- §1.7 cross-namespace and cross-provider ---------------------------------------------------

    @Test
    void translate_crossNamespaceReference_onlyWhenAllowed() {
        Service other = service("other", "whoami", Service.Port.of("web", 80));
        EndpointSlice otherSlice = slice("other", "whoami", "w", "web", 80, "10.2.0.1");
        IngressRoute ir = ingressRoute("default", "r", "Host(`a`)", ref("whoami", 80).withNamespace("other"));
        Translation denied = translate(DEFAULTS, other, otherSlice, ir);
        assertTrue(denied.config().routers().isEmpty());
        assertTrue(denied.errors().get(0).message().contains("allowCrossNamespace is off"));
        Translation allowed = translate(DEFAULTS.withAllowCrossNamespace(true), other, otherSlice, ir);
        assertEquals(List.of("http://10.2.0.1:80"), urls(allowed.config(), Translator.routerKey("default", "r", "Host(`a`)")));
    }

    @Test
    void translate_unwatchedNamespace_objectsInvisible() {
        Service other = service("other", "whoami", Service.Port.of("web", 80));
        IngressRoute ir = ingressRoute("default", "r", "Host(`a`)", ref("whoami", 80).withNamespace("other"));
        Translation t = translate(DEFAULTS.withAllowCrossNamespace(true).withNamespaces(List.of("default")), other,
                slice("other", "whoami", "w", "web", 80, "10.2.0.1"), ir);
        assertTrue(t.config().routers().isEmpty());
        assertTrue(t.errors().get(0).message().contains("not watched"), t.errors().toString());
    }

    @Test
    void crossProviderNamespaceAllowed_threeStates() {
        assertTrue(Translator.crossProviderNamespaceAllowed(DEFAULTS, "a"));
        assertFalse(Translator.crossProviderNamespaceAllowed(DEFAULTS.withCrossProviderNamespaces(List.of()), "a"));
        assertTrue(Translator.crossProviderNamespaceAllowed(DEFAULTS.withCrossProviderNamespaces(List.of("a", "b")), "b"));
        assertFalse(Translator.crossProviderNamespaceAllowed(DEFAULTS.withCrossProviderNamespaces(List.of("b")), "a"));
    }

    @Test
    void translate_crossProviderReference_checkedAgainstReferencingNamespace() {
        IngressRoute ir = ingressRoute("default", "r", "Host(`a`)", ServiceReference.traefikService("x@file"));
        assertEquals(1, translate(DEFAULTS.withCrossProviderNamespaces(List.of("default")), ir).config().routers().size());
        assertTrue(translate(DEFAULTS.withCrossProviderNamespaces(List.of()), ir).config().routers().isEmpty());
    }

    @Test
    void translate_middlewareReferences_resolvedKeys() {
        IngressRoute.Route route = new IngressRoute.Route("Host(`a`)", "Rule", 0, "", List.of(ref("whoami", 80)),
                List.of(ObjectRef.of("strip_prefix"), new ObjectRef("auth", "other"), ObjectRef.of("redirect@file")),
                Optional.empty());
        IngressRoute ir = IngressRoute.of(ObjectMeta.of("default", "r"), List.of(), List.of(route));
        Translation t = translate(DEFAULTS.withAllowCrossNamespace(true), WHOAMI, WHOAMI_SLICE, ir);
        assertEquals(List.of("default-strip-prefix", "other-auth", "redirect@file"),
                t.config().routers().values().iterator().next().middlewares());
        assertTrue(translate(DEFAULTS, WHOAMI, WHOAMI_SLICE, ir).config().routers().isEmpty(),
                "cross-namespace middleware dropped the route");
    }

    // ---- §1.9 load balancer fields --------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "''         | wrr       | false",
            "wrr        | wrr       | false",
            "p2c        | p2c       | false",
            "hrw        | hrw       | false",
            "leasttime  | leasttime | false",
            "RoundRobin | wrr       | true",
            "random     | -         | false",
    })
    void translate_strategyTable(String value, String expected, boolean warning) {
        Translation t = translate(DEFAULTS, WHOAMI, WHOAMI_SLICE,
                ingressRoute("default", "r", "Host(`a`)", ref("whoami", 80).withStrategy(value)));
        String key = Translator.routerKey("default", "r", "Host(`a`)");
        if (expected == null) {
            assertFalse(t.config().services().containsKey(key));
            assertTrue(t.errors().get(0).message().contains("strategy \"random\" is not supported"));
        } else {
            assertEquals(expected, lb(t.config(), key).strategy().key());
            assertEquals(warning, !t.diagnostics().isEmpty());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "10      | PT10S",
            "100ms   | PT0.1S",
            "1m30s   | PT1M30S",
            "-1s     | PT-1S",
            "1.5     | -",
    })
    void translate_flushIntervalDurations(String text, String expected) {
        Translation t = translate(DEFAULTS, WHOAMI, WHOAMI_SLICE,
                ingressRoute("default", "r", "Host(`a`)", ref("whoami", 80).withFlushInterval(text)));
        String key = Translator.routerKey("default", "r", "Host(`a`)");
        if (expected == null) {
            assertTrue(t.config().routers().isEmpty());
            assertTrue(t.errors().get(0).message().startsWith("unable to parse flushInterval"));
        } else {
            assertEquals(Duration.parse(expected), lb(t.config(), key).flushInterval());
        }
    }

    @Test
    void translate_sticky_pathDefaultsToSlashAndEmptyStickyIsOff() {
        ServiceReference.Sticky withCookie = new ServiceReference.Sticky(Optional.of(new ServiceReference.Cookie(
                "", false, true, "", 0, Optional.empty(), "")));
        ServiceReference.Sticky emptyPath = new ServiceReference.Sticky(Optional.of(new ServiceReference.Cookie(
                "c", false, false, "", 0, Optional.of(""), "")));
        Translation t = translate(DEFAULTS, WHOAMI, WHOAMI_SLICE,
                ingressRoute("default", "a", "Host(`a`)", ref("whoami", 80).withSticky(withCookie)),
                ingressRoute("default", "b", "Host(`b`)", ref("whoami", 80).withSticky(emptyPath)),
                ingressRoute("default", "c", "Host(`c`)", ref("whoami", 80).withSticky(
                        new ServiceReference.Sticky(Optional.empty()))));
        assertEquals("/", lb(t.config(), Translator.routerKey("default", "a", "Host(`a`)")).sticky().orElseThrow().path());
        assertEquals("", lb(t.config(), Translator.routerKey("default", "b", "Host(`b`)")).sticky().orElseThrow().path());
        assertEquals(Optional.empty(), lb(t.config(), Translator.routerKey("default", "c", "Host(`c`)")).sticky());
    }

    @Test
    void translate_serversTransportReference_usesServiceNamespace() {
        Service other = service("other", "whoami", Service.Port.of("web", 80));
        IngressRoute ir = ingressRoute("default", "r", "Host(`a`)",
                ref("whoami", 80).withNamespace("other").withServersTransport("tls"));
        Translation t = translate(DEFAULTS.withAllowCrossNamespace(true), other,
                slice("other", "whoami", "w", "web", 80, "10.2.0.1"), ir);
        assertEquals("other-tls", lb(t.config(), Translator.routerKey("default", "r", "Host(`a`)")).serversTransport());
        IngressRoute crd = ingressRoute("default", "r", "Host(`a`)", ref("whoami", 80)
                .withServersTransport("foo-tls@kubernetescrd"));
        assertTrue(translate(DEFAULTS, WHOAMI, WHOAMI_SLICE, crd).config().routers().isEmpty());
    }

    // ---- §1.13 errors --------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Rule  | ''             | empty match rule",
            "Regex | Host(`a`)      | unsupported match kind \"Regex\"",
    })
    void translate_invalidRoutes_skipped(String kind, String match, String message) {
        IngressRoute ir = IngressRoute.of(ObjectMeta.of("default", "r"), List.of(), List.of(
                new IngressRoute.Route(match, kind, 0, "", List.of(ref("whoami", 80)), List.of(), Optional.empty())));
        Translation t = translate(DEFAULTS, WHOAMI, WHOAMI_SLICE, ir);
        assertTrue(t.config().routers().isEmpty());
        assertTrue(t.errors().get(0).message().startsWith(message), t.errors().toString());
        assertEquals("IngressRoute default/r route 1: ", t.errors().get(0).toString().substring(0, 32));
    }

    @Test
    void translate_unknownServiceKind_routeDropped() {
        Translation t = translate(DEFAULTS, ingressRoute("default", "r", "Host(`a`)", ref("x", 80).withKind("Foo")));
        assertTrue(t.config().routers().isEmpty());
        assertTrue(t.errors().get(0).message().startsWith("unsupported service kind \"Foo\""));
    }

    @Test
    void translate_weightedRouteWithFailingChild_keepsEarlierChildOnly() {
        Translation t = translate(DEFAULTS, WHOAMI, WHOAMI_SLICE,
                ingressRoute("default", "r", "Host(`a`)", ref("whoami", 80), ref("missing", 80)));
        assertTrue(t.config().routers().isEmpty());
        assertEquals(List.of("default-whoami-80"), List.copyOf(t.config().services().keySet()));
    }

    // ---- §1.5.2 parentRefs --------------------------------------------------------------------

    @Test
    void translate_parentRefs_childGetsAllParentRouterKeys() {
        IngressRoute parent = IngressRoute.of(ObjectMeta.of("default", "parent"), List.of("web"), List.of(
                IngressRoute.Route.of("Host(`a`)", List.of()), IngressRoute.Route.of("Host(`b`)", List.of())));
        IngressRoute child = ingressRoute("default", "child", "Path(`/x`)", ref("whoami", 80));
        child = new IngressRoute(child.metadata(), List.of(), Optional.empty(), child.routes(), Optional.empty(),
                List.of(ObjectRef.of("parent")));
        Translation t = translate(DEFAULTS, WHOAMI, WHOAMI_SLICE, parent, child);
        assertEquals(List.of(Translator.routerKey("default", "parent", "Host(`a`)"),
                        Translator.routerKey("default", "parent", "Host(`b`)")),
                t.config().routers().get(Translator.routerKey("default", "child", "Path(`/x`)")).parentRefs());
    }

    @Test
    void translate_parentRefsErrors_skipWholeChild() {
        IngressRoute parent = IngressRoute.of(ObjectMeta.of("other", "parent"), List.of("web"), List.of(
                IngressRoute.Route.of("Host(`a`)", List.of())));
        IngressRoute child = new IngressRoute(ObjectMeta.of("default", "child"), List.of(), Optional.empty(),
                List.of(IngressRoute.Route.of("Path(`/x`)", List.of(ref("whoami", 80)))), Optional.empty(),
                List.of(new ObjectRef("parent", "other")));
        Translation denied = translate(DEFAULTS, WHOAMI, WHOAMI_SLICE, parent, child);
        assertEquals(1, denied.config().routers().size(), "only the parent");
        assertEquals("IngressRoute", denied.errors().get(0).objectKind());
        assertTrue(denied.errors().get(0).route().isEmpty());
        Translation allowed = translate(DEFAULTS.withAllowCrossNamespace(true), WHOAMI, WHOAMI_SLICE, parent, child);
        assertEquals(2, allowed.config().routers().size());
        IngressRoute orphan = new IngressRoute(ObjectMeta.of("default", "orphan"), List.of(), Optional.empty(),
                List.of(IngressRoute.Route.of("Path(`/y`)", List.of(ref("whoami", 80)))), Optional.empty(),
                List.of(ObjectRef.of("missing")));
        assertTrue(translate(DEFAULTS, WHOAMI, WHOAMI_SLICE, orphan).config().routers().isEmpty());
    }

    @Test
    void translate_labelSelector_appliesToCustomResourcesOnly() {
        IngressRoute ir = ingressRoute("default", "r", "Host(`a`)", ref("whoami", 80));
        IngressRoute labelled = new IngressRoute(ir.metadata().withLabels(Map.of("team", "a")), ir.entryPoints(),
                Optional.empty(), List.of(IngressRoute.Route.of("Host(`b`)", List.of(ref("whoami", 80)))),
                Optional.empty(), List.of());
        Translation t = translate(DEFAULTS.withLabelSelector("team=a"), WHOAMI, WHOAMI_SLICE, ir, labelled);
        assertEquals(List.of(Translator.routerKey("default", "r", "Host(`b`)")), List.copyOf(t.config().routers().keySet()));
    }

    @Test
    void providerOptions_invalidLabelSelector_rejected() {
        assertThrows(IllegalArgumentException.class, () -> DEFAULTS.withLabelSelector("a in b"));
    }
}
