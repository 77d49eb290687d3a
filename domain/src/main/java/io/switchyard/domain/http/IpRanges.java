package io.switchyard.domain.http;

import java.util.List;
import java.util.Objects;

/**
 * A set of IP addresses and CIDR blocks, read and matched exactly as Traefik's {@code ip.Checker}
 * does; Traefik uses that one checker for both {@code ClientIP} rules (rules.md §5.4) and an entry
 * point's {@code forwardedHeaders.trustedIPs} (proxy.md §4.2), so both use this type.
 *
 * <p>An entry is Go's {@code net.ParseIP}, else {@code net.ParseCIDR}: no surrounding blanks, no
 * brackets, no IPv6 zone, no leading zero in an IPv4 field. A matched address is Go's
 * {@code netip.ParseAddr} (an IPv6 zone is accepted and ignored). Matching follows
 * {@code net.IP.Equal} and {@code net.IPNet.Contains}: an IPv4 address equals its IPv4-mapped IPv6
 * form, an IPv4 block also holds IPv4-mapped IPv6 addresses, an IPv6 block whose network is
 * IPv4-mapped (such as {@code ::ffff:10.0.0.0/104}) is the IPv4 block it maps, and any other IPv6
 * block never holds an IPv4 address ({@code ::/0} does not hold {@code 1.2.3.4}). Parsing never
 * resolves names; matching does not allocate.
 */
public final class IpRanges {
    private static final IpRanges NONE = new IpRanges(List.of(), new Range[0]);
    /** The low half of {@code ::ffff:0.0.0.0}: an IPv4 address in its 16-byte form. */
    private static final long V4_MAPPED = 0xFFFF_0000_0000L;
    private static final long UPPER_32 = 0xFFFF_FFFF_0000_0000L;
    private static final int CHECK = 0;
    private static final int HIGH = 1;
    private static final int LOW = 2;

    private final List<String> entries;
    private final Range[] ranges;

    private IpRanges(List<String> entries, Range[] ranges) {
        this.entries = entries;
        this.ranges = ranges;
    }

    /**
     * The addresses and blocks in {@code entries}.
     *
     * @throws IllegalArgumentException naming the first entry that is neither an IP address nor a
     *                                  CIDR block
     */
    public static IpRanges parse(List<String> entries) {
        List<String> copy = List.copyOf(Objects.requireNonNull(entries, "entries"));
        if (copy.isEmpty()) {
            return NONE;
        }
        Range[] ranges = new Range[copy.size()];
        for (int i = 0; i < ranges.length; i++) {
            ranges[i] = Range.parse(copy.get(i));
        }
        return new IpRanges(copy, ranges);
    }

    /** Whether the set is empty. */
    public boolean isEmpty() {
        return ranges.length == 0;
    }

    /** Whether the textual address {@code ip} is one of the addresses or lies in one of the blocks; false for unparsable text. */
    public boolean contains(String ip) {
        if (ranges.length == 0 || scan(ip, true, CHECK) == 0) {
            return false;
        }
        long hi = scan(ip, true, HIGH);
        long lo = scan(ip, true, LOW);
        boolean v4 = isV4(hi, lo);
        for (Range range : ranges) {
            if (range.contains(hi, lo, v4)) {
                return true;
            }
        }
        return false;
    }

    /** The entries, as given. */
    @Override
    public String toString() {
        return entries.toString();
    }

    private static boolean isV4(long hi, long lo) {
        return hi == 0 && (lo & UPPER_32) == V4_MAPPED;
    }

    /**
     * One entry as a 128-bit network and mask (a single address has a full mask; IPv4 is held in
     * its IPv4-mapped form, so the mask's upper 96 bits demand an IPv4 address).
     *
     * @param v6Only an IPv6 block, which never holds an IPv4 address ({@code net.IPNet.Contains})
     */
    private record Range(long hi, long lo, long maskHi, long maskLo, boolean v6Only) {

        static Range parse(String entry) {
            if (scan(entry, false, CHECK) != 0) {
                return new Range(scan(entry, false, HIGH), scan(entry, false, LOW), -1L, -1L, false);
            }
            int slash = entry.indexOf('/');
            String address = slash < 0 ? "" : entry.substring(0, slash);
            if (scan(address, false, CHECK) == 0) {
                throw new IllegalArgumentException("ip range: '" + entry + "' (expected: an IP address or CIDR block)");
            }
            boolean is4 = address.indexOf(':') < 0;
            int bits = is4 ? 32 : 128;
            int length = prefixLength(entry, slash + 1);
            if (length < 0 || length > bits) {
                throw new IllegalArgumentException("ip range: '" + entry + "' (expected: a prefix length 0.." + bits + ")");
            }
            int ones = is4 ? 96 + length : length;
            long maskHi = mask(ones);
            long maskLo = mask(ones - 64);
            long hi = scan(address, false, HIGH) & maskHi;
            long lo = scan(address, false, LOW) & maskLo;
            return new Range(hi, lo, maskHi, maskLo, !isV4(hi, lo));
        }

