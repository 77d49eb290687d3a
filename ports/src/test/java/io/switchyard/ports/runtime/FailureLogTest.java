package io.switchyard.ports.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class FailureLogTest {
    private final List<String> lines = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000);
    private final FailureLog log = new FailureLog(new Recording(lines), now::get);

    @Test
    void error_repeatedForOneServer_loggedOncePerInterval() {
        for (int i = 0; i < 5; i++) {
            log.error("https://10.0.0.1:443", "bad certificate");
        }
        assertEquals(List.of("ERROR bad certificate"), lines);
    }

    @Test
    void error_differentServers_eachLogged() {
        log.error("https://10.0.0.1:443", "a");
        log.error("https://10.0.0.2:443", "b");
        assertEquals(List.of("ERROR a", "ERROR b"), lines);
    }

    @Test
    void error_afterTheInterval_loggedAgainWithTheCountHeldBack() {
        log.error("s", "first");
        log.error("s", "held");
        log.error("s", "held");
        now.addAndGet(FailureLog.INTERVAL_NANOS - 1);
        log.error("s", "still held");
        now.addAndGet(1);
        log.error("s", "again");
        assertEquals(List.of("ERROR first", "ERROR again (3 more like it held back)"), lines);
    }

    /** Keeps error-level messages. */
    private record Recording(List<String> lines) implements System.Logger {
        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(level + " " + msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " " + format);
        }
    }
}
