package io.switchyard.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A client's request body as the runtime reads it. Helidon reports a body it cannot decode (a
 * malformed chunk) with an unchecked exception; readers of a body expect an {@link IOException}, so
 * this turns the one into the other and keeps Helidon's exception, which the data plane rethrows
 * once the handler has finished: Helidon then answers 400 and closes the connection, where the
 * failure would otherwise look like a backend's (500).
 */
final class ClientBody extends InputStream {
    private final InputStream in;
    private volatile RuntimeException failure;

    ClientBody(InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    /** Helidon's exception if the body could not be decoded, else null. */
    RuntimeException failure() {
        return failure;
    }

    @Override
    public int read() throws IOException {
        try {
            return in.read();
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public int available() throws IOException {
        try {
            return in.available();
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            in.close();
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    private IOException failed(RuntimeException e) {
        failure = e;
        return new IOException("malformed request body: " + e.getMessage(), e);
    }
}
