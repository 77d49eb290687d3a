package io.switchyard.server.http;

import io.helidon.common.socket.HelidonSocket;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ErrorHandling;
import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies {@link ConnectionLimits} to Helidon listeners: request line and header sizes, the idle
 * timeout of keep-alive connections, and a watchdog that closes connections whose header section
 * does not arrive within the read-header timeout (Helidon has no read timeout on server
 * connections, and its idle timeout only interrupts a connection waiting for a request line).
 */
final class ListenerGuards implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ListenerGuards.class.getName());
    /** Helidon's message for a header section over {@code maxHeadersSize}, which it answers with 400. */
    private static final String HEADER_SIZE_EXCEEDED = "Header size exceeded";
    private static final Status HEADER_FIELDS_TOO_LARGE = Status.create(431, "Request Header Fields Too Large");
    /** Helidon's message for anything its connection loop failed on outside a request handler. */
    private static final String UNPARSED = "Internal error";

    private final ConnectionLimits limits;
    private final HeadWatch watch = new HeadWatch();
    private final ScheduledExecutorService scanner;

    ListenerGuards(ConnectionLimits limits) {
        this.limits = limits;
        this.scanner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchyard-header-timeout");
            t.setDaemon(true);
            return t;
        });
        long period = clamp(limits.readHeaderTimeout().toMillis() / 4, 50, 1000);
        scanner.scheduleWithFixedDelay(this::scan, period, period, TimeUnit.MILLISECONDS);
    }

    /** HTTP/1.1 settings with the size limits and the header watchdog. */
    Http1Config.Builder http1(Http1Config.Builder builder) {
        return builder.maxPrologueLength(limits.maxRequestLine())
                .maxHeadersSize(limits.maxHeaderSize())
                .addReceiveListener(watch);
    }

    ConnectionLimits limits() {
        return limits;
    }

    /** For connections Helidon does not parse (HTTP/1.0): a header section starts on {@code ctx}. */
    void headStarted(ConnectionContext ctx) {
        watch.prologue(ctx, null);
    }

    /** ...and is complete (or the connection ends). */
    void headDone(ConnectionContext ctx) {
        watch.headers(ctx, null);
    }

    /** Listener settings: idle timeout, and Go's answers to requests that cannot be read. */
    void listener(ListenerConfig.BuilderBase<?, ?> socket) {
        Duration idle = limits.idleTimeout();
        socket.idleConnectionTimeout(idle)
                .idleConnectionPeriod(Duration.ofMillis(clamp(idle.toMillis() / 10, 50, 5000)))
                // hands Helidon's reason to the handler below (it decides what the client sees)
                .errorHandling(ErrorHandling.builder().includeEntity(true).build())
                .directHandlers(DirectHandlers.builder()
                        .addHandler(DirectHandler.EventType.BAD_REQUEST, ListenerGuards::unreadable)
                        .addHandler(DirectHandler.EventType.INTERNAL_ERROR, ListenerGuards::unreadable)
                        .build());
    }

    /**
     * A request Helidon could not read. The answer is Go's: {@code "<code> <reason>"} as plain text,
     * connection closed, never Helidon's own message. Two statuses are corrected: a header section
     * over the limit is 431 (Helidon: 400), and input that fails before any request exists (an
     * invalid method token) is 400 (Helidon reports it as an internal error, 500).
     */
    private static DirectHandler.TransportResponse unreadable(DirectHandler.TransportRequest request,
                                                              DirectHandler.EventType eventType, Status status,
                                                              ServerResponseHeaders headers, String message) {
        Status out = status;
        if (eventType == DirectHandler.EventType.BAD_REQUEST && HEADER_SIZE_EXCEEDED.equals(message)) {
            out = HEADER_FIELDS_TOO_LARGE;
        } else if (eventType == DirectHandler.EventType.INTERNAL_ERROR
                && request == DirectHandler.TransportRequest.empty() && UNPARSED.equals(message)) {
            out = Status.BAD_REQUEST_400;
        }
        headers.set(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8"));
        return DirectHandler.TransportResponse.builder()
                .status(out)
                .headers(headers)
                .entity(out.code() + " " + out.reasonPhrase())
                .build();
    }

    private void scan() {
        long now = System.nanoTime();
        long limit = limits.readHeaderTimeout().toNanos();
        for (Map.Entry<ConnectionContext, AtomicLong> e : watch.connections.entrySet()) {
            HelidonSocket socket = e.getKey().serverSocket();
            long started = e.getValue().get();
            if (!socket.isConnected()) {
                watch.connections.remove(e.getKey());
            } else if (started != 0 && now - started > limit) {
                watch.connections.remove(e.getKey());
                LOG.log(System.Logger.Level.DEBUG, () -> "closing " + e.getKey().remotePeer()
                        + ": header section not complete within " + limits.readHeaderTimeout());
                socket.close();
            }
        }
    }

    @Override
    public void close() {
        scanner.shutdownNow();
        watch.connections.clear();
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }

    /**
     * Notes when each connection starts and ends reading a header section. A connection gets its
     * entry with its first request; after that a request costs two volatile writes, no lock.
     */
    private static final class HeadWatch implements Http1ConnectionListener {
        /** Per connection: when its current header section began (nanoTime), or 0 between requests. */
        private final Map<ConnectionContext, AtomicLong> connections = new ConcurrentHashMap<>();

        @Override
        public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
            long now = System.nanoTime();
            AtomicLong started = connections.get(ctx);
            if (started == null) {
                started = connections.computeIfAbsent(ctx, c -> new AtomicLong());
            }
            started.set(now == 0 ? 1 : now);
        }

        @Override
        public void headers(ConnectionContext ctx, Headers headers) {
            AtomicLong started = connections.get(ctx);
            if (started != null) {
                started.set(0);
            }
        }
    }
}
