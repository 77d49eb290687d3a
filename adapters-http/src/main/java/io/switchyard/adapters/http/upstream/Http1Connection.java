package io.switchyard.adapters.http.upstream;

import io.switchyard.adapters.http.upstream.Failures.StreamTimeout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLSocket;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One HTTP/1.1 connection to a server: the socket, a read buffer and a write buffer, and its state
 * in the pool.
 *
 * <p>Plain (cleartext) connections are checked when they leave the pool: one non-blocking read
 * tells whether the server closed the connection or sent bytes nobody asked for while it was idle,
 * and the idle timeout is a timestamp comparison. That costs a system call instead of the thread
 * hand-off a watcher needs on every request (measured in docs/performance.md).
 *
 * <p>TLS connections cannot be peeked without consuming TLS records, so while they are idle a
 * virtual thread blocks in {@code read} on the socket, as Go's transport does: if the server closes
 * the connection (or the idle timeout passes) the connection leaves the pool at once instead of
 * failing the next request; if a request takes the connection first, the bytes that thread reads
 * are the start of that request's response.
 *
 * <p>Used by one exchange at a time; only the state is shared with the pool and the idle watcher.
 */
final class Http1Connection {
    static final int BUFFER_SIZE = 16 * 1024;

    private static final int IDLE = 0;
    private static final int ACTIVE = 1;
    private static final int CLOSED = 2;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final AtomicInteger state = new AtomicInteger(ACTIVE);

    private byte[] buf = new byte[BUFFER_SIZE];
    private int pos;
    private int lim;
    private final byte[] wbuf = new byte[BUFFER_SIZE];
    private int wlen;
    private byte[] bodyBuffer;

    /** The channel of a plain connection (checked on take); null for TLS (watched while idle). */
    private final SocketChannel channel;
    private final ByteBuffer probe;
    private volatile long idleSince;
    private int idleTimeoutMillis;
    private CompletableFuture<Integer> pendingRead;
    private int soTimeout;
    private boolean reused;

