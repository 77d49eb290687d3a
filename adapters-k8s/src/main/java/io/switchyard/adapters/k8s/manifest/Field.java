package io.switchyard.adapters.k8s.manifest;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One YAML node with its path ({@code spec.routes[0].match}) and file, so that every shape error
 * names file and line. Absent keys and explicit nulls read as absent.
 */
final class Field {
    private final String file;
    private final String path;
    private final Node node;

    Field(String file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /** The 1-based line, or 0 for nodes built from a tree (they have no position). */
    int line() {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    String path() {
        return path;
    }

    ManifestException error(String problem) {
        return new ManifestException(file, line(), (path.isEmpty() ? "" : path + ": ") + problem);
    }

    boolean isNull() {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    /** The child under {@code key}, absent when missing or null. */
    Optional<Field> get(String key) {
        MappingNode map = mapping();
        for (NodeTuple tuple : map.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                Field child = new Field(file, path.isEmpty() ? key : path + "." + key, tuple.getValueNode());
                return child.isNull() ? Optional.empty() : Optional.of(child);
            }
        }
        return Optional.empty();
    }

    private MappingNode mapping() {
        if (node instanceof MappingNode m) {
            return m;
        }
        throw error("expected a mapping");
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    String text() {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error("expected a single value");
    }

    /** Whether the scalar is a number as YAML resolves it (a quoted "80" is not). */
    boolean isInteger() {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.INT);
    }

    long longValue() {
        if (!isInteger()) {
            throw error("expected a whole number, got \"" + text() + "\"");
        }
        String t = text().replace("_", "");
        try {
            if (t.startsWith("0x") || t.startsWith("-0x") || t.startsWith("+0x")) {
                boolean neg = t.startsWith("-");
                long v = Long.parseLong(t.substring(t.indexOf('x') + 1), 16);
                return neg ? -v : v;
            }
            return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            throw error("number out of range: " + text());
        }
    }

    int intValue() {
        long v = longValue();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw error("number out of range: " + v);
        }
        return (int) v;
    }

    boolean boolValue() {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            String t = s.getValue().toLowerCase(java.util.Locale.ROOT);
            return t.equals("true") || t.equals("yes") || t.equals("on") || t.equals("y");
        }
        throw error("expected true or false, got \"" + text() + "\"");
    }

    List<Field> items() {
        if (node instanceof SequenceNode seq) {
            List<Field> out = new ArrayList<>();
            List<Node> values = seq.getValue();
            for (int i = 0; i < values.size(); i++) {
                out.add(new Field(file, path + "[" + i + "]", values.get(i)));
            }
            return out;
        }
        throw error("expected a list");
    }

    /** Key/value pairs of a mapping, in order. */
    Map<String, Field> entries() {
        Map<String, Field> out = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping().getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode k)) {
                throw new Field(file, path, tuple.getKeyNode()).error("expected a plain key");
            }
            out.put(k.getValue(), new Field(file, path + "." + k.getValue(), tuple.getValueNode()));
        }
        return out;
    }

    // ---- conveniences over get() ----

    String string(String key) {
        return get(key).map(Field::text).orElse("");
    }

    Optional<String> optionalString(String key) {
        return get(key).map(Field::text);
    }

    boolean bool(String key) {
        return get(key).map(Field::boolValue).orElse(false);
    }

    Optional<Boolean> optionalBool(String key) {
        return get(key).map(Field::boolValue);
    }

    int integer(String key) {
        return get(key).map(Field::intValue).orElse(0);
    }

    Optional<Integer> optionalInteger(String key) {
        return get(key).map(Field::intValue);
    }

    <T> List<T> list(String key, Function<Field, T> each) {
        return get(key).map(f -> f.items().stream().map(each).toList()).orElse(List.of());
    }

    List<String> strings(String key) {
        return list(key, Field::text);
    }

    Map<String, String> stringMap(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        get(key).ifPresent(f -> f.entries().forEach((k, v) -> {
            if (!v.isNull()) {
                out.put(k, v.text());
            }
        }));
        return out;
    }
}
