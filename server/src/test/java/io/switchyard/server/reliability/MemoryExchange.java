package io.switchyard.server.reliability;

import io.switchyard.domain.http.HttpFields;
import io.switchyard.ports.exchange.Exchange;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A GET request in memory, for driving the routing runtime without sockets. */
final class MemoryExchange implements Exchange {
    private final String host;
    private final String path;
    private final HttpFields headers = new HttpFields();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private boolean committed;
    int status;

    MemoryExchange(String host, String path) {
        this.host = host;
        this.path = path;
    }

    String text() {
        return written.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String entryPoint() {
        return "web";
    }

    @Override
    public String method() {
        return "GET";
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
        return "192.0.2.1";
    }

    @Override
    public int clientPort() {
        return 40000;
    }

    @Override
    public InputStream requestBody() {
        return InputStream.nullInputStream();
    }

    @Override
    public long requestContentLength() {
        return 0;
    }

    @Override
    public OutputStream respond(int status, HttpFields headers, long contentLength) {
        this.status = status;
        committed = true;
        return written;
    }

    @Override
    public void respond(int status, HttpFields headers, byte[] body) {
        this.status = status;
        committed = true;
        written.writeBytes(body);
    }

    @Override
    public void flush() {
    }

    @Override
    public void trailers(HttpFields trailers) {
    }

    @Override
    public boolean committed() {
        return committed;
    }
}
