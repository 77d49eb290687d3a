package io.switchyard.domain.balance;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.random.RandomGenerator;

/**
 * Power of two random choices by in-flight requests (balancing.md §2.5). It reads the members'
 * atomic state and draws two indexes from the injected generator under a tiny lock, as Traefik
 * does, so that any generator is safe to inject.
 */
final class PowerOfTwoChoices implements Balancer {

    private final List<Member> members;
    private final RandomGenerator random;
    private final ReentrantLock drawLock = new ReentrantLock();

    PowerOfTwoChoices(List<Member> members, RandomGenerator random) {
        // No weights in P2C: every child is registered, whatever its weight.
        this.members = List.copyOf(members);
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public Optional<Member> pick(String clientIp) {
        Member[] healthy = new Member[members.size()];
        int n = 0;
        for (Member member : members) {
            if (member.selectable()) {
                healthy[n++] = member;
            }
        }
        if (n == 0) {
            return Optional.empty();
        }
        if (n == 1) {
            return Optional.of(healthy[0]);
        }
        int i;
        int j;
        drawLock.lock();
        try {
            i = random.nextInt(n);
            j = random.nextInt(n);
        } finally {
            drawLock.unlock();
        }
        if (j == i) {
            j = (j + 1) % n;
        }
        return Optional.of(healthy[j].state().inFlight() < healthy[i].state().inFlight() ? healthy[j] : healthy[i]);
    }

    @Override
    public List<Member> members() {
        return members;
    }

    @Override
    public LoadTracking loadTracking(boolean stickyRouted) {
        // Sticky-routed requests count too (§2.4.3): Traefik wraps each child, not the pick.
        return LoadTracking.IN_FLIGHT;
    }

    @Override
    public String toString() {
        return "PowerOfTwoChoices" + members;
    }
}
