package io.switchyard.ports.runtime;

import io.switchyard.domain.balance.Balancer;
import io.switchyard.domain.balance.Member;
import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.http.ServerAddress;
import io.switchyard.domain.sticky.StickyTable;
import java.time.Duration;
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

    /** Picks {@code member} of a balancing node's children. */
    static ServiceNode child(Map<String, ServiceNode> children, Member member) {
        return children.get(member.name());
    }
}
