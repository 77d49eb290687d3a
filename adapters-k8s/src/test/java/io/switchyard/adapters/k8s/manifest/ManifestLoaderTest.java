package io.switchyard.adapters.k8s.manifest;

import io.switchyard.domain.cluster.EndpointSlice;
import io.switchyard.domain.cluster.IngressRoute;
import io.switchyard.domain.cluster.KubeObject;
import io.switchyard.domain.cluster.Node;
import io.switchyard.domain.cluster.ObjectRef;
import io.switchyard.domain.cluster.PortRef;
import io.switchyard.domain.cluster.Secret;
import io.switchyard.domain.cluster.Service;
import io.switchyard.domain.cluster.ServiceReference;
import io.switchyard.domain.cluster.TraefikService;

import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

final class ManifestLoaderTest {

    private static Path fixture(String name) {
        try {
            return Path.of(ManifestLoaderTest.class.getResource("/manifests/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void load_goodFile_mapsEveryKnownKindAndSkipsOthers() {
        List<KubeObject> objects = ManifestLoader.load(fixture("shop-with-two-routes.yaml"));
        assertEquals(List.of("Service", "EndpointSlice", "IngressRoute", "TraefikService", "Node", "Secret"),
                objects.stream().map(KubeObject::kind).toList());

        Service svc = (Service) objects.get(0);
        assertEquals(List.of(Service.Port.of("http", 80)), svc.ports());
        assertEquals(Service.CLUSTER_IP, svc.type());

        EndpointSlice slice = (EndpointSlice) objects.get(1);
        assertEquals("storefront", slice.serviceName());
        assertEquals(Optional.of(Instant.parse("2024-05-01T10:00:00Z")), slice.metadata().creationTimestamp());
        assertEquals(new EndpointSlice.Conditions(Optional.empty(), Optional.of(true), Optional.of(true)),
                slice.endpoints().get(1).conditions());

        IngressRoute ir = (IngressRoute) objects.get(2);
        assertEquals(Optional.of(""), ir.ingressClassName(), "present-but-empty is kept");
        assertEquals(List.of("web", "websecure"), ir.entryPoints());
        assertEquals(Map.of("team", "web"), ir.metadata().annotations());
        IngressRoute.Route first = ir.routes().get(0);
        assertEquals(10, first.priority());
        assertEquals(List.of(ObjectRef.of("compress")), first.middlewares());
        ServiceReference ref = first.services().get(0);
        assertEquals(PortRef.named("http"), ref.port());
        assertEquals(Optional.of("10"), ref.flushInterval(), "a bare integer keeps its text (seconds)");
        assertEquals("cart", ref.sticky().orElseThrow().cookie().orElseThrow().name());
        assertEquals(Optional.empty(), ref.sticky().orElseThrow().cookie().orElseThrow().path());
        ServiceReference second = ir.routes().get(1).services().get(0);
        assertEquals(PortRef.of(80), second.port());
        assertEquals(Optional.of(2), second.weight());
        assertEquals(Optional.of(false), second.nativeLB());
        assertEquals("letsencrypt", ir.tls().orElseThrow().certResolver());

        TraefikService canary = (TraefikService) objects.get(3);
        assertEquals(5, canary.mirroring().orElseThrow().mirrors().get(0).percent());
        assertEquals(Optional.of(false), canary.mirroring().orElseThrow().mirrorBody());

        Node node = (Node) objects.get(4);
        assertEquals("", node.metadata().namespace());
        assertEquals(List.of(new Node.Address("InternalIP", "172.16.0.1")), node.addresses());

        Secret secret = (Secret) objects.get(5);
        assertEquals(Optional.of("CA PEM"), secret.text("ca.crt"));
        assertEquals(Optional.of("plain text"), secret.text("note"));
    }

    @Test
    void load_namespacedObjectWithoutNamespace_landsInDefault() {
        IngressRoute ir = (IngressRoute) ManifestLoader.load(fixture("quoted-port.yaml")).get(0);
        assertEquals("default", ir.metadata().namespace());
    }

    @Test
    void load_quotedPort_isAName() {
        IngressRoute ir = (IngressRoute) ManifestLoader.load(fixture("quoted-port.yaml")).get(0);
        List<ServiceReference> refs = ir.routes().get(0).services();
        assertEquals(PortRef.named("80"), refs.get(0).port());
        assertEquals(PortRef.of(80), refs.get(1).port());
    }

    @Test
    void load_malformedYaml_namesFileAndLine() {
        Path file = fixture("broken-indentation.yaml");
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestLoader.load(file));
        assertEquals(file.toString(), e.file());
        assertEquals(14, e.line());
        assertTrue(e.getMessage().startsWith(file + ":14: YAML syntax"), e.getMessage());
    }

    @Test
    void load_fieldOfWrongShape_namesFileLineAndPath() {
        Path file = fixture("wrong-shape.yaml");
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestLoader.load(file));
        assertEquals(10, e.line());
        assertTrue(e.getMessage().contains("spec.routes[0].services[0].port"), e.getMessage());
    }

    @Test
    void parse_listKindAndEmptyDocuments() {
        String text = """
                ---
                ---
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: a, namespace: x}
                    data: {ca.crt: PEM}
                """;
        List<KubeObject> objects = ManifestLoader.parse(text, "inline.yaml");
        assertEquals(1, objects.size());
        assertEquals("x", objects.get(0).metadata().namespace());
    }

    @Test
    void parse_invalidBase64InSecret_rejected() {
        String text = """
                apiVersion: v1
                kind: Secret
                metadata: {name: s}
                data:
                  tls.crt: "not base64!"
                """;
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestLoader.parse(text, "s.yaml"));
        assertEquals("s.yaml:5: data.tls.crt: not valid base64", e.getMessage());
    }

