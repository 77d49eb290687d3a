package io.switchyard.domain.rule;

import java.util.Map;

/**
 * An immutable open-addressing map from strings, looked up by a region of another string and that
 * region's {@link String#hashCode()}-compatible hash, so probing with a prefix or suffix of a
 * request value allocates nothing.
 */
final class KeyTable<V> {
    private final String[] keys;
    private final int[] hashes;
    private final Object[] values;
    private final int mask;

    KeyTable(Map<String, V> entries) {
        int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 2 - 1)) << 1;
        keys = new String[capacity];
        hashes = new int[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        entries.forEach((key, value) -> {
            int hash = key.hashCode();
            int i = spread(hash) & mask;
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            hashes[i] = hash;
            values[i] = value;
        });
    }

    /** The value for the key equal to {@code s[from, to)}, whose hash is {@code hash}; null if none. */
    @SuppressWarnings("unchecked")
    V get(String s, int from, int to, int hash) {
        int length = to - from;
        int i = spread(hash) & mask;
        while (true) {
            String key = keys[i];
            if (key == null) {
                return null;
            }
            if (hashes[i] == hash && key.length() == length && s.regionMatches(from, key, 0, length)) {
                return (V) values[i];
            }
            i = (i + 1) & mask;
        }
    }

    /** {@link String#hashCode()} of {@code s[from, to)}. */
    static int hash(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
