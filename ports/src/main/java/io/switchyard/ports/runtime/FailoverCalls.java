package io.switchyard.ports.runtime;

import io.switchyard.domain.balance.StatusRanges;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.ports.exchange.Exchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.function.BiConsumer;

/**
 * Serves requests through failover services (spec: balancing.md §2.10): straight to the fallback
 * while main is known down; else to main, and when main answers a status in the error ranges, the
 * same request (same buffered body) to the fallback instead.
 *
 * <p>The fallback is always considered UP, as in Traefik's CRD provider, so the 503
 * {@code Service Unavailable} of §2.12 never happens here.
 */
final class FailoverCalls {
    private static final System.Logger LOG = System.getLogger(FailoverCalls.class.getName());
    private static final byte[] EMPTY = new byte[0];

    private final BiConsumer<ServiceNode, Call> serve;

    /**
     * @param serve serves a call through a service node (the runtime's tree walk)
     */
    FailoverCalls(BiConsumer<ServiceNode, Call> serve) {
        this.serve = serve;
    }

    void serve(ServiceNode.Failover node, Call call) {
        if (node.mainHealthTracked() && !TreeHealth.up(node.main())) {
            serve.accept(node.fallback(), call);
            return;
        }
        if (node.errors().isEmpty()) {
            serve.accept(node.main(), call);
            return;
        }
        Exchange client = call.exchange;
        long length = client.requestContentLength();
        byte[] body = EMPTY;
        if (length != 0) {
            long max = node.maxRequestBodyBytes();
            if (max >= 0 && length > max) {
                RoutingRuntime.respondError(call, 413, "Request body too large");
                return;
            }
            BufferedBody read;
            try {
                read = BufferedBody.read(client.requestBody(), max);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "reading the request body for failover failed", e);
                RoutingRuntime.respondError(call, 500, "Internal Server Error");
                return;
            }
            if (read.overflow()) {
                RoutingRuntime.respondError(call, 413, "Request body too large");
                return;
            }
            body = read.bytes();
        }
        byte[] bytes = body;
        // The fallback must get the headers as they were before main's forwarder rewrote them.
        HttpFields original = HttpFields.copyOf(call.headers);
        ReplayExchange attempt = new ReplayExchange(client, () -> new ByteArrayInputStream(bytes), length,
                node.errors());
        Call main = call.fork(attempt, call.headers);
        serve.accept(node.main(), main);
        if (!attempt.diverted()) {
            call.adopt(main);
            return;
        }
        LOG.log(Level.DEBUG, "{0}: main answered {1}, trying the fallback", node.name(), main.status);
        Call fallback = call.fork(new ReplayExchange(client, () -> new ByteArrayInputStream(bytes), length,
                StatusRanges.none()), original);
        serve.accept(node.fallback(), fallback);
        call.adopt(fallback);
    }
}
