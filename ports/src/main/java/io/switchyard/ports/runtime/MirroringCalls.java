package io.switchyard.ports.runtime;

import io.switchyard.domain.balance.StatusRanges;
import io.switchyard.ports.exchange.Exchange;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Serves requests through mirroring services (spec: balancing.md §2.9): the main service answers
 * the client as usual; afterwards, the selected mirrors get copies in the background, one after
 * the other, and their answers are discarded.
 */
final class MirroringCalls {
    private static final System.Logger LOG = System.getLogger(MirroringCalls.class.getName());
    private static final byte[] EMPTY = new byte[0];

    private final MirrorDispatcher dispatcher;
    private final BiConsumer<ServiceNode, Call> serve;

    /**
     * @param serve serves a call through a service node (the runtime's tree walk)
     */
    MirroringCalls(MirrorDispatcher dispatcher, BiConsumer<ServiceNode, Call> serve) {
        this.dispatcher = dispatcher;
        this.serve = serve;
    }

    void serve(ServiceNode.Mirroring node, Call call) {
        List<Integer> selected = node.selector().select();
        if (selected.isEmpty()) {
            serve.accept(node.main(), call);
            return;
        }
        if (!dispatcher.hasRoom()) {
            // Saturated: do not even buffer the body; the main request goes as if unmirrored.
            dispatcher.drop();
            serve.accept(node.main(), call);
            return;
        }
        Exchange client = call.exchange;
        // Snapshot now: the forwarder rewrites call.headers in place for the main request.
        DetachedExchange snapshot = DetachedExchange.snapshot(client, call.headers);
        long length = client.requestContentLength();
        byte[] body = EMPTY;
        Call main = call;
        if (node.mirrorBody() && length != 0) {
            long max = node.maxBodySize();
            if (max >= 0 && length > max) {
                LOG.log(Level.DEBUG, "no mirroring, request body larger than allowed size");
                serve.accept(node.main(), call);
                return;
            }
            InputStream in = client.requestBody();
            BufferedBody read;
            try {
                read = BufferedBody.read(in, max);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "reading the request body for mirroring failed", e);
                RoutingRuntime.respondError(call, 500, "Internal Server Error");
                return;
            }
            byte[] bytes = read.bytes();
            if (read.overflow()) {
                LOG.log(Level.DEBUG, "no mirroring, request body larger than allowed size");
                main = call.fork(new ReplayExchange(client,
                        () -> new SequenceInputStream(new ByteArrayInputStream(bytes), in), length,
                        StatusRanges.none()), call.headers);
                serve.accept(node.main(), main);
                call.adopt(main);
                return;
            }
            body = bytes;
            main = call.fork(new ReplayExchange(client, () -> new ByteArrayInputStream(bytes), length,
                    StatusRanges.none()), call.headers);
        }
        serve.accept(node.main(), main);
        if (main != call) {
            call.adopt(main);
        }
        if (call.status == 499) {
            LOG.log(Level.WARNING, "no mirroring, request has been canceled during main handler");
            return;
        }
        byte[] mirrored = body;
        // Only what the copies need: holding the call would keep the client exchange alive.
        RequestView v = call.view;
        String path = call.path;
        String authority = call.authority;
        dispatcher.submit(mirrored.length, () -> {
            for (int i : selected) {
                DetachedExchange copy = snapshot.copy(mirrored, length);
                RequestView view = new RequestView(v.method(), v.host(), v.path(), copy.requestHeaders(),
                        v.rawQuery(), v.clientIp());
                try {
                    serve.accept(node.mirrors().get(i).node(), new Call(copy, view, path,
                            copy.requestHeaders(), authority));
                } catch (RuntimeException e) {
                    LOG.log(Level.DEBUG, "mirror request failed", e);
                }
            }
        });
    }
}
