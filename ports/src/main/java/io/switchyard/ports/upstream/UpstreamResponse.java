package io.switchyard.ports.upstream;

import io.switchyard.domain.http.HttpFields;
import java.io.InputStream;

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

    /** Releases the connection (returned to the pool when the body was fully read). */
    @Override
    void close();
}
