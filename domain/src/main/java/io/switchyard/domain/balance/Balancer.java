package io.switchyard.domain.balance;

import io.switchyard.domain.config.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Picks one child among those that are UP and not fenced (spec: balancing.md §2.2–2.8).
 *
 * <p>A balancer is built once per configuration over {@link Member}s whose {@link MemberState} is
 * shared across configurations. It never spins: when nothing is selectable {@link #pick} answers
 * empty promptly, which the caller turns into 503 {@code no available server} (§2.1.1). All
 * implementations are thread-safe; they use lock-free reads or one very short critical section.
 *
 * <p>Stickiness is not part of picking: the caller consults a
 * {@code io.switchyard.domain.sticky.StickyTable} first and picks only when the cookie does not
 * lead to an UP child (§2.4.3).
 *
 * <p>About the injected {@link RandomGenerator}: it shuffles the children once at build time, as
 * Traefik does, so that balancers rebuilt by a configuration swap do not all start with the same
 * server (§2.1). Power of two choices also draws from it on every pick (serialised by the
 * balancer, so any generator will do). Tests pass a seeded generator, or build with
 * {@link #inOrder} to check the spec's reference sequences.
 */
public interface Balancer {

    /**
     * Picks a child for a new request.
     *
     * @param clientIp the host part of the client's address; only highest random weight uses it
     * @return the picked child, or empty when no child is both UP and not fenced
     */
    Optional<Member> pick(String clientIp);

    /**
     * The children this balancer knows, in build order (after shuffling). Children ignored for
     * their weight ({@code <= 0}, except for power of two choices which has no weights) are not
     * included; these are exactly the children that stickiness registers.
     */
    List<Member> members();

    /**
     * What the caller must account for a request forwarded to a child of this balancer
     * (balancing.md §2.4.3, §2.5, §2.7).
     *
     * @param stickyRouted whether the child was chosen by a sticky cookie rather than by
     *                     {@link #pick}
     */
    default LoadTracking loadTracking(boolean stickyRouted) {
        return LoadTracking.NONE;
    }

    /** Bookkeeping a forwarded request owes to the {@link MemberState} of its child. */
    enum LoadTracking {
        /** Nothing. */
        NONE,
        /** {@link MemberState#acquire()} before forwarding, {@link MemberState#release()} when the
         * response body has been relayed. */
        IN_FLIGHT,
        /** As {@link #IN_FLIGHT}, and {@link MemberState#recordTimeToFirstByte(long)} with the
         * truncated milliseconds from dispatch to the first response byte. */
        IN_FLIGHT_AND_TIME_TO_FIRST_BYTE
    }

    /**
     * A servers load balancer with the given strategy; the children are shuffled with
     * {@code random} first (balancing.md §2.1).
     */
    static Balancer of(Strategy strategy, List<Member> members, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        return inOrder(strategy, shuffled(members, random), random);
    }

    /**
     * As {@link #of}, but keeps the children in the given order, which then is the build order the
     * spec's reference sequences are written for. {@code random} is used by power of two choices
     * only.
     */
    static Balancer inOrder(Strategy strategy, List<Member> members, RandomGenerator random) {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(random, "random");
        return switch (strategy) {
            case WRR -> new EdfWeightedRoundRobin(members);
            case P2C -> new PowerOfTwoChoices(members, random);
            case HRW -> new HighestRandomWeight(members);
            case LEASTTIME -> new LeastTime(members);
        };
    }

    /**
     * The {@code weighted} TraefikService: EDF weighted round robin over child services, shuffled
     * with {@code random} first (balancing.md §2.8).
     */
    static Balancer weighted(List<Member> members, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        return new EdfWeightedRoundRobin(shuffled(members, random));
    }

    /**
     * The {@code highestRandomWeight} TraefikService: rendezvous hashing of the client IP over child
     * services (balancing.md §2.8). Not shuffled: the order only decides exact score ties.
     */
    static Balancer highestRandomWeight(List<Member> members) {
        return new HighestRandomWeight(members);
    }

    private static List<Member> shuffled(List<Member> members, RandomGenerator random) {
        List<Member> list = new ArrayList<>(members);
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            list.set(j, list.set(i, list.get(j)));
        }
        return list;
    }
}
