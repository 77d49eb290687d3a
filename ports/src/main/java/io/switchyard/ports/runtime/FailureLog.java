package io.switchyard.ports.runtime;

import java.lang.System.Logger.Level;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Error-level log lines about servers, at most one per server and interval: a broken backend
 * (say, a certificate that does not verify) fails every request, and one line a minute says as
 * much as thousands. The next line after a quiet spell tells how many were held back.
 */
final class FailureLog {
    /** How long after a line about a server further lines about it are held back. */
    static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final int MAX_TRACKED = 10_000;

    private final System.Logger log;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    FailureLog(System.Logger log, LongSupplier nanoClock) {
        this.log = log;
        this.nanoClock = nanoClock;
    }

    /** Logs {@code message} at error level unless a line about {@code server} was logged recently. */
    void error(String server, String message) {
        long now = nanoClock.getAsLong();
        if (windows.size() > MAX_TRACKED) {
            windows.clear(); // an unbounded set of failing servers must not grow the heap
        }
        Window w = windows.computeIfAbsent(server, k -> new Window());
        long suppressed;
        synchronized (w) {
            if (w.logged && now - w.lastLogged < INTERVAL_NANOS) {
                w.suppressed++;
                return;
            }
            suppressed = w.suppressed;
            w.logged = true;
            w.lastLogged = now;
            w.suppressed = 0;
        }
        if (suppressed == 0) {
            log.log(Level.ERROR, message);
        } else {
            log.log(Level.ERROR, message + " (" + suppressed + " more like it held back)");
        }
    }

    private static final class Window {
        boolean logged;
        long lastLogged;
        long suppressed;
    }
}
