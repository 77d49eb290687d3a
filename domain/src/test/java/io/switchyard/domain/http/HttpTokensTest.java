package io.switchyard.domain.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpTokensTest {

    @Test
    void tokenChars_exactlyRfc9110Tchar() {
        String tchar = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for (int c = -1; c < 0x300; c++) {
            assertEquals(c >= 0 && tchar.indexOf(c) >= 0, HttpTokens.isTokenChar(c), "char " + c);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "X-Custom_1", "!#$%&'*+-.^_`|~", "a"})
    void tokens(String s) {
        assertTrue(HttpTokens.isToken(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bad Name", "X(y)", "X:y", "X-\u00dc", "a\tb", "x\"", "x/y", "{", "x@y"})
    void notTokens(String s) {
        assertFalse(HttpTokens.isToken(s));
    }

    @Test
    void range_checksOnlyTheRange_emptyRangeIsVacuouslyTrue() {
        assertTrue(HttpTokens.isToken("X-A: b c", 0, 3));
        assertFalse(HttpTokens.isToken("X-A: b c", 0, 5));
        assertTrue(HttpTokens.isToken("anything", 2, 2));
    }

    @Test
    void trimOws_spacesAndTabsOnly() {
        assertEquals("a b", HttpTokens.trimOws("X: \t a b \t", 2));
        assertEquals("", HttpTokens.trimOws("X:   ", 2));
        assertEquals("v\r", HttpTokens.trimOws(" v\r", 0));
        assertEquals("", HttpTokens.trimOws("X:", 2));
    }

    @Test
    void listsToken_elementsOfACommaList_caseAndWhitespaceIgnored() {
        assertTrue(HttpTokens.listsToken("keep-alive", "keep-alive"));
        assertTrue(HttpTokens.listsToken("Upgrade,\t KEEP-ALIVE ", "keep-alive"));
        assertTrue(HttpTokens.listsToken("a, ,close", "close"));
        assertFalse(HttpTokens.listsToken("keep-alive-ish, x", "keep-alive"));
        assertFalse(HttpTokens.listsToken("not keep-alive", "keep-alive"));
        assertFalse(HttpTokens.listsToken("", "close"));
    }

    @Test
    void hasToken_anyFieldOfThatName() {
        HttpFields f = new HttpFields().add("Connection", "Upgrade").add("connection", "close");
        assertTrue(HttpTokens.hasToken(f, "Connection", "close"));
        assertFalse(HttpTokens.hasToken(f, "Connection", "keep-alive"));
        assertFalse(HttpTokens.hasToken(f, "TE", "close"));
    }

    @Test
    void fieldText_noControlsNoDel_spaceAndTabOnlyWhenAllowed() {
        assertTrue(HttpTokens.isFieldText("a b\tc\u00e9", true));
        assertFalse(HttpTokens.isFieldText("a b", false));
        assertFalse(HttpTokens.isFieldText("a\tb", false));
        assertTrue(HttpTokens.isFieldText("/a?b=c", false));
        for (String bad : new String[] {"a\rb", "a\nb", "a\u0000b", "a\u007fb", "a\u0141b"}) {
            assertFalse(HttpTokens.isFieldText(bad, true), bad);
        }
    }

    @Test
    void fieldValue_noControlsNoDel_decodedObsTextAllowed() {
        for (String good : new String[] {"", "a b\tc", "caf\u00e9", "\u20ac", "\ufffd", "a\u010Ab"}) {
            assertTrue(HttpTokens.isFieldValue(good), good);
        }
        for (String bad : new String[] {"a\rb", "a\nb", "a\u0000b", "a\u001fb", "a\u007fb"}) {
            assertFalse(HttpTokens.isFieldValue(bad), bad);
        }
    }

    @Test
    void fieldValueByte_controlsAndDelRefused_obsTextAllowed() {
        for (int b = 0; b < 256; b++) {
            boolean expected = b == '\t' || b >= 0x20 && b != 0x7f;
            assertEquals(expected, HttpTokens.isFieldValueByte((byte) b), "byte " + b);
        }
    }

    /** Octet strings hold one char per byte; decoded text goes in as its UTF-8 and comes back out. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "plain ascii         | plain ascii",
        "caf\u00e9           | caf\u00c3\u00a9",
        "\u20ac              | \u00e2\u0082\u00ac",
        "\ud83d\ude00        | \u00f0\u009f\u0098\u0080",
        "\u0080              | \u00c2\u0080"})
    void octets_areTheUtf8Bytes_andTextReadsThemBack(String text, String octets) {
        assertEquals(octets, HttpTokens.octets(text));
        assertEquals(text, HttpTokens.text(octets));
        assertEquals(!text.equals(octets), HttpTokens.hasObsText(text));
    }

    @Test
    void asciiValues_returnedAsTheyAre() {
        String ascii = "text/plain; charset=utf-8";
        assertTrue(HttpTokens.octets(ascii) == ascii && HttpTokens.text(ascii) == ascii);
        assertFalse(HttpTokens.hasObsText(ascii + "\u007f"));
    }

    /** Bytes that spell no UTF-8 (a Latin-1 value) read as U+FFFD, as Go's regexp reads them. */
    @Test
    void text_ofBytesThatAreNoUtf8_hasReplacementCharacters() {
        assertEquals("caf\ufffd", HttpTokens.text("caf\u00e9"));
    }
}
