package io.switchyard.domain.http;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of IP addresses and CIDR ranges (IPv4 and IPv6; an IPv4 range also matches IPv4-mapped IPv6
 * addresses). Parsing never resolves names.
 */
public final class IpRanges {
    private static final IpRanges NONE = new IpRanges(List.of());

    private final List<byte[]> networks;
    private final int[] prefixes;

    private IpRanges(List<String> entries) {
        networks = new ArrayList<>(entries.size());
        prefixes = new int[entries.size()];
        int i = 0;
        for (String entry : entries) {
            String e = entry.trim();
            int slash = e.indexOf('/');
            byte[] addr = parseLiteral(slash < 0 ? e : e.substring(0, slash));
            if (addr == null) {
                throw new IllegalArgumentException("ip range: '" + entry + "' (expected: an IP address or CIDR)");
            }
            int bits = addr.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(e.substring(slash + 1));
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException("ip range: '" + entry + "' (bad prefix length)", ex);
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("ip range: '" + entry + "' (expected prefix 0.." + bits + ")");
                }
            }
            networks.add(addr);
            prefixes[i++] = prefix;
        }
    }

    /** The ranges in {@code entries}; throws IllegalArgumentException naming a bad entry. */
    public static IpRanges parse(List<String> entries) {
        return entries.isEmpty() ? NONE : new IpRanges(entries);
    }

    /** Whether the set is empty. */
    public boolean isEmpty() {
        return networks.isEmpty();
    }

    /** Whether the textual IP {@code ip} lies in one of the ranges; false for unparsable text. */
    public boolean contains(String ip) {
        if (networks.isEmpty()) {
            return false;
        }
        byte[] a = parseLiteral(ip);
        if (a == null) {
            return false;
        }
        byte[] v4 = a.length == 16 ? mappedV4(a) : null;
        for (int i = 0; i < networks.size(); i++) {
            byte[] net = networks.get(i);
            if (net.length == a.length && prefixMatch(net, a, prefixes[i])) {
                return true;
            }
            if (v4 != null && net.length == 4 && prefixMatch(net, v4, prefixes[i])) {
                return true;
            }
        }
        return false;
    }

    private static boolean prefixMatch(byte[] net, byte[] a, int prefix) {
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (net[i] != a[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (net[full] & mask) == (a[full] & mask);
    }

    private static byte[] mappedV4(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return null;
            }
        }
        if (a[10] != (byte) 0xff || a[11] != (byte) 0xff) {
            return null;
        }
        return new byte[] {a[12], a[13], a[14], a[15]};
    }

    /** Parses an IPv4 or IPv6 literal (zone removed, brackets allowed) without any name lookup. */
    public static byte[] parseLiteral(String text) {
        String s = text.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        if (s.isEmpty()) {
            return null;
        }
        return s.indexOf(':') >= 0 ? parseV6(s) : parseV4(s);
    }

    private static byte[] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3) {
                return null;
            }
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                char c = p.charAt(k);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parseV6(String s) {
        byte[] tailV4 = null;
        int lastColon = s.lastIndexOf(':');
        if (s.indexOf('.', lastColon) >= 0) {
            tailV4 = parseV4(s.substring(lastColon + 1));
            if (tailV4 == null) {
                return null;
            }
            s = s.substring(0, lastColon + 1) + "0:0";
        }
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        List<String> head = new ArrayList<>();
        List<String> tail = new ArrayList<>();
        if (dbl >= 0) {
            String h = s.substring(0, dbl);
            String t = s.substring(dbl + 2);
            if (!h.isEmpty()) {
                head.addAll(List.of(h.split(":", -1)));
            }
            if (!t.isEmpty()) {
                tail.addAll(List.of(t.split(":", -1)));
            }
            if (head.size() + tail.size() > 7) {
                return null;
            }
        } else {
            head.addAll(List.of(s.split(":", -1)));
            if (head.size() != 8) {
                return null;
            }
        }
        int[] groups = new int[8];
        int gi = 0;
        for (String g : head) {
            Integer v = hexGroup(g);
            if (v == null) {
                return null;
            }
            groups[gi++] = v;
        }
        gi = 8 - tail.size();
        for (String g : tail) {
            Integer v = hexGroup(g);
            if (v == null) {
                return null;
            }
            groups[gi++] = v;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (groups[i] >> 8);
            out[2 * i + 1] = (byte) groups[i];
        }
        if (tailV4 != null) {
            System.arraycopy(tailV4, 0, out, 12, 4);
        }
        return out;
    }

    private static Integer hexGroup(String g) {
        if (g.isEmpty() || g.length() > 4) {
            return null;
        }
        int v = 0;
        for (int i = 0; i < g.length(); i++) {
            int d = Character.digit(g.charAt(i), 16);
            if (d < 0) {
                return null;
            }
            v = v * 16 + d;
        }
        return v;
    }
}
