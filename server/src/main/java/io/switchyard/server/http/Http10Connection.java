package io.switchyard.server.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.socket.SocketWriterException;
import io.helidon.http.DateTime;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.switchyard.domain.http.HostHeader;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.domain.http.HttpTokens;
import io.switchyard.ports.exchange.Exchange;
import io.switchyard.ports.exchange.RequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One HTTP/1.0 client connection, served as Go's server serves it (spec: proxy.md; Go's
 * {@code net/http} for what the spec leaves to the server):
 *
 * <ul>
 *   <li>the request head is read with the entry point's limits (414 for a long request line,
 *       431 for a large header section, the read-header watchdog of {@link ListenerGuards});</li>
 *   <li>{@code Host} is optional; when present there must be one and it must be a valid host;</li>
 *   <li>a body is framed by {@code Content-Length} only;</li>
 *   <li>the answer starts {@code HTTP/1.0}; a body of unknown length is ended by closing the
 *       connection (HTTP/1.0 has no chunked coding); the connection stays open only when the
 *       client asked with {@code Connection: keep-alive} and the answer has a length, and then
 *       says {@code Connection: keep-alive}.</li>
 * </ul>
 *
 * <p>Deliberate deviation: Go ignores {@code Transfer-Encoding} on an HTTP/1.0 request (its body
 * is then empty and the chunked bytes are read as the next request). RFC 9112 §6.1 requires the
 * framing to be treated as faulty, so such a request is answered 400 and the connection closed;
 * nothing reaches a backend.
 */
final class Http10Connection implements ServerConnection {
    /** Unread request body drained to keep a connection (Go: 256 KiB); more closes it. */
    private static final long MAX_DRAIN = 256 * 1024;

    private final ConnectionContext ctx;
    private final DataReader reader;
    private final String entryPoint;
    private final RequestHandler handler;
    private final ListenerGuards guards;
    private final ConnectionLimits limits;
    private volatile boolean waiting = true;
    private volatile boolean canRun = true;
    private volatile long idleSince = System.nanoTime();
    private volatile Thread thread;

    Http10Connection(ConnectionContext ctx, String entryPoint, RequestHandler handler, ListenerGuards guards) {
        this.ctx = ctx;
        this.reader = ctx.dataReader();
        this.entryPoint = entryPoint;
        this.handler = handler;
        this.guards = guards;
        this.limits = guards.limits();
    }

    @Override
    public void handle(Limit limit) throws InterruptedException {
        thread = Thread.currentThread();
        try {
            while (canRun) {
                Request request;
                try {
                    request = readRequest();
                } catch (Refused r) {
                    refuse(r.status);
                    return;
                }
                if (request == null) {
                    return; // the client closed the connection between requests
                }
                if (Thread.interrupted() || !canRun) {
                    return; // closed by the idle check or a shutdown just as the head completed
                }
                if (!serve(request)) {
                    return;
                }
                idleSince = System.nanoTime();
                waiting = true;
            }
        } catch (DataReader.InsufficientDataAvailableException e) {
            // the client went away in the middle of a request
        } finally {
            guards.headDone(ctx);
        }
    }

    /** Serves one request; whether the connection can carry the next one. */
    private boolean serve(Request request) {
        Http10Exchange exchange = new Http10Exchange(request);
        try {
            handler.handle(exchange);
            exchange.finish();
        } catch (UncheckedIOException | SocketWriterException e) {
            return false; // the client went away while the answer was written
        }
        if (!exchange.committed() || !exchange.keepAlive || !exchange.framedAsDeclared()) {
            return false;
        }
        // what the handler left of the request body: the idle timeout bounds a client that stops
        idleSince = System.nanoTime();
        waiting = true;
        return request.body.drain(MAX_DRAIN);
    }

    // ---- reading the request head ----

    private record Request(String method, String target, HttpFields headers, String authority, Body body,
                           boolean keepAlive) {
    }

    /** A request that is answered with {@code status} and the connection closed. */
    private static final class Refused extends Exception {
        private final int status;

