package io.switchyard.adapters.http.upstream;

import io.switchyard.adapters.http.upstream.Failures.MalformedResponse;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.domain.http.HttpTokens;
import io.switchyard.ports.upstream.UpstreamResponse;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * An HTTP/1.1 response whose body is read straight from the connection. Reading the body to its end
 * hands the connection back to the pool (when the exchange allows keep-alive); closing earlier
 * closes the connection.
 */
final class Http1Response implements UpstreamResponse {
    private static final int MAX_CHUNK_LINE = 4096;
    private static final int MAX_TRAILER_BYTES = 64 * 1024;

    private final int status;
    private final HttpFields headers;
    private final long contentLength;
    private final Body body;
    private final HttpFields trailers;
    private final OutputStream switchedOutput;

    private Http1Response(Http1Exchange.Head head, long contentLength, Body body, HttpFields trailers,
                          OutputStream switchedOutput) {
        this.status = head.status();
        this.headers = head.fields();
        this.contentLength = contentLength;
        this.body = body;
        this.trailers = trailers;
        this.switchedOutput = switchedOutput;
    }

    private Http1Response(Http1Exchange.Head head, long contentLength, Body body, HttpFields trailers) {
        this(head, contentLength, body, trailers, null);
    }

    static Http1Response empty(Http1Exchange.Head head, Http1Connection conn, Http1Pool pool, boolean keepAlive) {
        return fixed(head, conn, pool, keepAlive, 0);
    }

    static Http1Response fixed(Http1Exchange.Head head, Http1Connection conn, Http1Pool pool, boolean keepAlive,
                               long length) {
        Http1Response r = new Http1Response(head, length, new Fixed(conn, pool, keepAlive, length), new HttpFields(0));
        if (length == 0) {
            r.body.finish(); // nothing to read (HEAD, 204, 304, empty): the connection is free again now
        }
        return r;
    }

    static Http1Response chunked(Http1Exchange.Head head, Http1Connection conn, Http1Pool pool, boolean keepAlive) {
        HttpFields trailers = new HttpFields(4);
        return new Http1Response(head, -1, new Chunked(conn, pool, keepAlive, trailers), trailers);
    }

    static Http1Response untilClose(Http1Exchange.Head head, Http1Connection conn, Http1Pool pool) {
        return new Http1Response(head, -1, new UntilClose(conn, pool), new HttpFields(0));
    }

