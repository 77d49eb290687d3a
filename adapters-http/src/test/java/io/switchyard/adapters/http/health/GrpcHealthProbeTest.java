package io.switchyard.adapters.http.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthProto;
import io.grpc.protobuf.services.HealthStatusManager;
import io.helidon.common.tls.Tls;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.grpc.GrpcRouting;
import io.switchyard.adapters.http.tls.TestCertificates;
import io.switchyard.adapters.http.upstream.HelidonUpstream;
import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.http.ServerAddress;
import io.switchyard.ports.health.ProbeResult;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * gRPC probes (spec: healthcheck.md §3.5) against Helidon gRPC servers serving grpc-java's own
 * {@code grpc.health.v1} implementation.
 */
final class GrpcHealthProbeTest {
    private static final HealthStatusManager HEALTH = new HealthStatusManager();
    private static final HealthStatusManager TLS_HEALTH = new HealthStatusManager();
    private static TestCertificates.Authority ca;
    private static WebServer plain;
    private static WebServer tls;
    private static ProbeBackend notGrpc;
    private static HelidonUpstream upstream;
    private static HttpHealthProbe probe;

    @BeforeAll
    static void start() {
        plain = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .addRouting(GrpcRouting.builder().service(HealthProto.getDescriptor(), HEALTH.getHealthService()))
                .build().start();
        ca = TestCertificates.authority("grpc probe CA");
        TestCertificates.Issued cert = ca.server("localhost", List.of("localhost", "127.0.0.1"));
        tls = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .tls(Tls.builder().privateKey(cert.key()).privateKeyCertChain(cert.chain()).build())
                .addRouting(GrpcRouting.builder().service(HealthProto.getDescriptor(), TLS_HEALTH.getHealthService()))
                .build().start();
        notGrpc = ProbeBackend.plain();
        upstream = HelidonUpstream.create();
        probe = new HttpHealthProbe(upstream);
    }

    @AfterAll
    static void stop() {
        upstream.close();
        plain.stop();
        tls.stop();
        notGrpc.close();
    }

    @BeforeEach
    void serving() {
        HEALTH.setStatus("", ServingStatus.SERVING);
        TLS_HEALTH.setStatus("", ServingStatus.SERVING);
    }

    private static ProbeResult probe(ServerAddress server, Check check) {
        return probe.probe(server, check.build(), "", ServersTransportConfig.DEFAULT);
    }

    private static ServerAddress plainServer() {
        return new ServerAddress("http", "127.0.0.1", plain.port());
    }

    @Test
    void probe_servingFlips_downAndUpAgain() {
        assertTrue(probe(plainServer(), Check.grpc()).healthy());

        HEALTH.setStatus("", ServingStatus.NOT_SERVING);
        ProbeResult down = probe(plainServer(), Check.grpc());
        assertFalse(down.healthy());
        assertTrue(down.reason().contains("NOT_SERVING"), down.reason());

        HEALTH.setStatus("", ServingStatus.SERVING);
        assertTrue(probe(plainServer(), Check.grpc()).healthy());
    }

    @Test
    void probe_unknownService_isAnErrorStatus_unhealthy() {
        HEALTH.clearStatus("");

        ProbeResult r = probe(plainServer(), Check.grpc());

        assertFalse(r.healthy());
        assertTrue(r.reason().contains("grpc-status 5"), r.reason()); // NOT_FOUND
    }

    @ParameterizedTest
    @CsvSource({"''", "http", "h2c"})
    void probe_plaintextSchemes_speakH2c(String scheme) {
        assertTrue(probe(plainServer(), Check.grpc().scheme(scheme)).healthy());
    }

    @Test
    void probe_port_replacesTheServerPort() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }

        assertFalse(probe(new ServerAddress("http", "127.0.0.1", closed), Check.grpc()).healthy());
        assertTrue(probe(new ServerAddress("http", "127.0.0.1", closed), Check.grpc().port(plain.port())).healthy());
    }

    @Test
    void probe_serverWithoutHealthService_unhealthy() {
        ProbeResult r = probe(new ServerAddress("http", "127.0.0.1", notGrpc.port()), Check.grpc());

        assertFalse(r.healthy(), r.reason());
    }

    @Test
    void probe_httpsScheme_usesTlsWithTheServiceTransport_deviationFromTraefik() {
        ServerAddress server = new ServerAddress("https", "127.0.0.1", tls.port());
        ServersTransportConfig trusting = new ServersTransportConfig("", false, List.of(ca.certPem()), List.of(), 0,
                Optional.empty(), true, "", List.of(), List.of(), "", "", Optional.empty());

        ProbeResult viaTls = probe.probe(server, Check.grpc().scheme("https").build(), "ca@kubernetescrd", trusting);
        ProbeResult plaintext = probe.probe(server, Check.grpc().build(), "ca@kubernetescrd", trusting);
        ProbeResult untrusted = probe.probe(server, Check.grpc().scheme("https").build(), "",
                ServersTransportConfig.DEFAULT);

        assertTrue(viaTls.healthy(), viaTls.reason());
        assertFalse(plaintext.healthy(), "empty scheme means plaintext even for an https server, as in Traefik");
        assertFalse(untrusted.healthy(), untrusted.reason());
        TLS_HEALTH.setStatus("", ServingStatus.NOT_SERVING);
        assertFalse(probe.probe(server, Check.grpc().scheme("https").build(), "ca@kubernetescrd", trusting).healthy());
    }

    @Test
    void probe_otherScheme_alwaysUnhealthy() {
        ProbeResult r = probe(plainServer(), Check.grpc().scheme("ftp"));

        assertFalse(r.healthy());
        assertTrue(r.reason().contains("not supported"), r.reason());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0000000000,       0",
            "00000000020801,   1",
            "00000000020802,   2",
            "000000000508031a0178, 3",
            "00000000050a01780801, 1"})
    void servingStatus_decodesTheProtobuf(String hex, int status) {
        assertEquals(status, GrpcCheck.servingStatus(java.util.HexFormat.of().parseHex(hex)));
    }

    @ParameterizedTest
    @CsvSource({"0000", "0100000000", "00000000030801", "000000000108", "00000000010f"})
    void servingStatus_malformed_rejected(String hex) {
        assertThrows(IllegalArgumentException.class,
                () -> GrpcCheck.servingStatus(java.util.HexFormat.of().parseHex(hex)));
    }
}
