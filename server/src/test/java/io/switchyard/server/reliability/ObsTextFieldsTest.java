package io.switchyard.server.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.server.Switchyard;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Field values with obs-text — bytes from 0x80 on: a UTF-8 name, a Latin-1 cookie — travel through
 * Switchyard byte for byte, as Go relays them: from the client to the backend and back, over
 * HTTP/1.1 (Helidon's connection) and HTTP/1.0 (Switchyard's own), through a real route. Strings
 * here hold one char per byte, as the wire carries them.
 */
final class ObsTextFieldsTest {
    /** "Jürgen" in UTF-8. */
    private static final String UTF8 = "J\u00c3\u00bcrgen";
    /** "café" in Latin-1. */
    private static final String LATIN1 = "caf\u00e9";

    private static TestBackend app;
    private static Switchyard switchyard;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        app = TestBackend.start("app");
        switchyard = Switchyard.start(new Routes()
                .route("app", "Host(`app.test`)", "app")
                .route("exact", "Host(`exact.test`) && Header(`X-Name`, `Jürgen`)", "app")
                .route("regexp", "Host(`regexp.test`) && HeaderRegexp(`X-Name`, `^J.rgen$`)", "app")
                .service("app", app.url())
                .settings()
                .build());
        port = switchyard.port("web");
    }

    @AfterAll
    static void stop() throws Exception {
        switchyard.close();
        app.close();
    }

    private static Wire.Result exchange(String raw) throws IOException {
        try (Wire w = Wire.open(port)) {
            w.send(raw);
            return w.read(Duration.ofSeconds(3), Duration.ofSeconds(5));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1", "HTTP/1.0"})
    void obsText_relayedByteForByte_toTheBackendAndBack(String version) throws IOException {
        int before = app.seen().size();

        Wire.Result r = exchange("GET /mirror " + version + "\r\nHost: app.test\r\nX-Name: " + UTF8
                + "\r\nX-Latin: \t" + LATIN1 + " \r\nX-Plain: ascii\r\nConnection: close\r\n\r\n");

        assertEquals(List.of(200), r.statuses(), r.text());
        TestBackend.Seen seen = app.seen().get(before);
        assertEquals(UTF8, seen.header("X-Name"));
        assertEquals(LATIN1, seen.header("X-Latin"));
        assertEquals("ascii", seen.header("X-Plain"));
        assertTrue(r.text().contains("\r\nX-Name: " + UTF8 + "\r\n"), r.text());
        assertTrue(r.text().contains("\r\nX-Latin: " + LATIN1 + "\r\n"), r.text());
        assertTrue(r.text().contains("\r\nX-Plain: ascii\r\n"), r.text());
    }

    /**
     * Go compares a {@code Header} rule's value with the field's bytes, so only the UTF-8 spelling
     * matches; its regexp reads the bytes as UTF-8 and a byte that is no UTF-8 as one U+FFFD, which
     * {@code .} matches.
     */
    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
        "exact.test,  J\u00c3\u00bcrgen, 200",
        "exact.test,  J\u00fcrgen,       404",
        "exact.test,  J?rgen,            404",
        "regexp.test, J\u00c3\u00bcrgen, 200",
        "regexp.test, J\u00fcrgen,       200",
        "regexp.test, J\u00c3\u00bc\u00c3\u00bcrgen, 404"})
    void headerRules_readTheBytesAsGoDoes(String host, String name, int status) throws IOException {
        Wire.Result r = exchange("GET /x HTTP/1.1\r\nHost: " + host + "\r\nX-Name: " + name
                + "\r\nConnection: close\r\n\r\n");

        assertEquals(List.of(status), r.statuses(), r.text());
    }
}
