package io.switchyard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubernetes.client.openapi.models.V1CustomResourceDefinition;
import io.kubernetes.client.openapi.models.V1CustomResourceDefinitionVersion;
import io.kubernetes.client.util.Yaml;
import io.switchyard.adapters.k8s.informer.WatchedResource;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code deploy/crds.yaml}: one CRD per Traefik resource the Kubernetes source watches, with
 * Traefik's names, and structural schemas that accept objects written for Traefik without pruning
 * a field. Objects are checked with a small validator that applies the API server's rules for
 * structural schemas: types, {@code required}, {@code enum}, {@code minimum},
 * {@code x-kubernetes-int-or-string}, and pruning of fields a schema neither declares nor
 * preserves.
 */
final class TraefikCrdsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path CRDS = ROOT.resolve("deploy/crds.yaml");

    /** openAPIV3Schema by kind, as plain trees (the client's model leaves nested schemas untyped). */
    private static final Map<String, Map<String, Object>> schemas = new LinkedHashMap<>();
    private static final List<V1CustomResourceDefinition> crds = new ArrayList<>();

    /** Objects as a Traefik user writes them, with fields Switchyard does not read. */
    private static final String TRAEFIK_OBJECTS = """
            apiVersion: traefik.io/v1alpha1
            kind: IngressRoute
            metadata: {name: shop, namespace: shop}
            spec:
              entryPoints: [websecure]
              routes:
                - match: Host(`shop.example.com`) && PathPrefix(`/api`)
                  kind: Rule
                  priority: 10
                  syntax: v3
                  middlewares:
                    - name: strip-api
                    - {name: auth, namespace: security}
                  observability: {accessLogs: false, metrics: true, tracing: true, traceVerbosity: detailed}
                  services:
                    - name: api
                      port: 8080
                      weight: 3
                      strategy: p2c
                      scheme: h2c
                      passHostHeader: false
                      nativeLB: true
                      serversTransport: mtls
                      responseForwarding: {flushInterval: 10ms}
                      healthCheck: {path: /health, interval: 10s, timeout: 3, headers: {X-Probe: "1"}}
                      passiveHealthCheck: {maxFailedAttempts: 3, failureWindow: 30s}
                      sticky:
                        cookie: {name: shop, secure: true, httpOnly: true, sameSite: strict, maxAge: 3600,
                                 path: /, domain: example.com}
                    - {name: canary, kind: TraefikService}
              tls:
                secretName: shop-tls
                options: {name: modern, namespace: default}
                store: {name: default}
                certResolver: le
                domains: [{main: shop.example.com, sans: [www.shop.example.com]}]
            ---
            apiVersion: traefik.io/v1alpha1
            kind: IngressRoute
            metadata: {name: child, namespace: shop}
            spec:
              ingressClassName: switchyard
              parentRefs: [{name: shop}]
              routes:
                - match: Path(`/api/v2`)
                  services: [{name: api-v2, port: http, nodePortLB: true}]
            ---
            apiVersion: traefik.io/v1alpha1
            kind: TraefikService
            metadata: {name: canary, namespace: shop}
            spec:
              weighted:
                services:
                  - {name: api, port: 8080, weight: 9}
                  - {name: api-next, port: 8080, weight: 1, middlewares: [{name: tag}]}
                sticky: {cookie: {name: canary}}
            ---
            apiVersion: traefik.io/v1alpha1
            kind: TraefikService
            metadata: {name: shadow, namespace: shop}
            spec:
              mirroring:
                name: api
                port: 8080
                mirrorBody: false
                maxBodySize: 1048576
                mirrors: [{name: api-next, port: 8080, percent: 10}]
                healthCheck: {}
            ---
            apiVersion: traefik.io/v1alpha1
            kind: TraefikService
            metadata: {name: safe, namespace: shop}
            spec:
              failover:
                service: {name: api, port: 8080}
                fallback: {name: static, port: 80}
                errors: {status: ["500-504"], maxRequestBodyBytes: 1048576}
                healthCheck: {}
            ---
            apiVersion: traefik.io/v1alpha1
            kind: TraefikService
            metadata: {name: spread, namespace: shop}
            spec:
              highestRandomWeight:
                services: [{name: api, port: 8080, weight: 10}, {name: api-next, port: 8080, weight: 20}]
            ---
            apiVersion: traefik.io/v1alpha1
            kind: ServersTransport
            metadata: {name: mtls, namespace: shop}
            spec:
              serverName: api.internal
              insecureSkipVerify: false
              rootCAs: [{secret: ca}, {configMap: ca-bundle}]
              rootCAsSecrets: [legacy-ca]
              certificatesSecrets: [client-cert]
              maxIdleConnsPerHost: 8
              forwardingTimeouts: {dialTimeout: 5s, responseHeaderTimeout: 30, idleConnTimeout: 90s,
                                   readIdleTimeout: 10s, pingTimeout: 15s}
              disableHTTP2: true
              peerCertURI: spiffe://example.com/api
              spiffe: {ids: [spiffe://example.com/api], trustDomain: example.com}
            ---
            apiVersion: traefik.io/v1alpha1
            kind: Middleware
            metadata: {name: oops, namespace: shop}
            spec:
              errors:
                status: ["500-599"]
                query: /{status}.html
                service: {name: error-pages, port: 80}
            ---
            apiVersion: traefik.io/v1alpha1
            kind: Middleware
            metadata: {name: strip-api, namespace: shop}
            spec:
              stripPrefix: {prefixes: [/api]}
              headers: {customRequestHeaders: {X-Shop: "1"}, stsSeconds: 31536000}
            """;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        for (Object o : Yaml.loadAll(CRDS.toFile())) {
            crds.add((V1CustomResourceDefinition) o);
        }
        for (Object document : snakeYaml().loadAll(Files.readString(CRDS))) {
            Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) document).get("spec");
            Map<String, Object> names = (Map<String, Object>) spec.get("names");
            Map<String, Object> version = ((List<Map<String, Object>>) spec.get("versions")).getFirst();
            schemas.put((String) names.get("kind"),
                    (Map<String, Object>) ((Map<String, Object>) version.get("schema")).get("openAPIV3Schema"));
        }
    }

    @Test
    void crds_defineExactlyTheTraefikResourcesTheSourceWatches_withTraefiksNames() {
        List<WatchedResource> custom = WatchedResource.ALL.stream().filter(WatchedResource::custom).toList();
        assertEquals(custom.stream().map(WatchedResource::qualifiedName).collect(Collectors.toSet()),
                crds.stream().map(c -> c.getMetadata().getName()).collect(Collectors.toSet()));
        for (WatchedResource r : custom) {
            V1CustomResourceDefinition crd = crds.stream()
                    .filter(c -> c.getMetadata().getName().equals(r.qualifiedName())).findFirst().orElseThrow();
            assertEquals(r.group(), crd.getSpec().getGroup());
            assertEquals(r.resource(), crd.getSpec().getNames().getPlural());
            assertEquals(r.kind(), crd.getSpec().getNames().getKind());
            assertEquals(r.kind() + "List", crd.getSpec().getNames().getListKind());
            assertEquals(r.kind().toLowerCase(), crd.getSpec().getNames().getSingular());
            assertEquals("Namespaced", crd.getSpec().getScope());
            assertEquals(1, crd.getSpec().getVersions().size());
            V1CustomResourceDefinitionVersion v = crd.getSpec().getVersions().getFirst();
            assertEquals(r.version(), v.getName());
            assertTrue(v.getServed() && v.getStorage(), r.qualifiedName());
            assertEquals("crd", crd.getMetadata().getLabels().get("app.kubernetes.io/component"),
                    "the label that leaves the CRDs out next to Traefik");
        }
    }

    @Test
    void schemas_areStructural_andKeepEveryObjectsUntypedFields() {
        for (var e : schemas.entrySet()) {
            List<String> problems = new ArrayList<>();
            Map<String, Object> root = e.getValue();
            assertEquals("object", root.get("type"));
            assertEquals(Set.of("apiVersion", "kind", "metadata", "spec"), properties(root).keySet(), e.getKey());
            assertEquals(Map.of("type", "object"), properties(root).get("metadata"), "metadata is left to the server");
            structural(properties(root).get("spec"), e.getKey() + ".spec", problems);
            assertEquals(List.of(), problems, e.getKey());
        }
    }

    @Test
    void objectsWrittenForTraefik_validate_andLoseNoField() throws IOException {
        List<Map<String, Object>> objects = new ArrayList<>(documents(TRAEFIK_OBJECTS));
        objects.addAll(traefikObjectsIn(ROOT.resolve("deploy/examples/whoami.yaml")));
        objects.addAll(traefikObjectsIn(ROOT.resolve("examples/demo/whoami.yaml")));
        assertEquals(Set.copyOf(schemas.keySet()), objects.stream().map(o -> (String) o.get("kind"))
                .collect(Collectors.toSet()), "every kind is exercised");
        for (Map<String, Object> object : objects) {
            assertEquals(List.of(), validate(object), object.get("kind") + " " + object.get("metadata"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            route without match          | IngressRoute | {routes: [{kind: Rule}]}                             | .spec.routes[0].match: required
            no routes                    | IngressRoute | {entryPoints: [web]}                                 | .spec.routes: required
            unknown route kind           | IngressRoute | {routes: [{match: Path(`/`), kind: Regexp}]}         | .spec.routes[0].kind: Regexp not in [Rule]
            port as a list               | IngressRoute | {routes: [{match: Path(`/`), services: [{name: a, port: [80]}]}]} | .spec.routes[0].services[0].port: expected an integer or a string
            negative weight              | IngressRoute | {routes: [{match: Path(`/`), services: [{name: a, weight: -1}]}]} | .spec.routes[0].services[0].weight: -1 below 0
            services not a list          | IngressRoute | {routes: [{match: Path(`/`), services: {name: a}}]}  | .spec.routes[0].services: expected array
            service reference no name    | TraefikService | {weighted: {services: [{port: 80}]}}               | .spec.weighted.services[0].name: required
            flag as a word               | ServersTransport | {insecureSkipVerify: "yes"}                      | .spec.insecureSkipVerify: expected boolean
            """)
    void invalidObjects_areRejected(String what, String kind, String spec, String error) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", "traefik.io/v1alpha1");
        object.put("kind", kind);
        object.put("metadata", Map.of("name", "x"));
        object.put("spec", snakeYaml().load(spec));
        List<String> errors = validate(object);
        assertTrue(errors.contains(error), what + ": " + errors);
    }

    @Test
    void fieldsNoSchemaKeeps_wouldBePruned() {
        // The check behind "loses no field": at the root, only apiVersion, kind, metadata and spec live.
        Map<String, Object> object = new LinkedHashMap<>(documents(TRAEFIK_OBJECTS).getFirst());
        object.put("status", Map.of("phase", "x"));
        assertEquals(List.of(".status: unknown field, pruned"), validate(object));
    }

    // ---- the validator --------------------------------------------------------------------------

    private static List<String> validate(Map<String, Object> object) {
        Map<String, Object> schema = schemas.get((String) object.get("kind"));
        assertNotNull(schema, "a CRD for " + object.get("kind"));
        List<String> errors = new ArrayList<>();
        Map<String, Object> withoutMetadata = new LinkedHashMap<>(object);
        assertTrue(withoutMetadata.remove("metadata") instanceof Map<?, ?>, "metadata");
        Map<String, Object> rootSchema = new LinkedHashMap<>(schema);
        Map<String, Object> rootProperties = new LinkedHashMap<>(properties(schema));
        rootProperties.remove("metadata");
        rootSchema.put("properties", rootProperties);
        rootSchema.put("required", List.of("spec"));
        check(withoutMetadata, rootSchema, "", errors);
        return errors;
    }

    @SuppressWarnings("unchecked")
    private static void check(Object value, Map<String, Object> schema, String path, List<String> errors) {
        if (value == null) {
            return; // the API server drops nulls of non-nullable fields, as absent
        }
        if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
            if (!(isInteger(value) || value instanceof String)) {
                errors.add(path + ": expected an integer or a string");
            }
            return;
        }
        String type = (String) schema.get("type");
        switch (type) {
            case "object" -> {
                if (!(value instanceof Map<?, ?> map)) {
                    errors.add(path + ": expected object");
                    return;
                }
                for (String required : (List<String>) schema.getOrDefault("required", List.of())) {
                    if (map.get(required) == null) {
                        errors.add(path + "." + required + ": required");
                    }
                }
                Map<String, Object> properties = properties(schema);
                boolean preserve = Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"));
                for (var e : ((Map<String, Object>) map).entrySet()) {
                    if (properties.containsKey(e.getKey())) {
                        check(e.getValue(), (Map<String, Object>) properties.get(e.getKey()),
                                path + "." + e.getKey(), errors);
                    } else if (schema.get("additionalProperties") instanceof Map<?, ?> additional) {
                        check(e.getValue(), (Map<String, Object>) additional, path + "." + e.getKey(), errors);
                    } else if (!preserve) {
                        errors.add(path + "." + e.getKey() + ": unknown field, pruned");
                    }
                }
            }
            case "array" -> {
                if (!(value instanceof List<?> list)) {
                    errors.add(path + ": expected array");
                    return;
                }
                for (int i = 0; i < list.size(); i++) {
                    check(list.get(i), (Map<String, Object>) schema.get("items"), path + "[" + i + "]", errors);
                }
            }
            case "string" -> {
                if (!(value instanceof String)) {
                    errors.add(path + ": expected string");
                }
            }
            case "integer" -> {
                if (!isInteger(value)) {
                    errors.add(path + ": expected integer");
                } else if (schema.get("minimum") instanceof Number min && ((Number) value).longValue() < min.longValue()) {
                    errors.add(path + ": " + value + " below " + min);
                }
            }
            case "boolean" -> {
                if (!(value instanceof Boolean)) {
                    errors.add(path + ": expected boolean");
                }
            }
            default -> throw new AssertionError(path + ": schema type " + type + " not handled by this validator");
        }
        if (schema.get("enum") instanceof List<?> allowed && !allowed.contains(value)) {
            errors.add(path + ": " + value + " not in " + allowed);
        }
    }

    /**
     * Structural schema rules (apiextensions.k8s.io/v1), plus ours: every object node keeps fields
     * it does not type, so nothing Traefik writes is pruned.
     */
    @SuppressWarnings("unchecked")
    private static void structural(Object node, String path, List<String> problems) {
        if (!(node instanceof Map<?, ?>)) {
            problems.add(path + ": not a schema");
            return;
        }
        Map<String, Object> schema = (Map<String, Object>) node;
        Set<String> allowed = Set.of("type", "description", "properties", "items", "required", "enum", "minimum",
                "anyOf", "x-kubernetes-int-or-string", "x-kubernetes-preserve-unknown-fields");
        schema.keySet().stream().filter(k -> !allowed.contains(k))
                .forEach(k -> problems.add(path + ": " + k + " (not used by these CRDs; the validator ignores it)"));
        if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
            if (schema.containsKey("type")
                    || !List.of(Map.of("type", "integer"), Map.of("type", "string")).equals(schema.get("anyOf"))) {
                problems.add(path + ": int-or-string must be anyOf [integer, string] without a type");
            }
            return;
        }
        if (schema.containsKey("anyOf")) {
            problems.add(path + ": anyOf only for int-or-string");
        }
        Object type = schema.get("type");
        if (!(type instanceof String)) {
            problems.add(path + ": no type");
            return;
        }
        switch ((String) type) {
            case "object" -> {
                if (!Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"))) {
                    problems.add(path + ": object without x-kubernetes-preserve-unknown-fields would prune");
                }
                for (Object required : (List<Object>) schema.getOrDefault("required", List.of())) {
                    if (!properties(schema).containsKey((String) required)) {
                        problems.add(path + ": required " + required + " is not a property");
                    }
                }
                properties(schema).forEach((k, v) -> structural(v, path + "." + k, problems));
            }
            case "array" -> structural(schema.get("items"), path + "[]", problems);
            case "string", "integer", "boolean" -> {
                if (schema.containsKey("properties") || schema.containsKey("items")) {
                    problems.add(path + ": scalar with properties or items");
                }
            }
            default -> problems.add(path + ": type " + type);
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static boolean isInteger(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Map<String, Object> schema) {
        return (Map<String, Object>) schema.getOrDefault("properties", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> documents(String yaml) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object document : snakeYaml().loadAll(yaml)) {
            if (document != null) {
                out.add((Map<String, Object>) document);
            }
        }
        return out;
    }

    private static List<Map<String, Object>> traefikObjectsIn(Path file) throws IOException {
        List<Map<String, Object>> objects = documents(Files.readString(file)).stream()
                .filter(o -> String.valueOf(o.get("apiVersion")).startsWith("traefik.io/")).toList();
        assertFalse(objects.isEmpty(), file.toString());
        return objects;
    }

    private static org.yaml.snakeyaml.Yaml snakeYaml() {
        return new org.yaml.snakeyaml.Yaml(new SafeConstructor(new LoaderOptions()));
    }
}
