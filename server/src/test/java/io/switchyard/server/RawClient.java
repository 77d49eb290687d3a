package io.switchyard.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An HTTP/1.1 client on a plain socket for tests that need exact bytes: any header (Connection,
 * TE, Expect, X_Underscores), any target, and the response as it arrived (interim responses,
 * framing, trailers).
 */
final class RawClient implements AutoCloseable {
    final Socket socket;
    final InputStream in;
    final OutputStream out;

    RawClient(int port) throws IOException {
        this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(15_000);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** One response: status, header lines as received, body (de-chunked), trailer lines. */
    record Response(int status, List<String> headers, byte[] body, List<String> trailers) {
        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            for (String h : headers) {
                if (h.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    return h.substring(prefix.length()).strip();
                }
            }
            return null;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Reads a status line and fields only. */
    Response readHead() throws IOException {
        String status = line();
        if (status == null) {
            throw new IOException("connection closed before a response");
        }
        List<String> headers = new ArrayList<>();
        for (String l = line(); l != null && !l.isEmpty(); l = line()) {
            headers.add(l);
        }
        return new Response(Integer.parseInt(status.substring(9, 12)), headers, new byte[0], List.of());
    }

    /** Reads a whole final response (interim ones are skipped), for a request of {@code method}. */
    Response read(String method) throws IOException {
        Response head = readHead();
        while (head.status() >= 100 && head.status() < 200 && head.status() != 101) {
            head = readHead();
        }
        if (method.equals("HEAD") || head.status() == 204 || head.status() == 304 || head.status() == 101) {
            return head;
        }
        String te = head.header("Transfer-Encoding");
        if (te != null && te.equalsIgnoreCase("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            List<String> trailers = new ArrayList<>();
            while (true) {
                String size = line();
                int semi = size.indexOf(';');
                int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
                if (n == 0) {
                    for (String l = line(); l != null && !l.isEmpty(); l = line()) {
                        trailers.add(l);
                    }
                    return new Response(head.status(), head.headers(), body.toByteArray(), trailers);
                }
                body.write(in.readNBytes(n));
                line();
            }
        }
        String length = head.header("Content-Length");
        byte[] body = length != null ? in.readNBytes(Integer.parseInt(length)) : in.readAllBytes();
        return new Response(head.status(), head.headers(), body, List.of());
    }

    /** A line without its CRLF; null at end of stream. */
    String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
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

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
