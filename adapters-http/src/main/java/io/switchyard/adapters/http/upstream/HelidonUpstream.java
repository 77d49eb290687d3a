package io.switchyard.adapters.http.upstream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.http2.Http2Client;
import io.helidon.webclient.http2.Http2ClientConfig;
import io.helidon.webclient.http2.Http2ClientImpl;
import io.helidon.webclient.http2.Http2ClientProtocolConfig;
import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.http.ServerAddress;
import io.switchyard.ports.upstream.Upstream;
import io.switchyard.ports.upstream.UpstreamException;
import io.switchyard.ports.upstream.UpstreamRequest;
import io.switchyard.ports.upstream.UpstreamResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * The upstream port on Helidon's client stack: one client per servers transport (keyed by name and
 * settings, so a changed transport gets a fresh client while requests on the old one finish), each
 * with keep-alive pools per server; HTTP/1.1 for {@code http}, TLS with ALPN {@code h2} and
 * {@code http/1.1} for {@code https} (HTTP/1.1 only with {@code disableHTTP2}), HTTP/2 with prior
 * knowledge for {@code h2c} (spec: proxy.md §4.3–4.8).
 *
 * <p>Request fields are sent as given (no {@code User-Agent}, {@code Accept} or {@code Connection}
 * is added); only the framing field ({@code Content-Length} or {@code Transfer-Encoding: chunked})
 * is derived from {@link UpstreamRequest#contentLength()}, and {@code Host} becomes
 * {@code :authority} on HTTP/2. No proxy from the environment is used, redirects are never
 * followed. Bodies stream both ways; the response body of a {@code HEAD}, 204 or 304 is empty and
 * its connection is reusable at once. {@link UpstreamResponse#contentLength()} is the length of
 * the body as it will be read (0 for those), while the fields keep what the server declared.
 *
 * <p>Thread-safe. Failures are {@link UpstreamException}s whose message is meant for logs only.
 */
public final class HelidonUpstream implements Upstream, AutoCloseable {
    private static final Duration TRANSPORT_EXPIRY = Duration.ofMinutes(10);
    private static final int INITIAL_WINDOW = 4 << 20;

    private final Http2ClientImpl http2Client;
    private final Cache<TransportKey, Transport> transports;
    /** The key of the transport used last (see {@link #transport}). */
    private volatile TransportKey recent;

    private HelidonUpstream(Http2ClientImpl http2Client) {
        this.http2Client = http2Client;
        this.transports = Caffeine.newBuilder()
                // upkeep on the caller: the default hands it to the common pool, waking a thread
                // every few requests (docs/performance.md item 10)
                .executor(Runnable::run)
                .expireAfterAccess(TRANSPORT_EXPIRY)
                .<TransportKey, Transport>removalListener((key, transport, cause) -> {
                    if (transport != null) {
                        transport.close();
                    }
                })
                .build();
    }

    /** An upstream with Traefik's defaults; transports are built on first use or by {@link #prepare}. */
    public static HelidonUpstream create() {
        Http2ClientProtocolConfig protocol = Http2ClientProtocolConfig.builder()
                .priorKnowledge(true)
                .ping(false)
                // Go's stream window; Helidon uses it for the connection window too. The 64 KiB default
                // makes servers block on flow control constantly (and Helidon's server then mis-counts
                // its connection window under concurrent streams and sends GOAWAY FLOW_CONTROL)
                .initialWindowSize(INITIAL_WINDOW)
                // Go has no limit on how long a send may wait for the server's flow-control window
                .flowControlBlockTimeout(Duration.ofDays(1))
                .build();
        Http2ClientConfig config = Http2ClientConfig.builder()
                .protocolConfig(protocol)
                .sendExpectContinue(false)
                .followRedirects(false)
                .proxy(Proxy.noProxy())
                .shareConnectionCache(false)
                .buildPrototype();
        // the concrete client is what Http2ClientConnection needs (Helidon's gRPC client does the same)
        return new HelidonUpstream((Http2ClientImpl) Http2Client.create(config));
    }

    /**
     * Builds the client of a transport ahead of its first request (TLS material is parsed here), so
     * the request path only looks it up. Invalid TLS settings are logged and replaced by the
     * defaults, as Traefik does.
     */
    @Override
    public void prepare(String transportName, ServersTransportConfig transport) {
        transport(Objects.requireNonNull(transportName, "transportName"),
                Objects.requireNonNull(transport, "transport"));
    }

    @Override
    public UpstreamResponse exchange(UpstreamRequest request) {
        Objects.requireNonNull(request, "request");
        ServerAddress server = request.server();
        try {
            return transport(request.transportName(), request.transport()).exchange(request);
        } catch (IOException | RuntimeException e) {
            throw Failures.of(request.method() + " " + server.scheme() + "://" + server.authority(), e);
        }
    }

    /** Idle HTTP/1.1 connections kept for {@code server} by a transport (for tests and metrics). */
    int idleConnections(String transportName, ServersTransportConfig transport, ServerAddress server) {
        return transport(transportName, transport).route(server).idleHttp1Connections();
    }

    /** Open HTTP/2 connections kept for {@code server} by a transport (for tests and metrics). */
    int http2Connections(String transportName, ServersTransportConfig transport, ServerAddress server) {
        return transport(transportName, transport).route(server).http2Sessions();
    }

    private Transport transport(String name, ServersTransportConfig config) {
        // A compiled configuration hands the same transport instance to every request: its key is
        // built (and its hash computed over the whole transport configuration) once, not per request.
        TransportKey key = recent;
        if (key == null || key.config != config || !key.name.equals(name)) {
            key = new TransportKey(name, config);
            recent = key;
        }
        return transports.get(key, k -> new Transport(k.name, k.config, http2Client));
    }

    /** Closes every pooled connection; exchanges in flight finish on their connections. */
    @Override
    public void close() {
        transports.invalidateAll();
        transports.cleanUp();
        http2Client.closeResource();
    }

    /** A transport's name and settings; equal settings under the same name share one transport. */
    private static final class TransportKey {
        private final String name;
        private final ServersTransportConfig config;
        private final int hash;

        TransportKey(String name, ServersTransportConfig config) {
            this.name = name;
            this.config = config;
            this.hash = 31 * name.hashCode() + config.hashCode();
        }

        @Override
        public boolean equals(Object o) {
            return this == o || (o instanceof TransportKey k && hash == k.hash && name.equals(k.name)
                    && (config == k.config || config.equals(k.config)));
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
