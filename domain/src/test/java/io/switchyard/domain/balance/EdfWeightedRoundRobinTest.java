package io.switchyard.domain.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.domain.config.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class EdfWeightedRoundRobinTest {

    /** Parses {@code "A=3,B=1"} into members in that (insertion) order. */
    static List<Member> members(String spec) {
        List<Member> members = new ArrayList<>();
        for (String child : spec.split(",")) {
            String[] nameAndWeight = child.trim().split("=");
            members.add(new Member(nameAndWeight[0], Integer.parseInt(nameAndWeight[1]), false, new MemberState()));
        }
        return members;
    }

    static String picks(Balancer balancer, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(balancer.pick("192.0.2.1").map(Member::name).orElse("-"));
        }
        return String.join(" ", names);
    }

    static Member named(Balancer balancer, String name) {
        return balancer.members().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            A=1,B=1,C=1 | A C B C B A B A C A C B
            A=3,B=1     | A A B A A A A B A A B A
            A=2,B=3     | B A B A B B A B B A
            A=1,B=0     | A A A A A A
            A=1,B=-2    | A A A A
            """)
    void pick_childrenInsertedInListedOrder_reproducesTraefikSequence(String children, String expected) {
        Balancer balancer = new EdfWeightedRoundRobin(members(children));

        assertEquals(expected, picks(balancer, expected.split(" ").length));
    }

    @Test
    void pick_downChildKeepsAdvancing_othersKeepTheirReferenceSlots() {
        Balancer balancer = new EdfWeightedRoundRobin(members("A=1,B=1,C=1"));
        named(balancer, "B").state().up(false);

        // Reference A C B C B A B A C A C B with B's slots skipped.
        assertEquals("A C C A A C A C", picks(balancer, 8));
    }

    @Test
    void pick_childComesBackUp_resumesItsShareWithoutCatchUpBurst() {
        Balancer balancer = new EdfWeightedRoundRobin(members("A=1,B=1,C=1"));
        Member b = named(balancer, "B");
        b.state().up(false);
        assertEquals("A C C", picks(balancer, 3)); // reference slots 1-4: A C [B] C

        b.state().up(true);

        assertEquals("B A B A C A C B", picks(balancer, 8)); // reference slots 5-12
    }

    @Test
    void pick_fencedChild_isSkippedLikeADownOne() {
        List<Member> children = members("A=3,B=1");
        children.set(0, new Member("A", 3, true, new MemberState()));
        Balancer balancer = new EdfWeightedRoundRobin(children);

        assertEquals("B B B", picks(balancer, 3));
    }

    @Test
    void pick_integerWeights_eachUpChildGetsItsWeightPerDeadlineRound() {
        Balancer balancer = new EdfWeightedRoundRobin(members("A=5,B=3,C=2,D=1"));
        int rounds = 50;

        Map<String, Integer> counts = count(balancer, 11 * rounds);

        assertEquals(Map.of("A", 5 * rounds, "B", 3 * rounds, "C", 2 * rounds, "D", rounds), counts);
    }

    @Test
    void pick_weightsThreeToOneShuffled_shareWithinTwoPercent() {
        Balancer balancer = Balancer.of(Strategy.WRR, members("A=3,B=1"), new Random(7));
        int picks = 10_000;

        Map<String, Integer> counts = count(balancer, picks);

        assertEquals(0.75, counts.get("A") / (double) picks, 0.02);
        assertEquals(0.25, counts.get("B") / (double) picks, 0.02);
    }

    @Test
    void pick_noChildren_returnsNoServer() {
        assertEquals(Optional.empty(), new EdfWeightedRoundRobin(List.of()).pick("192.0.2.1"));
    }

    @Test
    void pick_onlyZeroWeightChildren_returnsNoServer() {
        Balancer balancer = new EdfWeightedRoundRobin(members("A=0,B=-1"));

        assertEquals(Optional.empty(), balancer.pick("192.0.2.1"));
        assertEquals(List.of(), balancer.members());
    }

    @Test
    void pick_everyUpChildFencedAndTheOthersDown_returnsNoServerPromptly() {
        // The §2.3 quirk: Traefik loops forever here.
        List<Member> children = List.of(
                new Member("A", 1, true, new MemberState()),
                new Member("B", 1000, false, new MemberState()));
        children.get(1).state().up(false);
        Balancer balancer = new EdfWeightedRoundRobin(children);

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int i = 0; i < 1000; i++) {
                assertEquals(Optional.empty(), balancer.pick("192.0.2.1"));
            }
        });
    }

    @Test
    void cycle_noSelectableChildAfterThePreCheck_stopsAfterOneFullCycle() {
        // A selectable child may go DOWN between the pre-check and the scheduler loop; the loop
        // itself must then stop after every child has been seen once.
        List<Member> children = List.of(
                new Member("A", 1, true, new MemberState()),
                new Member("B", 7, false, new MemberState()),
                new Member("C", 3, false, new MemberState()));
        children.get(1).state().up(false);
        children.get(2).state().up(false);
        EdfWeightedRoundRobin balancer = new EdfWeightedRoundRobin(children);

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertEquals(Optional.empty(), balancer.cycle()));
        children.get(2).state().up(true);
        assertEquals("C", balancer.cycle().orElseThrow().name());
    }

    @Test
    void members_keepsInsertionOrderWithoutIgnoredChildren() {
        Balancer balancer = new EdfWeightedRoundRobin(members("C=2,A=0,B=1"));

        assertEquals(List.of("C", "B"), balancer.members().stream().map(Member::name).toList());
    }

    @Test
    void weighted_overServices_ignoresNonPositiveWeightsAndKeepsRatio() {
        Balancer balancer = Balancer.weighted(members("svc-a=2,svc-b=3,svc-c=0"), new Random(1));

        Map<String, Integer> counts = count(balancer, 1000);

        assertEquals(Map.of("svc-a", 400, "svc-b", 600), counts);
        assertTrue(balancer.members().stream().noneMatch(m -> m.name().equals("svc-c")));
    }

    static Map<String, Integer> count(Balancer balancer, int picks) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < picks; i++) {
            counts.merge(balancer.pick("192.0.2.1").orElseThrow().name(), 1, Integer::sum);
        }
        return counts;
    }
}
