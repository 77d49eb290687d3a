package io.switchyard.server.http;

import java.time.Duration;
import java.util.Objects;

/**
 * What one client connection may cost the entry points: the size of a request head and how long a
 * connection may sit idle or dribble its header section (see docs/reliability.md).
 *
 * <p>Deliberate deviations from Traefik (Go's {@code http.Server}): Go allows 1 MiB for the request
 * line and header fields together and answers 431 beyond; we bound the two separately and lower
 * (414 for the request line, 431 for the header section). Traefik's {@code readTimeout} (60 s)
 * bounds the whole request including its body; we bound the header section only (a slow body
 * holds one virtual thread and one backend connection, nothing more).
 *
 * @param maxRequestLine    bytes of the request line ({@code GET /path HTTP/1.1}); longer is 414
 * @param maxHeaderSize     bytes of the header section; larger is 431
 * @param idleTimeout       how long a keep-alive connection may wait for its next request (or
 *                          for the rest of a request line) before it is closed; Traefik's
 *                          {@code respondingTimeouts.idleTimeout}, 180 s
 * @param readHeaderTimeout how long the header fields may take to arrive after the request line;
 *                          the connection is closed beyond
 */
public record ConnectionLimits(int maxRequestLine, int maxHeaderSize, Duration idleTimeout,
                               Duration readHeaderTimeout) {
    /** 16 KiB request line, 64 KiB header section, 180 s idle, 60 s for the header section. */
    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(16 * 1024, 64 * 1024,
            Duration.ofSeconds(180), Duration.ofSeconds(60));

    public ConnectionLimits {
        if (maxRequestLine < 64) {
            throw new IllegalArgumentException("maxRequestLine: " + maxRequestLine + " (expected: >= 64)");
        }
        if (maxHeaderSize < 64) {
            throw new IllegalArgumentException("maxHeaderSize: " + maxHeaderSize + " (expected: >= 64)");
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(readHeaderTimeout, "readHeaderTimeout");
        if (!idleTimeout.isPositive()) {
            throw new IllegalArgumentException("idleTimeout: " + idleTimeout + " (expected: > 0)");
        }
        if (!readHeaderTimeout.isPositive()) {
            throw new IllegalArgumentException("readHeaderTimeout: " + readHeaderTimeout + " (expected: > 0)");
        }
    }

    public ConnectionLimits withMaxRequestLine(int maxRequestLine) {
        return new ConnectionLimits(maxRequestLine, maxHeaderSize, idleTimeout, readHeaderTimeout);
    }

    public ConnectionLimits withMaxHeaderSize(int maxHeaderSize) {
        return new ConnectionLimits(maxRequestLine, maxHeaderSize, idleTimeout, readHeaderTimeout);
    }

    public ConnectionLimits withIdleTimeout(Duration idleTimeout) {
        return new ConnectionLimits(maxRequestLine, maxHeaderSize, idleTimeout, readHeaderTimeout);
    }

    public ConnectionLimits withReadHeaderTimeout(Duration readHeaderTimeout) {
        return new ConnectionLimits(maxRequestLine, maxHeaderSize, idleTimeout, readHeaderTimeout);
    }
}