    /** After 101: the body is the server's side of the new protocol, {@link #upgradeOutput()} ours. */
    static Http1Response switched(Http1Exchange.Head head, Http1Connection conn, Http1Pool pool) {
        return new Http1Response(head, -1, new UntilClose(conn, pool), new HttpFields(0), conn.switchedOutput());
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public HttpFields headers() {
        return headers;
    }

    @Override
    public long contentLength() {
        return contentLength;
    }

    @Override
    public InputStream body() {
        return body;
    }

    @Override
    public HttpFields trailers() {
        return trailers;
    }

    @Override
    public Optional<OutputStream> upgradeOutput() {
        return Optional.ofNullable(switchedOutput);
    }

    @Override
    public void close() {
        body.abort();
    }

    /** A body read from the connection; owns the connection until it is finished or aborted. */
    private abstract static class Body extends InputStream {
        private final Http1Pool pool;
        private final boolean keepAlive;
        Http1Connection conn;
        boolean finished;
        private final byte[] one = new byte[1];

        Body(Http1Connection conn, Http1Pool pool, boolean keepAlive) {
            this.conn = conn;
            this.pool = pool;
            this.keepAlive = keepAlive;
        }

        /** The message ended cleanly: reuse the connection if allowed and nothing extra arrived. */
        final void finish() {
            finished = true;
            Http1Connection c = conn;
            if (c != null) {
                conn = null;
                if (keepAlive && c.buffered() == 0) {
                    pool.release(c);
                } else {
                    c.close();
                }
            }
        }

        final void abort() {
            Http1Connection c = conn;
            if (c != null) {
                conn = null;
                c.close();
            }
        }

        /** Bytes now buffered on the connection, reading from the socket if none are. */
        final int fillSome(String whileDoing) throws IOException {
            if (conn == null) {
                throw new IOException("response body closed");
            }
            int n = conn.buffered();
            if (n > 0) {
                return n;
            }
            try {
                if (conn.fill(0, Http1Connection.BUFFER_SIZE) < 0) {
                    throw new EOFException("server closed the connection " + whileDoing);
                }
            } catch (IOException e) {
                abort();
                throw e;
            }
            return conn.buffered();
        }

        final int take(byte[] b, int off, int len) {
            int n = Math.min(len, conn.buffered());
            System.arraycopy(conn.buffer(), conn.position(), b, off, n);
            conn.consume(n);
            return n;
        }

        @Override
        public final int read() throws IOException {
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public void close() {
            if (!finished) {
                abort();
            }
        }
    }

    private static final class Fixed extends Body {
        private long remaining;

        Fixed(Http1Connection conn, Http1Pool pool, boolean keepAlive, long length) {
            super(conn, pool, keepAlive);
            this.remaining = length;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (finished) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            fillSome("with " + remaining + " body bytes outstanding");
            int n = take(b, off, (int) Math.min(len, remaining));
            remaining -= n;
            if (remaining == 0) {
                finish(); // at the last byte, so the connection is reusable before the caller sees -1
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return conn == null ? 0 : (int) Math.min(conn.readable(), remaining);
        }
    }

    private static final class UntilClose extends Body {
        UntilClose(Http1Connection conn, Http1Pool pool) {
            super(conn, pool, false);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (finished) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            if (conn.buffered() == 0 && conn.fill(0, Http1Connection.BUFFER_SIZE) < 0) {
                finish();
                return -1;
            }
            return take(b, off, len);
        }
    }

    private static final class Chunked extends Body {
        private final HttpFields trailers;
        private long chunkLeft;
        private boolean needCrlf;

        Chunked(Http1Connection conn, Http1Pool pool, boolean keepAlive, HttpFields trailers) {
            super(conn, pool, keepAlive);
            this.trailers = trailers;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (finished) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            try {
                if (chunkLeft == 0) {
                    if (needCrlf) {
                        if (!line().isEmpty()) {
                            throw new MalformedResponse("malformed chunked encoding: missing CRLF after chunk");
                        }
                        needCrlf = false;
                    }
                    chunkLeft = chunkSize(line());
                    if (chunkLeft == 0) {
                        readTrailers();
                        finish();
                        return -1;
                    }
                }
                fillSome("in the middle of a chunk");
                int n = take(b, off, (int) Math.min(len, chunkLeft));
                chunkLeft -= n;
                needCrlf = chunkLeft == 0;
                return n;
            } catch (IOException e) {
                abort();
                throw e;
            }
        }

        private String line() throws IOException {
            return Http1Exchange.readLine(conn, MAX_CHUNK_LINE, 0, false, null);
        }

        private static long chunkSize(String line) throws MalformedResponse {
            int end = line.indexOf(';');
            String hex = HttpTokens.trimOws(end < 0 ? line : line.substring(0, end), 0);
            if (hex.isEmpty() || hex.length() > 15) {
                throw new MalformedResponse("malformed chunk size");
            }
            long size = 0;
            for (int i = 0; i < hex.length(); i++) {
                int d = Character.digit(hex.charAt(i), 16);
                if (d < 0) {
                    throw new MalformedResponse("malformed chunk size");
                }
                size = size * 16 + d;
            }
            return size;
        }

        private void readTrailers() throws IOException {
            int budget = MAX_TRAILER_BYTES;
            while (true) {
                String line = Http1Exchange.readLine(conn, budget, 0, false, null);
                budget -= line.length() + 2;
                if (line.isEmpty()) {
                    return;
                }
                int colon = line.indexOf(':');
                if (colon <= 0 || !HttpTokens.isToken(line, 0, colon) || budget < 0) {
                    throw new MalformedResponse("malformed trailer line");
                }
                String value = HttpTokens.trimOws(line, colon + 1);
                if (!HttpTokens.isFieldValue(value)) {
                    throw new MalformedResponse("malformed trailer value: control character");
                }
                trailers.add(line.substring(0, colon), value);
            }
        }
    }
}
