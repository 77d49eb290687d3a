package io.switchyard.domain.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class HighestRandomWeightTest {

    private static final String KEY = "192.0.2.10";

    private static List<Member> specChildren() {
        return List.of(
                new Member("http://10.42.0.7:8080", 1, false, new MemberState()),
                new Member("http://10.42.0.8:8080", 1, false, new MemberState()),
                new Member("http://10.42.0.9:8080", 2, false, new MemberState()));
    }

    @ParameterizedTest(name = "{0} (w={1}): s={2}, score={3}")
    @CsvSource(delimiter = '|', textBlock = """
            http://10.42.0.7:8080 | 1 | 0.413683 | 1.132946
            http://10.42.0.8:8080 | 1 | 0.022472 | 0.263470
            http://10.42.0.9:8080 | 2 | 0.611028 | 4.059988
            """)
    void score_specExampleTable(String child, int weight, double share, double score) {
        assertEquals(share, HighestRandomWeight.share(KEY, child), 1e-6);
        assertEquals(score, HighestRandomWeight.score(KEY, child, weight), 1e-6);
    }

    @Test
    void pick_specExample_selectsTheGreatestScore() {
        Balancer balancer = Balancer.highestRandomWeight(specChildren());

        assertEquals("http://10.42.0.9:8080", balancer.pick(KEY).orElseThrow().name());
    }

    @Test
    void pick_bestChildDown_fallsBackToTheNextScore() {
        List<Member> children = specChildren();
        children.get(2).state().up(false);

        assertEquals("http://10.42.0.7:8080", Balancer.highestRandomWeight(children).pick(KEY).orElseThrow().name());
    }

    @Test
    void pick_bestChildFenced_fallsBackToTheNextScore() {
        List<Member> children = List.of(specChildren().get(0), specChildren().get(1),
                new Member("http://10.42.0.9:8080", 2, true, new MemberState()));

        assertEquals("http://10.42.0.7:8080", Balancer.highestRandomWeight(children).pick(KEY).orElseThrow().name());
    }

    @Test
    void pick_exactTie_keepsTheFirstInListOrder() {
        Member first = new Member("svc", 1, false, new MemberState());
        Member second = new Member("svc", 1, false, new MemberState());

        assertSame(first, Balancer.highestRandomWeight(List.of(first, second)).pick(KEY).orElseThrow());
        assertSame(second, Balancer.highestRandomWeight(List.of(second, first)).pick(KEY).orElseThrow());
    }

    @Test
    void pick_zeroWeightChild_isIgnored() {
        List<Member> children = List.of(specChildren().get(0),
                new Member("http://10.42.0.9:8080", 0, false, new MemberState()));

        Balancer balancer = Balancer.highestRandomWeight(children);

        assertEquals("http://10.42.0.7:8080", balancer.pick(KEY).orElseThrow().name());
        assertEquals(1, balancer.members().size());
    }

    @Test
    void pick_onlyDownOrFencedChildren_returnsNoServer() {
        List<Member> children = List.of(new Member("a", 1, true, new MemberState()), Member.of("b"));
        children.get(1).state().up(false);

        assertEquals(Optional.empty(), Balancer.highestRandomWeight(children).pick(KEY));
    }

    @Test
    void pick_sameClient_alwaysSameChildAndClientsSpreadOverChildren() {
        Balancer balancer = Balancer.highestRandomWeight(List.of(Member.of("a"), Member.of("b"), Member.of("c")));
        Set<String> chosen = new HashSet<>();

        for (int i = 0; i < 64; i++) {
            String ip = "10.0.0." + i;
            String name = balancer.pick(ip).orElseThrow().name();
            assertEquals(name, balancer.pick(ip).orElseThrow().name());
            chosen.add(name);
        }

        assertEquals(Set.of("a", "b", "c"), chosen);
    }

    @Test
    void pick_weightsOneAndThree_shareFollowsWeightsWithinTwoPercent() {
        Balancer balancer = Balancer.highestRandomWeight(List.of(
                new Member("light", 1, false, new MemberState()), new Member("heavy", 3, false, new MemberState())));
        int clients = 10_000;
        int heavy = 0;

        for (int i = 0; i < clients; i++) {
            String ip = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
            heavy += balancer.pick(ip).orElseThrow().name().equals("heavy") ? 1 : 0;
        }

        assertEquals(0.75, heavy / (double) clients, 0.02);
    }

    @ParameterizedTest(name = "FNV-1a 64 of \"{0}\" = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''     | cbf29ce484222325
            a      | af63dc4c8601ec8c
            foobar | 85944171f73967e8
            """)
    void fnv1a64_referenceVectors(String input, String hex) {
        assertEquals(hex, Long.toHexString(HighestRandomWeight.fnv1a64(input.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void unsignedToDouble_roundsToNearestLikeGo() {
        Random random = new Random(5);
        long[] edges = {0, 1, Long.MAX_VALUE, Long.MIN_VALUE, -1, -2, 0x8000_0000_0000_0401L, 0xffff_ffff_ffff_fbffL};
        for (long value : edges) {
            assertEquals(exact(value), HighestRandomWeight.unsignedToDouble(value), Long.toUnsignedString(value));
        }
        for (int i = 0; i < 10_000; i++) {
            long value = random.nextLong();
            assertEquals(exact(value), HighestRandomWeight.unsignedToDouble(value), Long.toUnsignedString(value));
        }
    }

    private static double exact(long value) {
        return new BigInteger(Long.toUnsignedString(value)).doubleValue();
    }
}
