package io.switchyard.ports.upstream;

import java.util.Objects;

/**
 * An exchange with a server failed. Adapters translate their library's exceptions into one of
 * these; the {@link Failure} decides the status the client gets (spec: proxy.md §4.8).
 */
public final class UpstreamException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Failure failure;
    private final boolean tls;
    private final boolean nothingSent;

    public UpstreamException(Failure failure, String message, Throwable cause) {
        this(failure, false, message, cause);
    }

    /**
     * A failure that may concern TLS.
     *
     * @param tls whether TLS failed (certificate verification, handshake, TLS records): such
     *            failures need an operator and are logged at error level (spec: proxy.md §4.8)
     */
    public UpstreamException(Failure failure, boolean tls, String message, Throwable cause) {
        this(failure, tls, message, cause, false);
    }

    /**
     * A failure that may have happened before the request left.
     *
     * @param tls         see {@link #tls()}
     * @param nothingSent true only when the server cannot have taken the request (see
     *                    {@link #nothingSent()})
     */
    public UpstreamException(Failure failure, boolean tls, String message, Throwable cause, boolean nothingSent) {
        super(message, cause);
        this.failure = Objects.requireNonNull(failure, "failure");
        this.tls = tls;
        this.nothingSent = nothingSent;
    }

    public UpstreamException(Failure failure, String message) {
        this(failure, message, null);
    }

    /** What went wrong, as far as the client's status is concerned. */
    public Failure failure() {
        return failure;
    }

    /** Whether TLS failed (verification, handshake, records) rather than the connection or HTTP. */
    public boolean tls() {
        return tls;
    }

    /**
     * Whether the request failed before the server could take it: no connection could be opened
     * for it (refused, unreachable, name not resolved). This includes the keep-alive race where a
     * pooled connection turned out closed before any response byte and the new connection for the
     * second attempt could not be opened, a case Go's client also treats as safe to resend for
     * idempotent requests (spec: proxy.md §4.9). False whenever that is not certain.
     */
    public boolean nothingSent() {
        return nothingSent;
    }

    /** Kinds of failure and the status each maps to. */
    public enum Failure {
        /** The server closed the connection before or while sending the response head. */
        EOF(502, "Bad Gateway"),
        /** Connection refused, reset, no route, DNS failure. */
        CONNECT(502, "Bad Gateway"),
        /** Dial, TLS handshake or response-header timeout. */
        TIMEOUT(504, "Gateway Timeout"),
        /** The client went away; nobody reads the answer, it is logged as 499. */
        CLIENT_GONE(499, "Client Closed Request"),
        /** TLS verification failure, malformed response, protocol error, unsupported scheme. */
        OTHER(500, "Internal Server Error");

        private final int status;
        private final String text;

        Failure(int status, String text) {
            this.status = status;
            this.text = text;
        }

        /** The HTTP status the client receives. */
        public int status() {
            return status;
        }

        /** The status text, which is also the response body. */
        public String text() {
            return text;
        }
    }
}
