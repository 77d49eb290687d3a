package io.switchyard.ports.runtime;

import io.switchyard.domain.balance.Balancer;
import io.switchyard.domain.balance.Member;
import io.switchyard.domain.balance.StatusRanges;
import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.http.ServerAddress;
import io.switchyard.domain.sticky.StickyTable;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One compiled service of the service tree; immutable, built once per configuration. */
sealed interface ServiceNode {

    /** The qualified service name ({@code key@provider}). */
    String name();

    /**
     * Stickiness of a balancing node, if configured: the cookie name, the table of accepted values,
     * and the complete {@code Set-Cookie} value per member, computed once per configuration so no
     * hashing happens per request.
     */
    record Sticky(String cookieName, StickyTable table, Map<String, String> setCookie) {
    }

    /** A servers load balancer. */
    record LoadBalancer(String name, Balancer balancer, Sticky sticky, Map<String, ServerAddress> addresses,
                        boolean passHostHeader, Duration flushInterval, String transportName,
                        ServersTransportConfig transport) implements ServiceNode {
    }

    /** Weighted round robin over child services. */
    record Weighted(String name, Balancer balancer, Sticky sticky, Map<String, ServiceNode> children)
            implements ServiceNode {
    }

    /** Rendezvous hashing over child services. */
    record HighestRandomWeight(String name, Balancer balancer, Map<String, ServiceNode> children)
            implements ServiceNode {
    }

    /**
     * Mirroring (spec: balancing.md §2.9): every request goes to {@code main}; the {@code selector}
     * decides which {@code mirrors} also get a copy.
     *
     * @param mirrorBody  whether mirrors get the request body (else an empty one)
     * @param maxBodySize the largest body that is mirrored; negative is unlimited
     */
    record Mirroring(String name, ServiceNode main, List<Mirror> mirrors, boolean mirrorBody, long maxBodySize,
                     MirrorSelector selector) implements ServiceNode {
        public Mirroring {
            mirrors = List.copyOf(mirrors);
        }
    }

    /** One mirror of a {@link Mirroring} node. */
    record Mirror(ServiceNode node, int percent) {
    }

    /**
     * Failover (spec: balancing.md §2.10): {@code main} unless it is known down or answers a status
     * in {@code errors}, then {@code fallback}.
     *
     * @param maxRequestBodyBytes the largest body buffered for a retry on the fallback; negative is
     *                            unlimited
     * @param mainHealthTracked   whether main's health decides (as in Traefik: main is a load balancer
     *                            with an active health check; or any main with
     *                            {@link RuntimeSettings#propagateHealth()}); else main is always
     *                            considered UP
     */
    record Failover(String name, ServiceNode main, ServiceNode fallback, StatusRanges errors,
                    long maxRequestBodyBytes, boolean mainHealthTracked) implements ServiceNode {
    }

    /** Picks {@code member} of a balancing node's children. */
    static ServiceNode child(Map<String, ServiceNode> children, Member member) {
        return children.get(member.name());
    }
}
