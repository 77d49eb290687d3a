package io.switchyard.server.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Every {@code run} option can also come from a configuration file and from the environment, with
 * one rule so nothing needs documenting twice: option {@code --name VALUE} is {@code name: VALUE}
 * in the file and {@code SWITCHYARD_NAME=VALUE} in the environment (upper case, {@code -} becomes
 * {@code _}). Repeatable options take a YAML list, or whitespace-separated values in the
 * environment; switches take {@code true}/{@code false}.
 *
 * <p>Precedence: the file first, then the environment, then the command line — later wins for
 * single-valued options, repeatable ones accumulate (entry points are then merged by name).
 *
 * <pre>
 * # switchyard.yaml
 * source: kubernetes
 * entrypoint: ["web=:8000", "websecure=:8443"]
 * source-option: ["throttle=2s"]
 * allow-cross-namespace: true
 * </pre>
 */
public final class ConfigArguments {
    /** Prefix of environment variables that carry options. */
    public static final String ENV_PREFIX = "SWITCHYARD_";

    private ConfigArguments() {
    }

    /**
     * Turns a configuration file into command-line arguments.
     *
     * @param valued options that take a value (as opposed to switches)
     * @throws IllegalArgumentException naming the file (and line) when it cannot be read or is not a
     *                                  map of options
     */
    public static List<String> fromFile(Path file, java.util.Set<String> valued) {
        Object doc;
        try (Reader reader = Files.newBufferedReader(file)) {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (MarkedYAMLException e) {
            throw new IllegalArgumentException(file + ":" + (e.getProblemMark().getLine() + 1) + ": " + e.getProblem(), e);
        } catch (YAMLException | IOException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        if (doc == null) {
            return List.of();
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + ": expected a map of options (name: value)");
        }
        List<String> args = new ArrayList<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            Object value = e.getValue();
            if (value instanceof List<?> list) {
                for (Object v : list) {
                    add(args, name, scalar(file, name, v), valued);
                }
            } else {
                add(args, name, scalar(file, name, value), valued);
            }
        }
        return args;
    }

    /** Turns {@code SWITCHYARD_*} environment variables into command-line arguments. */
    public static List<String> fromEnvironment(Map<String, String> env, java.util.Set<String> valued) {
        List<String> args = new ArrayList<>();
        env.entrySet().stream()
                .filter(e -> e.getKey().startsWith(ENV_PREFIX) && e.getKey().length() > ENV_PREFIX.length())
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> {
                    String name = e.getKey().substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '-');
                    if (name.equals("java-opts") || name.equals("home")) {
                        return; // read by the launcher and the demo, not options
                    }
                    String value = e.getValue().strip();
                    if (valued.contains(name)) {
                        for (String v : value.split("\\s+")) {
                            if (!v.isEmpty()) {
                                add(args, name, v, valued);
                            }
                        }
                    } else {
                        add(args, name, value, valued);
                    }
                });
        return args;
    }

    private static String scalar(Path file, String name, Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new IllegalArgumentException(file + ": option " + name + ": expected a value or a list of values");
        }
        return value == null ? "" : String.valueOf(value);
    }

    private static void add(List<String> args, String name, String value, java.util.Set<String> valued) {
        if (valued.contains(name)) {
            args.add("--" + name);
            args.add(value);
        } else if (value.isEmpty() || value.equals("true")) {
            args.add("--" + name);
        } else if (!value.equals("false")) {
            args.add("--" + name + "=" + value);
        }
    }
}
