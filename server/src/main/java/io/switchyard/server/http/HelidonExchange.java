package io.switchyard.server.http;

import io.helidon.common.uri.UriFragment;
import io.helidon.http.DirectHandler;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpPrologue;
import io.helidon.http.RequestException;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.http.DirectTransportRequest;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.domain.http.HttpTokens;
import io.switchyard.ports.exchange.Exchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Presents a Helidon request/response pair as an {@link Exchange}. One per request. */
final class HelidonExchange implements Exchange {
    private static final HeaderName STREAM_RESULT = HeaderNames.create("stream-result");

    private final String entryPoint;
    private final ServerRequest request;
    private final ServerResponse response;
    private HttpFields headers;
    private String clientIp;
    private OutputStream body;
    private ClientBody clientBody;
    private Optional<AbsoluteForm> absoluteForm;
    private boolean committed;

    HelidonExchange(String entryPoint, ServerRequest request, ServerResponse response) {
        this.entryPoint = entryPoint;
        this.request = request;
        this.response = response;
    }

    @Override
    public String entryPoint() {
        return entryPoint;
    }

    @Override
    public String method() {
        return request.prologue().method().text();
    }

    /**
     * Helidon splits a {@code #fragment} off the request target; Go does not (a request target is no
     * URI reference): before any {@code ?} the {@code #} stays in the path, which the runtime refuses
     * as Traefik does (spec proxy.md §4.1), and after one it is part of the query, forwarded as is.
     */
    @Override
    public String rawPath() {
        String path = absoluteForm().map(AbsoluteForm::path).orElseGet(() -> request.prologue().uriPath().rawPath());
        return withFragment(path, false);
    }

    /** {@code part} with Helidon's split-off {@code #fragment} put back, if it belongs to that part. */
    private String withFragment(String part, boolean query) {
        HttpPrologue prologue = request.prologue();
        UriFragment fragment = prologue.fragment();
        return fragment.hasValue() && prologue.hasQuery() == query ? part + "#" + fragment.rawValue() : part;
    }

    private Optional<AbsoluteForm> absoluteForm() {
        if (absoluteForm == null) {
            absoluteForm = AbsoluteForm.parse(request.prologue().uriPath().rawPath());
        }
        return absoluteForm;
    }

    @Override
    public String rawQuery() {
        return withFragment(request.prologue().query().rawValue(), true);
    }

    @Override
    public String authority() {
        if (absoluteForm().isPresent()) {
            return absoluteForm().get().authority();
        }
        String authority = request.authority();
        return authority == null ? "" : authority;
    }

    @Override
    public String protocol() {
        String protocol = request.prologue().protocol();
        String version = request.prologue().protocolVersion();
        if ("HTTP".equals(protocol)) { // asked on every request (metrics, access log): no concatenation
            if ("1.1".equals(version)) {
                return "HTTP/1.1";
            }
            if ("2.0".equals(version)) {
                return "HTTP/2.0";
            }
        }
        return protocol + "/" + version;
    }

    @Override
    public boolean secure() {
        return request.isSecure();
    }

    @Override
    public HttpFields requestHeaders() {
        if (headers == null) {
            var in = request.headers();
            boolean http1 = http1();
            HttpFields fields = new HttpFields(in.size() + 8);
            for (Header h : in) {
                String name = h.name();
                if (h.valueCount() == 1) {
                    fields.add(name, octets(h, h.get(), true, http1));
                } else {
                    boolean first = true;
                    for (String v : h.allValues()) {
                        fields.add(name, octets(h, v, first, http1));
                        first = false;
                    }
                }
            }
            headers = fields;
        }
        return headers;
    }

    /**
     * A request field value as the client's octets ({@link HttpFields}). HTTP/2 values arrive
     * decoded from HPACK (UTF-8, or U+FFFD where the bytes were not readable); HTTP/1.1 values as
     * US-ASCII, where every octet from 0x80 on became U+FFFD: the first value of a field is then
     * read again from its bytes ({@link RequestFieldBytes}). {@code indexOf} is a constant-time
     * "no" for the usual value, which holds only Latin-1 characters.
     */
    private static String octets(Header field, String value, boolean first, boolean http1) {
        if (!http1) {
            return HttpTokens.octets(value);
        }
        if (value.indexOf('\uFFFD') < 0) {
            return value;
        }
        String bytes = first ? RequestFieldBytes.firstValue(field) : null;
        return bytes != null ? bytes : HttpTokens.octets(value);
    }