    Http1Connection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.channel = socket instanceof SSLSocket ? null : socket.getChannel();
        this.probe = channel == null ? null : ByteBuffer.allocate(1);
    }

    /** Whether this connection served an earlier exchange (a failure may be a stale keep-alive). */
    boolean reused() {
        return reused;
    }

    // ---- pool state ----

    /**
     * Parks the connection as idle and starts watching it; {@code onClosedWhileIdle} runs if the
     * server closes it, sends unsolicited bytes, or {@code idleTimeoutMillis} (0 = none) passes.
     */
    void park(int idleTimeoutMillis, Runnable onClosedWhileIdle) {
        if (buf.length != BUFFER_SIZE) {
            buf = new byte[BUFFER_SIZE];
        }
        pos = 0;
        lim = 0;
        reused = true;
        idleSince = System.nanoTime();
        if (channel != null) {
            this.idleTimeoutMillis = idleTimeoutMillis;
            state.set(IDLE);
            return;
        }
        soTimeout = -1; // the watcher changes it
        CompletableFuture<Integer> read = new CompletableFuture<>();
        pendingRead = read;
        byte[] target = buf;
        state.set(IDLE);
        Thread.ofVirtual().name("switchyard-upstream-idle").start(() -> watch(read, target, idleTimeoutMillis,
                onClosedWhileIdle));
    }

    /**
     * For a plain idle connection: whether it is still usable (not past the idle timeout, not closed
     * by the server, no unsolicited bytes). Closes it when not. Watched (TLS) connections answer
     * true: their watcher removes them itself.
     */
    boolean alive() {
        if (channel == null) {
            return state.get() != CLOSED;
        }
        if (idleTimeoutMillis > 0 && System.nanoTime() - idleSince > idleTimeoutMillis * 1_000_000L) {
            close();
            return false;
        }
        try {
            channel.configureBlocking(false);
            probe.clear();
            int n;
            try {
                n = channel.read(probe);
            } finally {
                channel.configureBlocking(true);
            }
            if (n != 0) {
                close(); // EOF, or bytes nobody asked for
                return false;
            }
            return true;
        } catch (IOException | RuntimeException e) {
            close();
            return false;
        }
    }

    private void watch(CompletableFuture<Integer> read, byte[] target, int idleTimeoutMillis,
                       Runnable onClosedWhileIdle) {
        try {
            socket.setSoTimeout(idleTimeoutMillis);
            while (true) {
                try {
                    int n = in.read(target, 0, target.length);
                    if (state.compareAndSet(IDLE, CLOSED)) {
                        closeQuietly(); // EOF, or bytes nobody asked for
                        onClosedWhileIdle.run();
                    }
                    read.complete(n);
                    return;
                } catch (SocketTimeoutException idleTimeout) {
                    if (state.compareAndSet(IDLE, CLOSED)) {
                        closeQuietly();
                        onClosedWhileIdle.run();
                        read.complete(-1);
                        return;
                    }
                    // taken just now: keep reading, the exchange applies its own timeout
                    socket.setSoTimeout(0);
                }
            }
        } catch (IOException e) {
            if (state.compareAndSet(IDLE, CLOSED)) {
                closeQuietly();
                onClosedWhileIdle.run();
            }
            read.completeExceptionally(e);
        }
    }

    /** Takes the connection out of the idle state; false when it was closed meanwhile. */
    /** {@link System#nanoTime()} when this connection last went idle. */
    long idleSince() {
        return idleSince;
    }

    boolean activate() {
        return state.compareAndSet(IDLE, ACTIVE);
    }

    /** Puts a checked plain connection back to idle, keeping its idle-since time. */
    void reidle() {
        state.set(IDLE);
    }

    /** Whether {@link #alive()} checks this connection (plain), rather than a watcher (TLS). */
    boolean checkedOnTake() {
        return channel != null;
    }

    void close() {
        state.set(CLOSED);
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    // ---- writing ----

    void write(byte[] b, int off, int len) throws IOException {
        if (len > wbuf.length - wlen) {
            flush();
            if (len >= wbuf.length) {
                out.write(b, off, len);
                return;
            }
        }
        System.arraycopy(b, off, wbuf, wlen, len);
        wlen += len;
    }

    void write(byte[] b) throws IOException {
        write(b, 0, b.length);
    }

    /** A buffer for copying request bodies, kept with the connection so exchanges do not allocate one. */
    byte[] bodyBuffer() {
        if (bodyBuffer == null) {
            bodyBuffer = new byte[BUFFER_SIZE];
        }
        return bodyBuffer;
    }

    /** Writes the low 8 bits of each char (request heads are ISO-8859-1 on the wire). */
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) is exactly "low 8 bits", one array copy
    void writeLatin1(String s) throws IOException {
        int from = 0;
        int n = s.length();
        while (from < n) {
            if (wlen == wbuf.length) {
                flush();
            }
            int chunk = Math.min(n - from, wbuf.length - wlen);
            s.getBytes(from, from + chunk, wbuf, wlen);
            wlen += chunk;
            from += chunk;
        }
    }

    void writeCrlf() throws IOException {
        if (wbuf.length - wlen < 2) {
            flush();
        }
        wbuf[wlen++] = '\r';
        wbuf[wlen++] = '\n';
    }

    void flush() throws IOException {
        if (wlen > 0) {
            int n = wlen;
            wlen = 0;
            out.write(wbuf, 0, n);
        }
        out.flush();
    }

    /**
     * The socket's output after {@code 101 Switching Protocols}: every write goes out at once;
     * closing it closes the connection.
     */
    OutputStream switchedOutput() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                out.flush();
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                out.flush();
            }

            @Override
            public void close() {
                Http1Connection.this.close();
            }
        };
    }

    // ---- reading ----

    /** Bytes buffered and not yet consumed. */
    int buffered() {
        return lim - pos;
    }

    byte[] buffer() {
        return buf;
    }

    /**
     * Bytes readable without blocking: those buffered here, else those already in the socket (for
     * TLS, the decrypted ones). A body larger than the buffer that arrived in one piece then counts
     * as arrived, so a small response still goes out in one write instead of being streamed.
     */
    int readable() throws IOException {
        int n = lim - pos;
        return n > 0 ? n : in.available();
    }

    int position() {
        return pos;
    }

    void consume(int n) {
        pos += n;
    }

    /**
     * Reads more bytes into the buffer (compacting or growing it up to {@code maxBuffer}).
     *
     * @param deadlineNanos {@link System#nanoTime()} deadline, or 0 for none
     * @return bytes read, or -1 at end of stream
     * @throws StreamTimeout when the deadline passes
     */
    int fill(long deadlineNanos, int maxBuffer) throws IOException {
        if (pos > 0 && pos == lim) {
            pos = 0;
            lim = 0;
        }
        if (lim == buf.length) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                lim -= pos;
                pos = 0;
            } else if (buf.length < maxBuffer) {
                byte[] bigger = new byte[Math.min(maxBuffer, buf.length * 2)];
                System.arraycopy(buf, 0, bigger, 0, lim);
                buf = bigger;
            } else {
                throw new Failures.MalformedResponse("response head larger than " + maxBuffer + " bytes");
            }
        }
        CompletableFuture<Integer> pending = pendingRead;
        if (pending != null) {
            // the idle watcher read into buf[0..n) while pos == lim == 0
            int n = awaitPending(pending, deadlineNanos);
            pendingRead = null;
            if (n > 0) {
                lim = n;
            }
            return n;
        }
        setReadTimeout(deadlineNanos);
        try {
            int n = in.read(buf, lim, buf.length - lim);
            if (n > 0) {
                lim += n;
            }
            return n;
        } catch (SocketTimeoutException e) {
            throw new StreamTimeout("no response head within the response header timeout");
        }
    }

    private int awaitPending(CompletableFuture<Integer> pending, long deadlineNanos) throws IOException {
        try {
            if (deadlineNanos == 0) {
                return pending.get();
            }
            return pending.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new StreamTimeout("no response head within the response header timeout");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for the response");
        }
    }

    /** Waits up to {@code millis} for the first response byte without failing on expiry. */
    boolean awaitReadable(long millis) throws IOException {
        if (lim > pos) {
            return true;
        }
        try {
            return fill(System.nanoTime() + millis * 1_000_000L, buf.length) != 0;
        } catch (StreamTimeout expired) {
            return false;
        }
    }

    private void setReadTimeout(long deadlineNanos) throws IOException {
        int wanted = 0;
        if (deadlineNanos != 0) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw new StreamTimeout("no response head within the response header timeout");
            }
            wanted = (int) Math.max(1, Math.min(Integer.MAX_VALUE, left / 1_000_000));
        }
        if (wanted != soTimeout) {
            socket.setSoTimeout(wanted);
            soTimeout = wanted;
        }
    }

    /** Body reads have no timeout (Traefik has none either). */
    void clearReadTimeout() throws IOException {
        if (soTimeout != 0) {
            socket.setSoTimeout(0);
            soTimeout = 0;
        }
    }

    @Override
    public String toString() {
        return "Http1Connection[" + socket.getRemoteSocketAddress() + "]";
    }
}
