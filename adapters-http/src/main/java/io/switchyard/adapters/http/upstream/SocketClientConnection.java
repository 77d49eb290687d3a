package io.switchyard.adapters.http.upstream;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PlainSocket;
import io.helidon.common.socket.TlsSocket;
import io.helidon.webclient.api.ClientConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSocket;

/**
 * A socket we dialed ourselves (TLS and ALPN already done), presented as Helidon's
 * {@link ClientConnection} so Helidon's HTTP/2 client connection can run on it.
 */
final class SocketClientConnection implements ClientConnection {
    private final Socket socket;
    private final HelidonSocket helidonSocket;
    private final DataReader reader;
    private final DataWriter writer;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    SocketClientConnection(Socket socket, String id, Runnable onClose) {
        this.socket = socket;
        this.helidonSocket = socket instanceof SSLSocket ssl ? TlsSocket.client(ssl, id) : PlainSocket.client(socket, id);
        this.reader = DataReader.create(helidonSocket);
        this.writer = new DirectWriter(helidonSocket);
        this.onClose = onClose;
    }

    @Override
    public DataReader reader() {
        return reader;
    }

    @Override
    public DataWriter writer() {
        return writer;
    }

    @Override
    public String channelId() {
        return helidonSocket.childSocketId();
    }

    @Override
    public HelidonSocket helidonSocket() {
        return helidonSocket;
    }

    @Override
    public void readTimeout(Duration readTimeout) {
        try {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean isConnected() {
        return !closed.get() && !socket.isClosed();
    }

    @Override
    public void releaseResource() {
        closeResource();
    }

    @Override
    public void closeResource() {
        if (closed.compareAndSet(false, true)) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            onClose.run();
        }
    }

    /** Unbuffered: Helidon's HTTP/2 writer already assembles whole frames under its own lock. */
    private record DirectWriter(HelidonSocket socket) implements DataWriter {
        @Override
        public void write(BufferData... buffers) {
            for (BufferData b : buffers) {
                socket.write(b);
            }
        }

        @Override
        public void write(BufferData buffer) {
            socket.write(buffer);
        }

        @Override
        public void writeNow(BufferData... buffers) {
            write(buffers);
        }

        @Override
        public void writeNow(BufferData buffer) {
            socket.write(buffer);
        }
    }
}
