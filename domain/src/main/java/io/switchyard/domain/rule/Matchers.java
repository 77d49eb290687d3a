package io.switchyard.domain.rule;

import io.switchyard.domain.http.HttpTokens;
import io.switchyard.domain.http.IpRanges;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The v3 matcher catalogue (rules.md §5.2, §5.4): names and their four accepted spellings,
 * argument counts, and the per-matcher validation that makes a rule invalid (§5.7).
 */
final class Matchers {
    private Matchers() {
    }

    private enum Kind {
        CLIENT_IP("ClientIP", 1, 1),
        HEADER("Header", 2, 2),
        HEADER_REGEXP("HeaderRegexp", 2, 2),
        HOST("Host", 1, 1),
        HOST_REGEXP("HostRegexp", 1, 1),
        METHOD("Method", 1, 1),
        PATH("Path", 1, 1),
        PATH_PREFIX("PathPrefix", 1, 1),
        PATH_REGEXP("PathRegexp", 1, 1),
        QUERY("Query", 1, 2),
        QUERY_REGEXP("QueryRegexp", 1, 2);

        final String name;
        final int minArgs;
        final int maxArgs;

        Kind(String name, int minArgs, int maxArgs) {
            this.name = name;
            this.minArgs = minArgs;
            this.maxArgs = maxArgs;
        }
    }

    private static final Map<String, Kind> SPELLINGS = new HashMap<>();
    private static final String KNOWN;

    static {
        StringBuilder known = new StringBuilder();
        Kind[] kinds = Kind.values();
        for (int i = 0; i < kinds.length; i++) {
            Kind kind = kinds[i];
            String lower = kind.name.toLowerCase(Locale.ROOT);
            SPELLINGS.put(kind.name, kind);
            SPELLINGS.put(lower, kind);
            SPELLINGS.put(kind.name.toUpperCase(Locale.ROOT), kind);
            SPELLINGS.put(Character.toUpperCase(lower.charAt(0)) + lower.substring(1), kind);
            known.append(i == 0 ? "" : i == kinds.length - 1 ? " or " : ", ").append(kind.name);
        }
        KNOWN = known.toString();
    }

    /** A string argument as written: its value, its Go bytes and where it starts in the rule. */
    record Arg(String value, byte[] bytes, boolean validUtf8, int position) {
    }

    /** Builds the condition for {@code name(args...)}; {@code warnings} collects quirks worth reporting. */
    static Condition build(String name, int position, List<Arg> args, List<String> warnings) {
        Kind kind = SPELLINGS.get(name);
        if (kind == null) {
            throw new RuleSyntaxException("unknown matcher '" + name + "'", position,
                    KNOWN + ", spelled as written here, all lower-case, all upper-case or with only the first letter upper-case");
        }
        String expectedCount = kind.minArgs == kind.maxArgs ? String.valueOf(kind.minArgs) : kind.minArgs + " or " + kind.maxArgs;
        if (args.isEmpty()) {
            throw new RuleSyntaxException(kind.name + " has no arguments", position, expectedCount);
        }
        for (Arg arg : args) {
            if (arg.value().isEmpty()) {
                throw new RuleSyntaxException("empty argument to " + kind.name, arg.position(), "a non-empty string");
            }
        }
        if (args.size() < kind.minArgs || args.size() > kind.maxArgs) {
            throw new RuleSyntaxException(kind.name + " has " + args.size() + " arguments", position, expectedCount);
        }
        Arg first = args.get(0);
        return switch (kind) {
            case HOST -> {
                String host = first.value();
                if (!host.equals("*") && !isAscii(host)) {
                    throw new RuleSyntaxException("non-ASCII value \"" + host + "\" for Host", first.position(),
                            "ASCII only; write internationalised names in punycode");
                }
                yield new Condition.Host(host.toLowerCase(Locale.ROOT));
            }
            case HOST_REGEXP -> {
                if (!isAscii(first.value())) {
                    throw new RuleSyntaxException("non-ASCII value \"" + first.value() + "\" for HostRegexp", first.position(),
                            "ASCII only; write internationalised names in punycode");
                }
                Re2Regex regex = regex(kind, first, warnings);
                if (regex.matchesEmpty()) {
                    warnings.add("HostRegexp(`" + first.value() + "`) can match the empty string, so it matches every request"
                            + " (Traefik also tries it against the empty CNAME-flattened host); anchor it, e.g. ^...$ with a"
                            + " non-empty body");
                }
                yield new Condition.HostRegexp(regex);
            }
            case PATH, PATH_PREFIX -> {
                String path = first.value();
                if (!path.startsWith("/")) {
                    throw new RuleSyntaxException("value \"" + path + "\" for " + kind.name + " does not start with '/'",
                            first.position(), "a path starting with '/'");
                }
                yield kind == Kind.PATH ? new Condition.Path(path) : new Condition.PathPrefix(path);
            }
            case PATH_REGEXP -> new Condition.PathRegexp(regex(kind, first, warnings));
            case METHOD -> new Condition.Method(upperCase(first.value()));
            case HEADER -> new Condition.Header(first.value(), args.get(1).value(), isVisibleHeader(first.value()));
            case HEADER_REGEXP ->
                    new Condition.HeaderRegexp(first.value(), regex(kind, args.get(1), warnings), isVisibleHeader(first.value()));
            case QUERY -> query(first, args.size() == 2 ? args.get(1) : null);
            case QUERY_REGEXP -> args.size() == 1
                    ? query(first, null)
                    : new Condition.QueryRegexp(first.value(), first.bytes(), regex(kind, args.get(1), warnings));
            case CLIENT_IP -> {
                try {
                    yield new Condition.ClientIp(first.value(), IpRanges.parse(List.of(first.value())));
                } catch (IllegalArgumentException e) {
                    throw new RuleSyntaxException("invalid IP address or CIDR \"" + first.value() + "\" for ClientIP",
                            first.position(), "an IPv4 or IPv6 address or CIDR block, e.g. 10.0.0.0/8");
                }
            }
        };
    }

    private static Condition query(Arg key, Arg value) {
        return value == null
                ? new Condition.Query(key.value(), "", key.bytes(), new byte[0])
                : new Condition.Query(key.value(), value.value(), key.bytes(), value.bytes());
    }

    private static Re2Regex regex(Kind kind, Arg arg, List<String> warnings) {
        if (!arg.validUtf8()) {
            throw new RuleSyntaxException("invalid regular expression for " + kind.name + ": invalid UTF-8", arg.position(),
                    "RE2 syntax");
        }
        try {
            Re2Regex regex = Re2Regex.compile(arg.value());
            if (regex.hasNestedRepetition()) {
                warnings.add(kind.name + "(`" + arg.value() + "`) nests unbounded repetitions; java.util.regex backtracks"
                        + " (RE2 does not), so hostile input can make matching slow");
            }
            return regex;
        } catch (Re2Regex.Re2SyntaxException e) {
            throw new RuleSyntaxException("invalid regular expression for " + kind.name + ": " + e.getMessage(), arg.position(),
                    "RE2 syntax");
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Go's {@code strings.ToUpper}: simple per-code-point upper case ({@code ß} stays). */
    private static String upperCase(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.appendCodePoint(Character.toUpperCase(cp)));
        return out.toString();
    }

    /**
     * Go canonicalises the name and looks it up in {@code req.Header}, where {@code Host} never is and
     * names with non-token characters cannot be.
     */
    private static boolean isVisibleHeader(String name) {
        if (name.equalsIgnoreCase("host")) {
            return false;
        }
        return HttpTokens.isToken(name, 0, name.length());
    }
}
