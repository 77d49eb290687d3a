package io.switchyard.server.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.Bytes;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import io.switchyard.ports.exchange.RequestHandler;
import java.util.Set;

/**
 * Picks the connections whose first request line ends in {@code HTTP/1.0} and serves them with
 * {@link Http10Connection}. Helidon's HTTP/1.1 connection refuses such a line (it closes the
 * connection without an answer), while Go's server, and so Traefik, serves it: load-balancer
 * health probes and tools such as ApacheBench still speak HTTP/1.0.
 *
 * <p>Listed before Helidon's selectors. A request line that has not fully arrived with the first
 * bytes of a connection is left to Helidon (its HTTP/1.1 selector takes any incomplete line).
 */
final class Http10Selector implements ServerConnectionSelector {
    private static final String SUFFIX = " HTTP/1.0\r";

    private final String entryPoint;
    private final RequestHandler handler;
    private final ListenerGuards guards;

    Http10Selector(String entryPoint, RequestHandler handler, ListenerGuards guards) {
        this.entryPoint = entryPoint;
        this.handler = handler;
        this.guards = guards;
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    @Override
    public Support supports(BufferData request) {
        int lf = request.indexOf(Bytes.LF_BYTE);
        if (lf < 0) {
            return Support.UNKNOWN;
        }
        return request.readString(lf).endsWith(SUFFIX) ? Support.SUPPORTED : Support.UNSUPPORTED;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return Set.of(); // ALPN has no name for HTTP/1.0; such clients negotiate nothing
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        return new Http10Connection(ctx, entryPoint, handler, guards);
    }
}
