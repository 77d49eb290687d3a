package io.switchyard.domain.balance;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.random.RandomGenerator;

/** A generator that answers {@link #nextInt(int)} from a script and fails on anything else. */
final class ScriptedRandom implements RandomGenerator {
    private final Deque<Integer> script = new ArrayDeque<>();
    private int draws;

    ScriptedRandom(int... values) {
        for (int value : values) {
            script.add(value);
        }
    }

    int draws() {
        return draws;
    }

    @Override
    public int nextInt(int bound) {
        draws++;
        int value = script.remove();
        if (value < 0 || value >= bound) {
            throw new AssertionError("scripted " + value + " outside [0, " + bound + ")");
        }
        return value;
    }

    @Override
    public long nextLong() {
        throw new AssertionError("only nextInt(bound) is scripted");
    }
}
