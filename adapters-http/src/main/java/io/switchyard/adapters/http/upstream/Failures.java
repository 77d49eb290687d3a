package io.switchyard.adapters.http.upstream;

import io.helidon.http.http2.Http2Exception;
import io.switchyard.ports.upstream.UpstreamException;
import io.switchyard.ports.upstream.UpstreamException.Failure;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertPathValidatorException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Translates what went wrong during one exchange into {@link UpstreamException} (spec: proxy.md
 * §4.8). Messages name the server and the phase for the log; clients only ever see the status text.
 */
final class Failures {
    private Failures() {
    }

    /** The server's response could not be parsed. */
    static final class MalformedResponse extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedResponse(String message) {
            super(message);
        }
    }

    /** The server closed the connection before the response head was complete. */
    static final class ClosedBeforeHead extends EOFException {
        private static final long serialVersionUID = 1L;

        ClosedBeforeHead(String message) {
            super(message);
        }
    }

    /** Reading the client's request body failed: the client went away. */
    static final class ClientBodyFailed extends IOException {
        private static final long serialVersionUID = 1L;

        ClientBodyFailed(IOException cause) {
            super("reading the request body failed: " + cause.getMessage(), cause);
        }
    }

    /**
     * No connection could be opened: nothing of the request was written (the runtime may then send
     * an idempotent request to another server).
     */
    static final class DialFailed extends IOException {
        private static final long serialVersionUID = 1L;

        DialFailed(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    static UpstreamException of(String where, Throwable error) {
        if (error instanceof UpstreamException already) {
            return already;
        }
        Throwable e = error instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : error;
        boolean nothingSent = e instanceof DialFailed;
        if (nothingSent) {
            e = e.getCause();
        }
        Failure failure = classify(e);
        return new UpstreamException(failure, failure == Failure.OTHER && tls(e), where + ": " + describe(e), e,
                nothingSent);
    }

    /** Whether TLS itself failed: certificate checks, handshake or record errors. */
    private static boolean tls(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SSLException || c instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    static UpstreamException other(String message) {
        return new UpstreamException(Failure.OTHER, message);
    }

    static Failure classify(Throwable e) {
        return switch (e) {
            case ClientBodyFailed ignored -> Failure.CLIENT_GONE;
            case MalformedResponse ignored -> Failure.OTHER;
            case SocketTimeoutException ignored -> Failure.TIMEOUT;
            case StreamTimeout ignored -> Failure.TIMEOUT;
            case SSLPeerUnverifiedException ignored -> Failure.OTHER;
            case SSLHandshakeException h -> handshake(h);
            case SSLException s -> closedDuringTls(s) ? Failure.EOF : Failure.OTHER;
            case EOFException ignored -> Failure.EOF;
            case ConnectException ignored -> Failure.CONNECT;
            case NoRouteToHostException ignored -> Failure.CONNECT;
            case PortUnreachableException ignored -> Failure.CONNECT;
            case UnknownHostException ignored -> Failure.CONNECT;
            case InterruptedIOException ignored -> Failure.CLIENT_GONE;
            case SocketException ignored -> Failure.CONNECT;
            case IOException ignored -> Failure.CONNECT;
            case Http2Exception ignored -> Failure.OTHER;
            default -> Failure.OTHER;
        };
    }

    private static Failure handshake(SSLHandshakeException e) {
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof CertificateException || c instanceof CertPathValidatorException) {
                return Failure.OTHER;
            }
            if (c instanceof SocketTimeoutException) {
                return Failure.TIMEOUT;
            }
            if (c instanceof EOFException) {
                return Failure.EOF;
            }
        }
        return closedDuringTls(e) ? Failure.EOF : Failure.OTHER;
    }

    // JSSE reports a peer that hung up mid-handshake only through this message
    private static boolean closedDuringTls(SSLException e) {
        String m = e.getMessage();
        return m != null && m.contains("Remote host terminated the handshake");
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + m;
    }

    /** The response head did not arrive within {@code responseHeaderTimeout}. */
    static final class StreamTimeout extends IOException {
        private static final long serialVersionUID = 1L;

        StreamTimeout(String message) {
            super(message);
        }
    }
}
