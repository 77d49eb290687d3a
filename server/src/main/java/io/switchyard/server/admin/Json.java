package io.switchyard.server.admin;

import io.switchyard.domain.config.ConfigJson;
import java.util.List;
import java.util.Map;

/**
 * Writes a tree of maps, lists, strings, numbers and booleans as compact JSON, escaping as Go's
 * {@code encoding/json} does (so the API's bytes look like Traefik's). Map entries keep their
 * iteration order: use a {@code TreeMap} where Go would marshal a map (sorted keys) and a
 * {@code LinkedHashMap} where it would marshal a struct (declaration order).
 */
final class Json {
    private Json() {
    }

    /** The tree as one line of JSON followed by a newline, as Go's {@code json.Encoder} writes it. */
    static String write(Object tree) {
        StringBuilder out = new StringBuilder(256);
        value(out, tree);
        return out.append('\n').toString();
    }

    static void value(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    ConfigJson.writeString(out, String.valueOf(e.getKey()));
                    out.append(':');
                    value(out, e.getValue());
                }
                out.append('}');
            }
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    value(out, list.get(i));
                }
                out.append(']');
            }
            case String s -> ConfigJson.writeString(out, s);
            case Double d -> number(out, d);
            case Float f -> number(out, f.doubleValue());
            case Number n -> out.append(n);
            case Boolean b -> out.append(b);
            default -> throw new IllegalArgumentException("value: " + value.getClass().getName()
                    + " (expected: map, list, string, number or boolean)");
        }
    }

    private static void number(StringBuilder out, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("number: " + d + " (expected: finite)");
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            out.append((long) d);
        } else {
            out.append(d);
        }
    }
}
