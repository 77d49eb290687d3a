package io.switchyard.domain.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

final class GoDurationTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "10        | 10000000000",
            "0         | 0",
            "-3        | -3000000000",
            "100ms     | 100000000",
            "1.5s      | 1500000000",
            "1m30s     | 90000000000",
            "1h        | 3600000000000",
            "-1s       | -1000000000",
            "+2m       | 120000000000",
            "1us       | 1000",
            "1µs       | 1000",
            "7ns       | 7",
            ".5s       | 500000000",
            "1h2m3s4ms | 3723004000000",
    })
    void parse_integersAreSecondsElseGoSyntax(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), GoDuration.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "", "s", "1x", "1.s.", "--1s", "1 s", "abc", "9999999999999999999h"})
    void parse_invalid_throws(String text) {
        assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0              | 0s",
            "100000000      | 100ms",
            "42000000       | 42ms",
            "1500           | 1.5µs",
            "7              | 7ns",
            "5000000000     | 5s",
            "60000000000    | 1m0s",
            "90000000000    | 1m30s",
            "1500000000     | 1.5s",
            "3600000000000  | 1h0m0s",
            "-1000000000    | -1s",
            "3723004000000  | 1h2m3.004s",
    })
    void format_likeGoDurationString(long nanos, String text) {
        assertEquals(text, GoDuration.format(Duration.ofNanos(nanos)));
    }
}
