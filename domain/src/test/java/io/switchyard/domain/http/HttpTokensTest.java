package io.switchyard.domain.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
}
