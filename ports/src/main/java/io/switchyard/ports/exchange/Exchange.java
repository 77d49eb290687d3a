package io.switchyard.ports.exchange;

import io.switchyard.domain.http.HttpFields;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * One client request and the means to answer it, as the server adapter presents them: raw values
 * as received. Normalisation, routing facts and header rewriting are the runtime's job.
 */
public interface Exchange {
    /** The entry point (listener) name the request arrived on. */
    String entryPoint();

    /** The request method as received. */
    String method();

    /** The raw (still percent-encoded) path as received. */
    String rawPath();

    /** The raw query without {@code ?}; empty when there is none. */
    String rawQuery();

    /** The request authority: {@code Host} on HTTP/1.1, {@code :authority} on HTTP/2; empty if none. */
    String authority();

    /** {@code HTTP/1.1} or {@code HTTP/2.0}. */
    String protocol();

    /** Whether the client connection is TLS. */
    boolean secure();

    /** The client's header fields (a copy the handler may rewrite in place). */
    HttpFields requestHeaders();

    /** The TCP peer IP address as text, without port or zone. */
    String clientIp();

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

    /** Flushes what has been written to the body stream to the client now. */
    void flush();

    /** Sends trailer fields after the body (before the body stream is closed). */
    void trailers(HttpFields trailers);

    /** Whether the response head was already sent. */
    boolean committed();

    /**
     * Whether this exchange can switch protocols: an HTTP/1.1 upgrade request whose connection the
     * server adapter hands over (spec: proxy.md §4.6 step 2). False for HTTP/2 and for upgrade
     * types the adapter does not take over; such requests are forwarded without the upgrade.
     */
    default boolean upgradable() {
        return false;
    }

    /**
     * Sends {@code 101 Switching Protocols} with {@code headers} exactly as given and hands over the
     * client connection. Only when {@link #upgradable()}; at most once, instead of a response.
     *
     * @return the raw connection, or empty when this exchange cannot switch protocols
     */
    default Optional<Tunnel> switchProtocols(HttpFields headers) {
        return Optional.empty();
    }

    /**
     * A client connection after {@code 101 Switching Protocols}: raw bytes both ways. Closing it
     * closes the connection.
     */
    interface Tunnel extends AutoCloseable {
        /** Bytes from the client (including any sent right after the upgrade request). */
        InputStream fromClient();

        /** Bytes to the client; every write is sent at once. */
        OutputStream toClient();

        @Override
        void close();
    }
}
