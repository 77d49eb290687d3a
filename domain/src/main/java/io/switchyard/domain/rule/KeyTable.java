package io.switchyard.domain.rule;

import java.util.Map;

/**
 * An immutable open-addressing map from strings, looked up by a region of another string and that
 * region's {@link String#hashCode()}-compatible hash, so probing with a prefix or suffix of a
 * request value allocates nothing.
 */
final class KeyTable<V> {
    private static final int EMPTY = 0;

    /** Key at 2i, value at 2i+1: a hit touches one cache line for both. */
    private final Object[] slots;
    private final int[] hashes;
    private final int mask;
    private final int maxKeyLength;

    KeyTable(Map<String, V> entries) {
        int capacity = Integer.highestOneBit(Math.max(4, entries.size() * 2 - 1)) << 1;
        slots = new Object[capacity * 2];
        hashes = new int[capacity];
        mask = capacity - 1;
        int longest = 0;
        for (Map.Entry<String, V> entry : entries.entrySet()) {
            String key = entry.getKey();
            longest = Math.max(longest, key.length());
            int hash = stored(key.hashCode());
            int i = spread(hash) & mask;
            while (hashes[i] != EMPTY) {
                i = (i + 1) & mask;
            }
            slots[2 * i] = key;
            slots[2 * i + 1] = entry.getValue();
            hashes[i] = hash;
        }
        maxKeyLength = longest;
    }

    /** The value for the key equal to {@code s[from, to)}, whose hash is {@code hash}; null if none. */
    @SuppressWarnings("unchecked")
    V get(String s, int from, int to, int hash) {
        int length = to - from;
        int h = stored(hash);
        int i = spread(h) & mask;
        while (true) {
            int candidate = hashes[i];
            if (candidate == EMPTY) {
                return null;
            }
            if (candidate == h) {
                String key = (String) slots[2 * i];
                if (key.length() == length && s.regionMatches(from, key, 0, length)) {
                    return (V) slots[2 * i + 1];
                }
            }
            i = (i + 1) & mask;
        }
    }

    /** Length of the longest key: no longer region can be found. */
    int maxKeyLength() {
        return maxKeyLength;
    }

    /** {@link String#hashCode()} of {@code s[from, to)}. */
    static int hash(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }

    /** Hash 0 marks an empty slot, so a miss reads only {@link #hashes}; a real 0 is stored as 1. */
    private static int stored(int hash) {
        return hash == EMPTY ? 1 : hash;
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
