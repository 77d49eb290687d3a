package io.switchyard.server.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.switchyard.adapters.k8s.manifest.ManifestException;
import io.switchyard.adapters.k8s.manifest.ManifestLoader;
import io.switchyard.domain.cluster.ClusterSnapshot;
import io.switchyard.domain.cluster.KubeObject;
import io.switchyard.domain.config.DynamicConfig;
import io.switchyard.domain.config.LoadBalancerService;
import io.switchyard.domain.config.RouterConfig;
import io.switchyard.domain.config.ServerConfig;
import io.switchyard.domain.config.ServiceConfig;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.domain.translate.ProviderOptions;
import io.switchyard.domain.translate.Translation;
import io.switchyard.domain.translate.Translator;
import io.switchyard.ports.runtime.FakeExchange;
import io.switchyard.ports.runtime.RoutingRuntime;
import io.switchyard.ports.runtime.RuntimeDiagnostic;
import io.switchyard.ports.runtime.RuntimeSettings;
import io.switchyard.ports.upstream.Upstream;
import io.switchyard.ports.upstream.UpstreamResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile configuration: random mutations of real manifests (Traefik's own test fixtures when
 * {@code ../shared/conformance} is present, plus seeds of our own) go through the manifest loader,
 * the translator and the routing runtime, next to a good route in the same snapshot. A malformed
 * file may be refused as a whole ({@link ManifestException}, the directory source then keeps the
 * last good snapshot); anything else must come out as diagnostics: no other exception escapes, and
 * the good route keeps serving after every apply. Random and pathological rules go straight to the
 * runtime the same way.
 */
final class ConfigFuzzTest {
    private static final String GOOD_SERVER = "10.99.0.1:8080";
    private static final String GOOD = """
            apiVersion: traefik.io/v1alpha1
            kind: IngressRoute
            metadata: {name: good, namespace: safe}
            spec:
              routes:
                - match: Host(`good.test`)
                  kind: Rule
                  priority: 1000000
                  services:
                    - name: good
                      port: 80
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: good, namespace: safe}
            spec:
              ports: [{name: web, port: 80}]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: good-a
              namespace: safe
              labels: {kubernetes.io/service-name: good}
            addressType: IPv4
            ports: [{name: web, port: 8080}]
            endpoints:
              - addresses: ["10.99.0.1"]
            """;

    /** Seeds of our own: every kind the loader reads, with the fields that matter to translation. */
    private static final String OWN_SEED = """
            apiVersion: traefik.io/v1alpha1
            kind: IngressRoute
            metadata: {name: shop, namespace: ns1}
            spec:
              entryPoints: [web]
              routes:
                - match: Host(`a.test`) && PathPrefix(`/api`)
                  kind: Rule
                  middlewares:
                    - name: strip
                  services:
                    - name: api
                      port: 80
                      weight: 3
                      sticky:
                        cookie: {name: s, secure: true, httpOnly: true, sameSite: lax}
                      strategy: p2c
                      passHostHeader: false
                      responseForwarding: {flushInterval: 10ms}
                      serversTransport: tight
                    - name: split
                      kind: TraefikService
                - match: Host(`b.test`) || Header(`X-A`, `b`)
                  kind: Rule
                  services:
                    - name: ext
                      port: 443
                      nativeLB: true
            ---
            apiVersion: traefik.io/v1alpha1
            kind: TraefikService
            metadata: {name: split, namespace: ns1}
            spec:
              weighted:
                services:
                  - {name: api, port: 80, weight: 1}
                  - {name: mirror, kind: TraefikService, weight: 2}
            ---
            apiVersion: traefik.io/v1alpha1
            kind: TraefikService
            metadata: {name: mirror, namespace: ns1}
            spec:
              mirroring:
                name: api
                port: 80
                maxBodySize: 1024
                mirrors:
                  - {name: api, port: 80, percent: 50}
            ---
            apiVersion: traefik.io/v1alpha1
            kind: TraefikService
            metadata: {name: guarded, namespace: ns1}
            spec:
              failover:
                service: {name: api, port: 80}
                fallback: {name: split, kind: TraefikService}
                errors: {status: ["500-599"], maxRequestBodyBytes: 100}
            ---
            apiVersion: traefik.io/v1alpha1
            kind: ServersTransport
            metadata: {name: tight, namespace: ns1}
            spec:
              serverName: api.internal
              insecureSkipVerify: false
              maxIdleConnsPerHost: 4
              forwardingTimeouts: {dialTimeout: 2s, responseHeaderTimeout: 5s, idleConnTimeout: 30s}
            ---
            apiVersion: traefik.io/v1alpha1
            kind: Middleware
            metadata: {name: strip, namespace: ns1}
            spec:
              stripPrefix: {prefixes: [/api]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: api, namespace: ns1}
            spec:
              ports: [{name: http, port: 80, targetPort: 8080}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: ext, namespace: ns1}
            spec:
              type: ExternalName
              externalName: example.org
              ports: [{port: 443}]
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata:
              name: api-1
              namespace: ns1
              labels: {kubernetes.io/service-name: api}
            addressType: IPv4
            ports: [{name: http, port: 8080}]
            endpoints:
              - addresses: ["10.0.0.1", "10.0.0.2"]
                conditions: {ready: true, serving: true, terminating: false}
              - addresses: ["10.0.0.3"]
                conditions: {ready: false, serving: true, terminating: true}
            """;

