package io.switchyard.domain.rule;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/**
 * Random, mutated and oversized inputs: the parser throws nothing but {@link RuleSyntaxException}
 * (never an internal translation error), finishes within a bound proportional to the input size,
 * and whatever it accepts can be evaluated without throwing.
 */
final class RuleParserRobustnessTest {
    private static final long SEED = 0xF022_2024L;

    private static final List<String> SEEDS = List.of(
            "Host(`example.com`) && PathPrefix(`/api`)",
            "Host(`a.com`) || Host(`b.com`) && Path(`/x`)",
            "!Method(`GET`) && (Header(`X-A`, `1`) || Query(`q`, `v`,))",
            "HostRegexp(`^[a-z0-9-]+\\.example\\.com$`) && PathRegexp(`^/v[0-9]+/(users|items)/\\d+$`)",
            "HeaderRegexp(\"X-B\", \"(?i)^bearer\\\\s+\\\\S+$\") && ClientIP(`2001:db8::/32`)",
            "QueryRegexp(`v`, `[[:alpha:]]{2,5}|\\p{Greek}+`) || ClientIP(`::ffff:10.0.0.0/104`)",
            "Host(\"\\x61\\u0062\\U00000063\\101\") /* c */ &&\n  Path(`/caf\u00e9`) // end");

    private static final String[] TOKENS = {
            "Host", "host", "HOST", "PathPrefix", "Path", "HostRegexp", "Header", "HeaderRegexp", "Query", "QueryRegexp",
            "ClientIP", "Method", "pathPrefix", "(", ")", "!", "&&", "||", "&", "|", ",", "`", "\"", "'", "\\", "\n", " ",
            "\t", "\r", "/*", "*/", "//", "`a`", "`/`", "`/a`", "\"\\x41\"", "\"\\u00e9\"", "\"\\q\"", "`^[a-z]+$`", "`(?i)x`",
            "`10.0.0.0/8`", "`::1`", "42", "1.5", "\u00e9", "\uD83D\uDE00", "\u0000", "\uFEFF", "`(`", "`[`", "`\\p{Greek}`",
            "`a{1000}`", "`(?P<n>a)`", "`\\1`", ";", "=", "==", ".", "[", "]", "{", "}", "``"};

    private static final String REGEX_ALPHABET = "()[]{}*+?|^$.\\-:,0123456789abcxzAZPpdDsSwWbBQEuU<>=!imsU_ \n\u00e9";

