package io.switchyard.domain.balance;

import java.util.Objects;

/**
 * One child as a balancer sees it in one configuration: immutable configuration plus the shared
 * runtime state.
 *
 * @param name   the child's name: the server URL for servers, the child service name as written
 *               in the configuration for services (balancing.md §2.1); used for hashing and
 *               sticky cookies
 * @param weight the weight; children with weight {@code <= 0} are ignored by weighted round robin,
 *               highest random weight and least time
 * @param fenced a terminating endpoint: never picked, still reachable through a sticky cookie
 * @param state  the runtime state, shared with other configurations of the same child
 */
public record Member(String name, int weight, boolean fenced, MemberState state) {
    public Member {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
    }

    /** An unfenced member of weight 1 with its own fresh state. */
    public static Member of(String name) {
        return new Member(name, 1, false, new MemberState());
    }

    /** Whether a balancer may pick this member now: UP and not fenced. */
    public boolean selectable() {
        return !fenced && state.up();
    }
}
