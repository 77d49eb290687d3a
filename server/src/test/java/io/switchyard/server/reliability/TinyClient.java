package io.switchyard.server.reliability;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 client for load loops: one request at a time, either on one keep-alive
 * connection (reopened after the server said {@code Connection: close}) or on a new connection per
 * request. It never retries: a keep-alive connection the server drops unannounced is a failure.
 */
final class TinyClient implements AutoCloseable {
    /** A response: status and body. */
    record Response(int status, String body) {
    }

    private final int port;
    private final boolean keepAlive;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    TinyClient(int port, boolean keepAlive) {
        this.port = port;
        this.keepAlive = keepAlive;
    }

    Response get(String host, String path) throws IOException {
        return send("GET", host, path, "");
    }

    /** Sends a request with extra header lines ({@code "Name: value\r\n"} each). */
    Response send(String method, String host, String path, String extraHeaders) throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            return exchange(method, host, path, extraHeaders);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        } finally {
            if (!keepAlive) {
                close();
            }
        }
    }

    private void connect() throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        in = new BufferedInputStream(socket.getInputStream(), 4096);
        out = socket.getOutputStream();
    }

    private Response exchange(String method, String host, String path, String extraHeaders) throws IOException {
        String request = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders
                + (keepAlive ? "" : "Connection: close\r\n") + "\r\n";
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String statusLine = line();
        if (statusLine == null) {
            throw new EOFException("connection closed before a response");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String h = line(); h != null && !h.isEmpty(); h = line()) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(h.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            } else if (lower.startsWith("connection:") && lower.contains("close")) {
                close = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (method.equals("HEAD") || status == 204 || status == 304) {
            // no body
        } else if (chunked) {
            for (int n = Integer.parseInt(line().trim(), 16); n > 0; n = Integer.parseInt(line().trim(), 16)) {
                body.write(in.readNBytes(n));
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            byte[] b = in.readNBytes((int) length);
            if (b.length < length) {
                throw new EOFException("body ended after " + b.length + " of " + length + " bytes");
            }
            body.write(b);
        } else {
            body.write(in.readAllBytes());
            close = true;
        }
        if (close) {
            close();
        }
        return new Response(status, body.toString(StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
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

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
