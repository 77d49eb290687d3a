package io.switchyard.adapters.http.upstream;

import io.switchyard.adapters.http.upstream.Failures.ClosedBeforeHead;
import io.switchyard.domain.http.ServerAddress;
import io.switchyard.ports.upstream.UpstreamRequest;
import io.switchyard.ports.upstream.UpstreamResponse;
import java.io.IOException;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The connections of one transport to one server: idle HTTP/1.1 connections and HTTP/2 sessions,
 * and the protocol choice of spec proxy.md §4.4.
 */
final class Route {
    private static final List<String> ALPN_H2_FIRST = List.of(Dialer.H2, Dialer.HTTP11);
    private static final List<String> ALPN_HTTP11 = List.of(Dialer.HTTP11);

    private final ServerAddress server;
    private final Transport transport;
    private final Http1Pool http1;
    private final CopyOnWriteArrayList<Http2Session> sessions = new CopyOnWriteArrayList<>();
    private final ReentrantLock h2cDial = new ReentrantLock();
    private volatile boolean closed;

    Route(ServerAddress server, Transport transport) {
        this.server = server;
        this.transport = transport;
        this.http1 = new Http1Pool(transport.maxIdle(), (int) Math.min(Integer.MAX_VALUE,
                transport.idleTimeout().toMillis()));
    }

    int idleHttp1Connections() {
        return http1.idleCount();
    }

    int http2Sessions() {
        return (int) sessions.stream().filter(s -> !s.isClosed()).count();
    }

    UpstreamResponse exchange(UpstreamRequest request) throws IOException {
        // an upgrade (WebSocket...) always goes over HTTP/1.1 (spec: proxy.md §4.4)
        boolean upgrade = request.headers().contains("Upgrade");
        boolean h2 = !transport.disableHttp2() && !upgrade;
        return switch (server.scheme()) {
            case "http" -> http1(request, ALPN_HTTP11);
            case "https" -> {
                if (h2) {
                    Http2Session session = reserveSession();
                    if (session != null) {
                        yield Http2Exchange.run(session, request, transport.headerTimeout());
                    }
                }
                yield http1(request, h2 ? ALPN_H2_FIRST : ALPN_HTTP11);
            }
            case "h2c" -> {
                if (upgrade) {
                    yield http1(request, ALPN_HTTP11);
                }
                if (transport.disableHttp2()) {
                    throw Failures.other("h2c server " + server.authority() + " with disableHTTP2 is not supported");
                }
                yield Http2Exchange.run(h2cSession(), request, transport.headerTimeout());
            }
            default -> throw Failures.other("unsupported scheme \"" + server.scheme() + "\" for server "
                    + server.authority());
        };
    }

    private UpstreamResponse http1(UpstreamRequest request, List<String> alpn) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Http1Connection conn = http1.take();
            if (conn == null) {
                Dialer.Dialed dialed = dial(alpn);
                if (Dialer.H2.equals(dialed.protocol())) {
                    Http2Session session = adopt(Http2Session.open(transport.http2Client(), dialed.socket(), true));
                    return Http2Exchange.run(session, request, transport.headerTimeout());
                }
                conn = new Http1Connection(dialed.socket());
            }
            Http1Exchange exchange = new Http1Exchange(conn, request, transport.headerTimeout().toNanos(), http1);
            try {
                return exchange.run();
            } catch (IOException e) {
                if (attempt == 0 && conn.reused() && !exchange.responseStarted() && retryable(request)
                        && (e instanceof ClosedBeforeHead || e instanceof SocketException)) {
                    continue; // a keep-alive connection the server had just closed: once more on a new one
                }
                throw e;
            }
        }
    }

    private Dialer.Dialed dial(List<String> alpn) throws IOException {
        try {
            return transport.dialer().dial(server, alpn);
        } catch (IOException e) {
            throw new Failures.DialFailed(e);
        }
    }

    /**
     * Go retries a request that failed on a reused connection before any response byte when it has
     * no body and is idempotent (spec: proxy.md §4.9).
     */
    private static boolean retryable(UpstreamRequest request) {
        if (request.contentLength() != 0) {
            return false;
        }
        return switch (request.method()) {
            case "GET", "HEAD", "OPTIONS", "TRACE" -> true;
            default -> request.headers().contains("Idempotency-Key") || request.headers().contains("X-Idempotency-Key");
        };
    }

    private Http2Session reserveSession() {
        for (Http2Session s : sessions) {
            if (s.isClosed() || s.idleLongerThan(transport.idleTimeout())) {
                sessions.remove(s);
                s.close();
            } else if (s.tryReserve()) {
                return s;
            }
        }
        return null;
    }

    private Http2Session h2cSession() throws IOException {
        Http2Session session = reserveSession();
        if (session != null) {
            return session;
        }
        // one dial at a time: concurrent first requests then share the new connection
        h2cDial.lock();
        try {
            session = reserveSession();
            if (session == null) {
                Dialer.Dialed dialed = dial(ALPN_HTTP11);
                session = adopt(Http2Session.open(transport.http2Client(), dialed.socket(), false));
            }
            return session;
        } finally {
            h2cDial.unlock();
        }
    }

    /** Registers a new session with one stream already reserved for the caller. */
    private Http2Session adopt(Http2Session session) {
        session.tryReserve();
        sessions.add(session);
        if (closed) {
            sessions.remove(session);
            session.closeWhenIdle();
        }
        return session;
    }

    void close() {
        closed = true;
        http1.close();
        for (Http2Session s : sessions) {
            s.closeWhenIdle();
        }
        sessions.clear();
    }
}