    /** Values a mutation may put in place of another: edge cases of every kind the loader meets. */
    private static final List<String> TOKENS = List.of("", "-1", "0", "65536", "99999999999999999999", "1.5", "null",
            "~", "[]", "{}", "true", "\"80\"", "'x'", "*", "&anchor", "*anchor", "!!binary AAAA", "!!map", "|", ">",
            "\"\\u0000\"", "\u00e9\u00e8\u4e2d", "a".repeat(5000), "Host(`", "Host(`x.test`) &&", "PathPrefix(`/fuzz`)",
            "Host(`x.test`) || !Path(`/`)", "PathRegexp(`(a+)+$`)", "HostRegexp(`[`)", "Header(`X`)",
            "ClientIP(`300.1.1.1/99`)", "Query(`a`, `b`, `c`)", "name@provider", "@", "../x", "a/b", "UPPER",
            "default", "ns2", "kube-system", "TraefikService", "Service", "ExternalName", "weighted", "mirroring",
            "failover", "- name: x", "services:", "port: http", "{name: api, port: 80}", "[1, [2, [3]]]",
            "2s", "-5s", "1h99m", "10.0.0.1", "::1", "[fd00::1]", "wrr", "hrw", "leasttime", "RoundRobin", "bogus");
    private static final List<String> KINDS = List.of("IngressRoute", "TraefikService", "ServersTransport", "Middleware",
            "Service", "EndpointSlice", "TLSOption", "List", "Secret", "ConfigMap", "Node", "Unknown");

    private static final List<String> seeds = new ArrayList<>();
    private static final List<String> sources = new ArrayList<>();
    private static List<KubeObject> good;
    private static RoutingRuntime runtime;
    private static final java.util.logging.Logger RUNTIME_LOG =
            java.util.logging.Logger.getLogger("io.switchyard.ports.runtime");

