package io.switchyard.ports.runtime;

import io.switchyard.domain.http.HttpFields;
import io.switchyard.ports.exchange.Exchange;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * An exchange that counts the body bytes read from the client and sent to it, as Traefik's
 * metrics ({@code *_requests_bytes_total}, {@code *_responses_bytes_total}) and access log
 * ({@code RequestContentSize}, {@code DownstreamContentSize}) count them: bodies only, not heads,
 * and not what passes through a connection after {@code 101 Switching Protocols}. Used only when
 * something observes the traffic. A body may be read on another thread than the one answering
 * (a request body sent to the backend while its answer is read); each count has one writer, and
 * {@link RoutingRuntime} reads them after the exchange has ended.
 */
final class MeteredExchange implements Exchange {
    private final Exchange exchange;
    private volatile long requestBytes;
    private volatile long responseBytes;

    MeteredExchange(Exchange exchange) {
        this.exchange = exchange;
    }

    /** Request body bytes read so far. */
    long requestBytes() {
        return requestBytes;
    }

    /** Response body bytes written so far. */
    long responseBytes() {
        return responseBytes;
    }

    @Override
    public InputStream requestBody() {
        return new FilterInputStream(exchange.requestBody()) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    requestBytes++;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                if (n > 0) {
                    requestBytes += n;
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                requestBytes += Math.max(0, skipped);
                return skipped;
            }
        };
    }

    @Override
    public OutputStream respond(int status, HttpFields headers, long contentLength) {
        return new FilterOutputStream(exchange.respond(status, headers, contentLength)) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                responseBytes++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                responseBytes += len;
            }
        };
    }

    @Override
    public void respond(int status, HttpFields headers, byte[] body) {
        exchange.respond(status, headers, body);
        responseBytes += body.length;
    }

    @Override
    public String entryPoint() {
        return exchange.entryPoint();
    }

    @Override
    public String method() {
        return exchange.method();
    }

    @Override
    public String rawPath() {
        return exchange.rawPath();
    }

    @Override
    public String rawQuery() {
        return exchange.rawQuery();
    }

    @Override
    public String authority() {
        return exchange.authority();
    }

    @Override
    public String protocol() {
        return exchange.protocol();
    }

    @Override
    public boolean secure() {
        return exchange.secure();
    }

    @Override
    public HttpFields requestHeaders() {
        return exchange.requestHeaders();
    }

    @Override
    public String clientIp() {
        return exchange.clientIp();
    }

    @Override
    public int clientPort() {
        return exchange.clientPort();
    }

    @Override
    public long requestContentLength() {
        return exchange.requestContentLength();
    }

    @Override
    public void flush() {
        exchange.flush();
    }

    @Override
    public void trailers(HttpFields trailers) {
        exchange.trailers(trailers);
    }

    @Override
    public boolean committed() {
        return exchange.committed();
    }

    @Override
    public boolean upgradable() {
        return exchange.upgradable();
    }

    @Override
    public Optional<Tunnel> switchProtocols(HttpFields headers) {
        return exchange.switchProtocols(headers);
    }
}
