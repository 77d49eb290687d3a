package io.switchyard.server.reliability;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server on a plain socket, one virtual thread per connection, that counts its
 * connections and records every request exactly as it arrived. Answers {@code 200 <name>}; the
 * path {@code /slow/MILLIS...} answers after that many milliseconds, {@code /hold...} when
 * {@link #release()} is called, and {@code /mirror...} sends the request's own {@code X-} field
 * lines back (byte for byte; not the {@code X-Forwarded-}/{@code X-Real-Ip} ones the proxy adds).
 */
final class TestBackend implements AutoCloseable {
    /** One request as this backend parsed it. */
    record Seen(String method, String target, List<String> headers, int bodyLength) {
        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            for (String h : headers) {
                if (h.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    return h.substring(prefix.length()).strip();
                }
            }
            return null;
        }
    }

    final String name;
    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger peakOpen = new AtomicInteger();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(1);
    private volatile boolean closed;

    private TestBackend(String name, ServerSocket server) {
        this.name = name;
        this.server = server;
        // a platform thread: a listener whose accepting virtual thread is parked keeps accepting
        // connections for a moment after close(), which a stopped backend must not
        Thread.ofPlatform().daemon().name("backend-" + name + "-accept").start(this::acceptLoop);
    }

    /** A backend on 127.0.0.1, any free port. */
    static TestBackend start(String name) throws IOException {
        return start(name, "127.0.0.1", 0);
    }

    /** A backend on {@code host:port}; reuses the address right after a previous backend closed. */
    static TestBackend start(String name, String host, int port) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(host), port), 4096);
        return new TestBackend(name, s);
    }

    int port() {
        return server.getLocalPort();
    }

    String host() {
        return server.getInetAddress().getHostAddress();
    }

    String url() {
        return "http://" + host() + ":" + port();
    }

    /** Connections open now. */
    int openConnections() {
        return open.size();
    }

    /** The most connections that were open at once. */
    int peakConnections() {
        return peakOpen.get();
    }

    int acceptedConnections() {
        return accepted.get();
    }

    /** Requests being answered now. */
    int inFlight() {
        return inFlight.get();
    }

    List<Seen> seen() {
        return seen;
    }

    /** Requests whose response was written completely. */
    int answered() {
        return answered.get();
    }

    /** Requests received and never answered (those a stop cut off). */
    int unanswered() {
        return seen.size() - answered.get();
    }

    /** Lets every held request (and those arriving later) answer. */
    void release() {
        gate.countDown();
    }

    /** Holds {@code /hold} requests again. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            open.add(s);
            peakOpen.accumulateAndGet(open.size(), Math::max);
            Thread.ofVirtual().name("backend-" + name + "-conn").start(() -> serve(s));
        }
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream(), 8192);
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 8192);
            while (!closed) {
                String requestLine = line(in);
                if (requestLine == null) {
                    return;
                }
                List<String> headers = new ArrayList<>();
                for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
                    headers.add(l);
                }
                String[] parts = requestLine.split(" ", 3);
                Seen request = new Seen(parts[0], parts.length > 1 ? parts[1] : "", List.copyOf(headers), 0);
                int bodyLength = readBody(in, request);
                request = new Seen(request.method(), request.target(), request.headers(), bodyLength);
                seen.add(request);
                inFlight.incrementAndGet();
                try {
                    delay(request.target());
                    byte[] body = (name + "\n").getBytes(StandardCharsets.UTF_8);
                    boolean head = request.method().equals("HEAD");
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n" + mirrored(request)
                            + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    if (!head) {
                        out.write(body);
                    }
                    out.flush();
                    answered.incrementAndGet();
                } finally {
                    inFlight.decrementAndGet();
                }
                if ("close".equalsIgnoreCase(request.header("Connection"))) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client or close() ended the connection
        } finally {
            open.remove(s);
        }
    }

    /** For {@code /mirror…}: the request's {@code X-…} field lines as received, to send back. */
    private static String mirrored(Seen request) {
        if (!request.target().startsWith("/mirror")) {
            return "";
        }
        StringBuilder lines = new StringBuilder();
        for (String h : request.headers()) {
            if (h.regionMatches(true, 0, "X-", 0, 2) && !h.regionMatches(true, 0, "X-Forwarded-", 0, 12)
                    && !h.regionMatches(true, 0, "X-Real-Ip", 0, 9)) {
                lines.append(h).append("\r\n");
            }
        }
        return lines.toString();
    }

    private void delay(String target) throws InterruptedException {
        if (target.startsWith("/slow/")) {
            String ms = target.substring("/slow/".length()).replaceAll("[^0-9].*", "");
            Thread.sleep(Long.parseLong(ms));
        } else if (target.startsWith("/hold")) {
            if (!gate.await(60, TimeUnit.SECONDS)) {
                throw new InterruptedException("held for 60 s");
            }
        }
    }

    private static int readBody(InputStream in, Seen request) throws IOException {
        String length = request.header("Content-Length");
        if (length != null) {
            int n = Integer.parseInt(length);
            return in.readNBytes(n).length;
        }
        if ("chunked".equalsIgnoreCase(request.header("Transfer-Encoding"))) {
            int total = 0;
            while (true) {
                String size = line(in);
                if (size == null) {
                    throw new IOException("eof in chunked body");
                }
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    while (true) {
                        String trailer = line(in);
                        if (trailer == null || trailer.isEmpty()) {
                            return total;
                        }
                    }
                }
                total += in.readNBytes(n).length;
                line(in);
            }
        }
        return 0;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** Stops listening and drops every connection, as a killed pod would. */
    @Override
    public void close() throws IOException {
        closed = true;
        gate.countDown();
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
