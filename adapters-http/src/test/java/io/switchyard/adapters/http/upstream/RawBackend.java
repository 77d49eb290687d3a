package io.switchyard.adapters.http.upstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted TCP server on 127.0.0.1 for wire-level tests: sees the exact bytes of each request
 * and answers whatever the test writes, including broken HTTP.
 */
public final class RawBackend implements AutoCloseable {
    /** What the server does with one accepted connection. */
    public interface Script {
        void serve(Conn conn) throws Exception;
    }

    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile Script script;

    private RawBackend(Script script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("raw-backend-accept").start(this::acceptLoop);
    }

    public static RawBackend start(Script script) throws IOException {
        return new RawBackend(script);
    }

    public void script(Script next) {
        this.script = next;
    }

    public int port() {
        return server.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    /** Request heads received so far (request line and fields, CRLFs kept, final empty line dropped). */
    public List<String> heads() {
        return heads;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                connections.incrementAndGet();
                open.add(s);
                Script current = script;
                Thread.ofVirtual().name("raw-backend-conn").start(() -> {
                    try (s) {
                        current.serve(new Conn(s, heads));
                    } catch (Exception ignored) {
                        // scripts may break connections on purpose
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }

    /** One accepted connection. */
    public static final class Conn {
        public final Socket socket;
        public final InputStream in;
        public final OutputStream out;
        private final List<String> heads;

        Conn(Socket socket, List<String> heads) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
            this.heads = heads;
        }

        /** Reads one request head up to the empty line; null at end of stream. */
        public String readHead() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                head.write(b);
                matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                        ? matched + 1 : 0;
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            text = text.substring(0, text.length() - 2);
            heads.add(text);
            return text;
        }

        public byte[] readBytes(int n) throws IOException {
            return in.readNBytes(n);
        }

        /** Reads a chunked body and returns the decoded bytes. */
        public byte[] readChunked() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String size = readLine();
                int n = Integer.parseInt(size.trim(), 16);
                if (n == 0) {
                    while (!readLine().isEmpty()) {
                        // trailers
                    }
                    return body.toByteArray();
                }
                body.write(in.readNBytes(n));
                readLine();
            }
        }

        private String readLine() throws IOException {
            StringBuilder sb = new StringBuilder();
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("eof");
                }
                if (b != '\r') {
                    sb.append((char) b);
                }
            }
            return sb.toString();
        }

        public void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
    }
}
