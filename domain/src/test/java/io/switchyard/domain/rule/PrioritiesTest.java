package io.switchyard.domain.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** rules.md §5.6: the default priority is the rule's length in UTF-8 bytes. */
final class PrioritiesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Host(`example.com`)|19",
            "Host(`example.com`) && PathPrefix(`/api`)|41",
            "PathPrefix(`/`)|15",
            "Path(`/caf\u00e9`)|14",
    })
    void of_unconfigured_isUtf8Length(String rule, long expected) {
        assertEquals(expected, Priorities.of(rule, 0));
    }

    @Test
    void of_configured_winsEvenWhenNegative() {
        assertEquals(7, Priorities.of("Host(`example.com`)", 7));
        assertEquals(-3, Priorities.of("Host(`example.com`)", -3));
    }

    @Test
    void allowedForUserRouter_aboveMaxMinus1000_isRejected() {
        assertTrue(Priorities.allowedForUserRouter(Long.MAX_VALUE - 1000));
        assertFalse(Priorities.allowedForUserRouter(Long.MAX_VALUE - 999));
    }
}
