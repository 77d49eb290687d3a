package io.switchyard.server.cli;

import io.switchyard.adapters.k8s.manifest.ManifestException;
import io.switchyard.adapters.k8s.manifest.ManifestLoader;
import io.switchyard.domain.cluster.ClusterSnapshot;
import io.switchyard.domain.cluster.KubeObject;
import io.switchyard.domain.cluster.ObjectMeta;
import io.switchyard.domain.cluster.PortRef;
import io.switchyard.domain.cluster.Service;
import io.switchyard.domain.config.ConfigJson;
import io.switchyard.domain.translate.Diagnostic;
import io.switchyard.domain.translate.ProviderOptions;
import io.switchyard.domain.translate.Translation;
import io.switchyard.domain.translate.TranslationException;
import io.switchyard.domain.translate.Translator;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code switchyard translate [OPTIONS] FILE|DIR...}: reads manifests, translates them as Traefik's
 * CRD provider would, prints the HTTP dynamic configuration as JSON on stdout and the diagnostics on
 * stderr. Exit status 0 when translated (even with dropped routes), 2 when an input cannot be read,
 * 64 on a usage error.
 *
 * <p>{@code translate --function NAME JSON} evaluates one of the provider's helper functions
 * ({@code parseServiceProtocol}, {@code getServicePort}, {@code isCrossProviderNamespaceAllowed})
 * and prints {@code {"error":bool,"result":...}}, for the conformance suite.
 *
 * <p>This class stays clear of Helidon so the command starts fast.
 */
public final class TranslateCommand {
    /** Exit status: translated. */
    public static final int OK = 0;
    /** Exit status: an input file could not be read or parsed. */
    public static final int UNREADABLE = 2;
    /** Exit status: bad command line. */
    public static final int USAGE = 64;

    private static final String USAGE_TEXT = """
            usage: switchyard translate [OPTIONS] FILE|DIR...
                   switchyard translate --function NAME JSON
            Translates Kubernetes manifests (IngressRoute, TraefikService, ServersTransport, Service,
            EndpointSlice, Node, Secret, ConfigMap) into the HTTP dynamic configuration, as Traefik's
            kubernetescrd provider would. JSON on stdout, diagnostics on stderr. A DIR means its
            *.yaml and *.yml files (not recursive), in name order.
            options:
              --allow-cross-namespace            --allow-external-name-services
              --allow-empty-services             --native-lb-by-default
              --disable-cluster-scope-resources  --ingress-class=CLASS
              --namespaces=NS[,NS...]            --label-selector=SELECTOR
              --cross-provider-namespaces=[NS[,NS...]]   (empty value: no namespace may)
              --allow-health-check-on-any-service  Switchyard only: accept healthCheck on any
                                                 Service type, not only ExternalName
              --compact                          one-line JSON
            """;

    private TranslateCommand() {
    }

