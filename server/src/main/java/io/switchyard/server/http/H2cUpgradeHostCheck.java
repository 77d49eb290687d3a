package io.switchyard.server.http;

import io.helidon.common.Weight;
import io.helidon.common.Weighted;
import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.http1.spi.Http1UpgradeProvider;
import io.helidon.webserver.http1.spi.Http1Upgrader;
import io.helidon.webserver.http2.Http2Config;
import io.helidon.webserver.http2.Http2UpgradeProvider;
import io.helidon.webserver.spi.ProtocolConfig;
import io.helidon.webserver.spi.ServerConnection;
import java.util.List;

/**
 * The HTTP/1.1 Host check ({@link HostCheck}) for requests that upgrade to h2c. Go's server reads
 * and checks such a request as HTTP/1.1 before anything upgrades it, so a bad or missing Host is a
 * 400; Helidon's own h2c upgrader would serve it as an HTTP/2 request instead. This provider's
 * upgrader checks, then hands over to Helidon's upgrader for the entry point's HTTP/2 settings.
 *
 * <p>Registered with {@link java.util.ServiceLoader} (hence public), weighted above Helidon's
 * HTTP/2 upgrade provider so that its {@code h2c} upgrader is the one Helidon keeps; active on the
 * listeners whose protocols include {@link #CONFIG} and an {@link Http2Config}.
 */
@Weight(Weighted.DEFAULT_WEIGHT + 10)
public final class H2cUpgradeHostCheck implements Http1UpgradeProvider<H2cUpgradeHostCheck.Config> {
    static final String TYPE = "switchyard-h2c-host-check";
    /** The protocol configuration that switches the check on for a listener. */
    static final Config CONFIG = new Config();

    /** For {@link java.util.ServiceLoader} only. */
    public H2cUpgradeHostCheck() {
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
        List<Http2Config> http2 = configs.config(Http2Config.create().type(), Http2Config.class);
        Http2Config settings = http2.isEmpty() ? Http2Config.create() : http2.getFirst();
        Http1Upgrader helidon = Http2UpgradeProvider.builder().build().create(settings, configs);
        return new Http1Upgrader() {
            @Override
            public String supportedProtocol() {
                return helidon.supportedProtocol();
            }

            @Override
            public ServerConnection upgrade(ConnectionContext ctx, HttpPrologue prologue, WritableHeaders<?> headers) {
                HostCheck.http1(prologue, headers);
                return helidon.upgrade(ctx, prologue, headers);
            }
        };
    }

    /** Marker configuration: the check is on for the listener that lists it. */
    static final class Config implements ProtocolConfig {
        @Override
        public String name() {
            return TYPE;
        }

        @Override
        public String type() {
            return TYPE;
        }
    }
}
