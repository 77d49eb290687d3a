package io.switchyard.ports.runtime;

import io.switchyard.domain.http.HttpFields;
import io.switchyard.ports.exchange.Exchange;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A client exchange in memory: a request to send, and what the runtime answered. Shared with the
 * server's tests through this module's test jar.
 */
public final class FakeExchange implements Exchange {
    private final String method;
    private final String path;
    private final String host;
    private final String clientIp;
    private final HttpFields headers;
    private final InputStream body;
    private final long length;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private boolean committed;
    int status;
    HttpFields responseHeaders;
    HttpFields trailers;

    FakeExchange(String method, String host, String path, String clientIp, HttpFields headers, InputStream body,
                 long length) {
        this.method = method;
        this.host = host;
        this.path = path;
        this.clientIp = clientIp;
        this.headers = headers;
        this.body = body;
        this.length = length;
    }

    public static FakeExchange get(String host, String path) {
        return new FakeExchange("GET", host, path, "192.0.2.10", new HttpFields(), InputStream.nullInputStream(), 0);
    }

    static FakeExchange post(String host, String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new FakeExchange("POST", host, path, "192.0.2.10", new HttpFields(),
                new ByteArrayInputStream(bytes), bytes.length);
    }

    FakeExchange header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    /** The request body as the runtime sees it (to check it was not replaced by a copy). */
    InputStream bodyStream() {
        return body;
    }

    /** The response body as UTF-8. */
    public String text() {
        return written.toString(StandardCharsets.UTF_8);
    }

    /** The response status; 0 before the runtime answered. */
    public int status() {
        return status;
    }

    @Override
    public String entryPoint() {
        return "web";
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String rawPath() {
        return path;
    }

    @Override
    public String rawQuery() {
        return "";
    }

    @Override
    public String authority() {
        return host;
    }

    @Override
    public String protocol() {
        return "HTTP/1.1";
    }

    @Override
    public boolean secure() {
        return false;
    }

    @Override
    public HttpFields requestHeaders() {
        return headers;
    }

    @Override
    public String clientIp() {
        return clientIp;
    }

    @Override
    public int clientPort() {
        return 40000;
    }

    @Override
    public InputStream requestBody() {
        return body;
    }

    @Override
    public long requestContentLength() {
        return length;
    }

    @Override
    public OutputStream respond(int status, HttpFields headers, long contentLength) {
        head(status, headers);
        return written;
    }

    @Override
    public void respond(int status, HttpFields headers, byte[] bytes) {
        head(status, headers);
        written.writeBytes(bytes);
    }

    private void head(int status, HttpFields headers) {
        if (committed) {
            throw new IllegalStateException("responded twice");
        }
        committed = true;
        this.status = status;
        this.responseHeaders = headers;
    }

    @Override
    public void flush() {
    }

    @Override
    public void trailers(HttpFields trailers) {
        this.trailers = trailers;
    }

    @Override
    public boolean committed() {
        return committed;
    }
}