    @BeforeAll
    static void seeds() throws IOException {
        RUNTIME_LOG.setLevel(java.util.logging.Level.OFF); // thousands of "disabled router" lines
        seeds.add(OWN_SEED);
        sources.add("own seed");
        Path fixtures = Path.of("").toAbsolutePath().getParent().resolveSibling("shared/conformance/fixtures");
        if (Files.isDirectory(fixtures)) {
            try (Stream<Path> files = Files.list(fixtures)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                    seeds.add(Files.readString(f));
                    sources.add(f.getFileName().toString());
                }
            }
        }
        good = ManifestLoader.parse(GOOD, "good.yaml");
        Upstream upstream = request -> answer(request.server().authority());
        runtime = new RoutingRuntime(upstream, RuntimeSettings.of(List.of("web"), "fuzz"), new Random(1));
    }

    @AfterAll
    static void restoreLogging() {
        RUNTIME_LOG.setLevel(null);
    }

    private static UpstreamResponse answer(String server) {
        byte[] body = server.getBytes(StandardCharsets.UTF_8);
        return new UpstreamResponse() {
            @Override
            public int status() {
                return 200;
            }

            @Override
            public HttpFields headers() {
                return new HttpFields();
            }

            @Override
            public long contentLength() {
                return body.length;
            }

            @Override
            public InputStream body() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpFields trailers() {
                return new HttpFields();
            }

            @Override
            public void close() {
            }
        };
    }

    // ---- mutations -------------------------------------------------------------------------------

    private static String mutate(String seed, Random random) {
        List<String> lines = new ArrayList<>(List.of(seed.split("\n", -1)));
        int count = 1 + random.nextInt(5);
        for (int m = 0; m < count && !lines.isEmpty(); m++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(11)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, line);
                case 2 -> {
                    int other = random.nextInt(lines.size());
                    lines.set(at, lines.get(other));
                    lines.set(other, line);
                }
                case 3 -> {
                    int colon = line.indexOf(": ");
                    lines.set(at, colon < 0 ? line + " " + token(random)
                            : line.substring(0, colon + 2) + token(random));
                }
                case 4 -> {
                    int pos = random.nextInt(line.length() + 1);
                    lines.set(at, line.substring(0, pos) + token(random) + line.substring(pos));
                }
                case 5 -> lines.set(at, random.nextBoolean() ? " " + line
                        : line.startsWith("  ") ? line.substring(2) : line);
                case 6 -> {
                    String text = String.join("\n", lines);
                    return text.substring(0, random.nextInt(text.length() + 1));
                }
                case 7 -> lines.set(at, line.replaceAll("kind: \\w+", "kind: " + KINDS.get(random.nextInt(KINDS.size()))));
                case 8 -> {
                    StringBuilder noise = new StringBuilder(line);
                    for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                        noise.insert(random.nextInt(noise.length() + 1), (char) (random.nextBoolean()
                                ? 32 + random.nextInt(95) : random.nextInt(32)));
                    }
                    lines.set(at, noise.toString());
                }
                case 9 -> {
                    String donor = seeds.get(random.nextInt(seeds.size()));
                    String[] donorLines = donor.split("\n");
                    lines.add(at, donorLines[random.nextInt(donorLines.length)]);
                }
                default -> lines.set(at, line.replaceAll("namespace: \\S+", "namespace: "
                        + List.of("default", "ns1", "ns2", "other").get(random.nextInt(4))));
            }
        }
        return String.join("\n", lines);
    }

    private static String token(Random random) {
        return TOKENS.get(random.nextInt(TOKENS.size()));
    }

    // ---- checks ----------------------------------------------------------------------------------

    /** Applies {@code config} and checks the good route still serves, whatever else happened. */
    private static void applyAndCheck(DynamicConfig config, String what) {
        List<RuntimeDiagnostic> diagnostics;
        try {
            diagnostics = runtime.apply(config);
        } catch (Throwable t) {
            throw new AssertionError("apply threw for " + what, t);
        }
        for (RuntimeDiagnostic d : diagnostics) {
            assertTrue(!d.object().contains("good"), "the good route was disabled: " + d + " (" + what + ")");
        }
        FakeExchange ex = FakeExchange.get("good.test", "/");
        try {
            runtime.handle(ex);
        } catch (Throwable t) {
            throw new AssertionError("the good route failed after " + what, t);
        }
        assertEquals(200, ex.status(), what);
        assertEquals(GOOD_SERVER, ex.text(), what);
    }

    @Test
    void mutatedManifests_becomeDiagnostics_andTheGoodRouteKeepsServing() throws IOException {
        int iterations = Heavy.pick(2_000, 50_000);
        Random random = new Random(20261126);
        int refusedFiles = 0;
        int translationDiagnostics = 0;
        int runtimeDiagnostics = 0;
        for (int i = 0; i < iterations; i++) {
            int seedIndex = random.nextInt(seeds.size());
            String fuzzed = mutate(seeds.get(seedIndex), random);
            String what = "iteration " + i + " (seed " + sources.get(seedIndex) + ")";
            List<KubeObject> objects = new ArrayList<>(good);
            try {
                for (KubeObject o : ManifestLoader.parse(fuzzed, "fuzz.yaml")) {
                    // the good route's namespace is off limits: replacing its objects would change it
                    // legitimately
                    if (!o.metadata().namespace().equals("safe")) {
                        objects.add(o);
                    }
                }
            } catch (ManifestException refused) {
                refusedFiles++;
            } catch (Throwable t) {
                Path saved = save(fuzzed, i);
                fail("the manifest loader threw " + t + " for " + what + ", input saved to " + saved, t);
            }
            Translation translation;
            try {
                translation = Translator.translate(new ClusterSnapshot(objects), ProviderOptions.DEFAULTS);
            } catch (Throwable t) {
                Path saved = save(fuzzed, i);
                throw new AssertionError("the translator threw for " + what + ", input saved to " + saved, t);
            }
            translationDiagnostics += translation.diagnostics().size();
            runtimeDiagnostics += runtime.diagnostics().size();
            applyAndCheck(translation.config(), what);
        }
        System.out.printf("config fuzz: %d mutated manifests from %d seeds, %d files refused, %d translation "
                        + "diagnostics, %d runtime diagnostics%n", iterations, seeds.size(), refusedFiles,
                translationDiagnostics, runtimeDiagnostics);
        assertTrue(refusedFiles > 0 && refusedFiles < iterations, "mutations both break and keep files: " + refusedFiles);
        assertTrue(translationDiagnostics > 0, "mutations reach the translator's checks");
    }

    private static Path save(String fuzzed, int iteration) throws IOException {
        Path out = Path.of("target", "fuzz-failure-" + iteration + ".yaml").toAbsolutePath();
        Files.createDirectories(out.getParent());
        Files.writeString(out, fuzzed);
        return out;
    }

    // ---- rules -----------------------------------------------------------------------------------

    private static final List<String> RULE_PARTS = List.of("Host(`a.test`)", "HostRegexp(`^.+\\.test$`)",
            "Path(`/a`)", "PathPrefix(`/fuzz`)", "PathRegexp(`^/[a-z]+$`)", "Header(`X-A`, `1`)",
            "HeaderRegexp(`X-A`, `.*`)", "Query(`q`, `1`)", "QueryRegexp(`q`, `[`)", "ClientIP(`10.0.0.0/8`)",
            "Method(`GET`)", "Host(`a`, `b`)", "Path()", "Host(", ")", "(", "&&", "||", "!", " ", "`", "\"", ",",
            "Host(\"a.test\")", "Unknown(`x`)", "host(`a.test`)", "PathPrefix(`/fuzz` ", "Header(`X`, `a\u0000`)",
            "ClientIP(`::1/200`)", "HostRegexp(`(a|a)*$`)", "Path(`" + "/x".repeat(500) + "`)");

    private static String randomRule(Random random) {
        StringBuilder rule = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) {
            rule.append(RULE_PARTS.get(random.nextInt(RULE_PARTS.size())));
        }
        return rule.toString();
    }

    /** Rules a parser or matcher may choke on: deep nesting, long chains, huge literals. */
    private static List<String> pathologicalRules() {
        return List.of(
                "(".repeat(10_000) + "Host(`a.test`)" + ")".repeat(10_000),
                "!".repeat(50_000) + "Host(`a.test`)",
                String.join(" && ", java.util.Collections.nCopies(5_000, "Host(`a.test`)")),
                String.join(" || ", java.util.Collections.nCopies(5_000, "PathPrefix(`/fuzz`)")),
                "Host(`" + "a".repeat(1_000_000) + "`)",
                "PathRegexp(`" + "(".repeat(5_000) + "a" + ")".repeat(5_000) + "`)",
                "HostRegexp(`" + "[".repeat(1000) + "`)",
                "",
                " ",
                "\u0000",
                "Host(`a.test`) && (PathPrefix(`/fuzz`) || (Header(`X`, `1`) && !(Method(`GET`))))");
    }

    @Test
    void randomAndPathologicalRules_becomeDiagnostics_andTheGoodRouteKeepsServing() {
        int iterations = Heavy.pick(500, 10_000);
        Random random = new Random(7);
        List<String> rules = new ArrayList<>(pathologicalRules());
        for (int i = 0; i < iterations; i++) {
            rules.add(randomRule(random));
        }
        int disabled = 0;
        for (int i = 0; i < rules.size(); i += 10) {
            Map<String, RouterConfig> routers = new LinkedHashMap<>();
            Map<String, ServiceConfig> services = new LinkedHashMap<>();
            routers.put("good", new RouterConfig("Host(`good.test`)", 1_000_000, "", List.of(), List.of(), "good",
                    List.of(), java.util.Optional.empty(), java.util.Optional.empty()));
            services.put("good", LoadBalancerService.of(List.of(ServerConfig.of("http://" + GOOD_SERVER))));
            services.put("other", LoadBalancerService.of(List.of(ServerConfig.of("http://10.99.0.2:80"))));
            for (int j = i; j < Math.min(rules.size(), i + 10); j++) {
                routers.put("fuzz-" + j, RouterConfig.of(rules.get(j), List.of(), "other"));
            }
            applyAndCheck(new DynamicConfig(routers, services, Map.of()), "rules " + i + ".." + (i + 9));
            disabled += runtime.diagnostics().size();
        }
        System.out.printf("rule fuzz: %d rules, %d routers disabled%n", rules.size(), disabled);
        assertTrue(disabled > 0, "broken rules are reported");
    }
}
