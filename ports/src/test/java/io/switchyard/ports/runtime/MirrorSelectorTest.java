package io.switchyard.ports.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class MirrorSelectorTest {

    /** The request numbers (1-based) among the first {@code n} that one mirror of {@code percent} gets. */
    private static List<Integer> selectedRequests(int percent, int n) {
        MirrorSelector selector = new MirrorSelector(List.of(percent));
        List<Integer> requests = new ArrayList<>();
        for (int r = 1; r <= n; r++) {
            if (!selector.select().isEmpty()) {
                requests.add(r);
            }
        }
        return requests;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // percent | first 10 requests selected (spec: balancing.md §2.9 step 1)
            "30  | 1 4 7",
            "50  | 1 3 5 7 9",
            "100 | 1 2 3 4 5 6 7 8 9 10",
            "0   | ''",
            "10  | 1",
            "25  | 1 5 9",
            "75  | 1 2 3 5 6 7 9 10",
    })
    void select_followsTheCounterRule(int percent, String expected) {
        List<Integer> want = expected.isBlank() ? List.of()
                : java.util.Arrays.stream(expected.trim().split(" ")).map(Integer::valueOf).toList();
        assertEquals(want, selectedRequests(percent, 10));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 13, 30, 50, 99, 100})
    void select_overManyRequests_sendsExactlyThePercentage(int percent) {
        assertEquals(percent * 10, selectedRequests(percent, 1000).size());
    }

    @Test
    void select_severalMirrors_countIndependentlyInConfigurationOrder() {
        MirrorSelector selector = new MirrorSelector(List.of(50, 100, 0, 30));
        List<List<Integer>> picks = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            picks.add(selector.select());
        }
        assertEquals(List.of(List.of(0, 1, 3), List.of(1), List.of(0, 1), List.of(1, 3)), picks);
    }

    @Test
    void select_noMirrors_selectsNothing() {
        assertTrue(new MirrorSelector(List.of()).select().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 101, Integer.MIN_VALUE})
    void new_percentOutOfRange_isRejected(int percent) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MirrorSelector(List.of(10, percent)));
        assertTrue(e.getMessage().startsWith("percent must be between 0 and 100"), e.getMessage());
    }

    @Test
    void select_concurrently_losesNoCount() throws Exception {
        MirrorSelector selector = new MirrorSelector(List.of(50));
        var selected = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 2500; i++) {
                    selected.addAndGet(selector.select().size());
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(5000, selected.get());
    }
}