    @Test
    void parse_randomAndMutatedInput_failsOnlyWithRuleSyntaxException() {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED);
        int[] accepted = {0};
        assertTimeoutPreemptively(Duration.ofMinutes(2), () -> {
            for (int i = 0; i < 8_000; i++) {
                accepted[0] += check(tokenSoup(random), random);
                accepted[0] += check(mutate(SEEDS.get(random.nextInt(SEEDS.size())), random), random);
                accepted[0] += check("PathRegexp(`" + randomRegex(random) + "`)", random);
            }
        });
        // mutations must leave some rules valid, or evaluation of odd-but-valid rules goes untested
        assertTrue(accepted[0] > 1_000, () -> "accepted " + accepted[0]);
    }

    @Test
    void parse_hugeInputs_stayWithinALinearBound() {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED + 1);
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> {
            check("Host(`" + "a".repeat(500_000) + "`)", random);
            check("PathRegexp(`" + "(a|b)*".repeat(20_000) + "`)", random);
            check("PathRegexp(`" + "[".repeat(100_000) + "`)", random);
            check("PathRegexp(`" + "(?:".repeat(50_000) + "`)", random);
            check("Host(`a`)" + " && Host(`a`)".repeat(50_000), random);
            check("!".repeat(200_000), random);
            check("(".repeat(200_000), random);
            check("Host(\"" + "\\x41".repeat(100_000) + "\")", random);
            check("/*" + " ".repeat(300_000), random);
            StringBuilder soup = new StringBuilder();
            while (soup.length() < 300_000) {
                soup.append(TOKENS[random.nextInt(TOKENS.length)]);
            }
            check(soup.toString(), random);
        });
    }

    /** Parses {@code text}; returns 1 if it is a valid rule (then also evaluated), 0 if invalid. */
    private static int check(String text, RandomGenerator random) {
        long start = System.nanoTime();
        Rule rule;
        try {
            rule = Rule.parse(text);
        } catch (RuleSyntaxException e) {
            assertFalse(e.getMessage().contains("internal error"), () -> "translation bug for " + quote(text) + ": " + quote(e.getMessage()));
            assertTrue(e.position() >= 0 && e.position() <= text.length(), () -> "position " + e.position() + " for " + quote(text));
            assertWithinBound(text, start);
            return 0;
        } catch (Throwable t) {
            throw new AssertionError("unexpected " + t + " for " + quote(text), t);
        }
        assertWithinBound(text, start);
        try {
            for (int i = 0; i < 3; i++) {
                rule.matches(randomRequest(random));
            }
        } catch (Throwable t) {
            fail("evaluating " + quote(text) + " threw " + t, t);
        }
        return 1;
    }

    private static void assertWithinBound(String text, long start) {
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        long boundMillis = 1_000 + text.length() / 100;
        if (elapsedMillis > boundMillis) {
            fail("parsing " + text.length() + " chars took " + elapsedMillis + " ms (bound " + boundMillis + " ms): "
                    + quote(text));
        }
    }

    private static String tokenSoup(RandomGenerator random) {
        StringBuilder sb = new StringBuilder();
        int count = 1 + random.nextInt(14);
        for (int i = 0; i < count; i++) {
            sb.append(TOKENS[random.nextInt(TOKENS.length)]);
        }
        return sb.toString();
    }

    private static String mutate(String seed, RandomGenerator random) {
        StringBuilder sb = new StringBuilder(seed);
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && !sb.isEmpty(); m++) {
            int at = random.nextInt(sb.length());
            switch (random.nextInt(6)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, randomChar(random));
                case 2 -> sb.setCharAt(at, randomChar(random));
                case 3 -> {
                    int end = Math.min(sb.length(), at + 1 + random.nextInt(12));
                    sb.insert(at, sb.substring(at, end));
                }
                case 4 -> sb.setLength(at);
                default -> sb.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
            }
        }
        return sb.toString();
    }

    private static char randomChar(RandomGenerator random) {
        return switch (random.nextInt(4)) {
            case 0 -> {
                String special = "()!&|,`\"'\\\n\t /*{}[]^$.+?";
                yield special.charAt(random.nextInt(special.length()));
            }
            case 1 -> (char) random.nextInt(0x20, 0x7F);
            case 2 -> (char) random.nextInt(0, 0x20);
            default -> (char) random.nextInt(0x80, 0xFFFF);
        };
    }

    private static String randomRegex(RandomGenerator random) {
        StringBuilder sb = new StringBuilder();
        int length = random.nextInt(16);
        for (int i = 0; i < length; i++) {
            sb.append(REGEX_ALPHABET.charAt(random.nextInt(REGEX_ALPHABET.length())));
        }
        return sb.toString();
    }

    private static TestRequest randomRequest(RandomGenerator random) {
        String[] hosts = {"a.com", "", "x.example.com.", "[::1]:80"};
        String[] targets = {"/", "/api/v1/users/12", "/caf%C3%A9?q=1&v=ab", "/a%2Fb?x;y=%zz"};
        return TestRequest.get(hosts[random.nextInt(hosts.length)], targets[random.nextInt(targets.length)])
                .withHeader("X-A", "1").withHeader("X-B", "Bearer abc").withPeer(random.nextBoolean() ? "10.1.2.3" : "2001:db8::1");
    }

    private static String quote(String full) {
        String text = full.length() > 300 ? full.substring(0, 300) + "...(" + full.length() + " chars)" : full;
        StringBuilder sb = new StringBuilder("\"");
        text.chars().forEach(c -> sb.append(c >= 0x20 && c < 0x7F && c != '"' ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return sb.append('"').toString();
    }
}
