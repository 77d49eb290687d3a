package io.switchyard.server.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.RequestException;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectTransportRequest;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.ports.exchange.Exchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;

/** Presents a Helidon request/response pair as an {@link Exchange}. One per request. */
final class HelidonExchange implements Exchange {
    private final String entryPoint;
    private final ServerRequest request;
    private final ServerResponse response;
    private HttpFields headers;
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

    @Override
    public String rawPath() {
        return absoluteForm().map(AbsoluteForm::path).orElseGet(() -> request.prologue().uriPath().rawPath());
    }

    private Optional<AbsoluteForm> absoluteForm() {
        if (absoluteForm == null) {
            absoluteForm = AbsoluteForm.parse(request.prologue().uriPath().rawPath());
        }
        return absoluteForm;
    }

    @Override
    public String rawQuery() {
        return request.prologue().query().rawValue();
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
        return request.prologue().protocol() + "/" + request.prologue().protocolVersion();
    }

    @Override
    public boolean secure() {
        return request.isSecure();
    }

    @Override
    public HttpFields requestHeaders() {
        if (headers == null) {
            var in = request.headers();
            HttpFields fields = new HttpFields(in.size() + 8);
            for (Header h : in) {
                String name = h.name();
                if (h.valueCount() == 1) {
                    fields.add(name, h.get());
                } else {
                    for (String v : h.allValues()) {
                        fields.add(name, v);
                    }
                }
            }
            headers = fields;
        }
        return headers;
    }

    @Override
    public String clientIp() {
        SocketAddress address = request.remotePeer().address();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            String ip = inet.getAddress().getHostAddress();
            int zone = ip.indexOf('%');
            return zone < 0 ? ip : ip.substring(0, zone);
        }
        return address.toString();
    }

    @Override
    public int clientPort() {
        return request.remotePeer().port();
    }

    @Override
    public InputStream requestBody() {
        if (clientBody == null) {
            clientBody = new ClientBody(request.content().inputStream());
        }
        return clientBody;
    }

    /**
     * Rethrows Helidon's exception if the request body could not be decoded and no response has
     * been sent, so that Helidon answers 400 and closes the connection (see {@link ClientBody}).
     */
    void rethrowMalformedBody() {
        RuntimeException failure = clientBody == null ? null : clientBody.failure();
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
        }
        body = response.outputStream();
        return body;
    }

    @Override
    public void respond(int status, HttpFields fields, byte[] bytes) {
        boolean head = bytes.length == 0 && "HEAD".equals(method());
        head(status, fields, head);
        response.send(bytes);
    }

    private void head(int status, HttpFields fields, boolean keepContentLength) {
        committed = true;
        response.status(Status.create(status));
        ServerResponseHeaders out = response.headers();
        for (int i = 0, n = fields.size(); i < n; i++) {
            String name = fields.name(i);
            HeaderName hn = HeaderNames.create(name);
            if (!keepContentLength && hn.equals(HeaderNames.CONTENT_LENGTH)) {
                continue; // Helidon frames the body itself from what we send
            }
            out.add(HeaderValues.create(hn, fields.value(i)));
        }
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

    @Override
    public void trailers(HttpFields trailers) {
        var out = response.trailers();
        trailers.forEach((name, value) -> out.add(HeaderValues.create(HeaderNames.create(name), value)));
    }

    @Override
    public boolean committed() {
        return committed || response.isSent();
    }
}
