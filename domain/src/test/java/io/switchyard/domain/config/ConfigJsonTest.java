package io.switchyard.domain.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

final class ConfigJsonTest {

    @Test
    void write_loadBalancerWithDefaults_pointerFieldsPresentZeroValuesOmitted() {
        DynamicConfig config = new DynamicConfig(
                Map.of("default-r", RouterConfig.of("Host(`a`)", List.of("web"), "default-r")),
                Map.of("default-r", new LoadBalancerService(List.of(ServerConfig.of("http://10.0.0.1:80"),
                        new ServerConfig("http://10.0.0.2:80", true)), Strategy.WRR, false,
                        Duration.ofMillis(100), Optional.empty(), Optional.empty(), Optional.empty(), "")),
                Map.of());
        assertEquals("{\"routers\":{\"default-r\":{\"entryPoints\":[\"web\"],\"rule\":\"Host(`a`)\",\"service\":\"default-r\"}},\"services\":{\"default-r\":{\"loadBalancer\":{\"passHostHeader\":false,\"responseForwarding\":{\"flushInterval\":\"100ms\"},\"servers\":[{\"url\":\"http://10.0.0.1:80\"},{\"fenced\":true,\"url\":\"http://10.0.0.2:80\"}],\"strategy\":\"wrr\"}}}}",
                ConfigJson.writeCompact(config));
    }

    @Test
    void write_routerTlsObservabilityAndParentRefs() {
        RouterConfig router = new RouterConfig("Path(`/x`)", 12, "", List.of(), List.of("default-auth"), "",
                List.of("default-parent-abc"), Optional.of(new RouterConfig.RouterTls("", "", List.of())),
                Optional.of(new RouterConfig.Observability(Optional.of(false), Optional.empty(), Optional.of(true), "")));
        DynamicConfig config = new DynamicConfig(Map.of("r", router), Map.of(), Map.of());
        assertEquals("{\"routers\":{\"r\":{\"middlewares\":[\"default-auth\"],\"observability\":{\"accessLogs\":false,\"tracing\":true},\"parentRefs\":[\"default-parent-abc\"],\"priority\":12,\"rule\":\"Path(`/x`)\",\"tls\":{}}}}", ConfigJson.writeCompact(config));
    }

    @Test
    void write_compositeServices_weightsAlwaysPercentZeroOmitted() {
        DynamicConfig config = new DynamicConfig(Map.of(), Map.of(
                "w", new WeightedService(List.of(new ServiceRef("a", 0)), Optional.of(
                        new StickyCookie("", false, false, "", 0, "", ""))),
                "m", new MirroringService("a", List.of(new MirroringService.Mirror("b", 0)), Optional.of(false),
                        OptionalLong.empty()),
                "f", new FailoverService("a", "b", Optional.of(new FailoverService.Errors(List.of(), OptionalLong.empty()))),
                "h", new HighestRandomWeightService(List.of(new ServiceRef("a", 2)))), Map.of());
        assertEquals("{\"services\":{\"f\":{\"failover\":{\"errors\":{},\"fallback\":\"b\",\"service\":\"a\"}},\"h\":{\"highestRandomWeight\":{\"services\":[{\"name\":\"a\",\"weight\":2}]}},\"m\":{\"mirroring\":{\"mirrorBody\":false,\"mirrors\":[{\"name\":\"b\"}],\"service\":\"a\"}},\"w\":{\"weighted\":{\"services\":[{\"name\":\"a\",\"weight\":0}],\"sticky\":{\"cookie\":{\"path\":\"\"}}}}}}",
                ConfigJson.writeCompact(config));
    }

    @Test
    void write_healthChecksAndServiceMiddlewares() {
        HealthCheckConfig hc = new HealthCheckConfig("", "", "/health", "", 0, 0, "", Map.of("X", "1"),
                Optional.of(Duration.ofSeconds(15)), Optional.of(Duration.ofSeconds(15)), Optional.of(Duration.ofSeconds(5)),
                Optional.of(true));
        LoadBalancerService lb = new LoadBalancerService(List.of(), Strategy.P2C, true, Duration.ZERO, Optional.empty(),
                Optional.of(hc), Optional.of(PassiveHealthCheckConfig.DEFAULTS), "default-tls", List.of("default-mw"));
        assertEquals("{\"services\":{\"s\":{\"loadBalancer\":{\"healthCheck\":{\"followRedirects\":true,"
                + "\"headers\":{\"X\":\"1\"},\"interval\":\"15s\",\"path\":\"/health\",\"timeout\":\"5s\","
                + "\"unhealthyInterval\":\"15s\"},\"passHostHeader\":true,\"passiveHealthCheck\":{\"failureWindow\":"
                + "\"10s\",\"maxFailedAttempts\":1},\"responseForwarding\":{},\"serversTransport\":\"default-tls\","
                + "\"strategy\":\"p2c\"},\"middlewares\":[\"default-mw\"]}}}",
                ConfigJson.writeCompact(new DynamicConfig(Map.of(), Map.of("s", lb), Map.of())));
    }

    @Test
    void write_serversTransport_goDurationsAndCertificates() {
        ServersTransportConfig st = new ServersTransportConfig("test", true, List.of("CA"),
                List.of(new ServersTransportConfig.Certificate("CERT", "KEY")), 0,
                Optional.of(new ServersTransportConfig.ForwardingTimeouts(Duration.ofSeconds(30), Duration.ZERO,
                        Duration.ofSeconds(90), Duration.ZERO, Duration.ofMillis(42))),
                false, "", List.of(new ServersTransportConfig.PeerCertSAN("DNSName", "a.com")), List.of(), "", "",
                Optional.of(new ServersTransportConfig.Spiffe(List.of("spiffe://a"), "")));
        assertEquals("{\"serversTransports\":{\"default-test\":{\"certificates\":[{\"certFile\":\"CERT\",\"keyFile\":\"KEY\"}],\"forwardingTimeouts\":{\"dialTimeout\":\"30s\",\"idleConnTimeout\":\"1m30s\",\"pingTimeout\":\"42ms\"},\"insecureSkipVerify\":true,\"peerCertSANs\":[{\"type\":\"DNSName\",\"value\":\"a.com\"}],\"rootCAs\":[\"CA\"],\"serverName\":\"test\",\"spiffe\":{\"ids\":[\"spiffe://a\"]}}}}",
                ConfigJson.writeCompact(new DynamicConfig(Map.of(), Map.of(), Map.of("default-test", st))));
    }

    @Test
    void write_emptyConfig_emptyObjectAndEscapes() {
        assertEquals("{}", ConfigJson.write(DynamicConfig.EMPTY));
        DynamicConfig config = new DynamicConfig(Map.of("r", RouterConfig.of("Header(`X`, `a\"b<c`)\n", List.of(), "")),
                Map.of(), Map.of());
        assertEquals("{\"routers\":{\"r\":{\"rule\":\"Header(`X`, `a\\\"b\\u003cc`)\\n\"}}}",
                ConfigJson.writeCompact(config));
    }

    @Test
    void write_pretty_indentsTwoSpaces() {
        DynamicConfig config = new DynamicConfig(Map.of("r", RouterConfig.of("Host(`a`)", List.of(), "")),
                Map.of(), Map.of());
        assertEquals("{\n  \"routers\": {\n    \"r\": {\n      \"rule\": \"Host(`a`)\"\n    }\n  }\n}",
                ConfigJson.write(config));
    }
}
