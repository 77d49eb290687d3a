package io.switchyard.domain.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.switchyard.domain.balance.Balancer.LoadTracking;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class PowerOfTwoChoicesTest {

    /** Members S0..Sn-1 with the given in-flight counts. */
    private static List<Member> withInFlight(int... inFlight) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < inFlight.length; i++) {
            Member member = Member.of("S" + i);
            for (int k = 0; k < inFlight[i]; k++) {
                member.state().acquire();
            }
            members.add(member);
        }
        return members;
    }

    @ParameterizedTest(name = "inFlight {0}, draws i={1} j={2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            0 0 0 | 0 | 1 | S0
            0 0 0 | 2 | 1 | S2
            3 1 0 | 0 | 1 | S1
            1 3 0 | 0 | 1 | S0
            2 2 0 | 1 | 1 | S2
            2 2 2 | 1 | 1 | S1
            0 5 5 | 2 | 2 | S0
            5 5 1 | 1 | 0 | S1
            """)
    void pick_twoDraws_lowerInFlightWinsAndEqualityKeepsTheFirst(String inFlight, int i, int j, String expected) {
        int[] counts = Arrays.stream(inFlight.split(" ")).mapToInt(Integer::parseInt).toArray();
        ScriptedRandom random = new ScriptedRandom(i, j);
        Balancer balancer = new PowerOfTwoChoices(withInFlight(counts), random);

        assertEquals(expected, balancer.pick("192.0.2.1").orElseThrow().name());
        assertEquals(2, random.draws());
    }

    @Test
    void pick_drawsIndexTheHealthyListOnly() {
        List<Member> members = withInFlight(0, 0, 0, 0);
        members.get(0).state().up(false);
        members.set(1, new Member("S1", 1, true, members.get(1).state()));
        // Healthy list is [S2, S3]: draws (1, 0) designate S3 then S2; equal in-flight keeps S3.
        Balancer balancer = new PowerOfTwoChoices(members, new ScriptedRandom(1, 0));

        assertEquals("S3", balancer.pick("192.0.2.1").orElseThrow().name());
    }

    @Test
    void pick_singleHealthyMember_returnsItWithoutDrawing() {
        List<Member> members = withInFlight(0, 9);
        members.get(0).state().up(false);
        ScriptedRandom random = new ScriptedRandom();
        Balancer balancer = new PowerOfTwoChoices(members, random);

        assertEquals("S1", balancer.pick("192.0.2.1").orElseThrow().name());
        assertEquals(0, random.draws());
    }

    @Test
    void pick_onlyFencedOrDownMembers_returnsNoServerWithoutDrawing() {
        List<Member> members = List.of(new Member("S0", 1, true, new MemberState()), Member.of("S1"));
        members.get(1).state().up(false);
        ScriptedRandom random = new ScriptedRandom();

        assertEquals(Optional.empty(), new PowerOfTwoChoices(members, random).pick("192.0.2.1"));
        assertEquals(0, random.draws());
    }

    @Test
    void pick_idleMembers_spreadsEvenlyWithinTwoPercent() {
        Balancer balancer = new PowerOfTwoChoices(withInFlight(0, 0, 0, 0), new Random(3));
        int picks = 10_000;
        Map<String, Integer> counts = new HashMap<>();

        for (int n = 0; n < picks; n++) {
            counts.merge(balancer.pick("192.0.2.1").orElseThrow().name(), 1, Integer::sum);
        }

        for (int s = 0; s < 4; s++) {
            assertEquals(0.25, counts.get("S" + s) / (double) picks, 0.02, "S" + s);
        }
    }

    @Test
    void pick_oneBusyMember_isNeverPickedBecauseTheTwoDrawsDiffer() {
        Balancer balancer = new PowerOfTwoChoices(withInFlight(4, 0, 0), new Random(11));

        for (int n = 0; n < 1_000; n++) {
            assertNotEquals("S0", balancer.pick("192.0.2.1").orElseThrow().name());
        }
    }

    @Test
    void members_includesZeroWeightBecauseP2cHasNoWeights() {
        List<Member> members = List.of(new Member("S0", 0, false, new MemberState()), Member.of("S1"));

        assertEquals(members, new PowerOfTwoChoices(members, new Random(1)).members());
    }

    @Test
    void loadTracking_countsStickyAndPickedRequests() {
        Balancer balancer = new PowerOfTwoChoices(List.of(), new Random(1));

        assertEquals(LoadTracking.IN_FLIGHT, balancer.loadTracking(false));
        assertEquals(LoadTracking.IN_FLIGHT, balancer.loadTracking(true));
    }
}
