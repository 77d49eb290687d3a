package io.switchyard.ports.runtime;

import io.switchyard.domain.http.HttpFields;
import io.switchyard.ports.exchange.Exchange;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A copy of a client request that outlives it, for a mirror (spec: balancing.md §2.9 step 6): the
 * request facts are snapshotted, the body is a buffered copy, and the response is discarded.
 */
final class DetachedExchange implements Exchange {
    private final String entryPoint;
    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final String authority;
    private final String protocol;
    private final boolean secure;
    private final HttpFields headers;
    private final String clientIp;
    private final int clientPort;
    private final byte[] body;
    private final long contentLength;
    private boolean committed;

    private DetachedExchange(DetachedExchange from, HttpFields headers, byte[] body, long contentLength) {
        this.entryPoint = from.entryPoint;
        this.method = from.method;
        this.rawPath = from.rawPath;
        this.rawQuery = from.rawQuery;
        this.authority = from.authority;
        this.protocol = from.protocol;
        this.secure = from.secure;
        this.clientIp = from.clientIp;
        this.clientPort = from.clientPort;
        this.headers = headers;
        this.body = body;
        this.contentLength = body.length == 0 ? 0 : contentLength;
    }

    private DetachedExchange(Exchange client, HttpFields headers) {
        this.entryPoint = client.entryPoint();
        this.method = client.method();
        this.rawPath = client.rawPath();
        this.rawQuery = client.rawQuery();
        this.authority = client.authority();
        this.protocol = client.protocol();
        this.secure = client.secure();
        this.clientIp = client.clientIp();
        this.clientPort = client.clientPort();
        this.headers = headers;
        this.body = new byte[0];
        this.contentLength = 0;
    }

    /**
     * Snapshots {@code client}'s request facts and a copy of {@code headers} now, while the client
     * request is alive; {@link #copy} makes the exchanges actually sent.
     */
    static DetachedExchange snapshot(Exchange client, HttpFields headers) {
        return new DetachedExchange(client, HttpFields.copyOf(headers));
    }

    /**
     * A fresh exchange for one mirror: its own copy of the headers and this body.
     *
     * @param contentLength the length to announce: the client's (so a chunked request stays
     *                      chunked); 0 is used when {@code body} is empty
     */
    DetachedExchange copy(byte[] body, long contentLength) {
        return new DetachedExchange(this, HttpFields.copyOf(headers), body, contentLength);
    }

    @Override
    public String entryPoint() {
        return entryPoint;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String rawPath() {
        return rawPath;
    }

    @Override
    public String rawQuery() {
        return rawQuery;
    }

    @Override
    public String authority() {
        return authority;
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public boolean secure() {
        return secure;
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
        return clientPort;
    }

    @Override
    public InputStream requestBody() {
        return new ByteArrayInputStream(body);
    }

    @Override
    public long requestContentLength() {
        return contentLength;
    }

    @Override
    public OutputStream respond(int status, HttpFields fields, long length) {
        committed = true;
        return OutputStream.nullOutputStream();
    }

    @Override
    public void respond(int status, HttpFields fields, byte[] bytes) {
        committed = true;
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
