package io.switchyard.domain.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;

/**
 * The compiled table picks exactly what a priority-ordered linear scan picks, over thousands of
 * generated rule sets and requests drawn from small vocabularies (so hosts, paths and priorities
 * collide often: wildcards, trailing dots, case, ties, negations, regex hosts, host-less rules).
 */
final class RouteTableEquivalenceTest {
    private static final long SEED = 0x5EED_2024L;
    private static final int RULE_SETS = 3_000;
    private static final int REQUESTS_PER_SET = 40;

    private static final String[] HOSTS = {
            "a.com", "b.com", "x.a.com", "y.x.a.com", "a.com.", "x.a.com.", "c.org", "localhost", "localhost.", "*.a.com", "s.com"};
    private static final String[] HOST_EXPRS = {
            "a.com", "A.com", "b.com", "x.a.com", "a.com.", "c.org", "*.a.com", "*.a.com.", "*.x.a.com", "*.com", "*.",
            "*", "*a.com", "localhost", "s.com", "."};
    private static final String[] HOST_REGEXPS = {
            "^[a-z]+\\.a\\.com$", "^a\\.com$", "a\\.com", "^$", "^x\\.(a|b)\\.com$", "\\.org$", "(?i)^A\\.COM$",
            "^(a|b)\\.com$", "^[a-z]*$", "^a\\.com\\.$", "com$", "^localhost$|^c\\.org$"};
    private static final String[] PATHS = {"/", "/a", "/a/b", "/ab", "/b", "/a/1", "/c%2Fd"};
    private static final String[] PATH_REGEXPS = {"^/a", "^/a/[0-9]+$", "b$", "(?m)^/a", "^/(a|b)", "^/c%2F", "^$"};
    private static final String[] REQUEST_PATHS = {"/", "/a", "/a/b", "/a/1", "/ab", "/b", "/c", "/c%2Fd", "/a/./b", "/A"};
    private static final String[] REQUEST_HOSTS = {
            "a.com", "A.COM:8080", "b.com", "x.a.com", "y.x.a.com", "a.com.", "x.a.com.", "c.org", "localhost", "localhost.",
            "z.com", "", "\u017F.com", "s.com", "[::1]:80"};

    @Test
    void select_matchesLinearScan_onRandomRuleSets() {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED);
        int selections = 0;
        int nonEmpty = 0;
        int pastFirst = 0;
        for (int set = 0; set < RULE_SETS; set++) {
            List<RouteTable.Route<String>> routes = randomRoutes(random);
            RouteTable<String> table = RouteTable.compile(routes);
            List<RouteTable.Route<String>> ordered = new ArrayList<>(routes);
            ordered.sort(Comparator.<RouteTable.Route<String>>comparingLong(RouteTable.Route::priority).reversed()
                    .thenComparing(RouteTable.Route::name));
            for (int i = 0; i < REQUESTS_PER_SET; i++) {
                TestRequest request = randomRequest(random);
                Optional<String> expected = ordered.stream().filter(r -> r.rule().matches(request)).findFirst()
                        .map(RouteTable.Route::target);
                Optional<String> actual = table.select(request);
                if (!expected.equals(actual)) {
                    fail("rule set " + set + " request " + request + ": linear " + expected + ", table " + actual + "\n"
                            + describe(ordered));
                }
                selections++;
                if (actual.isPresent()) {
                    nonEmpty++;
                    if (!actual.get().equals(ordered.get(0).target())) {
                        pastFirst++;
                    }
                }
            }
        }
        assertEquals(RULE_SETS * REQUESTS_PER_SET, selections);
        // the generator must exercise both outcomes, or the comparison proves little
        String summary = "matched " + nonEmpty + " of " + selections + ", " + pastFirst + " past the first route";
        assertTrue(nonEmpty > selections / 10 && nonEmpty < selections * 95 / 100, summary);
        assertTrue(pastFirst > selections / 4, summary);
    }

    private static String describe(List<RouteTable.Route<String>> ordered) {
        StringBuilder sb = new StringBuilder();
        for (RouteTable.Route<String> r : ordered) {
            sb.append("  ").append(r.priority()).append(' ').append(r.name()).append(": ").append(r.rule().text())
                    .append("  hints=").append(r.rule().indexHints()).append('\n');
        }
        return sb.toString();
    }

    private static List<RouteTable.Route<String>> randomRoutes(RandomGenerator random) {
        int count = 1 + random.nextInt(random.nextBoolean() ? 8 : 60);
        List<RouteTable.Route<String>> routes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String text = randomRule(random, 0);
            long configured = random.nextInt(4) == 0 ? random.nextInt(-3, 40) : 0;
            String name = "r" + random.nextInt(count * 2);
            routes.add(new RouteTable.Route<>(name, Rule.parse(text), Priorities.of(text, configured), name + "#" + i));
        }
        return routes;
    }

    private static String randomRule(RandomGenerator random, int depth) {
        int choice = random.nextInt(depth >= 3 ? 10 : 16);
        return switch (choice) {
            case 10, 11 -> randomRule(random, depth + 1) + " && " + randomRule(random, depth + 1);
            case 12, 13 -> randomRule(random, depth + 1) + " || " + randomRule(random, depth + 1);
            case 14 -> "!" + randomRule(random, depth + 1);
            case 15 -> "(" + randomRule(random, depth + 1) + ")";
            default -> randomLeaf(random);
        };
    }

    private static String randomLeaf(RandomGenerator random) {
        return switch (random.nextInt(14)) {
            case 0, 1, 2, 3 -> "Host(`" + pick(random, HOST_EXPRS) + "`)";
            case 4 -> "HostRegexp(`" + pick(random, HOST_REGEXPS) + "`)";
            case 5, 6 -> "PathPrefix(`" + pick(random, PATHS) + "`)";
            case 7 -> "Path(`" + pick(random, PATHS) + "`)";
            case 8 -> "PathRegexp(`" + pick(random, PATH_REGEXPS) + "`)";
            case 9 -> "Method(`" + pick(random, new String[] {"GET", "post"}) + "`)";
            case 10 -> "Header(`X-A`, `" + (1 + random.nextInt(2)) + "`)";
            case 11 -> random.nextBoolean() ? "Query(`q`)" : "QueryRegexp(`q`, `^[12]$`)";
            case 12 -> "ClientIP(`" + pick(random, new String[] {"10.0.0.0/8", "::1", "192.0.2.1"}) + "`)";
            default -> "Host(`" + pick(random, HOSTS) + "`) && PathPrefix(`" + pick(random, PATHS) + "`)";
        };
    }

    private static TestRequest randomRequest(RandomGenerator random) {
        String target = pick(random, REQUEST_PATHS) + pick(random, new String[] {"", "?q", "?q=1", "?q=3&x=1"});
        TestRequest request = TestRequest.get(pick(random, REQUEST_HOSTS), target)
                .withMethod(random.nextBoolean() ? "GET" : "POST")
                .withPeer(pick(random, new String[] {"10.1.2.3", "::1", "192.0.2.1", "::ffff:10.0.0.1"}));
        int headers = random.nextInt(3);
        for (int i = 0; i < headers; i++) {
            request = request.withHeader("x-a", String.valueOf(1 + random.nextInt(3)));
        }
        return request;
    }

    private static String pick(RandomGenerator random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