        Refused(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    private Request readRequest() throws Refused {
        // the next request line: end of input here is the client closing a kept connection
        try {
            reader.ensureAvailable();
        } catch (DataReader.InsufficientDataAvailableException e) {
            return null;
        }
        // a request has begun: from here the idle timeout no longer applies (the read-header
        // watchdog does), and Helidon's idle check must not interrupt it
        waiting = false;
        String line = readLine(limits.maxRequestLine(), 414);
        guards.headStarted(ctx);
        int sp1 = line.indexOf(' ');
        int sp2 = sp1 < 0 ? -1 : line.indexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 < 0 || sp2 == sp1 + 1 || !line.substring(sp2 + 1).equals("HTTP/1.0")) {
            throw new Refused(400);
        }
        String method = line.substring(0, sp1);
        if (!HttpTokens.isToken(method)) {
            throw new Refused(400);
        }
        String target = line.substring(sp1 + 1, sp2);

        HttpFields headers = new HttpFields();
        int budget = limits.maxHeaderSize();
        while (true) {
            String field = readLine(budget, 431);
            budget -= field.length() + 2;
            if (field.isEmpty()) {
                break;
            }
            char first = field.charAt(0);
            if (first == ' ' || first == '\t') {
                throw new Refused(400); // obsolete line folding (RFC 9112 §5.2)
            }
            int colon = field.indexOf(':');
            if (colon <= 0 || !HttpTokens.isToken(field, 0, colon)) {
                throw new Refused(400);
            }
            String value = HttpTokens.trimOws(field, colon + 1);
            if (!HttpTokens.isFieldText(value, true)) {
                throw new Refused(400);
            }
            headers.add(field.substring(0, colon), value);
        }
        guards.headDone(ctx);

        if (headers.first("Transfer-Encoding") != null) {
            throw new Refused(400);
        }
        List<String> hosts = headers.all("Host");
        if (hosts.size() > 1 || (hosts.size() == 1 && !HostHeader.valid(hosts.getFirst()))) {
            throw new Refused(400);
        }
        long length = contentLength(headers.all("Content-Length"));
        Optional<AbsoluteForm> absolute = AbsoluteForm.parse(target);
        String authority = absolute.map(AbsoluteForm::authority).orElse(hosts.isEmpty() ? "" : hosts.getFirst());
        String origin = absolute.map(AbsoluteForm::path).orElse(target);
        boolean keepAlive = HttpTokens.hasToken(headers, "Connection", "keep-alive");
        return new Request(method, origin, headers, authority, new Body(length), keepAlive);
    }

    /** One line up to LF, without its CR, at most {@code max} bytes; longer is refused with {@code status}. */
    private String readLine(int max, int status) throws Refused {
        StringBuilder out = new StringBuilder(64);
        while (true) {
            byte b = reader.read();
            if (b == '\n') {
                int n = out.length();
                if (n > 0 && out.charAt(n - 1) == '\r') {
                    out.setLength(n - 1);
                }
                return out.toString();
            }
            if (out.length() >= max) {
                throw new Refused(status);
            }
            out.append((char) (b & 0xff));
        }
    }

    private static long contentLength(List<String> values) throws Refused {
        if (values.isEmpty()) {
            return 0;
        }
        String v = values.getFirst();
        // repeated lines are one length when they all say the same, as Go's server takes them
        for (String other : values) {
            if (!other.equals(v)) {
                throw new Refused(400);
            }
        }
        if (v.isEmpty() || v.length() > 18) {
            throw new Refused(400);
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                throw new Refused(400);
            }
        }
        return Long.parseLong(v);
    }



    /** Go's answer to a request it cannot read, then the connection is closed. */
    private void refuse(int status) {
        String reason = switch (status) {
            case 414 -> "URI Too Long";
            case 431 -> "Request Header Fields Too Large";
            default -> "Bad Request";
        };
        String text = status + " " + reason;
        write(("HTTP/1.1 " + text + "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"
                + text).getBytes(StandardCharsets.US_ASCII));
    }

    private void write(byte[] bytes) {
        ctx.dataWriter().writeNow(BufferData.create(bytes));
    }

    // ---- the request body ----

    /** The request body: exactly {@code Content-Length} bytes from the connection. */
    private final class Body extends InputStream {
        private final long length;
        private long remaining;

        Body(long length) {
            this.length = length;
            this.remaining = length;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            int n;
            try {
                reader.ensureAvailable();
                n = (int) Math.min(Math.min(len, remaining), reader.available());
                reader.readBuffer(n).read(b, off, n);
            } catch (DataReader.InsufficientDataAvailableException e) {
                throw new IOException("the client closed the connection before the end of the request body");
            } catch (RuntimeException e) {
                // a reset or an interrupted read: the client is gone, not the backend (499, not 502)
                throw new IOException("reading the request body failed: " + e.getMessage(), e);
            }
            remaining -= n;
            return n;
        }

