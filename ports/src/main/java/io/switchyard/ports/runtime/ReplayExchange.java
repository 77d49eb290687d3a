package io.switchyard.ports.runtime;

import io.switchyard.domain.balance.StatusRanges;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.ports.exchange.Exchange;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * The client's exchange with the request body replaced (by a buffered copy, or by bytes already
 * read followed by the rest of the stream), optionally diverting the response: a final status in
 * {@code divert} is swallowed with its headers, body and trailers, so that the caller can send the
 * request elsewhere (spec: balancing.md §2.10). Everything else goes to the client unchanged,
 * trailers included.
 */
final class ReplayExchange implements Exchange {
    private final Exchange client;
    private final Supplier<InputStream> body;
    private final long contentLength;
    private final StatusRanges divert;
    private boolean diverted;

    ReplayExchange(Exchange client, Supplier<InputStream> body, long contentLength, StatusRanges divert) {
        this.client = client;
        this.body = body;
        this.contentLength = contentLength;
        this.divert = divert;
    }

    /** Whether the response was swallowed because its status is in the divert ranges. */
    boolean diverted() {
        return diverted;
    }

    @Override
    public String entryPoint() {
        return client.entryPoint();
    }

    @Override
    public String method() {
        return client.method();
    }

    @Override
    public String rawPath() {
        return client.rawPath();
    }

    @Override
    public String rawQuery() {
        return client.rawQuery();
    }

    @Override
    public String authority() {
        return client.authority();
    }

    @Override
    public String protocol() {
        return client.protocol();
    }

    @Override
    public boolean secure() {
        return client.secure();
    }

    @Override
    public HttpFields requestHeaders() {
        return client.requestHeaders();
    }

    @Override
    public String clientIp() {
        return client.clientIp();
    }

    @Override
    public int clientPort() {
        return client.clientPort();
    }

    @Override
    public InputStream requestBody() {
        return body.get();
    }

    @Override
    public long requestContentLength() {
        return contentLength;
    }

    @Override
    public OutputStream respond(int status, HttpFields headers, long length) {
        if (divert(status)) {
            return OutputStream.nullOutputStream();
        }
        return client.respond(status, headers, length);
    }

    @Override
    public void respond(int status, HttpFields headers, byte[] bytes) {
        if (!divert(status)) {
            client.respond(status, headers, bytes);
        }
    }

    private boolean divert(int status) {
        // Interim responses never reach the exchange, so the first status seen is the final one.
        if (!diverted && !client.committed() && divert.contains(status)) {
            diverted = true;
        }
        return diverted;
    }

    @Override
    public void flush() {
        if (!diverted) {
            client.flush();
        }
    }

    @Override
    public void trailers(HttpFields trailers) {
        // Deliberate deviation (balancing.md §2.10 QUIRK): Traefik loses main's trailers on this path.
        if (!diverted) {
            client.trailers(trailers);
        }
    }

    @Override
    public boolean committed() {
        return diverted || client.committed();
    }
}
