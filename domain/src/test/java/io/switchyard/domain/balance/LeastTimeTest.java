package io.switchyard.domain.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchyard.domain.balance.Balancer.LoadTracking;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class LeastTimeTest {

    private static List<Member> servers(int count) {
        List<Member> members = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            members.add(Member.of("S" + i));
        }
        return members;
    }

    private static String picks(Balancer balancer, int count) {
        return EdfWeightedRoundRobinTest.picks(balancer, count);
    }

    @Test
    void pick_subMillisecondBackends_degeneratesToDeadlineRoundRobin() {
        Balancer balancer = new LeastTime(servers(3));

        assertEquals("S1 S1 S2 S1 S2 S3 S1 S2 S3", picks(balancer, 9));
    }

    @Test
    void pick_samplesBelowOneMillisecond_stillScoreZero() {
        List<Member> members = servers(3);
        for (Member member : members) {
            member.state().recordTimeToFirstByte(0); // 0.7 ms truncated by the caller
        }
        members.get(0).state().acquire();

        assertEquals("S1 S1 S2 S1 S2 S3", picks(new LeastTime(members), 6));
    }

    @ParameterizedTest(name = "avg {0}/{1}, inFlight {2}/{3}, weights {4}/{5} -> {6}")
    @CsvSource(delimiter = '|', textBlock = """
            10 | 5  | 0 | 0 | 1 | 1 | S2
            10 | 5  | 0 | 2 | 1 | 1 | S1
            10 | 6  | 0 | 0 | 2 | 1 | S1
            10 | 10 | 1 | 0 | 1 | 1 | S2
            0  | 50 | 7 | 0 | 1 | 1 | S1
            """)
    void pick_lowestScoreWins(long avg1, long avg2, int inFlight1, int inFlight2, int weight1, int weight2,
                              String expected) {
        List<Member> members = List.of(
                new Member("S1", weight1, false, new MemberState()),
                new Member("S2", weight2, false, new MemberState()));
        members.get(0).state().recordTimeToFirstByte(avg1);
        members.get(1).state().recordTimeToFirstByte(avg2);
        for (int i = 0; i < inFlight1; i++) {
            members.get(0).state().acquire();
        }
        for (int i = 0; i < inFlight2; i++) {
            members.get(1).state().acquire();
        }

        assertEquals(expected, new LeastTime(members).pick("192.0.2.1").orElseThrow().name());
    }

    @Test
    void pick_tieBetweenSomeChildren_breaksOnTheirDeadlinesOnly() {
        List<Member> members = servers(3);
        members.get(0).state().recordTimeToFirstByte(20); // S1 slow: never a candidate
        Balancer balancer = new LeastTime(members);

        // S2 and S3 start with deadlines 2 and 3.
        assertEquals("S2 S2 S3 S2 S3", picks(balancer, 5));
    }

    @Test
    void pick_singleCandidate_doesNotAdvanceDeadlines() {
        List<Member> members = servers(3);
        members.get(1).state().recordTimeToFirstByte(5);
        members.get(2).state().recordTimeToFirstByte(5);
        members.get(0).state().recordTimeToFirstByte(1);
        Balancer balancer = new LeastTime(members);
        assertEquals("S1 S1 S1", picks(balancer, 3));

        members.get(0).state().recordTimeToFirstByte(9); // S1 now averages 5 too: three-way tie

        assertEquals("S1 S1 S2 S1 S2 S3", picks(balancer, 6));
    }

    @Test
    void pick_singleHealthyChild_returnsItWithoutBookkeeping() {
        List<Member> members = servers(3);
        members.get(1).state().up(false);
        members.get(2).state().up(false);
        Balancer balancer = new LeastTime(members);
        assertEquals("S1 S1 S1", picks(balancer, 3));

        members.get(1).state().up(true);
        members.get(2).state().up(true);

        assertEquals("S1 S1 S2 S1 S2 S3", picks(balancer, 6));
    }

    @Test
    void pick_onlyFencedOrDownChildren_returnsNoServer() {
        List<Member> members = List.of(new Member("S1", 1, true, new MemberState()), Member.of("S2"));
        members.get(1).state().up(false);

        assertEquals(Optional.empty(), new LeastTime(members).pick("192.0.2.1"));
    }

    @Test
    void members_ignoresNonPositiveWeights() {
        List<Member> members = List.of(Member.of("S1"), new Member("S2", 0, false, new MemberState()));

        assertEquals(List.of(members.get(0)), new LeastTime(members).members());
    }

    @Test
    void loadTracking_timesPickedRequestsOnly() {
        Balancer balancer = new LeastTime(List.of());

        assertEquals(LoadTracking.IN_FLIGHT_AND_TIME_TO_FIRST_BYTE, balancer.loadTracking(false));
        assertEquals(LoadTracking.NONE, balancer.loadTracking(true));
    }
}
