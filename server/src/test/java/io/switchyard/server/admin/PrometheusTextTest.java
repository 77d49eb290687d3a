package io.switchyard.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class PrometheusTextTest {
    /** Expected values are what Go's strconv.FormatFloat(v, 'g', -1, 64) prints. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0, 0",
        "1, 1",
        "-1, -1",
        "3, 3",
        "999999, 999999",
        "1000000, 1e+06",
        "1234567, 1.234567e+06",
        "0.1, 0.1",
        "0.25, 0.25",
        "0.0001, 0.0001",
        "0.00001234, 1.234e-05",
        "123.456, 123.456",
        "1714557600.5, 1.7145576005e+09",
        "-2.5, -2.5",
        "Infinity, +Inf",
        "-Infinity, -Inf",
        "NaN, NaN",
    })
    void goFloat_formatsLikeTheGoClient(double value, String expected) {
        assertEquals(expected, PrometheusText.goFloat(value));
    }

    @Test
    void samples_escapeLabelValuesAndHelp() {
        PrometheusText out = new PrometheusText();
        out.help("m", "counter", "a \\ b\nc");
        out.sample("m", new String[] {"a", "x\"y\\z\nw"}, 2);
        out.sample("m_bucket", new String[] {"a", "b"}, "le", "+Inf", 3);
        out.sample("m", new String[] {}, 0.5);
        assertEquals("""
                # HELP m a \\\\ b\\nc
                # TYPE m counter
                m{a="x\\"y\\\\z\\nw"} 2
                m_bucket{a="b",le="+Inf"} 3
                m 0.5
                """, out.toString());
    }
}
