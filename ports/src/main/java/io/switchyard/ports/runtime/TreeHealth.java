package io.switchyard.ports.runtime;

import io.switchyard.domain.balance.Member;
import java.util.Map;

/**
 * Whether a service as a whole is UP, computed from its servers' states on demand, lock-free
 * (spec: healthcheck.md §3.7: a balancer is UP while its status set is non-empty; fenced servers
 * count as UP there).
 */
final class TreeHealth {
    private TreeHealth() {
    }

    /**
     * Whether {@code node} has at least one UP server: a load balancer with an UP member, a
     * weighted or highest-random-weight service with an UP child of positive weight, a mirroring
     * service whose main service is UP, a failover whose main or fallback is UP.
     */
    static boolean up(ServiceNode node) {
        return switch (node) {
            case ServiceNode.LoadBalancer lb -> anyUp(lb.balancer().members());
            case ServiceNode.Weighted w -> anyChildUp(w.balancer().members(), w.children());
            case ServiceNode.HighestRandomWeight h -> anyChildUp(h.balancer().members(), h.children());
            case ServiceNode.Mirroring m -> up(m.main());
            case ServiceNode.Failover f -> up(f.main()) || up(f.fallback());
        };
    }

    /**
     * Marks each child member of a weighted or highest-random-weight service UP or DOWN after its
     * service, so that the balancer and the sticky table skip children with no UP server. Only
     * writes on a change, so concurrent requests agree without locking.
     */
    static void propagate(Iterable<Member> members, Map<String, ServiceNode> children) {
        for (Member m : members) {
            boolean up = up(children.get(m.name()));
            if (m.state().up() != up) {
                m.state().up(up);
            }
        }
    }

    private static boolean anyUp(Iterable<Member> members) {
        for (Member m : members) {
            if (m.state().up()) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyChildUp(Iterable<Member> members, Map<String, ServiceNode> children) {
        for (Member m : members) {
            if (up(children.get(m.name()))) {
                return true;
            }
        }
        return false;
    }
}
