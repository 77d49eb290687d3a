package io.switchyard.domain.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class HostHeaderTest {

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"example.com", "EXAMPLE.com:8080", "[::1]:80", "[fe80::1%25eth0]", "a_b-c~d.test",
            "!$&'()*+,;=", "a..b:1:2" /* no structure check, as Go */, "" /* empty is accepted, as Go */})
    void valid_hostBytesOnly_accepted(String value) {
        assertTrue(HostHeader.valid(value));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"app.test/admin", "evil@app.test", "a b", "a\"b", "a<b>", "a{b}", "a|b", "a\\b", "a^b",
            "a`b", "a#b", "a?b", "bücher.test", "a\u007fb"})
    void valid_otherBytes_refused(String value) {
        assertFalse(HostHeader.valid(value));
    }

    @Test
    void valid_controlCharacters_refused() {
        for (char c = 0; c < 0x20; c++) {
            assertFalse(HostHeader.valid("a" + c + "b"), "code " + (int) c);
        }
    }
}
