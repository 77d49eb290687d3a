package io.switchyard.domain.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class IpRangesTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "10.0.0.0/8,        10.1.2.3,          true",
        "10.0.0.0/8,        11.1.2.3,          false",
        "203.0.113.0/24,    203.0.113.7,       true",
        "203.0.113.7,       203.0.113.7,       true",
        "203.0.113.7,       203.0.113.8,       false",
        "10.0.0.0/8,        ::ffff:10.1.2.3,   true",
        "fd00::/8,          fd00::7,           true",
        "fd00::/8,          fe80::1,           false",
        "::1,               ::1,               true",
        "2001:db8::/32,     2001:db8:0:0:0:0:0:1, true",
        "0.0.0.0/0,         192.0.2.1,         true",
        "192.168.1.0/25,    192.168.1.127,     true",
        "192.168.1.0/25,    192.168.1.128,     false",
        "10.0.0.0/8,        not-an-ip,         false",
    })
    void contains(String range, String ip, boolean expected) {
        assertEquals(expected, IpRanges.parse(List.of(range)).contains(ip));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "example.com", "1.2.3", "::1::2", "10.0.0.0/x", "256.1.1.1"})
    void parse_rejectsBadEntries(String entry) {
        assertThrows(IllegalArgumentException.class, () -> IpRanges.parse(List.of(entry)));
    }
}
