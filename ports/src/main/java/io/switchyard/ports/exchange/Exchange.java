package io.switchyard.ports.exchange;

import io.switchyard.domain.http.HttpFields;
import io.switchyard.domain.rule.RequestFacts;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One client request and the means to answer it, as the server adapter presents them. The request
 * side doubles as the {@link RequestFacts} rules look at.
 */
public interface Exchange extends RequestFacts {
    /** The entry point (listener) name the request arrived on. */
    String entryPoint();

    /** The raw (still percent-encoded) path, after entry-point normalisation. */
    String rawPath();

    /** {@code HTTP/1.1} or {@code HTTP/2.0}. */
    String protocol();

    /** Whether the client connection is TLS. */
    boolean secure();

    /** The client's header fields; the handler may rewrite them in place before forwarding. */
    HttpFields requestHeaders();

    /** The peer port. */
    int clientPort();

    /** The request body stream. */
    InputStream requestBody();

    /** The request body length, or -1 when unknown (chunked / HTTP/2 without length). */
    long requestContentLength();

    /**
     * Commits the response head and returns the body stream. {@code contentLength} -1 means unknown
     * (chunked on HTTP/1.1). Close the stream to end the response.
     */
    OutputStream respond(int status, HttpFields headers, long contentLength);

    /** Sends a complete small response in one go. */
    void respond(int status, HttpFields headers, byte[] body);

    /**
     * Flushes what has been written to the body stream to the client now.
     */
    void flush();

    /** Sends trailer fields after the body (before the body stream is closed). */
    void trailers(HttpFields trailers);

    /** Whether the response head was already sent. */
    boolean committed();
}
