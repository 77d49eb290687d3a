package io.switchyard.adapters.http.upstream;

import static io.switchyard.domain.http.HttpTokens.hasToken;
import static io.switchyard.domain.http.HttpTokens.isFieldText;
import static io.switchyard.domain.http.HttpTokens.isFieldValueByte;
import static io.switchyard.domain.http.HttpTokens.isToken;

import io.switchyard.adapters.http.upstream.Failures.ClientBodyFailed;
import io.switchyard.adapters.http.upstream.Failures.ClosedBeforeHead;
import io.switchyard.adapters.http.upstream.Failures.MalformedResponse;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.ports.upstream.UpstreamRequest;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One HTTP/1.1 request and response on one connection: writes the head exactly as given (no
 * {@code User-Agent}, {@code Connection} or other field of our own; only the body framing field is
 * ours), streams the body, reads the response head and picks the body framing (RFC 9112 §6.3).
 */
final class Http1Exchange {
    static final int MAX_HEAD_BYTES = 1 << 20;
    /** Go's {@code ExpectContinueTimeout} in Traefik's transports (spec: proxy.md §4.9). */
    static final long CONTINUE_WAIT_MILLIS = 1000;

    private static final int MAX_LINE = 64 * 1024;
    private static final long EARLY_ANSWER_WAIT_NANOS = 1_000_000_000L;
    private static final byte[] HTTP11 = " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHUNK_END = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};

    private final Http1Connection conn;
    private final UpstreamRequest request;
    private final long headerTimeoutNanos;
    private final Http1Pool pool;
    private boolean responseStarted;

    Http1Exchange(Http1Connection conn, UpstreamRequest request, long headerTimeoutNanos, Http1Pool pool) {
        this.conn = conn;
        this.request = request;
        this.headerTimeoutNanos = headerTimeoutNanos;
        this.pool = pool;
    }

    /** Whether any byte of the response arrived (a retry on a fresh connection is then unsafe). */
    boolean responseStarted() {
        return responseStarted;
    }

    /**
     * Runs the exchange. On failure the connection is closed; on success it belongs to the response
     * (released when the body has been read, at once when there is none).
     */
    Http1Response run() throws IOException {
        try {
            return exchange();
        } catch (IOException | RuntimeException e) {
            conn.close();
            throw e;
        }
    }

    private Http1Response exchange() throws IOException {
        long length = request.contentLength();
        writeHead(length);
        boolean bodyUnsent = length != 0;
        if (bodyUnsent && expectsContinue(request.headers())) {
            conn.flush();
            if (conn.awaitReadable(CONTINUE_WAIT_MILLIS)) {
                Head first = readHead(true, headDeadline());
                if (first.status != 100) {
                    // a final answer before the body: the body is never sent, the connection not reused
                    return respond(first, false);
                }
            }
        }
        if (bodyUnsent) {
            try {
                writeBody(length);
            } catch (ClientBodyFailed e) {
                throw e;
            } catch (IOException writeFailed) {
                // the server may have answered (413, 401...) and closed before reading everything
                try {
                    return respond(readHead(false, System.nanoTime() + EARLY_ANSWER_WAIT_NANOS), false);
                } catch (IOException | RuntimeException noAnswer) {
                    writeFailed.addSuppressed(noAnswer);
                    throw writeFailed;
                }
            }
        } else {
            conn.flush();
        }
        return respond(readHead(false, headDeadline()), true);
    }

    private long headDeadline() {
        return headerTimeoutNanos == 0 ? 0 : System.nanoTime() + headerTimeoutNanos;
    }

    // ---- request ----

