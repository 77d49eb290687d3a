package io.switchyard.server.http;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http2.Http2Config;
import io.switchyard.ports.exchange.RequestHandler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Helidon WebServer carrying every entry point: one listener per entry point, each handing all
 * requests to the same {@link RequestHandler}. HTTP/1.1 and h2c (prior knowledge and upgrade).
 */
public final class DataPlane implements AutoCloseable {
    private final WebServer server;
    private final List<EntryPointBinding> bindings;
    private final ListenerGuards guards;

    private DataPlane(WebServer server, List<EntryPointBinding> bindings, ListenerGuards guards) {
        this.server = server;
        this.bindings = bindings;
        this.guards = guards;
    }

    /** As {@link #start(List, RequestHandler, Map, Duration, ConnectionLimits)} with the default limits. */
    public static DataPlane start(List<EntryPointBinding> bindings, RequestHandler handler,
                                  Map<String, ExtraSocket> extraSockets, Duration gracePeriod) {
        return start(bindings, handler, extraSockets, gracePeriod, ConnectionLimits.DEFAULTS);
    }

    /**
     * Starts listeners for {@code bindings} (the first one is Helidon's default socket).
     *
     * @param extraSockets additional named listeners with their own routing (the admin listener)
     * @param limits       request head sizes and connection timeouts of the entry points
     */
    public static DataPlane start(List<EntryPointBinding> bindings, RequestHandler handler,
                                  Map<String, ExtraSocket> extraSockets, Duration gracePeriod,
                                  ConnectionLimits limits) {
        Objects.requireNonNull(handler, "handler");
        if (bindings.isEmpty()) {
            throw new IllegalArgumentException("entry points: none (expected: at least one)");
        }
        ListenerGuards guards = new ListenerGuards(limits);
        WebServerConfig.Builder builder = WebServer.builder()
                .shutdownHook(false)
                .shutdownGracePeriod(gracePeriod)
                .protocolsDiscoverServices(false)
                .addProtocol(http1(guards))
                .addProtocol(Http2Config.create());
        guards.listener(builder);
        EntryPointBinding first = bindings.get(0);
        builder.host(first.host()).port(first.port())
                .routing(routing(first.name(), handler));
        for (EntryPointBinding b : bindings.subList(1, bindings.size())) {
            builder.putSocket(b.name(), socket -> {
                socket.host(b.host()).port(b.port())
                        .shutdownGracePeriod(gracePeriod)
                        .protocolsDiscoverServices(false)
                        .addProtocol(http1(guards))
                        .addProtocol(Http2Config.create())
                        .routing(routing(b.name(), handler));
                guards.listener(socket);
            });
        }
        extraSockets.forEach((name, extra) -> builder.putSocket(name, socket -> socket
                .host(extra.host()).port(extra.port())
                .routing(extra.routing())));
        WebServer server;
        try {
            server = builder.build().start();
        } catch (RuntimeException e) {
            guards.close();
            throw e;
        }
        return new DataPlane(server, List.copyOf(bindings), guards);
    }

    private static Http1Config http1(ListenerGuards guards) {
        return guards.http1(Http1Config.builder().sendLog(false).receiveLog(false).validatePath(false)).build();
    }

    private static HttpRouting.Builder routing(String entryPoint, RequestHandler handler) {
        return HttpRouting.builder().any((req, res) -> {
            HelidonExchange exchange = new HelidonExchange(entryPoint, req, res);
            handler.handle(exchange);
            exchange.rethrowMalformedBody();
        });
    }

    /** The port an entry point actually listens on (useful when it was configured as 0). */
    public int port(String entryPoint) {
        if (bindings.get(0).name().equals(entryPoint)) {
            return server.port();
        }
        return server.port(entryPoint);
    }

    /** Ports of all entry points, by name. */
    public Map<String, Integer> ports() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (EntryPointBinding b : bindings) {
            out.put(b.name(), port(b.name()));
        }
        return out;
    }

    /** The underlying server, for extra sockets' ports. */
    public WebServer server() {
        return server;
    }

    /** Stops all listeners (in-flight requests get the grace period). */
    @Override
    public void close() {
        server.stop();
        guards.close();
    }

    /** An extra listener (not an entry point) with its own routing. */
    public record ExtraSocket(String host, int port, HttpRouting.Builder routing) {
    }
}
