package io.switchyard.domain.balance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Rendezvous hashing of the client IP (balancing.md §2.6): every selectable child is scored with
 * FNV-1a 64 of {@code clientIp + name}, and the strictly greatest score wins. Stateless and
 * lock-free.
 */
final class HighestRandomWeight implements Balancer {

    private static final long FNV64_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV64_PRIME = 0x100000001b3L;
    private static final double TWO_TO_THE_64 = 0x1p64;

    private final List<Member> members;

    HighestRandomWeight(List<Member> children) {
        List<Member> registered = new ArrayList<>();
        for (Member member : List.copyOf(children)) {
            if (member.weight() > 0) {
                registered.add(member);
            }
        }
        members = List.copyOf(registered);
    }

    @Override
    public Optional<Member> pick(String clientIp) {
        Objects.requireNonNull(clientIp, "clientIp");
        Member best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Member member : members) {
            if (!member.selectable()) {
                continue;
            }
            double score = score(clientIp, member.name(), member.weight());
            if (best == null || score > bestScore) {
                best = member;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The share {@code s} in (0, 1] of the hash of {@code key + name}. */
    static double share(String key, String name) {
        long hash = fnv1a64((key + name).getBytes(StandardCharsets.UTF_8));
        return unsignedToDouble(hash) / TWO_TO_THE_64;
    }

    /** The rendezvous score {@code w / -ln(s)}. */
    static double score(String key, String name, int weight) {
        // StrictMath (fdlibm, like Go's portable math.Log) makes scores identical on every JVM.
        return weight / -StrictMath.log(share(key, name));
    }

    static long fnv1a64(byte[] bytes) {
        long hash = FNV64_OFFSET_BASIS;
        for (byte b : bytes) {
            hash ^= b & 0xff;
            hash *= FNV64_PRIME;
        }
        return hash;
    }

    /** Round-to-nearest conversion of an unsigned 64-bit value, like Go's {@code float64(uint64)}. */
    static double unsignedToDouble(long value) {
        if (value >= 0) {
            return value;
        }
        // Halve keeping the sticky bit so the single rounding in the conversion stays correct.
        return ((value >>> 1) | (value & 1)) * 2.0;
    }

    @Override
    public List<Member> members() {
        return members;
    }

    @Override
    public String toString() {
        return "HighestRandomWeight" + members;
    }
}
