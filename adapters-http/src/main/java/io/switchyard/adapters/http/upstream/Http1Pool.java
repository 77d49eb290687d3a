package io.switchyard.adapters.http.upstream;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Idle HTTP/1.1 connections to one server, most recently used first (as Go's transport keeps them),
 * at most {@code maxIdle} of them. Lock-free: a connection is claimed by a compare-and-set of its
 * own state, so the idle watcher and a taker never both win it.
 */
final class Http1Pool {
    private final ConcurrentLinkedDeque<Http1Connection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final int maxIdle;
    private final int idleTimeoutMillis;
    private volatile boolean closed;

    Http1Pool(int maxIdle, int idleTimeoutMillis) {
        this.maxIdle = maxIdle;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    /** An idle connection, now active, or null when there is none. */
    Http1Connection take() {
        Http1Connection c;
        while ((c = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            if (c.activate()) {
                if (c.alive()) {
                    return c;
                }
            }
        }
        return null;
    }

    /** Returns a connection whose exchange completed cleanly; closes it when the pool is full. */
    void release(Http1Connection c) {
        if (closed || maxIdle <= 0 || idleCount.incrementAndGet() > maxIdle) {
            if (!closed && maxIdle > 0) {
                idleCount.decrementAndGet();
            }
            c.close();
            return;
        }
        c.park(idleTimeoutMillis, () -> {
            if (idle.removeFirstOccurrence(c)) {
                idleCount.decrementAndGet();
            }
        });
        idle.offerFirst(c);
        if (closed) {
            closeIdle();
        }
    }

    /**
     * Idle connections that are still usable: checks each one (closed by the server, past the idle
     * timeout) and drops the dead. For metrics and tests; not on the request path.
     */
    int idleCount() {
        for (Http1Connection c : idle) {
            if (c.checkedOnTake() && c.activate()) {
                if (c.alive()) {
                    c.reidle();
                } else if (idle.removeFirstOccurrence(c)) {
                    idleCount.decrementAndGet();
                }
            }
        }
        return idleCount.get();
    }

    /** Closes idle connections now and every connection released later. */
    void close() {
        closed = true;
        closeIdle();
    }

    private void closeIdle() {
        Http1Connection c;
        while ((c = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            if (c.activate()) {
                c.close();
            }
        }
    }
}
