package io.switchyard.domain.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.domain.balance.Balancer.LoadTracking;
import io.switchyard.domain.config.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class BalancerTest {

    private static List<Member> servers(int count) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(Member.of("http://10.0.0." + i + ":8080"));
        }
        return members;
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void of_eachStrategy_buildsItsAlgorithm(Strategy strategy) {
        Balancer balancer = Balancer.of(strategy, servers(2), new Random(1));

        Class<?> expected = switch (strategy) {
            case WRR -> EdfWeightedRoundRobin.class;
            case P2C -> PowerOfTwoChoices.class;
            case HRW -> HighestRandomWeight.class;
            case LEASTTIME -> LeastTime.class;
        };
        assertInstanceOf(expected, balancer);
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void inOrder_keepsTheGivenBuildOrder(Strategy strategy) {
        List<Member> members = servers(8);

        assertEquals(members, Balancer.inOrder(strategy, members, new Random(1)).members());
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void of_shufflesTheChildrenWithTheInjectedGenerator(Strategy strategy) {
        List<Member> members = servers(8);

        List<Member> built = Balancer.of(strategy, members, new Random(42)).members();

        assertEquals(Set.copyOf(members), Set.copyOf(built));
        assertNotEquals(members, built);
        assertEquals(built, Balancer.of(strategy, members, new Random(42)).members());
    }

    @Test
    void of_rebuiltAfterConfigurationSwaps_firstPicksSpreadOverServers() {
        // No thundering herd: balancers rebuilt by successive swaps (sharing one generator, as the
        // runtime does) do not all send their first request to the same server.
        List<Member> members = servers(10);
        RandomGenerator random = new Random(2024);
        Set<String> firstPicks = new HashSet<>();

        for (int build = 0; build < 50; build++) {
            firstPicks.add(Balancer.of(Strategy.WRR, members, random).pick("192.0.2.1").orElseThrow().name());
        }

        assertTrue(firstPicks.size() >= 8, firstPicks.toString());
    }

    @Test
    void weighted_and_highestRandomWeight_areServiceBalancers() {
        List<Member> services = List.of(Member.of("default-wrr1"), Member.of("api@internal"));

        assertInstanceOf(EdfWeightedRoundRobin.class, Balancer.weighted(services, new Random(1)));
        assertInstanceOf(HighestRandomWeight.class, Balancer.highestRandomWeight(services));
        assertEquals(services, Balancer.highestRandomWeight(services).members());
    }

    @Test
    void loadTracking_wrrAndHrw_trackNothing() {
        for (Strategy strategy : List.of(Strategy.WRR, Strategy.HRW)) {
            Balancer balancer = Balancer.of(strategy, servers(1), new Random(1));
            assertEquals(LoadTracking.NONE, balancer.loadTracking(false));
            assertEquals(LoadTracking.NONE, balancer.loadTracking(true));
        }
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void pick_onlyFencedServers_returnsNoServerPromptly(Strategy strategy) {
        List<Member> members = List.of(
                new Member("http://10.0.0.1:8080", 1, true, new MemberState()),
                new Member("http://10.0.0.2:8080", 1, true, new MemberState()));
        Balancer balancer = Balancer.of(strategy, members, new Random(1));

        assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertEquals(Optional.empty(), balancer.pick("192.0.2.1")));
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void pick_allServersDown_returnsNoServerPromptly(Strategy strategy) {
        List<Member> members = servers(3);
        members.forEach(m -> m.state().up(false));
        Balancer balancer = Balancer.of(strategy, members, new Random(1));

        assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertEquals(Optional.empty(), balancer.pick("192.0.2.1")));
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void pick_upServersFencedAndUnfencedServersDown_returnsNoServerPromptly(Strategy strategy) {
        List<Member> members = List.of(
                new Member("http://10.0.0.1:8080", 1, true, new MemberState()),
                Member.of("http://10.0.0.2:8080"));
        members.get(1).state().up(false);
        Balancer balancer = Balancer.of(strategy, members, new Random(1));

        assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertEquals(Optional.empty(), balancer.pick("192.0.2.1")));
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void pick_manyVirtualThreadsConcurrently_noExceptionAndCountsAddUp(Strategy strategy) throws Exception {
        List<Member> members = servers(5);
        Member flapping = members.get(4);
        RandomGenerator random = () -> ThreadLocalRandom.current().nextLong();
        Balancer balancer = Balancer.of(strategy, members, random);
        int threads = 64;
        int picksPerThread = 2_000;
        ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();
        LongAdder empty = new LongAdder();
        AtomicLong flaps = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<?> flapper = executor.submit(() -> {
                    start.await();
                    while (running.get()) {
                        flapping.state().up(!flapping.state().up());
                        flaps.incrementAndGet();
                        Thread.yield();
                    }
                    flapping.state().up(true);
                    return null;
                });
                List<Future<?>> pickers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int client = t;
                    pickers.add(executor.submit(() -> {
                        start.await();
                        for (int i = 0; i < picksPerThread; i++) {
                            Optional<Member> picked = balancer.pick("10.1.0." + client);
                            if (picked.isEmpty()) {
                                empty.increment();
                                continue;
                            }
                            MemberState state = picked.get().state();
                            state.acquire();
                            state.recordTimeToFirstByte(i % 3);
                            state.release();
                            counts.computeIfAbsent(picked.get().name(), k -> new LongAdder()).increment();
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> picker : pickers) {
                    picker.get();
                }
                running.set(false);
                flapper.get();
            }
        });

        long picked = counts.values().stream().mapToLong(LongAdder::sum).sum();
        assertEquals(0, empty.sum(), "four servers were always UP");
        assertEquals((long) threads * picksPerThread, picked);
        assertTrue(flaps.get() > 0);
        members.forEach(m -> assertEquals(0, m.state().inFlight(), m.name()));
        if (strategy == Strategy.WRR) {
            // Four steady servers share evenly; the flapping one gets at most its share.
            for (int s = 0; s < 4; s++) {
                long share = counts.get(members.get(s).name()).sum();
                assertTrue(share >= picked / 5, members.get(s).name() + ": " + share);
            }
        }
    }
}
