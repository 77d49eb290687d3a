package io.switchyard.domain.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * An ordered, mutable list of HTTP header fields with case-insensitive names, as received or to be
 * sent. Kept deliberately simple (two parallel lists): requests carry a handful of fields, and a
 * linear scan beats hashing at that size while allocating nothing per lookup.
 *
 * <p>Values are octet strings: each char is one byte of the field as it travels (ISO-8859-1), so
 * obs-text (bytes 0x80–0xFF) passes through unchanged, as Go relays it. Readers that receive
 * decoded text convert with {@link HttpTokens#octets(String)}.
 *
 * <p>Not thread-safe: one instance belongs to one exchange.
 */
public final class HttpFields {
    private final ArrayList<String> names;
    private final ArrayList<String> values;

    /** An empty list. */
    public HttpFields() {
        this(16);
    }

    /** An empty list sized for about {@code expected} fields. */
    public HttpFields(int expected) {
        names = new ArrayList<>(expected);
        values = new ArrayList<>(expected);
    }

    /** A copy of {@code other}. */
    public static HttpFields copyOf(HttpFields other) {
        HttpFields copy = new HttpFields(other.size() + 4);
        copy.names.addAll(other.names);
        copy.values.addAll(other.values);
        return copy;
    }

    /** Number of field lines. */
    public int size() {
        return names.size();
    }

    /** Name of the i-th field line, as received. */
    public String name(int i) {
        return names.get(i);
    }

    /** Value of the i-th field line. */
    public String value(int i) {
        return values.get(i);
    }

    /** Appends a field line. */
    public HttpFields add(String name, String value) {
        names.add(Objects.requireNonNull(name, "name"));
        values.add(Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Removes every line of {@code name}, then appends one line. */
    public HttpFields set(String name, String value) {
        remove(name);
        return add(name, value);
    }

    /** Removes every line of {@code name}; returns whether any was removed. */
    public boolean remove(String name) {
        boolean removed = false;
        for (int i = names.size() - 1; i >= 0; i--) {
            if (names.get(i).equalsIgnoreCase(name)) {
                names.remove(i);
                values.remove(i);
                removed = true;
            }
        }
        return removed;
    }

    /** Whether a line of {@code name} exists. */
    public boolean contains(String name) {
        for (int i = 0, n = names.size(); i < n; i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** The first value of {@code name}, or {@code null} when absent (hot-path friendly). */
    public String first(String name) {
        for (int i = 0, n = names.size(); i < n; i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    /** All value lines of {@code name}, in order (empty when absent). */
    public List<String> all(String name) {
        List<String> out = null;
        for (int i = 0, n = names.size(); i < n; i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                if (out == null) {
                    out = new ArrayList<>(2);
                }
                out.add(values.get(i));
            }
        }
        return out == null ? List.of() : out;
    }

    /** Calls {@code action} for each field line in order. */
    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0, n = names.size(); i < n; i++) {
            action.accept(names.get(i), values.get(i));
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("HttpFields[");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(names.get(i)).append(": ").append(values.get(i));
        }
        return sb.append(']').toString();
    }
}
