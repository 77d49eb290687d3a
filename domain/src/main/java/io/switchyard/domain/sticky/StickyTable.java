package io.switchyard.domain.sticky;

import io.switchyard.domain.balance.Balancer;
import io.switchyard.domain.balance.Member;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps the canonical and the legacy cookie values of one balancer's children to the children
 * (balancing.md §2.4.2). Built once per configuration; immutable and thread-safe.
 *
 * <p>Canonical value: {@link StickyCookies#value}. Legacy values, honoured and then rewritten: the
 * child name itself, its FNV-1 64 hash in lower-case hex without leading zeros, and the FNV-1 64
 * hash of that hex string.
 */
public final class StickyTable {

    private static final long FNV64_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV64_PRIME = 0x100000001b3L;

    private final Map<String, Member> canonical;
    private final Map<String, Member> legacy;

    private StickyTable(Map<String, Member> canonical, Map<String, Member> legacy) {
        this.canonical = canonical;
        this.legacy = legacy;
    }

    /**
     * A table over the children a balancer registers for stickiness: pass
     * {@link Balancer#members()} (or use {@link #of(Balancer)}), which leaves out children ignored
     * for their weight. Later children win value collisions, as in Traefik.
     */
    public static StickyTable of(List<Member> members) {
        Map<String, Member> canonical = new HashMap<>();
        Map<String, Member> legacy = new HashMap<>();
        for (Member member : List.copyOf(members)) {
            String name = member.name();
            canonical.put(StickyCookies.value(name), member);
            legacy.put(name, member);
            String hashed = fnv1Hex(name);
            legacy.put(hashed, member);
            // Older Traefik versions hashed the server URL before hashing the cookie value.
            legacy.put(fnv1Hex(hashed), member);
        }
        return new StickyTable(Map.copyOf(canonical), Map.copyOf(legacy));
    }

    /** A table over the children of {@code balancer}. */
    public static StickyTable of(Balancer balancer) {
        return of(balancer.members());
    }

    /**
     * The child a cookie value designates, whatever its health (§2.4.3 step 2). The caller forwards
     * to it only if it is UP (fenced does not matter); see {@link #lookupUp}.
     *
     * @return the child and whether the cookie must be rewritten with its canonical value; empty
     *         for an unknown value
     */
    public Optional<Match> lookup(String cookieValue) {
        Objects.requireNonNull(cookieValue, "cookieValue");
        Member member = canonical.get(cookieValue);
        if (member != null) {
            return Optional.of(new Match(member, false));
        }
        member = legacy.get(cookieValue);
        return member == null ? Optional.empty() : Optional.of(new Match(member, true));
    }

    /**
     * {@link #lookup}, keeping only a child that is UP now (§2.4.3 step 3): fenced children keep
     * their sticky clients. Empty means "pick with the balancer".
     */
    public Optional<Match> lookupUp(String cookieValue) {
        return lookup(cookieValue).filter(match -> match.member().state().up());
    }

    /**
     * A child designated by a sticky cookie.
     *
     * @param member  the child
     * @param rewrite the cookie held a legacy value: answer with a {@code Set-Cookie} carrying
     *                {@link StickyCookies#value} of the child
     */
    public record Match(Member member, boolean rewrite) {
        public Match {
            Objects.requireNonNull(member, "member");
        }
    }

    /** FNV-1 (multiply, then XOR) 64 of the UTF-8 bytes, lower-case hex without leading zeros. */
    static String fnv1Hex(String input) {
        long hash = FNV64_OFFSET_BASIS;
        for (byte b : input.getBytes(StandardCharsets.UTF_8)) {
            hash *= FNV64_PRIME;
            hash ^= b & 0xff;
        }
        return Long.toHexString(hash);
    }

    @Override
    public String toString() {
        return "StickyTable[" + canonical.size() + " children]";
    }
}
