package io.switchyard.ports.runtime;

import io.switchyard.domain.balance.Member;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.ports.upstream.UpstreamException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;

/**
 * The one retry Switchyard adds to Traefik ({@link RuntimeSettings#retryIdempotentOnce()}): an
 * idempotent request whose server could not take it goes once to another server of the same load
 * balancer. Deliberate deviation: spec proxy.md §4.9 only retries on a new connection to the same
 * server; a stopped pod would otherwise cost one 502 per request sent to it until a health check
 * notices (docs/reliability.md).
 */
final class IdempotentRetry {
    private static final System.Logger LOG = System.getLogger(IdempotentRetry.class.getName());

    private IdempotentRetry() {
    }

    /**
     * Whether a request may be sent twice: a method RFC 9110 §9.2.2 calls idempotent and safe to
     * retry automatically (GET, HEAD, OPTIONS, TRACE; PUT and DELETE are idempotent too but Go's
     * client does not resend them, and neither do we), or one carrying an idempotency key.
     */
    static boolean idempotent(String method, HttpFields headers) {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS", "TRACE" -> true;
            default -> headers.contains("Idempotency-Key") || headers.contains("X-Idempotency-Key");
        };
    }

    /**
     * The server to send {@code call} to after {@code failed} failed with {@code failure}, or null
     * when the request must not or cannot be retried: it is not idempotent, the server may have
     * taken it, the response has begun, or no other server is selectable.
     */
    static Member alternative(Call call, ServiceNode.LoadBalancer lb, Member failed, UpstreamException failure) {
        UpstreamException.Failure kind = failure.failure();
        if (!failure.nothingSent() || kind != UpstreamException.Failure.CONNECT && kind != UpstreamException.Failure.EOF
                || call.exchange.committed() || !idempotent(call.exchange.method(), call.headers)) {
            return null;
        }
        Member next = other(lb, failed, call.view.clientIp());
        if (next != null && LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "{0} {1}: {2} failed ({3}), retrying on {4}", call.exchange.method(), call.path,
                    failed.name(), failure.getMessage(), next.name());
        }
        return next;
    }

    /**
     * Another selectable server: the balancer's own pick when it is not {@code failed} (so retries
     * spread as new requests do), else the next selectable member after it in the balancer's order
     * (highest random weight, or a balancer left with one other server).
     */
    private static Member other(ServiceNode.LoadBalancer lb, Member failed, String clientIp) {
        Optional<Member> picked = lb.balancer().pick(clientIp);
        if (picked.isPresent() && !picked.get().name().equals(failed.name())) {
            return picked.get();
        }
        List<Member> members = lb.balancer().members();
        int at = members.indexOf(failed);
        for (int i = 1; i <= members.size(); i++) {
            Member m = members.get(Math.floorMod(at + i, members.size()));
            if (m.selectable() && !m.name().equals(failed.name())) {
                return m;
            }
        }
        return null;
    }

    /** With stickiness, the cookie follows the server that answers. */
    static void restick(Call call, ServiceNode.LoadBalancer lb, Member failed, Member next) {
        ServiceNode.Sticky sticky = lb.sticky();
        String cookie = sticky == null ? null : sticky.setCookie().get(next.name());
        if (cookie != null) {
            call.removeSetCookie(sticky.setCookie().get(failed.name()));
            call.addSetCookie(cookie);
        }
    }
}