    @Override
    public String clientIp() {
        if (clientIp == null) {
            clientIp = ip(request.remotePeer().address());
        }
        return clientIp;
    }

    /** The IP of a peer address as text, without zone; empty when unknown. */
    static String ip(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String ip = inet.getAddress().getHostAddress();
            int zone = ip.indexOf('%');
            return zone < 0 ? ip : ip.substring(0, zone);
        }
        return address == null ? "" : address.toString();
    }

    @Override
    public int clientPort() {
        return request.remotePeer().port();
    }

    /**
     * The body, opened on the first read: Helidon answers {@code Expect: 100-continue} as soon as
     * the stream is opened, and the client must only be told to send once the backend asked for
     * the body (spec: proxy.md §4.9). A client that goes away shows as an {@link IOException}
     * (Helidon reports it unchecked), which the upstream turns into 499.
     */
    @Override
    public InputStream requestBody() {
        if (clientBody == null) {
            clientBody = new ClientBody(() -> request.content().inputStream());
        }
        return clientBody;
    }

    /**
     * Rethrows Helidon's exception if the request body could not be decoded and no response has
     * been sent, so that Helidon answers 400 and closes the connection (see {@link ClientBody}).
     */
    void rethrowMalformedBody() {
        RuntimeException failure = clientBody == null ? null : clientBody.malformed();
        if (failure != null && !response.isSent()) {
            // Helidon lets some decoding failures escape raw (an oversized chunk size), which it
            // would answer with 500
            throw failure instanceof RequestException e ? e : RequestException.builder()
                    .type(DirectHandler.EventType.BAD_REQUEST)
                    .request(DirectTransportRequest.create(request.prologue(), request.headers()))
                    .message("malformed request body")
                    .cause(failure)
                    .setKeepAlive(false)
                    .build();
        }
    }

    @Override
    public long requestContentLength() {
        if (!request.content().hasEntity()) {
            return 0;
        }
        return request.headers().contentLength().orElse(-1);
    }

    @Override
    public OutputStream respond(int status, HttpFields fields, long contentLength) {
        head(status, fields, false);
        if (contentLength >= 0) {
            response.contentLength(contentLength);
        } else if (http1()) {
            // stays chunked even when it turns out short, as Go's server keeps an unknown length
            response.headers().set(HeaderValues.TRANSFER_ENCODING_CHUNKED);
        }
        body = http1() ? new OpenedOnWrite() : openBody();
        return body;
    }

    private OutputStream openBody() {
        // Helidon announces and sends a trailer of its own ("stream-result") to clients asking
        // for trailers; only the backend's trailers are ours to send
        response.beforeTrailers(t -> t.remove(STREAM_RESULT));
        OutputStream out = response.outputStream();
        dropStreamResultAnnouncement();
        return out;
    }

    /**
     * An HTTP/1.1 body stream opened by the first write. Helidon frames a chunked response that
     * ends without any byte as {@code Content-Length: 0} but still appends a trailer section when
     * trailers were announced or asked for, which corrupts the connection; a body that stays empty
     * is therefore sent as an empty response, without its trailers.
     */
    private final class OpenedOnWrite extends OutputStream {
        private OutputStream out;

        boolean opened() {
            return out != null;
        }

        private OutputStream out() {
            if (out == null) {
                out = openBody();
            }
            return out;
        }

        @Override
        public void write(int b) throws IOException {
            out().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > 0) {
                out().write(b, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            if (out != null) {
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.close();
                return;
            }
            ServerResponseHeaders headers = response.headers();
            headers.remove(HeaderNames.TRAILER);
            headers.remove(HeaderNames.TRANSFER_ENCODING);
            if (!headers.contains(HeaderNames.CONTENT_LENGTH)) {
                headers.set(HeaderValues.CONTENT_LENGTH_ZERO);
            }
            response.send();
        }
    }

    /**
     * Whether the connection ends with this answer, as Go ends it: the HTTP/1.1 client sent
     * {@code Connection: close} (Helidon says so in the answer, but keeps reading the connection
     * for another request). Only when nothing of the request is left unread: closing a socket
     * with unread bytes resets it, and the client could lose the answer; such a connection is
     * left for the client to close, which it does after reading.
     */
    boolean closeAfterAnswer() {
        if (!http1() || !request.headers().containsToken(HeaderValues.CONNECTION_CLOSE)) {
            return false;
        }
        var content = request.content();
        return !content.hasEntity() || content.consumed();
    }

    private boolean http1() {
        return "1.1".equals(request.prologue().protocolVersion());
    }

    private void dropStreamResultAnnouncement() {
        ServerResponseHeaders out = response.headers();
        if (!out.contains(HeaderNames.TRAILER)) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (String v : out.get(HeaderNames.TRAILER).allValues()) {
            if (!v.equalsIgnoreCase(STREAM_RESULT.defaultCase())) {
                names.add(v);
            }
        }
        out.remove(HeaderNames.TRAILER);
        if (!names.isEmpty()) {
            out.set(HeaderValues.create(HeaderNames.TRAILER, names));
        }
    }

    @Override
    public void respond(int status, HttpFields fields, byte[] bytes) {
        boolean head = bytes.length == 0 && "HEAD".equals(method());
        if (bytes.length == 0 && !head && !http1()) {
            // Helidon's send() always adds a DATA frame, even an empty one; a gRPC "trailers-only"
            // answer must be one HEADERS frame ending the stream, as the backend sent it
            respond(status, fields, 0); // Helidon ends the stream once the handler returns
            return;
        }
        head(status, fields, head);
        response.send(bytes);
    }

    private void head(int status, HttpFields fields, boolean keepContentLength) {
        committed = true;
        response.status(Status.create(status));
        ServerResponseHeaders out = response.headers();
        boolean octets = false;
        for (int i = 0, n = fields.size(); i < n; i++) {
            String name = fields.name(i);
            HeaderName hn = HeaderNames.create(name);
            if (!keepContentLength && hn.equals(HeaderNames.CONTENT_LENGTH)) {
                continue; // Helidon frames the body itself from what we send
            }
            octets = add(out, hn, fields.value(i), octets);
        }
    }

    /**
     * Adds a response field or trailer; values with obs-text (and, after one, every later value, in
     * case it shares that name) go through {@link OctetField}. Returns whether one did.
     */
    private static boolean add(WritableHeaders<?> out, HeaderName name, String value, boolean octets) {
        if (octets || HttpTokens.hasObsText(value)) {
            OctetField.add(out, name, value);
            return true;
        }
        out.add(HeaderValues.create(name, value));
        return false;
    }

    @Override
    public void flush() {
        if (body != null) {
            try {
                body.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Sends the trailers. Helidon sends trailers only for responses whose fields name them in
     * {@code Trailer} when the response ends, so names the backend did not announce (gRPC never
     * does) are added to that field now: on HTTP/2 and chunked HTTP/1.1 the head is already out
     * and only the trailer block follows. A fixed-length HTTP/1.1 response has no room for them.
     */
    @Override
    public void trailers(HttpFields trailers) {
        if (body instanceof OpenedOnWrite lazy && !lazy.opened()) {
            return; // an empty HTTP/1.1 body: see OpenedOnWrite
        }
        ServerResponseHeaders out = response.headers();
        List<String> announced = out.contains(HeaderNames.TRAILER)
                ? out.get(HeaderNames.TRAILER).allValues() : List.of();
        List<String> missing = new ArrayList<>();
        trailers.forEach((name, value) -> {
            if (announced.stream().noneMatch(name::equalsIgnoreCase) && missing.stream().noneMatch(name::equalsIgnoreCase)) {
                missing.add(name);
            }
        });
        if (!missing.isEmpty()) {
            List<String> all = new ArrayList<>(announced);
            all.addAll(missing);
            out.set(HeaderValues.create(HeaderNames.TRAILER, all));
        }
        var block = response.trailers();
        boolean octets = false;
        for (int i = 0, n = trailers.size(); i < n; i++) {
            octets = add(block, HeaderNames.create(trailers.name(i)), trailers.value(i), octets);
        }
    }

    @Override
    public boolean committed() {
        return committed || response.isSent();
    }
}
