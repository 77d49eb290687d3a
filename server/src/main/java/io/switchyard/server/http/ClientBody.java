package io.switchyard.server.http;

import io.helidon.http.RequestException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A client's request body as the runtime reads it, opened on the first read (Helidon answers
 * {@code Expect: 100-continue} as soon as the stream is opened, and the client must only be told
 * to send once the backend asked for the body: spec proxy.md §4.9).
 *
 * <p>Helidon reports failures unchecked; readers of a body expect an {@link IOException}, which the
 * upstream turns into 499 (client gone). A body Helidon could not decode (a malformed chunk) is
 * the client's error, not its absence: its exception is kept, and the data plane rethrows it once
 * the handler has finished, so that Helidon answers 400 and closes the connection.
 */
final class ClientBody extends InputStream {
    private final Supplier<InputStream> open;
    private InputStream in;
    private volatile RuntimeException malformed;

    ClientBody(Supplier<InputStream> open) {
        this.open = Objects.requireNonNull(open, "open");
    }

    /** Helidon's exception if the body could not be decoded, else null. */
    RuntimeException malformed() {
        return malformed;
    }

    private InputStream in() {
        if (in == null) {
            in = open.get();
        }
        return in;
    }

    @Override
    public int read() throws IOException {
        try {
            return in().read();
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return in().read(b, off, len);
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public int available() throws IOException {
        try {
            return in == null ? 0 : in.available();
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (in != null) {
                in.close();
            }
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    private IOException failed(RuntimeException e) {
        // decoding errors: Helidon's own, or a chunk size its parser could not read
        if (e instanceof RequestException || e instanceof IllegalArgumentException) {
            malformed = e;
            return new IOException("malformed request body: " + e.getMessage(), e);
        }
        return new IOException("reading the request body failed: " + e.getMessage(), e);
    }
}