    /** Entry point for running the command on its own ({@code bin/translate}). */
    public static void main(String[] args) {
        int status = run(Arrays.asList(args), System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /**
     * Runs the command.
     *
     * @return the exit status
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty() && args.get(0).equals("--function")) {
            if (args.size() != 3) {
                err.println("translate: --function needs NAME and JSON");
                return USAGE;
            }
            return function(args.get(1), args.get(2), out, err);
        }
        ProviderOptions options = ProviderOptions.DEFAULTS;
        boolean compact = false;
        List<String> inputs = new ArrayList<>();
        boolean onlyFiles = false;
        for (String arg : args) {
            if (onlyFiles || !arg.startsWith("--")) {
                inputs.add(arg);
                continue;
            }
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            Optional<String> value = arg.contains("=") ? Optional.of(arg.substring(arg.indexOf('=') + 1))
                    : Optional.empty();
            try {
                switch (name) {
                    case "--" -> onlyFiles = true;
                    case "--help" -> {
                        out.print(USAGE_TEXT);
                        return OK;
                    }
                    case "--compact" -> compact = flag(arg, value);
                    default -> options = option(options, arg);
                }
            } catch (IllegalArgumentException e) {
                err.println("translate: " + e.getMessage());
                err.print(USAGE_TEXT);
                return USAGE;
            }
        }

        List<KubeObject> objects = new ArrayList<>();
        try {
            for (String input : inputs) {
                for (Path file : files(Path.of(input))) {
                    objects.addAll(ManifestLoader.load(file));
                }
            }
        } catch (ManifestException e) {
            err.println("translate: " + e.getMessage());
            return UNREADABLE;
        } catch (UncheckedIOException e) {
            err.println("translate: " + e.getMessage());
            return UNREADABLE;
        }

        Translation translation = Translator.translate(new ClusterSnapshot(objects), options);
        for (Diagnostic d : translation.diagnostics()) {
            err.println((d.severity() == Diagnostic.Severity.ERROR ? "error: " : "warning: ") + d);
        }
        out.println(compact ? ConfigJson.writeCompact(translation.config()) : ConfigJson.write(translation.config()));
        return OK;
    }

    /**
     * Applies one provider option flag ({@code --allow-cross-namespace}, {@code --namespaces=a,b},
     * …) to {@code options}; shared by {@code translate} and {@code run}.
     *
     * @throws IllegalArgumentException for an unknown option or a bad value
     */
    public static ProviderOptions option(ProviderOptions options, String arg) {
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        Optional<String> value = arg.contains("=") ? Optional.of(arg.substring(arg.indexOf('=') + 1))
                : Optional.empty();
        return switch (name) {
            case "--allow-cross-namespace" -> options.withAllowCrossNamespace(flag(arg, value));
            case "--allow-external-name-services" -> options.withAllowExternalNameServices(flag(arg, value));
            case "--allow-empty-services" -> options.withAllowEmptyServices(flag(arg, value));
            case "--native-lb-by-default" -> options.withNativeLBByDefault(flag(arg, value));
            case "--disable-cluster-scope-resources" -> options.withDisableClusterScopeResources(flag(arg, value));
            case "--ingress-class" -> options.withIngressClass(required(arg, value));
            case "--label-selector" -> options.withLabelSelector(required(arg, value));
            case "--namespaces" -> options.withNamespaces(list(required(arg, value)));
            case "--cross-provider-namespaces" -> options.withCrossProviderNamespaces(list(required(arg, value)));
            case "--allow-health-check-on-any-service" -> options.withAllowHealthCheckOnAnyService(flag(arg, value));
            default -> throw new IllegalArgumentException("unknown option " + arg);
        };
    }

    private static boolean flag(String arg, Optional<String> value) {
        if (value.isEmpty()) {
            return true;
        }
        return switch (value.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(arg + ": expected true or false");
        };
    }

    private static String required(String arg, Optional<String> value) {
        return value.orElseThrow(() -> new IllegalArgumentException(arg + " needs a value: " + arg + "=VALUE"));
    }

    private static List<String> list(String value) {
        return value.isEmpty() ? List.of()
                : Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static List<Path> files(Path input) {
        if (!Files.isDirectory(input)) {
            if (!Files.isReadable(input)) {
                throw new UncheckedIOException(new IOException("cannot read " + input + ": no such readable file"));
            }
            return List.of(input);
        }
        try (Stream<Path> entries = Files.list(input)) {
            return entries.filter(p -> {
                String n = p.getFileName().toString();
                return !n.startsWith(".") && (n.endsWith(".yaml") || n.endsWith(".yml")) && Files.isRegularFile(p);
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + input + ": " + e.getMessage(), e);
        }
    }

    // ---- --function -------------------------------------------------------------------------

    private static int function(String name, String json, PrintStream out, PrintStream err) {
        Object input;
        try {
            input = new Yaml(new SafeConstructor(new LoaderOptions())).load(json);
        } catch (YAMLException e) {
            err.println("translate: --function input is not JSON: " + e.getMessage());
            return USAGE;
        }
        if (!(input instanceof Map<?, ?> in)) {
            err.println("translate: --function input must be a JSON object");
            return USAGE;
        }
        String result;
        try {
            result = switch (name) {
                case "parseServiceProtocol" -> quote(Translator.serverScheme(text(in.get("scheme")),
                        text(in.get("portName")), number(in.get("portNumber"))));
                case "getServicePort" -> servicePort(in);
                case "isCrossProviderNamespaceAllowed" -> {
                    ProviderOptions options = ProviderOptions.DEFAULTS;
                    if (in.get("allowList") instanceof List<?> allow) {
                        options = options.withCrossProviderNamespaces(allow.stream().map(String::valueOf).toList());
                    }
                    yield Boolean.toString(Translator.crossProviderNamespaceAllowed(options, text(in.get("namespace"))));
                }
                default -> null;
            };
        } catch (TranslationException e) {
            err.println("translate: " + e.getMessage());
            out.println("{\"error\":true}");
            return OK;
        }
        if (result == null) {
            err.println("translate: unknown function " + name
                    + " (expected: parseServiceProtocol, getServicePort, isCrossProviderNamespaceAllowed)");
            return USAGE;
        }
        out.println("{\"error\":false,\"result\":" + result + "}");
        return OK;
    }

    private static String servicePort(Map<?, ?> in) {
        if (!(in.get("service") instanceof Map<?, ?> svc)) {
            throw new TranslationException("service is not defined");
        }
        List<Service.Port> ports = new ArrayList<>();
        if (svc.get("ports") instanceof List<?> list) {
            for (Object p : list) {
                Map<?, ?> port = p instanceof Map<?, ?> m ? m : Map.of();
                ports.add(new Service.Port(text(port.get("name")), number(port.get("port")), 0));
            }
        }
        String type = text(svc.get("type"));
        Service service = new Service(ObjectMeta.of("default", "service"),
                type.isEmpty() ? Service.CLUSTER_IP : type, "", ports, "");
        Map<?, ?> ref = in.get("port") instanceof Map<?, ?> m ? m : Map.of();
        PortRef port = "string".equals(ref.get("type")) ? PortRef.named(text(ref.get("strVal")))
                : PortRef.of(number(ref.get("intVal")));
        Service.Port selected = Translator.servicePort(service, port);
        List<String> fields = new ArrayList<>();
        if (!selected.name().isEmpty()) {
            fields.add("\"name\":" + quote(selected.name()));
        }
        if (selected.port() != 0) {
            fields.add("\"port\":" + selected.port());
        }
        return "{" + String.join(",", fields) + "}";
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    private static int number(Object value) {
        return value instanceof Number n ? n.intValue() : 0;
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
