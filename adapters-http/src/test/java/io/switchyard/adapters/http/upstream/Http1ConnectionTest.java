package io.switchyard.adapters.http.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The write side of one upstream connection, read back from a real socket. */
class Http1ConnectionTest {

    @Test
    void writeLatin1_longerThanTheBuffer_lowEightBitsOfEveryCharInOrder() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 2 * Http1Connection.BUFFER_SIZE + 1000; i++) {
            text.append("X-Field-").append(i).append(": v\u00e9\u0141").append('\r').append('\n');
        }
        String head = text.toString();
        byte[] expected = new byte[head.length() + 2 + 4];
        for (int i = 0; i < head.length(); i++) {
            expected[i] = (byte) head.charAt(i); // U+0141 becomes 0x41, as on the wire before
        }
        System.arraycopy("\r\nend!".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, expected,
                head.length(), 6);

        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                    ByteArrayOutputStream all = new ByteArrayOutputStream();
                    in.transferTo(all);
                    return all.toByteArray();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SocketChannel ch = SocketChannel.open(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()))) {
                Http1Connection c = new Http1Connection(ch.socket());
                c.writeLatin1(head.substring(0, 10));
                c.writeLatin1(head.substring(10));
                c.writeCrlf();
                c.writeLatin1("end!");
                c.flush();
            }
            assertArrayEquals(expected, received.get());
        }
    }
}
