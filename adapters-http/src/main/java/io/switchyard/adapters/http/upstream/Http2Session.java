package io.switchyard.adapters.http.upstream;

import io.helidon.http.http2.Http2ErrorCode;
import io.helidon.http.http2.Http2RstStream;
import io.helidon.http.http2.Http2Settings;
import io.helidon.http.http2.Http2StreamState;
import io.helidon.webclient.http2.Http2ClientConnection;
import io.helidon.webclient.http2.Http2ClientImpl;
import io.helidon.webclient.http2.Http2ClientStream;
import io.helidon.webclient.http2.Http2StreamConfig;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One HTTP/2 connection to a server (h2c with prior knowledge, or TLS with ALPN {@code h2}) on
 * Helidon's {@link Http2ClientConnection}, carrying up to {@link #MAX_STREAMS} exchanges at once.
 *
 * <p>Helidon does not tell waiting streams when the connection dies; this session does, by
 * resetting every live stream when the socket closes.
 */
final class Http2Session {
    /** Streams per connection before another connection is opened (Go's default guess is 100 too). */
    static final int MAX_STREAMS = 100;

    private static final AtomicLong IDS = new AtomicLong();

    private final Http2ClientImpl client;
    private final Http2ClientConnection connection;
    private final SocketClientConnection socket;
    private final boolean tls;
    private final AtomicInteger active = new AtomicInteger();
    private final Set<ProxyStream> live = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile boolean retired;
    private volatile long idleSinceNanos = System.nanoTime();

    private Http2Session(Http2ClientImpl client, Socket raw, boolean tls) {
        this.client = client;
        this.tls = tls;
        this.socket = new SocketClientConnection(raw, "h2-" + IDS.incrementAndGet(), this::onSocketClosed);
        // sends the preface and waits for the server's SETTINGS (Helidon bounds that wait at 20 s)
        this.connection = Http2ClientConnection.create(client, socket, true);
    }

    static Http2Session open(Http2ClientImpl client, Socket raw, boolean tls) {
        return new Http2Session(client, raw, tls);
    }

    boolean tls() {
        return tls;
    }

    boolean isClosed() {
        return closed || !socket.isConnected();
    }

    /** Claims a stream slot; false when the session is closed or full. */
    boolean tryReserve() {
        while (true) {
            int n = active.get();
            if (n >= MAX_STREAMS || retired || isClosed()) {
                return false;
            }
            if (active.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Whether nothing ran on this session for longer than {@code idle} (zero = never). */
    boolean idleLongerThan(Duration idle) {
        return !idle.isZero() && active.get() == 0 && System.nanoTime() - idleSinceNanos > idle.toNanos();
    }

    ProxyStream newStream(Duration headTimeout) {
        ProxyStream stream = new ProxyStream(this, headTimeout);
        live.add(stream);
        if (closed) {
            stream.connectionLost();
        }
        return stream;
    }

    void streamDone(ProxyStream stream) {
        if (live.remove(stream)) {
            idleSinceNanos = System.nanoTime();
            if (active.decrementAndGet() == 0 && retired) {
                close();
            }
        }
    }

    /** Takes no new streams and closes once the running ones are done. */
    void closeWhenIdle() {
        retired = true;
        if (active.get() == 0) {
            close();
        }
    }

    void close() {
        closed = true;
        connection.close();
    }

    private void onSocketClosed() {
        closed = true;
        for (ProxyStream stream : live) {
            stream.connectionLost();
        }
    }

    /** A client stream of this session, created directly like Helidon's own gRPC client does. */
    static final class ProxyStream extends Http2ClientStream {
        private final Http2Session session;

        private ProxyStream(Http2Session session, Duration headTimeout) {
            super(session.connection, Http2Settings.create(), session.socket.helidonSocket(),
                    new StreamConfig(headTimeout), session.client.prototype(),
                    session.connection.streamIdSequence(), session.client);
            this.session = session;
        }

        Http2Session session() {
            return session;
        }

        /** Wakes up a reader waiting for headers or data on a dead connection. */
        void connectionLost() {
            try {
                if (streamState() != Http2StreamState.IDLE && streamState() != Http2StreamState.CLOSED) {
                    rstStream(new Http2RstStream(Http2ErrorCode.CANCEL));
                }
            } catch (RuntimeException ignored) {
                // state already final; close() below still wakes readers
            }
            close();
        }
    }

    private record StreamConfig(Duration readTimeout) implements Http2StreamConfig {
        @Override
        public boolean priorKnowledge() {
            return true;
        }

        @Override
        public int priority() {
            return 16;
        }
    }
}
