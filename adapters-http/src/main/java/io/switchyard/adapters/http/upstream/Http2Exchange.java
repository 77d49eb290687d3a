package io.switchyard.adapters.http.upstream;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.http.Method;
import io.helidon.http.WritableHeaders;
import io.helidon.http.http2.Http2Exception;
import io.helidon.http.http2.Http2FrameData;
import io.helidon.http.http2.Http2FrameTypes;
import io.helidon.http.http2.Http2Headers;
import io.helidon.webclient.http2.StreamTimeoutException;
import io.switchyard.adapters.http.upstream.Failures.ClientBodyFailed;
import io.switchyard.adapters.http.upstream.Failures.ClosedBeforeHead;
import io.switchyard.adapters.http.upstream.Failures.MalformedResponse;
import io.switchyard.adapters.http.upstream.Failures.StreamTimeout;
import io.switchyard.adapters.http.upstream.Http2Session.ProxyStream;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.domain.http.HttpTokens;
import io.switchyard.ports.upstream.UpstreamRequest;
import io.switchyard.ports.upstream.UpstreamResponse;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One exchange on an HTTP/2 stream: request header block (pseudo-headers from the request, the
 * {@code Host} field becomes {@code :authority}, connection-specific fields are dropped), body as
 * DATA frames, then the response head, streamed DATA and the trailer block, announced or not.
 */
final class Http2Exchange {
    /** How long a body read waits before checking that the connection is still alive. */
    private static final Duration POLL = Duration.ofSeconds(5);
    /** Stands for "no response header timeout": Helidon needs some bound. */
    private static final Duration FOREVER = Duration.ofDays(3650);

    private Http2Exchange() {
    }

    static UpstreamResponse run(Http2Session session, UpstreamRequest request, Duration headTimeout)
            throws IOException {
        ProxyStream stream = session.newStream(headTimeout.isZero() ? FOREVER : headTimeout);
        try {
            send(session, stream, request);
            Http2Headers head;
            try {
                head = stream.readHeaders();
            } catch (StreamTimeoutException e) {
                throw new StreamTimeout("no response head within the response header timeout");
            } catch (IllegalStateException e) {
                if (session.isClosed()) {
                    throw new ClosedBeforeHead("server closed the HTTP/2 connection before the response head");
                }
                throw e;
            }
            if (head == null) {
                throw new ClosedBeforeHead("HTTP/2 stream ended without a response head");
            }
            return new Http2Response(stream, head, request.method().equals("HEAD"));
        } catch (IOException | RuntimeException e) {
            abort(stream);
            if (e instanceof Http2Exception && session.isClosed()) {
                throw new ClosedBeforeHead("HTTP/2 connection lost: " + e.getMessage());
            }
            throw e;
        }
    }

    private static void send(Http2Session session, ProxyStream stream, UpstreamRequest request)
            throws IOException {
        long length = request.contentLength();
        String method = request.method();
        WritableHeaders<?> fields = WritableHeaders.create();
        String authority = null;
        StringBuilder cookies = null;
        HttpFields given = request.headers();
        for (int i = 0, n = given.size(); i < n; i++) {
            String name = given.name(i).toLowerCase(Locale.ROOT);
            String value = given.value(i);
            switch (name) {
                case "host" -> {
                    if (authority == null) {
                        authority = value;
                    }
                }
                // connection-specific (RFC 9113 §8.2.2) or framing we derive ourselves
                case "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade",
                     "content-length", "expect" -> {
                }
                case "te" -> {
                    if (HttpTokens.hasToken(given, "TE", "trailers")) {
                        fields.set(HeaderValues.create(HeaderNames.TE, "trailers"));
                    }
                }
                // HTTP/2 allows several cookie fields, but Helidon would join them with ", "
                case "cookie" -> cookies = (cookies == null ? new StringBuilder() : cookies.append("; ")).append(value);
                default -> fields.add(HeaderValues.create(HeaderNames.create(name), value));
            }
        }
        if (cookies != null) {
            fields.set(HeaderValues.create(HeaderNames.COOKIE, cookies.toString()));
        }
        if (length > 0 || length == 0 && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
            fields.set(HeaderValues.create(HeaderNames.CONTENT_LENGTH, Long.toString(length)));
        }
        Http2Headers h2 = Http2Headers.create(fields);
        h2.method(Method.create(method));
        h2.path(request.target());
        h2.scheme(session.tls() ? "https" : "http");
        h2.authority(authority != null ? authority : request.server().authority());
        boolean noBody = length == 0;
        stream.writeHeaders(h2, noBody);
        if (noBody) {
            return;
        }
        InputStream body = request.body();
        byte[] chunk = new byte[16 * 1024];
        long left = length < 0 ? Long.MAX_VALUE : length;
        while (left > 0) {
            int n;
            try {
                n = body.read(chunk, 0, (int) Math.min(chunk.length, left));
            } catch (IOException e) {
                throw new ClientBodyFailed(e);
            }
            if (n < 0) {
                if (length > 0) {
                    throw new ClientBodyFailed(new EOFException("request body ended before its Content-Length"));
                }
                break;
            }
            if (n > 0) {
                // writes are synchronous (frames hit the socket before writeData returns), so the chunk is reused
                stream.writeData(BufferData.create(chunk, 0, n), false);
                left -= n;
            }
        }
        stream.writeData(BufferData.empty(), true);
    }

