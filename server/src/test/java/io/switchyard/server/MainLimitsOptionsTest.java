package io.switchyard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.server.http.ConnectionLimits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reliability options of {@code run}: limits, timeouts, grace period, retry. */
final class MainLimitsOptionsTest {
    private static Switchyard.Settings run(String... options) {
        List<String> args = new java.util.ArrayList<>(List.of("--manifests", "/tmp/none"));
        args.addAll(List.of(options));
        return Main.runSettings(args).settings();
    }

    @Test
    void defaults_areTraefiksTimeoutsAndOurSizeLimits_withTheRetryOn() {
        Switchyard.Settings s = run();
        assertEquals(ConnectionLimits.DEFAULTS, s.limits());
        assertEquals(Duration.ofSeconds(180), s.limits().idleTimeout());
        assertEquals(Duration.ofSeconds(10), s.gracePeriod());
        assertTrue(s.retryIdempotentOnce());
    }

    @Test
    void everyOption_reachesTheSettings() {
        Switchyard.Settings s = run("--max-request-line", "2048", "--max-header-size", "8192", "--idle-timeout", "90s",
                "--read-header-timeout", "1m30s", "--grace-period", "500ms", "--no-retry");
        assertEquals(new ConnectionLimits(2048, 8192, Duration.ofSeconds(90), Duration.ofSeconds(90)), s.limits());
        assertEquals(Duration.ofMillis(500), s.gracePeriod());
        assertFalse(s.retryIdempotentOnce());
    }

    @Test
    void environment_setsThemToo() {
        Switchyard.Settings s = Main.runSettings(Main.withConfiguration(List.of("--manifests", "/tmp/none"),
                java.util.Map.of("SWITCHYARD_MAX_HEADER_SIZE", "8192", "SWITCHYARD_READ_HEADER_TIMEOUT", "5s",
                        "SWITCHYARD_NO_RETRY", "true"))).settings();
        assertEquals(8192, s.limits().maxHeaderSize());
        assertEquals(Duration.ofSeconds(5), s.limits().readHeaderTimeout());
        assertFalse(s.retryIdempotentOnce());
    }

    @Test
    void bareNumber_isSeconds() {
        assertEquals(Duration.ofSeconds(30), run("--grace-period", "30").gracePeriod());
    }

    @ParameterizedTest
    @CsvSource({
            "--max-header-size, lots, '--max-header-size: ''lots'' (expected a number of bytes)'",
            "--max-request-line, 10, 'maxRequestLine: 10 (expected: >= 64)'",
            "--idle-timeout, 0s, 'idleTimeout: PT0S (expected: > 0)'",
            "--grace-period, soon, '--grace-period: ''soon'' (expected a duration like 10s or 500ms)'",
            "--grace-period, -1s, '--grace-period: ''-1s'' (expected: >= 0)'",
    })
    void invalidValue_isRefusedWithAMessage(String flag, String value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(flag, value));
        assertEquals(message, e.getMessage());
    }
}
