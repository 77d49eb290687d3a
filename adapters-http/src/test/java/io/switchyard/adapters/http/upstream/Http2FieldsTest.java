package io.switchyard.adapters.http.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.helidon.http.HeaderValues;
import io.helidon.http.WritableHeaders;
import io.switchyard.adapters.http.upstream.Failures.MalformedResponse;
import io.switchyard.domain.http.HttpFields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The fields of an HTTP/2 backend's answer, as the proxy takes them (names and values checked once, here). */
class Http2FieldsTest {

    @Test
    void validFields_keptInOrderWithEveryValue() throws Exception {
        WritableHeaders<?> in = WritableHeaders.create();
        in.add(HeaderValues.create("content-type", "text/plain"));
        in.add(HeaderValues.create("set-cookie", "a=1", "b=2"));
        in.add(HeaderValues.create("x-tab", "a\tb \u00e9"));

        HttpFields out = Http2Exchange.fields(in);

        assertEquals("text/plain", out.first("Content-Type"));
        assertEquals(java.util.List.of("a=1", "b=2"), out.all("set-cookie"));
        assertEquals("a\tb \u00c3\u00a9", out.first("x-tab")); // é's UTF-8 octets
    }

    /**
     * HPACK strings arrive decoded: obs-text as UTF-8 characters or U+FFFD. Go relays such bytes;
     * the value goes on as its UTF-8 octets (one char per byte), which is what the backend sent.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "caf\u00e9.pdf | caf\u00c3\u00a9.pdf",
        "\u20ac 5      | \u00e2\u0082\u00ac 5",
        "\ufffd        | \u00ef\u00bf\u00bd",
        "a\u010Ab      | a\u00c4\u008ab",
        "plain ascii    | plain ascii"})
    void decodedObsText_goesOnAsItsOctets(String decoded, String octets) throws Exception {
        WritableHeaders<?> in = WritableHeaders.create();
        in.add(HeaderValues.create("content-disposition", decoded));

        assertEquals(octets, Http2Exchange.fields(in).first("content-disposition"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "a\u0001b", "a\rb", "a\nb", "a\u007fb"})
    void controlCharacterInValue_refused(String value) {
        WritableHeaders<?> in = WritableHeaders.create();
        in.add(HeaderValues.create("x-bad", value));

        assertThrows(MalformedResponse.class, () -> Http2Exchange.fields(in));
    }

    @Test
    void nameThatIsNoToken_refused() {
        WritableHeaders<?> in = WritableHeaders.create();
        in.add(HeaderValues.create("x bad", "v"));

        assertThrows(MalformedResponse.class, () -> Http2Exchange.fields(in));
    }
}
