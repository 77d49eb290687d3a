package io.switchyard.ports.upstream;

import io.switchyard.domain.http.HttpFields;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/** A server's response: head available at once, body streamed, trailers after the body. */
public interface UpstreamResponse extends AutoCloseable {
    /** The status code. */
    int status();

    /** The response header fields as received (hop-by-hop fields not yet removed). */
    HttpFields headers();

    /** The body length, or -1 when unknown. */
    long contentLength();

    /** The body; reading it to the end releases the connection for reuse. */
    InputStream body();

    /** Trailer fields; complete only after the body was read to its end. */
    HttpFields trailers();

    /**
     * After {@code 101 Switching Protocols}: the stream to the server on the new protocol, while
     * {@link #body()} carries the server's bytes until it closes. Empty for every other response
     * (and for adapters that cannot switch protocols). Closing the response closes the connection.
     */
    default Optional<OutputStream> upgradeOutput() {
        return Optional.empty();
    }

    /** Releases the connection (returned to the pool when the body was fully read). */
    @Override
    void close();
}