        /** Reads what the handler left unread, up to {@code max} bytes; whether all of it was. */
        boolean drain(long max) {
            if (remaining > max) {
                return false;
            }
            try {
                byte[] sink = new byte[8192];
                while (read(sink, 0, sink.length) >= 0) {
                    // discard
                }
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }

    // ---- the exchange ----

    private final class Http10Exchange implements Exchange {
        private final Request request;
        private HttpFields headers;
        private boolean committed;
        private boolean keepAlive;
        private Out body;

        Http10Exchange(Request request) {
            this.request = request;
            this.headers = request.headers;
        }

        @Override
        public String entryPoint() {
            return entryPoint;
        }

        @Override
        public String method() {
            return request.method;
        }

        @Override
        public String rawPath() {
            int q = request.target.indexOf('?');
            return q < 0 ? request.target : request.target.substring(0, q);
        }

        @Override
        public String rawQuery() {
            int q = request.target.indexOf('?');
            return q < 0 ? "" : request.target.substring(q + 1);
        }

        @Override
        public String authority() {
            return request.authority;
        }

        @Override
        public String protocol() {
            return "HTTP/1.0";
        }

        @Override
        public boolean secure() {
            return ctx.isSecure();
        }

        @Override
        public HttpFields requestHeaders() {
            return headers;
        }

        @Override
        public String clientIp() {
            return HelidonExchange.ip(ctx.remotePeer().address());
        }

        @Override
        public int clientPort() {
            return ctx.remotePeer().port();
        }

        @Override
        public InputStream requestBody() {
            return request.body;
        }

        @Override
        public long requestContentLength() {
            return request.body.length;
        }

        @Override
        public OutputStream respond(int status, HttpFields fields, long contentLength) {
            boolean bodiless = bodiless(status);
            // a HEAD answer still says how long the body would be
            boolean lengthless = status < 200 || status == 204 || status == 304;
            head(status, fields, lengthless ? -1 : contentLength, contentLength >= 0 || bodiless);
            body = new Out(bodiless, bodiless ? -1 : contentLength);
            return body;
        }

        @Override
        public void respond(int status, HttpFields fields, byte[] bytes) {
            boolean bodiless = bodiless(status);
            if (bodiless && "HEAD".equals(request.method) && bytes.length == 0) {
                // a HEAD answer keeps the length the backend declared
                String declared = fields.first("Content-Length");
                head(status, fields, declared == null ? -1 : parseOr(declared), true);
            } else {
                head(status, fields, bodiless ? -1 : bytes.length, true);
            }
            body = new Out(bodiless, bodiless ? -1 : bytes.length);
            body.write(bytes, 0, bytes.length);
        }

        private boolean bodiless(int status) {
            return "HEAD".equals(request.method) || status < 200 || status == 204 || status == 304;
        }

        private long parseOr(String v) {
            try {
                return Long.parseLong(v.strip());
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        private void head(int status, HttpFields fields, long contentLength, boolean framed) {
            committed = true;
            // as Go: no keep-alive when more of the request body is left unread than would be drained
            keepAlive = request.keepAlive && framed && request.body.remaining <= MAX_DRAIN;
            StringBuilder h = new StringBuilder(256).append("HTTP/1.0 ").append(status).append(' ')
                    .append(reason(status)).append("\r\n");
            boolean date = false;
            for (int i = 0, n = fields.size(); i < n; i++) {
                String name = fields.name(i);
                if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Connection")
                        || name.equalsIgnoreCase("Transfer-Encoding") || name.equalsIgnoreCase("Keep-Alive")
                        || name.equalsIgnoreCase("Trailer")) {
                    continue;
                }
                date |= name.equalsIgnoreCase("Date");
                h.append(name).append(": ").append(fields.value(i)).append("\r\n");
            }
            if (contentLength >= 0) {
                h.append("Content-Length: ").append(contentLength).append("\r\n");
            }
            if (!date) {
                byte[] now = DateTime.http1Bytes(); // "<RFC 1123 date>\r\n"
                h.append("Date: ").append(new String(now, StandardCharsets.US_ASCII));
            }
            if (keepAlive) {
                h.append("Connection: keep-alive\r\n");
            }
            h.append("\r\n");
            // Latin-1 as the fields were read; a character beyond it becomes '?', never a control byte
            write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        }

        @Override
        public void flush() {
            if (body != null) {
                body.flush();
            }
        }

        @Override
        public void trailers(HttpFields trailers) {
            // HTTP/1.0 has no trailers
        }

        @Override
        public boolean committed() {
            return committed;
        }

        /** Whether the body sent is as long as the head said (else the connection must close). */
        boolean framedAsDeclared() {
            return body == null || body.expected < 0 || body.written == body.expected;
        }

        void finish() {
            if (body != null) {
                body.flush();
            }
        }
    }

    /** The response body as written to the connection, buffered up to 16 KiB. */
    private final class Out extends OutputStream {
        private final boolean discard;
        /** The declared length, or -1 when the body ends with the connection. */
        private final long expected;
        private final byte[] buf = new byte[16 * 1024];
        private int len;
        private long written;

        Out(boolean discard, long expected) {
            this.discard = discard;
            this.expected = expected;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int n) {
            if (discard) {
                return;
            }
            if (expected >= 0 && written + n > expected) {
                n = (int) Math.max(0, expected - written); // never past the declared length (Go: ErrContentLength)
                written = expected + 1; // remembered: the connection closes after this answer
            } else {
                written += n;
            }
            if (n == 0) {
                return;
            }
            if (n >= buf.length) {
                flush();
                Http10Connection.this.write(Arrays.copyOfRange(b, off, off + n));
                return;
            }
            if (len + n > buf.length) {
                flush();
            }
            System.arraycopy(b, off, buf, len, n);
            len += n;
        }

        @Override
        public void flush() {
            if (len > 0) {
                byte[] out = Arrays.copyOf(buf, len);
                len = 0;
                Http10Connection.this.write(out);
            }
        }

        @Override
        public void close() {
            flush();
        }
    }

    private static String reason(int status) {
        return io.helidon.http.Status.create(status).reasonPhrase();
    }

    @Override
    public Duration idleTime() {
        return waiting ? Duration.ofNanos(System.nanoTime() - idleSince) : Duration.ZERO;
    }

    @Override
    public void close(boolean interrupt) {
        canRun = false;
        Thread t = thread;
        if (t != null && (interrupt || waiting)) {
            t.interrupt();
        }
    }
}
