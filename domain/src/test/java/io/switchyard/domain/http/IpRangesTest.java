package io.switchyard.domain.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Traefik's {@code ip.Checker} (Go's {@code net.ParseIP} / {@code net.ParseCIDR} for entries,
 * {@code netip.ParseAddr} for addresses), as used by trustedIPs (proxy.md §4.2) and ClientIP
 * (rules.md §5.4; the rule-level rows stay in RuleMatchTest and RuleParseTest).
 */
final class IpRangesTest {

    /** Every address: a valid one lies in one of these two blocks, an invalid one in neither. */
    private static final IpRanges EVERY_ADDRESS = IpRanges.parse(List.of("0.0.0.0/0", "::/0"));

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "10.0.0.0/8,          10.1.2.3,             true",
        "10.0.0.0/8,          11.1.2.3,             false",
        "203.0.113.0/24,      203.0.113.7,          true",
        "203.0.113.7,         203.0.113.7,          true",
        "203.0.113.7,         203.0.113.8,          false",
        "10.0.0.0/8,          ::ffff:10.1.2.3,      true",
        "fd00::/8,            fd00::7,              true",
        "fd00::/8,            fe80::1,              false",
        "::1,                 ::1,                  true",
        "2001:db8::/32,       2001:db8:0:0:0:0:0:1, true",
        "0.0.0.0/0,           192.0.2.1,            true",
        "192.168.1.0/25,      192.168.1.127,        true",
        "192.168.1.0/25,      192.168.1.128,        false",
        "10.0.0.0/8,          not-an-ip,            false",
        // net.IP.Equal: an IPv4 address equals its IPv4-mapped IPv6 form, both ways
        "10.1.2.3,            ::ffff:10.1.2.3,      true",
        "::ffff:10.1.2.3,     10.1.2.3,             true",
        "::,                  0.0.0.0,              false",
        // net.IPNet.Contains: an IPv4-mapped IPv6 network is the IPv4 block it maps...
        "::ffff:10.0.0.0/104, 10.9.9.9,             true",
        "::ffff:10.0.0.0/104, 11.0.0.1,             false",
        "::ffff:0:0/96,       192.0.2.1,            true",
        // ...any other IPv6 block never holds an IPv4 address, nor an IPv4 block an IPv6 one
        "::/0,                1.2.3.4,              false",
        "::/0,                ::ffff:1.2.3.4,       false",
        "::/0,                2001:db8::1,          true",
        "::fffe:0:0/95,       ::ffff:1.2.3.4,       false",
        "::fffe:0:0/95,       ::fffe:1.2.3.4,       true",
        "0.0.0.0/0,           2001:db8::1,          false",
        // host bits of a block are masked off; a prefix may have leading zeros (Go's dtoi)
        "10.1.2.3/8,          10.200.0.1,           true",
        "10.0.0.0/08,         10.1.2.3,             true",
        "2001:DB8::/32,       2001:db8::1,          true",
        "1:2:3:4:5:6:1.2.3.4, 1:2:3:4:5:6:102:304,  true",
        // an address may carry a zone (ignored); nothing else around it
        "fe80::1,             fe80::1%eth0,         true",
        "fe80::1,             fe80::1%,             false",
        "10.0.0.0/8,          10.1.2.3%eth0,        false",
        "10.0.0.0/8,          010.1.2.3,            false",
        "10.0.0.0/8,          '',                   false",
    })
    void contains(String range, String ip, boolean expected) {
        assertEquals(expected, IpRanges.parse(List.of(range)).contains(ip));
    }

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "1::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "0001::",
        "FFFF::", "::ffff:1.2.3.4", "::1.2.3.4", "1:2:3:4:5:6:1.2.3.4", "fe80::1%eth0", "0.0.0.0", "255.255.255.255"})
    void contains_goAddress_isRead(String ip) {
        assertTrue(EVERY_ADDRESS.contains(ip), ip);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "1.2.3.", ".1.2.3", "1..2.3", "01.2.3.4", "256.0.0.0",
        "1.2.3.4%eth0", "%eth0", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "1::2::3", ":1::", "1:", "00001::",
        "1:2:3:4:5:6:7:1.2.3.4", "1:2:3:4:5:1.2.3.4", "::1.2.3", "::1.2.3.4:5", "fe80::1%", "[::1]", " 1.2.3.4",
        "1.2.3.4 ", "g::", "\uff11::", "\uff11.2.3.4", "example.com"})
    void contains_notAGoAddress_isFalse(String ip) {
        assertFalse(EVERY_ADDRESS.contains(ip), ip);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "example.com", "1.2.3", "::1::2", "10.0.0.0/x", "256.1.1.1", "010.0.0.1",
        "fe80::1%eth0", "fe80::/10%eth0", "[::1]", " 10.0.0.0/8", "10.0.0.0/8 ", "10.0.0.0/", "10.0.0.0/+8",
        "10.0.0.0/-0", "::/129", "1.2.3.4/8/8", "/8", "", "10.0.0.0/99999999999"})
    void parse_rejectsBadEntries(String entry) {
        assertThrows(IllegalArgumentException.class, () -> IpRanges.parse(List.of(entry)));
    }

    @Test
    void parse_badEntry_isNamedWithWhatWasExpected() {
        var address = assertThrows(IllegalArgumentException.class,
                () -> IpRanges.parse(List.of("10.0.0.0/8", "example.com")));
        assertEquals("ip range: 'example.com' (expected: an IP address or CIDR block)", address.getMessage());
        var prefix = assertThrows(IllegalArgumentException.class, () -> IpRanges.parse(List.of("fd00::/200")));
        assertEquals("ip range: 'fd00::/200' (expected: a prefix length 0..128)", prefix.getMessage());
    }

    @Test
    void parse_noEntries_containsNothing() {
        IpRanges none = IpRanges.parse(List.of());
        assertTrue(none.isEmpty());
        assertFalse(none.contains("127.0.0.1"));
        assertFalse(IpRanges.parse(List.of("127.0.0.1")).isEmpty());
    }

    @Test
    void contains_severalEntries_anyOneMatches() {
        IpRanges ranges = IpRanges.parse(List.of("10.0.0.0/8", "2001:db8::/32", "192.0.2.1"));
        assertTrue(ranges.contains("2001:db8::5"));
        assertTrue(ranges.contains("::ffff:192.0.2.1"));
        assertFalse(ranges.contains("192.0.2.2"));
        assertEquals("[10.0.0.0/8, 2001:db8::/32, 192.0.2.1]", ranges.toString());
    }

    /** Matching runs per request (trustedIPs, ClientIP): it must not allocate. */
    @Test
    void contains_doesNotAllocate() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled());
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        IpRanges ranges = IpRanges.parse(List.of("10.0.0.0/8", "2001:db8::/32", "::ffff:192.0.2.1"));
        String[] peers = {"10.1.2.3", "2001:db8::7", "fe80::1%eth0", "192.0.2.1", "not-an-ip", "::ffff:10.0.0.1"};
        int hits = 0;
        for (int i = 0; i < 2_000; i++) {
            for (String peer : peers) {
                hits += ranges.contains(peer) ? 1 : 0;
            }
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            for (String peer : peers) {
                hits += ranges.contains(peer) ? 1 : 0;
            }
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(12_000 * 4, hits);
        assertTrue(allocated < 1_024, allocated + " bytes allocated by 60 000 matches");
    }
}
