package io.switchyard.server.http;

import io.helidon.common.Weight;
import io.helidon.common.Weighted;
import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.http1.spi.Http1UpgradeProvider;
import io.helidon.webserver.http1.spi.Http1Upgrader;
import io.helidon.webserver.http2.Http2Config;
import io.helidon.webserver.http2.Http2UpgradeProvider;
import io.helidon.webserver.spi.ProtocolConfig;
import io.helidon.webserver.spi.ServerConnection;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.domain.http.HttpTokens;
import io.switchyard.ports.exchange.Exchange;
import io.switchyard.ports.exchange.RequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * HTTP/1.1 connection upgrades on the entry points. WebSocket: Helidon hands the connection of an
 * {@code Upgrade: websocket} request to us before its HTTP routing runs, and the request then goes
 * through the routing runtime like any other, on an {@link Exchange} that writes straight to the
 * socket. When the chosen server answers {@code 101}, the runtime joins both connections byte for
 * byte (spec: proxy.md §4.6 step 2); any other answer is written and the connection closed.
 *
 * <p>Registered with {@link java.util.ServiceLoader} (hence public); it is only active on listeners
 * whose protocols include a {@link #config} for the entry point. Helidon picks upgraders by the exact
 * {@code Upgrade} value, so the spellings in {@link #TYPES} are taken; others (and upgrades carrying
 * a body, which Helidon refuses to upgrade) are forwarded as plain requests.
 *
 * <p>h2c: Go's server reads and checks a request that asks for {@code Upgrade: h2c} as HTTP/1.1
 * before anything upgrades it, so a bad or missing Host is a 400 ({@link HostCheck}); Helidon's own
 * h2c upgrader would serve it as an HTTP/2 request instead. The {@code h2c} upgrader made here
 * checks, then hands over to Helidon's, built for the entry point's HTTP/2 settings. This provider
 * is weighted above Helidon's HTTP/2 upgrade provider so that its {@code h2c} upgrader is the one
 * Helidon keeps.
 */
@Weight(Weighted.DEFAULT_WEIGHT + 10)
public final class SwitchingProtocols implements Http1UpgradeProvider<SwitchingProtocols.Config> {
    static final String TYPE = "switchyard-upgrade";
    /** Upgrade values taken over: WebSocket as browsers and common clients spell it. */
    static final List<String> TYPES = List.of("websocket", "WebSocket", "Websocket");
    private static final String H2C = "h2c";

    /** For {@link java.util.ServiceLoader} only. */
    public SwitchingProtocols() {
    }

    /** The protocol configurations that switch {@link #TYPES} and the h2c Host check on for one entry point. */
    static List<Config> configs(String entryPoint, RequestHandler handler) {
        return Stream.concat(TYPES.stream(), Stream.of(H2C)).map(t -> new Config(t, entryPoint, handler)).toList();
    }

    @Override
    public String protocolType() {
        return TYPE;
    }

    @Override
    public Class<Config> protocolConfigType() {
        return Config.class;
    }

    @Override
    public Http1Upgrader create(Config config, ProtocolConfigs configs) {
        if (config.protocol().equals(H2C)) {
            List<Http2Config> http2 = configs.config(Http2Config.create().type(), Http2Config.class);
            Http2Config settings = http2.isEmpty() ? Http2Config.create() : http2.getFirst();
            Http1Upgrader helidon = Http2UpgradeProvider.builder().build().create(settings, configs);
            return new HostChecked(new Http1Upgrader() {
                @Override
                public String supportedProtocol() {
                    return helidon.supportedProtocol();
                }

                @Override
                public ServerConnection upgrade(ConnectionContext ctx, HttpPrologue prologue,
                                                WritableHeaders<?> headers) {
                    // Go's h2c handler upgrades only when Connection lists HTTP2-Settings, and
                    // Traefik puts it on plain entry points only (TLS clients negotiate h2 by ALPN);
                    // any other "Upgrade: h2c" request is served as HTTP/1.1 (null: no upgrade)
                    boolean upgrade = !ctx.isSecure() && h2cUpgradeAsked(headers);
                    return upgrade ? helidon.upgrade(ctx, prologue, headers) : null;
                }
            });
        }
        return new HostChecked(new Http1Upgrader() {
            @Override
            public String supportedProtocol() {
                return config.protocol();
            }

            @Override
            public ServerConnection upgrade(ConnectionContext ctx, HttpPrologue prologue, WritableHeaders<?> headers) {
                return new Connection(ctx, prologue, headers, config);
            }
        });
    }

    private static boolean h2cUpgradeAsked(WritableHeaders<?> headers) {
        if (!headers.contains(HeaderNames.CONNECTION)) {
            return false;
        }
        for (String line : headers.get(HeaderNames.CONNECTION).allValues()) {
            if (HttpTokens.listsToken(line, "HTTP2-Settings")) {
                return true;
            }
        }
        return false;
    }

    /** An upgrader that runs Go's HTTP/1.1 Host check before {@code next} takes the connection. */
    private record HostChecked(Http1Upgrader next) implements Http1Upgrader {
        @Override
        public String supportedProtocol() {
            return next.supportedProtocol();
        }

        @Override
        public ServerConnection upgrade(ConnectionContext ctx, HttpPrologue prologue, WritableHeaders<?> headers) {
            HostCheck.http1(prologue, headers);
            return next.upgrade(ctx, prologue, headers);
        }
    }

    /**
     * One upgrade type on one entry point.
     *
     * @param protocol   the {@code Upgrade} value
     * @param entryPoint the entry point name
     * @param handler    the routing runtime
     */
    record Config(String protocol, String entryPoint, RequestHandler handler) implements ProtocolConfig {
        Config {
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(entryPoint, "entryPoint");
            Objects.requireNonNull(handler, "handler");
        }

        @Override
        public String name() {
            return TYPE + "-" + protocol;
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** The connection after Helidon handed it over: one exchange, then it closes. */
    private static final class Connection implements ServerConnection {
        private final ConnectionContext ctx;
        private final HttpPrologue prologue;
        private final WritableHeaders<?> headers;
        private final Config config;

        Connection(ConnectionContext ctx, HttpPrologue prologue, WritableHeaders<?> headers, Config config) {
            this.ctx = ctx;
            this.prologue = prologue;
            this.headers = headers;
            this.config = config;
        }

        @Override
        public void handle(io.helidon.common.concurrency.limits.Limit limit) {
            RawExchange exchange = new RawExchange(ctx, prologue, headers, config.entryPoint());
            try {
                config.handler().handle(exchange);
            } finally {
                exchange.closeConnection();
            }
        }

        @Override
        public Duration idleTime() {
            // a switched connection is never closed for idleness (Traefik has no timeout on them)
            return Duration.ZERO;
        }

        @Override
        public void close(boolean interrupt) {
            ctx.serverSocket().close();
        }
    }

    /** An upgrade request answered on the raw connection. */
    static final class RawExchange implements Exchange {
        private static final DateTimeFormatter DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

        private final ConnectionContext ctx;
        private final HttpPrologue prologue;
        private final WritableHeaders<?> in;
        private final String entryPoint;
        private final AtomicBoolean closed = new AtomicBoolean();
        private final String clientIp;
        private final int clientPort;
        private HttpFields headers;
        private boolean committed;

        RawExchange(ConnectionContext ctx, HttpPrologue prologue, WritableHeaders<?> in, String entryPoint) {
            this.ctx = ctx;
            this.prologue = prologue;
            this.in = in;
            this.entryPoint = entryPoint;
            // read now: once the connection is closed the socket no longer knows its peer
            this.clientIp = HelidonExchange.ip(ctx.remotePeer().address());
            this.clientPort = ctx.remotePeer().port();
        }

        @Override
        public String entryPoint() {
            return entryPoint;
        }

        @Override
        public String method() {
            return prologue.method().text();
        }

        @Override
        public String rawPath() {
            return prologue.uriPath().rawPath();
        }

        @Override
        public String rawQuery() {
            return prologue.query().rawValue();
        }

        @Override
        public String authority() {
            var host = in.first(io.helidon.http.HeaderNames.HOST);
            return host.orElse("");
        }

        @Override
        public String protocol() {
            return "HTTP/1.1";
        }

        @Override
        public boolean secure() {
            return ctx.isSecure();
        }

        @Override
        public HttpFields requestHeaders() {
            if (headers == null) {
                HttpFields fields = new HttpFields(in.size() + 8);
                for (Header h : in) {
                    for (String v : h.allValues()) {
                        fields.add(h.name(), v);
                    }
                }
                headers = fields;
            }
            return headers;
        }

        @Override
        public String clientIp() {
            return clientIp;
        }

        @Override
        public int clientPort() {
            return clientPort;
        }

        @Override
        public InputStream requestBody() {
            return InputStream.nullInputStream(); // Helidon only hands over upgrades without a body
        }

        @Override
        public long requestContentLength() {
            return 0;
        }

        @Override
        public OutputStream respond(int status, HttpFields fields, long contentLength) {
            writeHead(status, fields, contentLength, true);
            return new SocketOutput();
        }

        @Override
        public void respond(int status, HttpFields fields, byte[] body) {
            boolean noBody = "HEAD".equals(method()) || status == 204 || status == 304;
            writeHead(status, fields, noBody ? -2 : body.length, true);
            if (!noBody && body.length > 0) {
                write(body, 0, body.length);
            }
        }

        @Override
        public void flush() {
            // every write is sent at once
        }

        @Override
        public void trailers(HttpFields trailers) {
            // the answer is close-delimited or has a length: there is no place for trailers
        }

        @Override
        public boolean committed() {
            return committed;
        }

        @Override
        public boolean upgradable() {
            return true;
        }

        @Override
        public Optional<Tunnel> switchProtocols(HttpFields fields) {
            if (committed) {
                return Optional.empty();
            }
            writeHead(101, fields, -2, false);
            return Optional.of(new Tunnel() {
                private final InputStream fromClient = new SocketInput(ctx.dataReader());
                private final OutputStream toClient = new SocketOutput();

                @Override
                public InputStream fromClient() {
                    return fromClient;
                }

                @Override
                public OutputStream toClient() {
                    return toClient;
                }

                @Override
                public void close() {
                    closeConnection();
                }
            });
        }

        /**
         * Writes a status line and fields. {@code length} -1 means close-delimited, -2 no length
         * field at all; for final answers the connection closes afterwards.
         */
        private void writeHead(int status, HttpFields fields, long length, boolean finalAnswer) {
            committed = true;
            StringBuilder head = new StringBuilder(256);
            head.append("HTTP/1.1 ").append(status).append(' ').append(Status.create(status).reasonPhrase())
                    .append("\r\n");
            boolean date = false;
            for (int i = 0, n = fields.size(); i < n; i++) {
                String name = fields.name(i);
                if (finalAnswer && (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Connection")
                        || name.equalsIgnoreCase("Transfer-Encoding"))) {
                    continue;
                }
                date |= name.equalsIgnoreCase("Date");
                head.append(name).append(": ").append(fields.value(i)).append("\r\n");
            }
            if (!date) {
                head.append("Date: ").append(DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
            }
            if (finalAnswer) {
                if (length >= 0) {
                    head.append("Content-Length: ").append(length).append("\r\n");
                }
                head.append("Connection: close\r\n");
            }
            head.append("\r\n");
            byte[] bytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            write(bytes, 0, bytes.length);
        }

        private void write(byte[] b, int off, int len) {
            ctx.dataWriter().writeNow(BufferData.create(b, off, len));
        }

        void closeConnection() {
            if (closed.compareAndSet(false, true)) {
                ctx.serverSocket().close();
            }
        }

        /** Writes go to the socket at once. */
        private final class SocketOutput extends OutputStream {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (closed.get()) {
                    throw new IOException("client connection closed");
                }
                try {
                    RawExchange.this.write(b, off, len);
                } catch (RuntimeException e) {
                    throw new IOException("writing to the client failed: " + e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                // the connection closes when the exchange ends
            }
        }
    }

    /** The client's bytes from Helidon's reader (which may already hold bytes sent after the head). */
    private static final class SocketInput extends InputStream {
        private final DataReader reader;

        SocketInput(DataReader reader) {
            this.reader = reader;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            try {
                reader.ensureAvailable();
            } catch (DataReader.InsufficientDataAvailableException e) {
                return -1;
            } catch (RuntimeException e) {
                throw new IOException("reading from the client failed: " + e.getMessage(), e);
            }
            int n = Math.min(len, reader.available());
            reader.readBuffer(n).read(b, off, n);
            return n;
        }
    }
}