    private void writeHead(long length) throws IOException {
        String method = request.method();
        String target = request.target();
        requireToken("method", method);
        if (target.isEmpty() || !isFieldText(target, false)) {
            throw new IllegalArgumentException("request target: invalid characters");
        }
        conn.writeLatin1(method);
        conn.writeLatin1(" ");
        conn.writeLatin1(target);
        conn.write(HTTP11);
        HttpFields headers = request.headers();
        boolean host = false;
        for (int i = 0, n = headers.size(); i < n; i++) {
            String name = headers.name(i);
            if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")) {
                continue; // framing follows the body we actually send
            }
            String value = headers.value(i);
            requireToken("header name", name);
            if (!isFieldText(value, true)) {
                throw new IllegalArgumentException("header " + name + ": invalid characters in value");
            }
            host |= name.equalsIgnoreCase("Host");
            conn.writeLatin1(name);
            conn.writeLatin1(": ");
            conn.writeLatin1(value);
            conn.writeCrlf();
        }
        if (!host) {
            conn.writeLatin1("Host: ");
            conn.writeLatin1(request.server().authority());
            conn.writeCrlf();
        }
        if (length > 0 || length == 0 && contentLengthZeroExpected(method)) {
            conn.writeLatin1("Content-Length: ");
            conn.writeLatin1(Long.toString(length));
            conn.writeCrlf();
        } else if (length < 0) {
            conn.writeLatin1("Transfer-Encoding: chunked");
            conn.writeCrlf();
        }
        conn.writeCrlf();
    }

    /** Go sends {@code Content-Length: 0} for body-less POST, PUT and PATCH only. */
    private static boolean contentLengthZeroExpected(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    /**
     * Streams the body. A chunk is flushed unless the client already has more bytes ready, so a
     * slow client's body reaches the server as it comes (the head and a small body still leave in
     * one write).
     */
    private void writeBody(long length) throws IOException {
        InputStream body = request.body();
        byte[] chunk = conn.bodyBuffer();
        boolean chunked = length < 0;
        long left = chunked ? Long.MAX_VALUE : length;
        while (left > 0) {
            int n = readClientBody(body, chunk, (int) Math.min(chunk.length, left));
            if (n < 0) {
                if (!chunked) {
                    throw new ClientBodyFailed(new EOFException("request body ended " + left
                            + " bytes before its Content-Length"));
                }
                break;
            }
            if (n == 0) {
                continue;
            }
            if (chunked) {
                conn.writeLatin1(Integer.toHexString(n));
                conn.write(CRLF);
                conn.write(chunk, 0, n);
                conn.write(CRLF);
            } else {
                conn.write(chunk, 0, n);
                left -= n;
            }
            if (left > 0 && availableFromClient(body) == 0) {
                conn.flush();
            }
        }
        if (chunked) {
            conn.write(CHUNK_END);
        }
        conn.flush();
    }

    private static int availableFromClient(InputStream body) throws ClientBodyFailed {
        try {
            return body.available();
        } catch (IOException e) {
            throw new ClientBodyFailed(e);
        }
    }

    private static int readClientBody(InputStream body, byte[] chunk, int len) throws ClientBodyFailed {
        try {
            return body.read(chunk, 0, len);
        } catch (IOException e) {
            throw new ClientBodyFailed(e);
        }
    }

    // ---- response ----

    record Head(int version, int status, HttpFields fields) {
    }

    /**
     * Reads a response head, skipping interim (1xx) responses other than 101, and other than 100
     * when {@code stopAt100}.
     */
    private Head readHead(boolean stopAt100, long deadline) throws IOException {
        int budget = MAX_HEAD_BYTES;
        while (true) {
            String statusLine = readLine(budget, deadline, true);
            budget -= statusLine.length() + 2;
            int version = parseVersion(statusLine);
            int status = parseStatus(statusLine);
            HttpFields fields = new HttpFields(12);
            budget = readFields(fields, budget, deadline);
            if (status >= 200 || status == 101 || stopAt100 && status == 100) {
                conn.clearReadTimeout();
                return new Head(version, status, fields);
            }
            // other 1xx: Traefik relays these; the port has no channel for them yet, so they are dropped
        }
    }

    /**
     * Reads field lines up to the empty line, straight from the connection's buffer (one string
     * for the value, none for a common name). A value with a control character is refused, as Go's
     * header reader refuses it: nothing downstream has to check the backend's fields again.
     */
    private int readFields(HttpFields fields, int budget, long deadline) throws IOException {
        String name = null;
        String value = null; // the last field waits one line: an obs-fold line continues it
        while (true) {
            int lf = lineEnd(conn, Math.min(budget, MAX_LINE), deadline, true, this);
            byte[] buf = conn.buffer();
            int start = conn.position();
            int end = lf > start && buf[lf - 1] == '\r' ? lf - 1 : lf;
            budget -= end - start + 2;
            if (end == start) {
                conn.consume(lf + 1 - start);
                if (name != null) {
                    fields.add(name, value);
                }
                return budget;
            }
            byte first = buf[start];
            if (first == ' ' || first == '\t') {
                // obsolete line folding: joined with a space, as Go's textproto does
                if (name == null) {
                    throw new MalformedResponse("malformed header: continuation line first");
                }
                String more = fieldValue(buf, start, end);
                value = value.isEmpty() ? more : value + " " + more;
            } else {
                int colon = start;
                while (colon < end && buf[colon] != ':') {
                    colon++;
                }
                if (colon == start || colon == end || !isToken(buf, start, colon)) {
                    throw new MalformedResponse("malformed header line");
                }
                if (name != null) {
                    fields.add(name, value);
                }
                name = FieldNames.of(buf, start, colon);
                value = fieldValue(buf, colon + 1, end);
            }
            conn.consume(lf + 1 - start);
        }
    }

    /** {@code buf[from, to)} without optional whitespace around it; refused when it holds a control character. */
    private static String fieldValue(byte[] buf, int from, int to) throws MalformedResponse {
        while (from < to && (buf[from] == ' ' || buf[from] == '\t')) {
            from++;
        }
        while (to > from && (buf[to - 1] == ' ' || buf[to - 1] == '\t')) {
            to--;
        }
        for (int i = from; i < to; i++) {
            if (!isFieldValueByte(buf[i])) {
                throw new MalformedResponse("malformed header value: control character");
            }
        }
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private Http1Response respond(Head head, boolean reusable) throws IOException {
        HttpFields fields = head.fields;
        boolean keepAlive = reusable
                && (head.version == 11 ? !hasToken(fields, "Connection", "close")
                                       : hasToken(fields, "Connection", "keep-alive"))
                && !hasToken(request.headers(), "Connection", "close");
        int status = head.status;
        if (status == 101) {
            return Http1Response.switched(head, conn, pool);
        }
        if (request.method().equals("HEAD") || status == 204 || status == 304 || status < 200) {
            return Http1Response.empty(head, conn, pool, keepAlive);
        }
        var te = fields.all("Transfer-Encoding");
        if (!te.isEmpty()) {
            if (te.size() != 1 || !te.get(0).strip().equalsIgnoreCase("chunked")) {
                throw new MalformedResponse("unsupported transfer encoding");
            }
            fields.remove("Content-Length"); // RFC 9112 §6.3: chunked wins, the length is ignored
            return Http1Response.chunked(head, conn, pool, keepAlive);
        }
        var lengths = fields.all("Content-Length");
        if (!lengths.isEmpty()) {
            long length = parseLength(lengths);
            return Http1Response.fixed(head, conn, pool, keepAlive, length);
        }
        return Http1Response.untilClose(head, conn, pool);
    }

    private static long parseLength(List<String> values) throws MalformedResponse {
        String first = values.get(0).strip();
        for (String v : values) {
            if (!v.strip().equals(first)) {
                throw new MalformedResponse("conflicting Content-Length values");
            }
        }
        if (first.isEmpty() || first.length() > 18) {
            throw new MalformedResponse("bad Content-Length");
        }
        long n = 0;
        for (int i = 0; i < first.length(); i++) {
            char c = first.charAt(i);
            if (c < '0' || c > '9') {
                throw new MalformedResponse("bad Content-Length");
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /**
     * Reads one line (CRLF or a lone LF ends it, as Go accepts) from the connection.
     *
     * @param inHead whether end of stream means the server closed before the head (EOF failure)
     */
    String readLine(int budget, long deadline, boolean inHead) throws IOException {
        return readLine(conn, Math.min(budget, MAX_LINE), deadline, inHead, this);
    }

    static String readLine(Http1Connection conn, int max, long deadline, boolean inHead, Http1Exchange owner)
            throws IOException {
        int lf = lineEnd(conn, max, deadline, inHead, owner);
        byte[] buf = conn.buffer();
        int start = conn.position();
        int lineEnd = lf > start && buf[lf - 1] == '\r' ? lf - 1 : lf;
        String line = new String(buf, start, lineEnd - start, StandardCharsets.ISO_8859_1);
        conn.consume(lf + 1 - start);
        return line;
    }

    /**
     * Buffers one whole line (CRLF or a lone LF ends it, as Go accepts) and returns the index of
     * its LF in {@link Http1Connection#buffer()}; the line starts at the connection's position and
     * stays there until the caller consumes it.
     */
    static int lineEnd(Http1Connection conn, int max, long deadline, boolean inHead, Http1Exchange owner)
            throws IOException {
        int scanned = 0;
        while (true) {
            byte[] buf = conn.buffer();
            int start = conn.position();
            int end = start + conn.buffered();
            for (int i = start + scanned; i < end; i++) {
                if (buf[i] == '\n') {
                    return i;
                }
            }
            scanned = end - start;
            if (scanned > max) {
                throw new MalformedResponse("line longer than " + max + " bytes");
            }
            int n = conn.fill(deadline, Math.max(Http1Connection.BUFFER_SIZE, max + 2));
            if (n < 0) {
                if (inHead) {
                    throw new ClosedBeforeHead(owner != null && owner.responseStarted
                            ? "server closed the connection while sending the response head"
                            : "server closed the connection before sending a response");
                }
                throw new EOFException("server closed the connection in the middle of the body");
            }
            if (owner != null && n > 0) {
                owner.responseStarted = true;
            }
        }
    }

    private static int parseVersion(String line) throws MalformedResponse {
        if (line.startsWith("HTTP/1.1 ") || line.equals("HTTP/1.1")) {
            return 11;
        }
        if (line.startsWith("HTTP/1.0 ")) {
            return 10;
        }
        throw new MalformedResponse("malformed status line");
    }

    private static int parseStatus(String line) throws MalformedResponse {
        // "HTTP/1.x NNN reason", the reason may be empty or absent
        if (line.length() < 12 || line.length() > 12 && line.charAt(12) != ' ') {
            throw new MalformedResponse("malformed status line");
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                throw new MalformedResponse("malformed status code");
            }
            status = status * 10 + (c - '0');
        }
        if (status < 100) {
            throw new MalformedResponse("malformed status code");
        }
        return status;
    }

    private static boolean expectsContinue(HttpFields headers) {
        return hasToken(headers, "Expect", "100-continue");
    }


    private static void requireToken(String what, String s) {
        if (s.isEmpty() || !isToken(s, 0, s.length())) {
            throw new IllegalArgumentException(what + ": not an HTTP token");
        }
    }
}
