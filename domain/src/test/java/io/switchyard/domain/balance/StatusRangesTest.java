package io.switchyard.domain.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class StatusRangesTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            500-599,429     | 503 | true
            500-599,429     | 500 | true
            500-599,429     | 599 | true
            500-599,429     | 429 | true
            500-599,429     | 404 | false
            500-599,429     | 600 | false
            500-599,429     | 428 | false
            500-599-700     | 599 | true
            500-599-700     | 650 | false
            599-500         | 550 | false
            +502            | 502 | true
            0-999999999999  | 200 | true
            """)
    void contains_parsedLikeTraefik(String entries, int status, boolean expected) {
        StatusRanges ranges = StatusRanges.parse(Arrays.asList(entries.split(",")));

        assertEquals(expected, ranges.contains(status));
    }

    @ParameterizedTest(name = "\"{0}\" is rejected")
    @ValueSource(strings = {"5xx", " 500", "500 ", "-500", "", "500-", "500-abc", "\u0665\u0660\u0660", "5_00",
            "99999999999999999999"})
    void parse_nonIntegerPart_isRejected(String entry) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StatusRanges.parse(List.of("429", entry)));

        assertTrue(e.getMessage().startsWith("errors.status: \"" + entry + "\""), e.getMessage());
    }

    @Test
    void parse_empty_containsNothing() {
        StatusRanges ranges = StatusRanges.parse(List.of());

        assertTrue(ranges.isEmpty());
        assertFalse(ranges.contains(500));
        assertEquals(StatusRanges.none(), ranges);
    }

    @Test
    void toString_listsTheRanges() {
        assertEquals("StatusRanges[500-599, 429-429]", StatusRanges.parse(List.of("500-599", "429")).toString());
    }
}
