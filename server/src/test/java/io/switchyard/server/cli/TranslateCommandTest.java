package io.switchyard.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The translate command end to end over our own scenario manifests in {@code src/test/resources/translate}:
 * each {@code NAME.yaml} (first line {@code # options: ...}) must print {@code NAME.json} on stdout and
 * {@code NAME.stderr} on stderr. The expectations were checked by hand against spec/translation.md.
 */
final class TranslateCommandTest {

    private record Result(int status, String out, String err) {
    }

    private static Result run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TranslateCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path resource(String name) {
        try {
            return Path.of(TranslateCommandTest.class.getResource("/translate/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"weighted-route-with-shared-children", "route-errors-are-diagnostics",
            "traefikservice-kinds"})
    void run_scenario_printsExpectedJsonAndDiagnostics(String scenario) {
        Path yaml = resource(scenario + ".yaml");
        String firstLine = read(yaml).lines().findFirst().orElseThrow();
        List<String> args = new ArrayList<>(Arrays.stream(firstLine.replace("# options:", "").trim().split("\\s+"))
                .filter(s -> !s.isEmpty()).toList());
        args.add(yaml.toString());
        Result result = run(args);
        assertEquals(0, result.status(), result.err());
        assertEquals(read(resource(scenario + ".json")), result.out());
        assertEquals(read(resource(scenario + ".stderr")), result.err());
    }

    @Test
    void run_malformedFile_exit2NamingFileAndLine() {
        Path yaml = resource("malformed.yaml");
        Result result = run(List.of(yaml.toString()));
        assertEquals(TranslateCommand.UNREADABLE, result.status());
        assertTrue(result.err().startsWith("translate: " + yaml + ":6: YAML syntax"), result.err());
        assertEquals("", result.out());
    }

    @Test
    void run_missingFile_exit2() {
        Result result = run(List.of("/no/such/file.yaml"));
        assertEquals(TranslateCommand.UNREADABLE, result.status());
        assertTrue(result.err().contains("/no/such/file.yaml"), result.err());
    }

    @Test
    void run_unknownOption_usageError() {
        Result result = run(List.of("--frobnicate"));
        assertEquals(TranslateCommand.USAGE, result.status());
        assertTrue(result.err().startsWith("translate: unknown option --frobnicate"), result.err());
    }

    @Test
    void run_noFiles_emptyConfiguration() {
        Result result = run(List.of("--allow-external-name-services"));
        assertEquals(0, result.status());
        assertEquals("{}\n", result.out());
    }

    @Test
    void run_crossProviderNamespacesEmptyValue_forbidsProviderReferences() throws IOException {
        Path dir = Files.createTempDirectory("translate");
        Path yaml = dir.resolve("cp.yaml");
        Files.writeString(yaml, """
                apiVersion: traefik.io/v1alpha1
                kind: IngressRoute
                metadata: {name: r}
                spec:
                  routes:
                    - match: Host(`a`)
                      services: [{name: api@internal, kind: TraefikService}]
                """);
        assertTrue(run(List.of("--compact", yaml.toString())).out().contains("\"service\":\"api@internal\""));
        Result forbidden = run(List.of("--compact", "--cross-provider-namespaces=", yaml.toString()));
        assertEquals("{}\n", forbidden.out());
        assertTrue(forbidden.err().contains("not in crossProviderNamespaces"), forbidden.err());
        assertTrue(run(List.of("--compact", "--cross-provider-namespaces=other,default", yaml.toString())).out()
                .contains("api@internal"));
    }

    @Test
    void run_allowHealthCheckOnAnyService_keepsCheckedRouteToClusterService() throws IOException {
        Path dir = Files.createTempDirectory("translate");
        Path yaml = dir.resolve("hc.yaml");
        Files.writeString(yaml, """
                apiVersion: traefik.io/v1alpha1
                kind: IngressRoute
                metadata: {name: r, namespace: default}
                spec:
                  routes:
                    - match: Host(`a`)
                      services:
                        - name: web
                          port: 80
                          healthCheck: {path: /health, interval: 2s}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: default}
                spec:
                  clusterIP: 10.96.0.7
                  ports: [{name: http, port: 80}]
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: web-a
                  namespace: default
                  labels: {kubernetes.io/service-name: web}
                addressType: IPv4
                ports: [{name: http, port: 8080}]
                endpoints:
                  - addresses: ["10.0.0.1"]
                """);
        Result refused = run(List.of("--compact", yaml.toString()));
        assertEquals("{}\n", refused.out());
        assertTrue(refused.err().contains("healthCheck is allowed only on ExternalName"), refused.err());

        Result allowed = run(List.of("--compact", "--allow-health-check-on-any-service", yaml.toString()));
        assertEquals("", allowed.err());
        assertTrue(allowed.out().contains("\"path\":\"/health\""), allowed.out());
        assertTrue(allowed.out().contains("http://10.0.0.1:8080"), allowed.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "parseServiceProtocol | {\"scheme\": \"\", \"portName\": \"https-web\", \"portNumber\": 80} | {\"error\":false,\"result\":\"https\"}",
            "parseServiceProtocol | {\"scheme\": \"wss\", \"portName\": \"\", \"portNumber\": 80}       | {\"error\":true}",
            "getServicePort       | {\"service\": {\"ports\": [{\"name\": \"web\", \"port\": 80}]}, \"port\": {\"type\": \"string\", \"strVal\": \"web\"}} | {\"error\":false,\"result\":{\"name\":\"web\",\"port\":80}}",
            "getServicePort       | {\"service\": null, \"port\": {\"type\": \"int\", \"intVal\": 80}} | {\"error\":true}",
            "getServicePort       | {\"service\": {\"type\": \"ExternalName\"}, \"port\": {\"type\": \"int\", \"intVal\": 8443}} | {\"error\":false,\"result\":{\"port\":8443}}",
            "isCrossProviderNamespaceAllowed | {\"allowList\": [], \"namespace\": \"a\"}   | {\"error\":false,\"result\":false}",
            "isCrossProviderNamespaceAllowed | {\"allowList\": null, \"namespace\": \"a\"} | {\"error\":false,\"result\":true}",
    })
    void run_function_printsErrorAndResult(String function, String input, String expected) {
        Result result = run(List.of("--function", function, input));
        assertEquals(0, result.status(), result.err());
        assertEquals(expected + "\n", result.out());
    }
}
