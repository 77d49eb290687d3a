package io.switchyard.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.domain.http.HttpFields;
import io.switchyard.ports.exchange.RequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bytes of fields at the entry point. Values are octet strings (one char per byte): obs-text
 * goes out and comes in byte for byte, as Go relays it, where Helidon's own types would write
 * {@code ?} and read U+FFFD. A character beyond Latin-1, which no reader produces, goes out as
 * {@code ?}, never as the low byte of the character: U+010A cut to one byte is LF, which would
 * split the response. HTTP/1.0 answers are written by Switchyard, HTTP/1.1 ones by Helidon (with
 * its own field validation switched off).
 */
class ResponseFieldBytesTest {
    private static final String HTTP11 = "GET / HTTP/1.1\r\nHost: a.test\r\nConnection: close\r\n\r\n";

    @ParameterizedTest
    @ValueSource(strings = {"GET / HTTP/1.0\r\n\r\n", "GET / HTTP/1.1\r\nHost: a.test\r\nConnection: close\r\n\r\n"})
    void characterBeyondLatin1_isAQuestionMark(String request) throws IOException {
        String answer = answer(request, exchange -> exchange.respond(200, new HttpFields().add("X-Odd", "a\u010Ab"),
                "ok".getBytes(StandardCharsets.US_ASCII)));

        assertTrue(answer.contains("\r\nX-Odd: a?b\r\n"), answer);
        assertFalse(answer.contains("\nb\r\n"), answer);
        assertEquals("ok", answer.substring(answer.indexOf("\r\n\r\n") + 4), answer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET / HTTP/1.0\r\n\r\n", HTTP11})
    void obsText_writtenByteForByte_repeatedNamesKeptInOrder(String request) throws IOException {
        HttpFields fields = new HttpFields()
                .add("Set-Cookie", "a=1")
                .add("Content-Disposition", "attachment; filename=\"r\u00c3\u00a9sum\u00c3\u00a9.pdf\"")
                .add("Set-Cookie", "b=caf\u00e9")
                .add("Set-Cookie", "c=3")
                .add("X-Plain", "ascii");

        String answer = answer(request, exchange -> exchange.respond(200, fields, "ok".getBytes(StandardCharsets.US_ASCII)));

        assertTrue(answer.contains("\r\nContent-Disposition: attachment; filename=\"r\u00c3\u00a9sum\u00c3\u00a9.pdf\"\r\n"),
                answer);
        int a = answer.indexOf("\r\nSet-Cookie: a=1\r\n");
        int b = answer.indexOf("\r\nSet-Cookie: b=caf\u00e9\r\n");
        int c = answer.indexOf("\r\nSet-Cookie: c=3\r\n");
        assertTrue(a >= 0 && b > a && c > b, answer);
        assertTrue(answer.contains("\r\nX-Plain: ascii\r\n"), answer);
        assertEquals("ok", answer.substring(answer.indexOf("\r\n\r\n") + 4), answer);
    }

    /** Trailers of a chunked HTTP/1.1 answer go out through the same writer as the head. */
    @Test
    void obsTextInTrailers_writtenByteForByte() throws IOException {
        String answer = answer("GET / HTTP/1.1\r\nHost: a.test\r\nTE: trailers\r\nConnection: close\r\n\r\n",
                exchange -> {
                    try (OutputStream body = exchange.respond(200, new HttpFields().add("Trailer", "X-Sum"), -1)) {
                        body.write("ok".getBytes(StandardCharsets.US_ASCII));
                        exchange.trailers(new HttpFields().add("X-Sum", "\u00e9t\u00e9").add("X-Sum", "plain"));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });

        String tail = answer.substring(answer.indexOf("\r\n0\r\n") + 2);
        assertTrue(tail.contains("\r\nX-Sum: \u00e9t\u00e9\r\nX-Sum: plain\r\n"), answer);
    }

    /**
     * What the client sent reaches the exchange as its octets: Helidon decodes HTTP/1.1 values as
     * US-ASCII (U+FFFD for each byte from 0x80 on), the exchange reads the first value of a field
     * again from its bytes; a repeated field's later values Helidon decoded before Switchyard sees
     * them, and they arrive as U+FFFD's UTF-8. HTTP/1.0 requests are read by Switchyard itself.
     */
    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1", "HTTP/1.0"})
    void requestObsText_reachesTheExchangeAsOctets(String version) throws IOException {
        List<HttpFields> seen = new CopyOnWriteArrayList<>();
        answer("GET / " + version + "\r\nHost: a.test\r\nX-Name:  J\u00c3\u00bcrgen \t\r\nX-Two: caf\u00e9\r\n"
                        + "X-Two: \u00e9\r\nX-Ascii: plain\r\nConnection: close\r\n\r\n",
                exchange -> {
                    seen.add(exchange.requestHeaders());
                    exchange.respond(200, new HttpFields(), "ok".getBytes(StandardCharsets.US_ASCII));
                });

        HttpFields got = seen.getFirst();
        assertEquals("J\u00c3\u00bcrgen", got.first("X-Name"));
        assertEquals("plain", got.first("X-Ascii"));
        String second = version.equals("HTTP/1.1") ? "\u00ef\u00bf\u00bd" : "\u00e9";
        assertEquals(List.of("caf\u00e9", second), got.all("X-Two"));
    }

    private static String answer(String request, RequestHandler handler) throws IOException {
        try (DataPlane plane = DataPlane.start(List.of(new EntryPointBinding("web", "127.0.0.1", 0)),
                handler, Map.of(), Duration.ZERO);
             Socket socket = new Socket("127.0.0.1", plane.port("web"))) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return readAnswer(socket.getInputStream());
        }
    }

    /** One answer, up to the end of its body (by length, chunked framing or the connection's end). */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder got = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            got.append((char) b);
            int end = got.indexOf("\r\n\r\n");
            if (end < 0) {
                continue;
            }
            String head = got.substring(0, end + 2).toLowerCase(Locale.ROOT);
            int length = head.indexOf("\r\ncontent-length: ");
            if (length >= 0) {
                int from = length + "\r\ncontent-length: ".length();
                int n = Integer.parseInt(head.substring(from, head.indexOf('\r', from)));
                if (got.length() == end + 4 + n) {
                    break;
                }
            } else if (head.contains("\r\ntransfer-encoding: chunked\r\n")) {
                int last = got.indexOf("\r\n0\r\n", end);
                if (last >= 0 && got.indexOf("\r\n\r\n", last + 2) >= 0) {
                    break;
                }
            }
        }
        return got.toString();
    }
}