        boolean contains(long ipHi, long ipLo, boolean ipIsV4) {
            return ((ipHi ^ hi) & maskHi) == 0 && ((ipLo ^ lo) & maskLo) == 0 && !(v6Only && ipIsV4);
        }

        /** A 64-bit mask with its first {@code ones} bits set. */
        private static long mask(int ones) {
            return ones <= 0 ? 0 : ones >= 64 ? -1L : -1L << (64 - ones);
        }

        /** Go's {@code dtoi} over the rest of the text: decimal digits only, at least one; -1 if not. */
        private static int prefixLength(String text, int from) {
            if (from >= text.length()) {
                return -1;
            }
            int n = 0;
            for (int i = from; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                n = n * 10 + c - '0';
                if (n > 128) {
                    return n; // too long for any block; stop before it can overflow
                }
            }
            return n;
        }
    }

    /**
     * Go's {@code netip.ParseAddr} over {@code text}, an IPv6 zone accepted (and dropped) only if
     * {@code allowZone}. With {@link #CHECK}: 1 if {@code text} is an address, else 0. With
     * {@link #HIGH} or {@link #LOW}: that half of its 16-byte form (IPv4 as IPv4-mapped IPv6), 0 when
     * it is none — ask {@link #CHECK} first, as 0 is also a valid half. Reading the text once per
     * half, rather than returning both halves in an object, is what keeps matching allocation-free.
     */
    private static long scan(String text, boolean allowZone, int want) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                long v4 = ipv4(text, 0, text.length());
                if (v4 < 0) {
                    return 0;
                }
                return want == CHECK ? 1 : want == HIGH ? 0 : V4_MAPPED | v4;
            }
            if (c == ':') {
                return ipv6(text, allowZone, want);
            }
            if (c == '%') {
                return 0;
            }
        }
        return 0;
    }

    /** Go's {@code parseIPv4Fields}: four decimal fields 0..255 without leading zeros; the 32-bit value, or -1. */
    private static long ipv4(String s, int from, int to) {
        long value = 0;
        int fields = 0;
        int field = 0;
        int digits = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits == 1 && field == 0) {
                    return -1;
                }
                field = field * 10 + c - '0';
                digits++;
                if (field > 255) {
                    return -1;
                }
            } else if (c == '.') {
                if (i == from || i == to - 1 || s.charAt(i - 1) == '.' || fields == 3) {
                    return -1;
                }
                value = value << 8 | field;
                fields++;
                field = 0;
                digits = 0;
            } else {
                return -1;
            }
        }
        return fields == 3 ? value << 8 | field : -1;
    }

    /** Go's {@code parseIPv6}, answering as {@link #scan} does. */
    private static long ipv6(String in, boolean allowZone, int want) {
        int end = in.length();
        int zone = in.indexOf('%');
        if (zone >= 0) {
            if (!allowZone || zone == end - 1) {
                return 0;
            }
            end = zone;
        }
        long hi = 0; // fields before "::", in place
        long lo = 0;
        long tailHi = 0; // fields after "::", right-aligned
        long tailLo = 0;
        int ellipsis = -1;
        int p = 0;
        if (end >= 2 && in.charAt(0) == ':' && in.charAt(1) == ':') {
            ellipsis = 0;
            p = 2;
            if (p == end) {
                return want == CHECK ? 1 : 0;
            }
        }
        int i = 0; // bytes read
        while (i < 16) {
            int off = 0;
            int acc = 0;
            while (p + off < end) {
                char c = in.charAt(p + off);
                int digit = c < 128 ? Character.digit(c, 16) : -1;
                if (digit < 0) {
                    break;
                }
                if (off == 4) {
                    return 0;
                }
                acc = acc << 4 | digit;
                off++;
            }
            if (off == 0) {
                return 0;
            }
            long field;
            int width;
            if (p + off < end && in.charAt(p + off) == '.') {
                if (ellipsis < 0 && i != 12 || i + 4 > 16) {
                    return 0;
                }
                field = ipv4(in, p, end);
                if (field < 0) {
                    return 0;
                }
                width = 4;
                p = end;
            } else {
                field = acc;
                width = 2;
                p += off;
            }
            if (ellipsis < 0) {
                if (i < 8) {
                    hi |= field << 8 * (8 - i - width);
                } else {
                    lo |= field << 8 * (16 - i - width);
                }
            } else {
                int bits = 8 * width;
                tailHi = tailHi << bits | tailLo >>> (64 - bits);
                tailLo = tailLo << bits | field;
            }
            i += width;
            if (p == end) {
                break;
            }
            if (in.charAt(p) != ':' || p + 1 == end) {
                return 0;
            }
            p++;
            if (in.charAt(p) == ':') {
                if (ellipsis >= 0) {
                    return 0;
                }
                ellipsis = i;
                p++;
                if (p == end) {
                    break;
                }
            }
        }
        // all text read; "::" stands for at least one zero field, and only then may fields be missing
        if (p != end || (i < 16) != (ellipsis >= 0)) {
            return 0;
        }
        return want == CHECK ? 1 : want == HIGH ? hi | tailHi : lo | tailLo;
    }
}
