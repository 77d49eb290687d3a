package io.switchyard.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.domain.http.HttpFields;
import io.switchyard.ports.exchange.RequestHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An HTTP/1.1 client that sends {@code Connection: close} gets its answer and then the end of the
 * connection, as from Go; requests it sent after that one are not answered. Keep-alive
 * connections stay open.
 */
class ConnectionCloseTest {
    private static final Pattern STATUS = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");

    private DataPlane plane;

    /**
     * Answers {@code 200} with the path; {@code /read} reads the request body first, anything else
     * leaves it; {@code /stream} answers in two writes without a length (chunked).
     */
    private final RequestHandler handler = exchange -> {
        if (exchange.rawPath().equals("/stream")) {
            try (OutputStream body = exchange.respond(200, new HttpFields(), -1)) {
                body.write("part1".getBytes(StandardCharsets.US_ASCII));
                body.flush();
                body.write("part2".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        if (exchange.rawPath().equals("/read")) {
            try {
                exchange.requestBody().readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        exchange.respond(200, new HttpFields(), ("answer " + exchange.rawPath()).getBytes(StandardCharsets.US_ASCII));
    };

    @BeforeEach
    void start() {
        plane = DataPlane.start(List.of(new EntryPointBinding("web", "127.0.0.1", 0)), handler, Map.of(), Duration.ZERO);
    }

    @AfterEach
    void stop() {
        plane.close();
    }

    @Test
    void connectionClose_answeredThenClosed_laterRequestsNotAnswered() throws IOException {
        Result r = exchange("GET /first HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"
                + "GET /second HTTP/1.1\r\nHost: a\r\n\r\n");

        assertTrue(r.closed, "the connection stayed open: " + r.text);
        assertEquals(List.of(200), r.statuses(), r.text);
        assertTrue(r.text.endsWith("answer /first"), r.text);
    }

    /** The end of a streamed answer is written when Helidon commits it: before the close. */
    @Test
    void connectionCloseWithAStreamedAnswer_wholeAnswerThenClosed() throws IOException {
        Result r = exchange("GET /stream HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");

        assertTrue(r.closed, "the connection stayed open: " + r.text);
        assertTrue(r.text.contains("\r\nTransfer-Encoding: chunked\r\n"), r.text);
        assertTrue(r.text.endsWith("\r\n\r\n5\r\npart1\r\n5\r\npart2\r\n0\r\n\r\n"), r.text);
    }

    @Test
    void connectionCloseAfterABodyThatWasRead_closed() throws IOException {
        Result r = exchange("POST /read HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");

        assertTrue(r.closed, "the connection stayed open: " + r.text);
        assertTrue(r.text.endsWith("answer /read"), r.text);
    }

    /**
     * Closing with the body unread would reset the connection under the answer, so the connection
     * is left for the client to close (on loopback the answer usually survives a reset, so the
     * open connection is what shows the rule).
     */
    @Test
    void connectionCloseWithAnUnreadBody_answerArrivesWhole_connectionLeftToTheClient() throws IOException {
        Result r = exchange("POST /left HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");

        assertEquals(List.of(200), r.statuses(), r.text);
        assertTrue(r.text.endsWith("answer /left"), r.text);
        assertFalse(r.closed, "closed with the request body unread: " + r.text);
    }

    @Test
    void keepAlive_connectionStaysOpenForTheNextRequest() throws IOException {
        Result r = exchange("GET /one HTTP/1.1\r\nHost: a\r\n\r\nGET /two HTTP/1.1\r\nHost: a\r\n\r\n");

        assertFalse(r.closed, r.text);
        assertEquals(List.of(200, 200), r.statuses(), r.text);
        assertTrue(r.text.endsWith("answer /two"), r.text);
    }

    private record Result(String text, boolean closed) {
        List<Integer> statuses() {
            Matcher m = STATUS.matcher(text);
            return m.results().map(x -> Integer.parseInt(x.group(1))).toList();
        }
    }

    /** Sends {@code raw}, then reads until the server closes or is quiet for a second. */
    private Result exchange(String raw) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", plane.port("web"))) {
            socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            socket.setSoTimeout(1000);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            boolean closed = false;
            try {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    got.write(buf, 0, n);
                }
                closed = true;
            } catch (SocketTimeoutException e) {
                // still open
            }
            return new Result(got.toString(StandardCharsets.ISO_8859_1), closed);
        }
    }
}
