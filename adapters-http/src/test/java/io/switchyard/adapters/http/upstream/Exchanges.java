package io.switchyard.adapters.http.upstream;

import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.config.ServersTransportConfig.ForwardingTimeouts;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.domain.http.ServerAddress;
import io.switchyard.ports.upstream.UpstreamRequest;
import io.switchyard.ports.upstream.UpstreamResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Builders for requests and transports, and body helpers, shared by the upstream tests. */
final class Exchanges {
    private Exchanges() {
    }

    static UpstreamRequest get(ServerAddress server, ServersTransportConfig transport, String target) {
        return request(server, transport, "GET", target, new HttpFields().add("Host", server.authority()),
                InputStream.nullInputStream(), 0);
    }

    static UpstreamRequest request(ServerAddress server, ServersTransportConfig transport, String method,
                                   String target, HttpFields headers, InputStream body, long length) {
        return new UpstreamRequest(server, "test", transport, method, target, headers, body, length);
    }

    static HttpFields host(ServerAddress server) {
        return new HttpFields().add("Host", server.authority());
    }

    /** A CRD-style transport (2 idle connections per host) with the given forwarding timeouts. */
    static ServersTransportConfig transport(Duration dial, Duration responseHeader, Duration idle) {
        return new ServersTransportConfig("", false, List.of(), List.of(), 0,
                Optional.of(new ForwardingTimeouts(dial, responseHeader, idle, Duration.ZERO, Duration.ofSeconds(15))),
                false, "", List.of(), List.of(), "", "", Optional.empty());
    }

    static String bodyText(UpstreamResponse response) {
        try (InputStream in = response.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    /** Byte {@code i} of a test body: a pattern that shows shifted, lost or duplicated bytes. */
    static int patternByte(long i) {
        return (int) (i % 251);
    }

    /** Reads {@code in} to its end checking it is the pattern; returns the number of bytes. */
    static long drainPattern(InputStream in) throws IOException {
        return drainPatternFrom(in, 0);
    }

    /** Like {@link #drainPattern} for a stream whose first {@code offset} pattern bytes were consumed. */
    static long drainPatternFrom(InputStream in, long offset) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long count = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            for (int i = 0; i < n; i++) {
                if ((buf[i] & 0xff) != patternByte(offset + count + i)) {
                    throw new AssertionError("byte " + (offset + count + i) + " is " + (buf[i] & 0xff));
                }
            }
            count += n;
        }
        return count;
    }

    /** A body of {@code length} pattern bytes, generated as read (never held in memory). */
    static class PatternStream extends InputStream {
        private final long length;
        long pos;

        PatternStream(long length) {
            this.length = length;
        }

        long position() {
            return pos;
        }

        @Override
        public int read() {
            return pos < length ? patternByte(pos++) : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - pos);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) patternByte(pos + i);
            }
            pos += n;
            return n;
        }
    }

    /**
     * A pattern body that stops after {@code gateAt} bytes until {@code gate} opens: the server must
     * receive the first part before the client produces the rest, so nothing may buffer the body.
     */
    static final class GatedPatternStream extends PatternStream {
        private final long gateAt;
        private final CountDownLatch gate;

        GatedPatternStream(long length, long gateAt, CountDownLatch gate) {
            super(length);
            this.gateAt = gateAt;
            this.gate = gate;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pos == gateAt) {
                try {
                    if (!gate.await(10, TimeUnit.SECONDS)) {
                        throw new IOException("the server never saw the first part: the body was buffered");
                    }
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            long limit = pos < gateAt ? gateAt - pos : len;
            return super.read(b, off, (int) Math.min(len, limit));
        }
    }
}
