package io.switchyard.adapters.http.upstream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.switchyard.adapters.http.tls.ClientTls;
import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.config.ServersTransportConfig.ForwardingTimeouts;
import io.switchyard.domain.http.ServerAddress;
import io.switchyard.ports.upstream.UpstreamRequest;
import io.switchyard.ports.upstream.UpstreamResponse;
import io.helidon.webclient.http2.Http2ClientImpl;
import java.io.IOException;
import java.time.Duration;

/**
 * The client of one servers transport: its TLS settings, timeouts and pool sizes, and a
 * {@link Route} per server. Routes not used for a while are dropped with their connections.
 */
final class Transport {
    /** Go's {@code DefaultMaxIdleConnsPerHost}, which a CRD ServersTransport's 0 stands for. */
    static final int GO_DEFAULT_MAX_IDLE_PER_HOST = 2;
    private static final Duration ROUTE_EXPIRY = Duration.ofMinutes(10);
    private static final System.Logger LOG = System.getLogger(Transport.class.getName());

    private final ServersTransportConfig config;
    private final Dialer dialer;
    private final Duration headerTimeout;
    private final Duration idleTimeout;
    private final int maxIdle;
    private final Http2ClientImpl http2Client;
    private final Cache<ServerAddress, Route> routes;

    Transport(String name, ServersTransportConfig config, Http2ClientImpl http2Client) {
        this.config = config;
        this.http2Client = http2Client;
        ForwardingTimeouts timeouts = config.forwardingTimeouts().orElse(ForwardingTimeouts.DEFAULTS);
        this.headerTimeout = timeouts.responseHeaderTimeout();
        this.idleTimeout = timeouts.idleConnTimeout();
        // 0 means Go's default of 2 (the default@internal transport carries its own 200); negative: no reuse
        int configured = config.maxIdleConnsPerHost();
        this.maxIdle = configured == 0 ? GO_DEFAULT_MAX_IDLE_PER_HOST : Math.max(0, configured);
        this.dialer = new Dialer(timeouts.dialTimeout(), ClientTls.ofOrDefault(name, config));
        if (config.spiffe().isPresent()) {
            LOG.log(System.Logger.Level.WARNING, "servers transport \"" + name
                    + "\": SPIFFE is not supported yet; its other TLS settings are used");
        }
        this.routes = Caffeine.newBuilder()
                // upkeep on the caller: the default hands it to the common pool, waking a thread
                // every few requests (docs/performance.md item 10)
                .executor(Runnable::run)
                .expireAfterAccess(ROUTE_EXPIRY)
                .<ServerAddress, Route>removalListener((server, route, cause) -> {
                    if (route != null) {
                        route.close();
                    }
                })
                .build();
    }

    UpstreamResponse exchange(UpstreamRequest request) throws IOException {
        return route(request.server()).exchange(request);
    }

    Route route(ServerAddress server) {
        return routes.get(server, s -> new Route(s, this));
    }

    Dialer dialer() {
        return dialer;
    }

    Duration headerTimeout() {
        return headerTimeout;
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    int maxIdle() {
        return maxIdle;
    }

    boolean disableHttp2() {
        return config.disableHTTP2();
    }

    Http2ClientImpl http2Client() {
        return http2Client;
    }

    /** Closes idle connections now; connections in use close when their exchange ends. */
    void close() {
        routes.invalidateAll();
        routes.cleanUp();
    }
}
