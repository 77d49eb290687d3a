package io.switchyard.domain.rule;

import java.util.Arrays;

/**
 * The argument of {@code ClientIP} (rules.md §5.4): one address or CIDR block, with the semantics
 * of Go's {@code net.IP.Equal} and {@code net.IPNet.Contains} that Traefik's {@code ip.Checker}
 * uses — an IPv4 rule also matches IPv4-mapped IPv6 peers, and an IPv6 block whose network is
 * IPv4-mapped behaves as the IPv4 block it maps.
 */
final class IpPattern {
    private static final byte[] V4_IN_V6_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF};

    /** A single address (16 bytes), or a network number of 4 or 16 bytes with {@link #mask}. */
    private final byte[] address;
    private final byte[] mask;

    private IpPattern(byte[] address, byte[] mask) {
        this.address = address;
        this.mask = mask;
    }

    /** Go's {@code net.ParseIP}, else {@code net.ParseCIDR}; null when neither accepts {@code text}. */
    static IpPattern parse(String text) {
        Parsed single = parseAddress(text, false);
        if (single != null) {
            return new IpPattern(single.bytes, null);
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return null;
        }
        Parsed network = parseAddress(text.substring(0, slash), false);
        if (network == null) {
            return null;
        }
        String prefix = text.substring(slash + 1);
        int bits = network.is4 ? 32 : 128;
        int ones = 0;
        if (prefix.isEmpty()) {
            return null;
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            ones = ones * 10 + c - '0';
            if (ones > 0xFFFFFF) {
                return null;
            }
        }
        if (ones > bits) {
            return null;
        }
        byte[] m = new byte[bits / 8];
        for (int i = 0; i < ones; i++) {
            m[i / 8] |= (byte) (0x80 >>> (i % 8));
        }
        // net.IP.Mask: a 4-byte mask applies to the IPv4 part of the 16-byte address
        byte[] ip = network.bytes;
        if (m.length == 4) {
            ip = Arrays.copyOfRange(ip, 12, 16);
        }
        byte[] masked = new byte[ip.length];
        for (int i = 0; i < ip.length; i++) {
            masked[i] = (byte) (ip[i] & m[i]);
        }
        // net.IPNet.Contains (networkNumberAndMask): an IPv4-mapped network number becomes IPv4
        if (masked.length == 16 && isV4Mapped(masked)) {
            masked = Arrays.copyOfRange(masked, 12, 16);
            m = Arrays.copyOfRange(m, 12, 16);
        }
        return new IpPattern(masked, m);
    }

    /** Whether peer address {@code peer} (text, optionally with an IPv6 zone) is matched; false if unparsable. */
    boolean contains(String peer) {
        Parsed parsed = parseAddress(peer, true);
        if (parsed == null) {
            return false;
        }
        byte[] ip = parsed.bytes;
        if (mask == null) {
            return Arrays.equals(address, ip);
        }
        if (isV4Mapped(ip)) {
            ip = Arrays.copyOfRange(ip, 12, 16);
        }
        if (ip.length != address.length) {
            return false;
        }
        for (int i = 0; i < ip.length; i++) {
            if ((ip[i] & mask[i]) != address[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isV4Mapped(byte[] ip16) {
        return Arrays.equals(ip16, 0, 12, V4_IN_V6_PREFIX, 0, 12);
    }

    private record Parsed(byte[] bytes, boolean is4) {
    }

    /** Go's {@code netip.ParseAddr}, as 16 bytes; a zone is accepted (and dropped) only if {@code allowZone}. */
    private static Parsed parseAddress(String s, boolean allowZone) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                byte[] v4 = new byte[4];
                if (!parseIpv4(s, 0, s.length(), v4, 0)) {
                    return null;
                }
                byte[] ip = new byte[16];
                System.arraycopy(V4_IN_V6_PREFIX, 0, ip, 0, 12);
                System.arraycopy(v4, 0, ip, 12, 4);
                return new Parsed(ip, true);
            }
            if (c == ':') {
                byte[] ip = parseIpv6(s, allowZone);
                return ip == null ? null : new Parsed(ip, false);
            }
            if (c == '%') {
                return null;
            }
        }
        return null;
    }

    private static boolean parseIpv4(String s, int from, int to, byte[] out, int at) {
        int val = 0;
        int fields = 0;
        int digits = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits == 1 && val == 0) {
                    return false;
                }
                val = val * 10 + c - '0';
                digits++;
                if (val > 255) {
                    return false;
                }
            } else if (c == '.') {
                if (i == from || i == to - 1 || s.charAt(i - 1) == '.') {
                    return false;
                }
                if (fields == 3) {
                    return false;
                }
                out[at + fields++] = (byte) val;
                val = 0;
                digits = 0;
            } else {
                return false;
            }
        }
        if (fields < 3) {
            return false;
        }
        out[at + 3] = (byte) val;
        return true;
    }

    private static byte[] parseIpv6(String in, boolean allowZone) {
        int end = in.length();
        int zone = in.indexOf('%');
        if (zone >= 0) {
            if (!allowZone || zone == end - 1) {
                return null;
            }
            end = zone;
        }
        byte[] ip = new byte[16];
        int ellipsis = -1;
        int p = 0;
        if (end - p >= 2 && in.charAt(p) == ':' && in.charAt(p + 1) == ':') {
            ellipsis = 0;
            p += 2;
            if (p == end) {
                return ip;
            }
        }
        int i = 0;
        while (i < 16) {
            int off = 0;
            int acc = 0;
            while (p + off < end) {
                int v = RequestPaths.hexValue(in.charAt(p + off));
                if (v < 0) {
                    break;
                }
                acc = (acc << 4) + v;
                if (off > 3 || acc > 0xFFFF) {
                    return null;
                }
                off++;
            }
            if (off == 0) {
                return null;
            }
            if (p + off < end && in.charAt(p + off) == '.') {
                if (ellipsis < 0 && i != 12 || i + 4 > 16) {
                    return null;
                }
                if (!parseIpv4(in, p, end, ip, i)) {
                    return null;
                }
                p = end;
                i += 4;
                break;
            }
            ip[i] = (byte) (acc >> 8);
            ip[i + 1] = (byte) acc;
            i += 2;
            p += off;
            if (p == end) {
                break;
            }
            if (in.charAt(p) != ':' || p + 1 == end) {
                return null;
            }
            p++;
            if (in.charAt(p) == ':') {
                if (ellipsis >= 0) {
                    return null;
                }
                ellipsis = i;
                p++;
                if (p == end) {
                    break;
                }
            }
        }
        if (p != end) {
            return null;
        }
        if (i < 16) {
            if (ellipsis < 0) {
                return null;
            }
            int n = 16 - i;
            for (int j = i - 1; j >= ellipsis; j--) {
                ip[j + n] = ip[j];
            }
            Arrays.fill(ip, ellipsis, ellipsis + n, (byte) 0);
        } else if (ellipsis >= 0) {
            return null;
        }
        return ip;
    }

    @Override
    public String toString() {
        return mask == null ? "ip " + Arrays.toString(address) : "net " + Arrays.toString(address) + "/" + Arrays.toString(mask);
    }
}