    @Test
    void fromTree_sameObjectAsYaml_sameRecord() {
        String yaml = """
                apiVersion: traefik.io/v1alpha1
                kind: IngressRoute
                metadata:
                  name: web
                  namespace: shop
                  labels: {team: web}
                  creationTimestamp: "2024-05-01T10:00:00Z"
                spec:
                  entryPoints: [web]
                  routes:
                    - match: Host(`shop.example`)
                      priority: 7
                      services:
                        - {name: named, port: "80"}
                        - {name: numbered, port: 80, weight: 3, passHostHeader: false}
                """;
        Map<String, Object> tree = Map.of(
                "apiVersion", "traefik.io/v1alpha1",
                "kind", "IngressRoute",
                "metadata", Map.of("name", "web", "namespace", "shop", "labels", Map.of("team", "web"),
                        "creationTimestamp", "2024-05-01T10:00:00Z", "resourceVersion", "12"),
                "spec", Map.of(
                        "entryPoints", List.of("web"),
                        "routes", List.of(Map.of(
                                "match", "Host(`shop.example`)",
                                "priority", 7L,
                                "services", List.of(
                                        Map.of("name", "named", "port", "80"),
                                        Map.of("name", "numbered", "port", 80L, "weight", 3L,
                                                "passHostHeader", false))))));

        List<KubeObject> fromTree = ManifestLoader.fromTree(tree, "IngressRoute shop/web");

        assertEquals(ManifestLoader.parse(yaml, "web.yaml"), fromTree);
        List<ServiceReference> refs = ((IngressRoute) fromTree.get(0)).routes().get(0).services();
        assertEquals(PortRef.named("80"), refs.get(0).port());
        assertEquals(PortRef.of(80), refs.get(1).port());
    }

    @Test
    void fromTree_fieldOfWrongShape_namesSourceAndPathWithoutLine() {
        Map<String, Object> tree = Map.of(
                "apiVersion", "traefik.io/v1alpha1",
                "kind", "IngressRoute",
                "metadata", Map.of("name", "bad", "namespace", "shop"),
                "spec", Map.of("routes", "not a list"));

        ManifestException e = assertThrows(ManifestException.class,
                () -> ManifestLoader.fromTree(tree, "IngressRoute shop/bad"));

        assertEquals("IngressRoute shop/bad: spec.routes: expected a list", e.getMessage());
        assertEquals(0, e.line());
    }

    @Test
    void fromTree_unknownKind_yieldsNothing() {
        Map<String, Object> tree = Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", "d", "namespace", "x"));

        assertEquals(List.of(), ManifestLoader.fromTree(tree, "Deployment x/d"));
    }
}
