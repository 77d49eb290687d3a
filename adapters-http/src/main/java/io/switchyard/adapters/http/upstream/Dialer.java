package io.switchyard.adapters.http.upstream;

import io.switchyard.adapters.http.tls.ClientTls;
import io.switchyard.domain.http.ServerAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocket;

/**
 * Opens connections to servers: TCP with the transport's dial timeout (every address of a name is
 * tried in turn within it, as Go's dialer does), {@code TCP_NODELAY} and keep-alive probes, then TLS
 * for {@code https}.
 */
final class Dialer {
    static final String H2 = "h2";
    static final String HTTP11 = "http/1.1";

    private final Duration dialTimeout;
    private final ClientTls tls;

    Dialer(Duration dialTimeout, ClientTls tls) {
        this.dialTimeout = dialTimeout;
        this.tls = tls;
    }

    /** A connected socket and the protocol agreed by ALPN ({@code http/1.1} when there was none). */
    record Dialed(Socket socket, String protocol) {
    }

    /**
     * Connects to {@code server}; for {@code https} also performs the handshake offering
     * {@code alpn}.
     */
    Dialed dial(ServerAddress server, List<String> alpn) throws IOException {
        Socket socket = connect(server);
        if (!server.tls()) {
            return new Dialed(socket, HTTP11);
        }
        SSLSocket ssl = tls.handshake(socket, server.host(), server.port(), alpn);
        String agreed = ssl.getApplicationProtocol();
        return new Dialed(ssl, agreed == null || agreed.isEmpty() ? HTTP11 : agreed);
    }

    private Socket connect(ServerAddress server) throws IOException {
        InetAddress[] addresses = InetAddress.getAllByName(server.host());
        long deadline = dialTimeout.isZero() ? 0 : System.nanoTime() + dialTimeout.toNanos();
        IOException last = null;
        boolean expired = false;
        for (InetAddress address : addresses) {
            int timeoutMillis = 0;
            if (deadline != 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    expired = true;
                    break;
                }
                timeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000));
            }
            // A channel-backed socket: plain connections can then be checked for a server-side close
            // with one non-blocking read when they leave the pool (see Http1Connection#activate).
            Socket socket = SocketChannel.open().socket();
            try {
                socket.setTcpNoDelay(true);
                socket.setKeepAlive(true);
                socket.connect(new InetSocketAddress(address, server.port()), timeoutMillis);
                return socket;
            } catch (IOException e) {
                socket.close();
                if (last != null) {
                    e.addSuppressed(last);
                }
                last = e;
            }
        }
        if (expired || last == null) {
            SocketTimeoutException timeout = new SocketTimeoutException("dial timeout " + dialTimeout + " expired");
            if (last != null) {
                timeout.addSuppressed(last);
            }
            throw timeout;
        }
        throw last;
    }
}