    static void abort(ProxyStream stream) {
        try {
            stream.cancel();
        } catch (RuntimeException ignored) {
            // connection already gone
        } finally {
            stream.close();
            stream.session().streamDone(stream);
        }
    }

    /**
     * The backend's fields; a name that is not a token or a value with a control character is
     * refused, as Go's HTTP/2 transport refuses it (nothing downstream checks them again). Helidon
     * hands over HPACK strings decoded as UTF-8; values go on as their octets again.
     */
    static HttpFields fields(Headers headers) throws MalformedResponse {
        HttpFields out = new HttpFields(headers.size() + 2);
        for (Header h : headers) {
            String name = h.name();
            if (!HttpTokens.isToken(name)) {
                throw new MalformedResponse("malformed header name");
            }
            for (String v : h.allValues()) {
                if (!HttpTokens.isFieldValue(v)) {
                    throw new MalformedResponse("malformed header value: control character");
                }
                out.add(name, HttpTokens.octets(v));
            }
        }
        return out;
    }

    /** The response: DATA frames are handed out as they arrive; trailers complete the stream. */
    static final class Http2Response implements UpstreamResponse {
        private final ProxyStream stream;
        private final int status;
        private final HttpFields headers;
        private final long contentLength;
        private final HttpFields trailers = new HttpFields(4);
        private final Body body;
        private final AtomicBoolean released = new AtomicBoolean();

        Http2Response(ProxyStream stream, Http2Headers head, boolean headRequest) throws IOException {
            this.stream = stream;
            this.status = head.status().code();
            this.headers = fields(head.httpHeaders());
            boolean empty = !stream.hasEntity() || headRequest || status == 204 || status == 304;
            this.contentLength = empty ? 0 : declaredLength(headers);
            this.body = new Body(empty);
            if (empty) {
                body.finish();
            }
        }

        private static long declaredLength(HttpFields headers) {
            String v = headers.first("content-length");
            if (v == null) {
                return -1;
            }
            try {
                return Long.parseLong(v.strip());
            } catch (NumberFormatException e) {
                return -1;
            }
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
        public void close() {
            if (!body.ended) {
                release(true);
            }
        }

        private void release(boolean cancel) {
            if (released.compareAndSet(false, true)) {
                if (cancel) {
                    abort(stream);
                } else {
                    stream.close();
                    stream.session().streamDone(stream);
                }
            }
        }

        private final class Body extends InputStream {
            private final byte[] one = new byte[1];
            private BufferData current;
            private boolean lastFrame;
            boolean ended;

            Body(boolean empty) {
                this.lastFrame = empty;
            }

            void finish() throws IOException {
                ended = true;
                Headers t = stream.trailers().getNow(null);
                if (t != null) {
                    HttpFields received;
                    try {
                        received = fields(t);
                    } catch (MalformedResponse e) {
                        fail(e);
                        return;
                    }
                    received.forEach(trailers::add);
                }
                release(false);
            }

            @Override
            public int read() throws IOException {
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (ended) {
                    return -1;
                }
                if (released.get()) {
                    throw new IOException("response body closed");
                }
                if (len == 0) {
                    return 0;
                }
                while (current == null || current.available() == 0) {
                    if (lastFrame) {
                        finish();
                        return -1;
                    }
                    next();
                }
                int n = Math.min(len, current.available());
                current.read(b, off, n);
                return n;
            }

            private void next() throws IOException {
                Http2FrameData frame;
                try {
                    frame = stream.readOne(POLL);
                } catch (StreamTimeoutException e) {
                    if (stream.session().isClosed()) {
                        fail(new EOFException("HTTP/2 connection lost in the middle of the body"));
                    }
                    return; // the server is just slow; keep waiting, as Traefik has no body timeout
                } catch (Http2Exception | IllegalStateException e) {
                    fail(new IOException("HTTP/2 stream failed in the middle of the body: " + e.getMessage(), e));
                    return;
                }
                if (frame == null) {
                    // the trailer block, or nothing yet
                    lastFrame = stream.trailers().isDone();
                    return;
                }
                current = frame.data();
                lastFrame = frame.header().flags(Http2FrameTypes.DATA).endOfStream();
            }

            private void fail(IOException e) throws IOException {
                release(true);
                throw e;
            }

            @Override
            public int available() {
                return current == null ? 0 : current.available();
            }

            @Override
            public void close() {
                Http2Response.this.close();
            }
        }
    }
}
