package io.switchyard.server.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A client connection on a plain socket: exact bytes out, everything that comes back in. */
final class Wire implements AutoCloseable {
    private static final Pattern STATUS_LINE = Pattern.compile("(?m)^HTTP/1\\.[01] (\\d{3})");

    final Socket socket;
    private final InputStream in;

    private Wire(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    static Wire open(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setTcpNoDelay(true);
        return new Wire(s);
    }

    Wire send(String raw) throws IOException {
        return send(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    Wire send(byte[] raw) throws IOException {
        socket.getOutputStream().write(raw);
        socket.getOutputStream().flush();
        return this;
    }

    /** Says "no more requests" (FIN) while still reading. */
    Wire halfClose() throws IOException {
        socket.shutdownOutput();
        return this;
    }

    /** What came back, and whether the server closed (or reset) the connection. */
    record Result(String text, boolean closed) {
        /** The status of every response, in order. */
        List<Integer> statuses() {
            List<Integer> out = new ArrayList<>();
            Matcher m = STATUS_LINE.matcher(text);
            while (m.find()) {
                out.add(Integer.parseInt(m.group(1)));
            }
            return out;
        }
    }

    /**
     * Reads until the server closes the connection, or nothing arrived for {@code quiet}, or
     * {@code max} passed.
     */
    Result read(Duration quiet, Duration max) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + max.toNanos();
        byte[] buf = new byte[8192];
        boolean closed = false;
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout((int) Math.max(1, Math.min(quiet.toMillis(), (deadline - System.nanoTime()) / 1_000_000)));
            try {
                int n = in.read(buf);
                if (n < 0) {
                    closed = true;
                    break;
                }
                got.write(buf, 0, n);
            } catch (SocketTimeoutException e) {
                break;
            } catch (SocketException e) {
                closed = true; // reset
                break;
            }
        }
        return new Result(got.toString(StandardCharsets.ISO_8859_1), closed);
    }

    /** Whether the server closes the connection within {@code timeout} (data before that is skipped). */
    boolean closedWithin(Duration timeout) throws IOException {
        return read(timeout, timeout).closed();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
