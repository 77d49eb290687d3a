package io.switchyard.server.http;

import io.helidon.http.http2.Http2ErrorCode;
import io.helidon.http.http2.Http2Exception;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http2.Http2Config;
import io.switchyard.ports.exchange.RequestHandler;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Helidon WebServer carrying every entry point: one listener per entry point, each handing all
 * requests to the same {@link RequestHandler}. HTTP/1.1 (with WebSocket upgrades taken over by
 * {@link SwitchingProtocols}), h2c (prior knowledge and upgrade), and on TLS entry points HTTP/2 by
 * ALPN.
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
                .shutdownHook(false);
        EntryPointBinding first = bindings.get(0);
        listener(builder, first, handler, gracePeriod, guards);
        for (EntryPointBinding b : bindings.subList(1, bindings.size())) {
            builder.putSocket(b.name(), socket -> listener(socket, b, handler, gracePeriod, guards));
        }
        extraSockets.forEach((name, extra) -> builder.putSocket(name, socket -> socket
                .host(extra.host()).port(extra.port())
                .routing(extra.routing())));
        WebServer server;
        try {
            server = builder.build().start();
            if (!server.isRunning()) {
                // Helidon logs a listener that cannot bind and returns a stopped server
                throw new IllegalStateException("cannot listen on " + String.join(", ", addresses(bindings, extraSockets))
                        + " (address in use? see the log above)");
            }
        } catch (RuntimeException e) {
            guards.close();
            throw e;
        }
        return new DataPlane(server, List.copyOf(bindings), guards);
    }

    private static List<String> addresses(List<EntryPointBinding> bindings, Map<String, ExtraSocket> extraSockets) {
        List<String> out = new java.util.ArrayList<>();
        bindings.forEach(b -> out.add(b.name() + "=" + b.host() + ":" + b.port()));
        extraSockets.forEach((name, s) -> out.add(name + "=" + s.host() + ":" + s.port()));
        return out;
    }

    /** One entry point: HTTP/1.1 with WebSocket take-over, HTTP/2 (h2c, or ALPN on TLS), TLS if configured. */
    private static void listener(ListenerConfig.BuilderBase<?, ?> socket, EntryPointBinding b, RequestHandler handler,
                                 Duration gracePeriod, ListenerGuards guards) {
        socket.host(b.host()).port(b.port())
                // A proxy writes a response in pieces as it arrives; with Nagle on, the second piece
                // waits for the client's delayed ACK (40 ms per response on 16 KiB bodies).
                .connectionOptions(o -> o.tcpNoDelay(true))
                .shutdownGracePeriod(gracePeriod)
                // Helidon's NIO socket stages every write through an 8 KiB heap buffer (a 16 KiB
                // response becomes three copies and three writes); the stream socket writes the
                // response buffer in one call. docs/performance.md item 9.
                .useNio(false)
                .protocolsDiscoverServices(false)
                // HTTP/1.0 first: Helidon's HTTP/1.1 selector also claims lines it cannot serve
                .addConnectionSelector(new Http10Selector(b.name(), handler, guards))
                .addProtocol(http1(guards))
                .addProtocol(Http2Config.create())
                .addProtocols(SwitchingProtocols.configs(b.name(), handler))
                .routing(routing(b.name(), handler));
        guards.listener(socket);
        b.tls().ifPresent(tls -> socket.tls(ListenerTls.of(b.name(), tls)));
    }

    private static Http1Config http1(ListenerGuards guards) {
        // Traefik forwards targets Helidon would refuse (a query with "%zz" or raw "{"), and sends no
        // "Connection: keep-alive" on persistent HTTP/1.1 connections. Host is checked as Go does
        // (HostCheck), without Helidon's per-request regular expression. Response fields are not
        // checked again on the way out: the upstream readers refuse a backend's malformed names and
        // values (as Go's do), and every field of our own is built valid (docs/performance.md item 13).
        return guards.http1(Http1Config.builder().sendLog(false).receiveLog(false).validatePath(false)
                .validatePrologue(false).validateRequestHostHeader(false).sendKeepAliveHeader(false)
                .validateResponseHeaders(false)).build();
    }

    private static HttpRouting.Builder routing(String entryPoint, RequestHandler handler) {
        return HttpRouting.builder().any((req, res) -> {
            if (req.prologue().protocolVersion().startsWith("1.")) {
                HostCheck.http1(req.prologue(), req.headers());
            }
            HelidonExchange exchange = new HelidonExchange(entryPoint, req, res);
            try {
                handler.handle(exchange);
            } catch (UncheckedIOException e) {
                if (exchange.committed()) {
                    throw abort("relaying the response failed: " + e.getMessage(), e);
                }
                throw e;
            }
            exchange.rethrowMalformedBody();
            if (!exchange.committed()) {
                // the client went away (observed as 499): there is nobody to answer
                throw abort("the client went away", null);
            }
            if (exchange.closeAfterAnswer()) {
                // Helidon answers "Connection: close" and then waits for the next request. A streamed
                // answer ends (last chunk, trailers) when routing commits it, so that comes first.
                if (res instanceof RoutingResponse routed) {
                    routed.commit();
                }
                throw new CloseConnectionException("the client asked to close the connection");
            }
        });
    }

    /**
     * Ends a response that cannot be completed (spec: proxy.md §4.6 step 5): the HTTP/1.1
     * connection is closed, an HTTP/2 stream reset with INTERNAL_ERROR (as Go does), quietly.
     */
    private static CloseConnectionException abort(String message, Exception cause) {
        return new CloseConnectionException(message, new Http2Exception(Http2ErrorCode.INTERNAL, message, cause));
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
