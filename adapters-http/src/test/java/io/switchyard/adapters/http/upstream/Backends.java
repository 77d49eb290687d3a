package io.switchyard.adapters.http.upstream;

import static io.switchyard.adapters.http.upstream.Exchanges.patternByte;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The routing of the Helidon test backends (plain, h2c and TLS alike). Every response carries
 * {@code X-Port} (the client's source port, i.e. which connection served it) and {@code X-Proto}.
 */
final class Backends {
    /** Released by a test once it has the first part of the {@code /gate} download in hand. */
    static volatile CountDownLatch downloadGate = new CountDownLatch(1);
    /** Released by the backend once it received the first part of a {@code /gate-upload}. */
    static volatile CountDownLatch uploadGate = new CountDownLatch(1);

    static final int GATE_PART = 64 * 1024;

    private Backends() {
    }

    static void routing(HttpRouting.Builder r) {
        r.addFilter((chain, req, res) -> {
            if (req.remotePeer().address() instanceof InetSocketAddress peer) {
                res.header("X-Port", Integer.toString(peer.getPort()));
            }
            res.header("X-Proto", req.prologue().protocolVersion());
            chain.proceed();
        });
        r.get("/whoami", (req, res) -> res.send(req.remotePeer().tlsPrincipal()
                .map(java.security.Principal::getName).orElse("anonymous")));
        r.any("/target/*", (req, res) -> res.send(req.prologue().uriPath().rawPath() + "?" + req.query().rawValue()));
        r.any("/info", (req, res) -> {
            StringBuilder sb = new StringBuilder(req.prologue().method().text());
            req.headers().forEach(h -> sb.append('\n').append(h.name()).append(": ").append(h.values()));
            res.send(sb.toString());
        });
        r.any("/download", (req, res) -> {
            long n = Long.parseLong(req.query().get("n"));
            boolean fixed = req.query().contains("fixed");
            if (fixed) {
                res.header(HeaderNames.CONTENT_LENGTH, Long.toString(n));
            }
            if (req.prologue().method() == Method.HEAD) {
                res.send();
                return;
            }
            try (OutputStream out = res.outputStream()) {
                writePattern(out, n);
            }
        });
        r.post("/upload", (req, res) -> {
            long count = Exchanges.drainPattern(req.content().inputStream());
            res.send(Long.toString(count));
        });
        r.get("/gate", (req, res) -> {
            try (OutputStream out = res.outputStream()) {
                out.write("first".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (!downloadGate.await(10, TimeUnit.SECONDS)) {
                    return; // the proxy side waited for the whole body: the test fails on length
                }
                out.write("second".getBytes(StandardCharsets.US_ASCII));
            }
        });
        r.post("/gate-upload", (req, res) -> {
            InputStream in = req.content().inputStream();
            byte[] first = in.readNBytes(GATE_PART);
            uploadGate.countDown();
            long rest = Exchanges.drainPatternFrom(in, first.length);
            res.send(Long.toString(first.length + rest));
        });
        r.get("/trailers", (req, res) -> {
            res.header(HeaderNames.TRAILER, "X-Checksum");
            try (OutputStream out = res.outputStream()) {
                out.write("body".getBytes(StandardCharsets.US_ASCII));
                res.trailers().set(HeaderNames.create("X-Checksum"), "c0ffee");
            }
        });
        r.post("/slow-after-body", (req, res) -> {
            req.content().inputStream().readAllBytes();
            Thread.sleep(3000);
            res.send("late");
        });
        r.get("/slow", (req, res) -> {
            Thread.sleep(3000);
            res.send("late");
        });
    }

    static void writePattern(OutputStream out, long n) throws IOException {
        byte[] chunk = new byte[16 * 1024];
        long written = 0;
        while (written < n) {
            int len = (int) Math.min(chunk.length, n - written);
            for (int i = 0; i < len; i++) {
                chunk[i] = (byte) patternByte(written + i);
            }
            out.write(chunk, 0, len);
            written += len;
        }
    }
}
