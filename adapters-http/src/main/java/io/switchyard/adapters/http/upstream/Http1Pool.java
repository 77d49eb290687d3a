package io.switchyard.adapters.http.upstream;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Idle HTTP/1.1 connections to one server, most recently used first (as Go's transport keeps them),
 * {@code maxIdle} of them — but a connection used within the last {@link #RECENT_NANOS} is not
 * closed for being one too many. Go's transport closes every connection that comes back to a full
 * idle list, so with more requests in flight to one server than {@code maxIdleConnsPerHost} (200
 * by default) it closes and opens connections all the time: measured at 256 connections, ~300 new
 * backend connections a second, with more CPU and a longer tail than keeping them. Here a
 * connection coming back to a full pool first closes the idle ones unused for that long (least
 * recently used first) and then stays even if the pool is still over: the pool holds at most what
 * was in use at once, and shrinks to {@code maxIdle} as soon as connections go unused — a virtual
 * thread trims it every {@link #RECENT_NANOS} while it is over, so a burst's connections do not
 * linger when no more requests come. A deliberate deviation (docs/upstream.md).
 *
 * <p>Lock-free: a connection is claimed by a compare-and-set of its own state, so the idle
 * watcher, a trim and a taker never both win it.
 */
final class Http1Pool {
    /** How recently a connection must have been in use to stay beyond {@code maxIdle}. */
    static final long RECENT_NANOS = 1_000_000_000L;

    private final ConcurrentLinkedDeque<Http1Connection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final int maxIdle;
    private final int idleTimeoutMillis;
    private final AtomicBoolean trimming = new AtomicBoolean();
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

    /**
     * Returns a connection whose exchange completed cleanly. When the pool is full, idle
     * connections unused for {@link #RECENT_NANOS} make room; if none is, this one stays anyway.
     */
    void release(Http1Connection c) {
        if (closed || maxIdle <= 0) {
            c.close();
            return;
        }
        if (idleCount.incrementAndGet() > maxIdle) {
            trimUnused(System.nanoTime());
            trimWhileOver();
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

    /** Starts, unless one runs, a virtual thread that trims the pool every second while it is over. */
    private void trimWhileOver() {
        if (!trimming.compareAndSet(false, true)) {
            return;
        }
        Thread.ofVirtual().name("switchyard-upstream-trim").start(() -> {
            try {
                while (!closed && idleCount.get() > maxIdle) {
                    Thread.sleep(RECENT_NANOS / 1_000_000);
                    trimUnused(System.nanoTime());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                trimming.set(false);
            }
            if (!closed && idleCount.get() > maxIdle) {
                trimWhileOver(); // went over again as this one ended
            }
        });
    }

    /** While over {@code maxIdle}: closes idle connections unused for {@link #RECENT_NANOS}, least recent first. */
    private void trimUnused(long now) {
        Http1Connection oldest;
        while (idleCount.get() > maxIdle && (oldest = idle.peekLast()) != null
                && now - oldest.idleSince() > RECENT_NANOS) {
            if (idle.removeLastOccurrence(oldest)) {
                idleCount.decrementAndGet();
                if (oldest.activate()) {
                    oldest.close();
                }
            }
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
