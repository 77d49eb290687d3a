package io.switchyard.ports.runtime;

import io.switchyard.domain.balance.MemberState;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Runtime state of every balancer member, keyed by service and member name. Survives configuration
 * swaps: a server that stays keeps its health and in-flight count; a removed one is forgotten.
 */
public final class ServerStates {
    private final ConcurrentMap<String, MemberState> states = new ConcurrentHashMap<>();

    /** The state of {@code member} in {@code service}, created UP on first use. */
    public MemberState state(String service, String member) {
        return states.computeIfAbsent(key(service, member), k -> new MemberState());
    }

    /** The state if it exists. */
    public java.util.Optional<MemberState> find(String service, String member) {
        return java.util.Optional.ofNullable(states.get(key(service, member)));
    }

    /** Forgets every state whose key is not in {@code live} (keys from {@link #key}). */
    void retain(Set<String> live) {
        states.keySet().retainAll(live);
    }

    static String key(String service, String member) {
        return service + '\n' + member;
    }
}
