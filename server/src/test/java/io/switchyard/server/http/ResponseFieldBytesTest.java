package io.switchyard.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.domain.http.HttpFields;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A field value reaching the entry point with a character beyond Latin-1 (an HTTP/2 backend's
 * UTF-8 value, decoded) goes out as {@code ?}, never as the low byte of the character: U+010A
 * cut to one byte is LF, which would split the response. HTTP/1.0 answers are written by
 * Switchyard, HTTP/1.1 ones by Helidon (with its own field validation switched off).
 */
class ResponseFieldBytesTest {

    @ParameterizedTest
    @ValueSource(strings = {"GET / HTTP/1.0\r\n\r\n", "GET / HTTP/1.1\r\nHost: a.test\r\nConnection: close\r\n\r\n"})
    void characterBeyondLatin1_isAQuestionMark(String request) throws IOException {
        try (DataPlane plane = DataPlane.start(List.of(new EntryPointBinding("web", "127.0.0.1", 0)),
                exchange -> exchange.respond(200, new HttpFields().add("X-Odd", "a\u010Ab"),
                        "ok".getBytes(StandardCharsets.US_ASCII)),
                Map.of(), Duration.ZERO);
             Socket socket = new Socket("127.0.0.1", plane.port("web"))) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readHeadAndTwoBytes(socket.getInputStream());

            assertTrue(answer.contains("\r\nX-Odd: a?b\r\n"), answer);
            assertFalse(answer.contains("\nb\r\n"), answer);
            assertEquals("ok", answer.substring(answer.indexOf("\r\n\r\n") + 4), answer);
        }
    }

    /** The head and the two-byte body, however the connection is then kept or closed. */
    private static String readHeadAndTwoBytes(InputStream in) throws IOException {
        StringBuilder got = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            got.append((char) b);
            int end = got.indexOf("\r\n\r\n");
            if (end >= 0 && got.length() == end + 4 + 2) {
                break;
            }
        }
        return got.toString();
    }
}
