package io.switchyard.adapters.http.upstream;

import static io.switchyard.adapters.http.upstream.Exchanges.bodyText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import io.helidon.webserver.WebServer;
import io.switchyard.adapters.http.tls.TestCertificates;
import io.switchyard.adapters.http.tls.TestCertificates.Algorithm;
import io.switchyard.adapters.http.tls.TestCertificates.Issued;
import io.switchyard.adapters.http.tls.TestCertificates.KeyFormat;
import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.http.ServerAddress;
import io.switchyard.ports.upstream.UpstreamException;
import io.switchyard.ports.upstream.UpstreamException.Failure;
import io.switchyard.ports.upstream.UpstreamResponse;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code https} servers: verification, server name, ALPN, mTLS and the peer SAN check (spec: proxy.md §4.5). */
final class HelidonUpstreamTlsTest {
    private static final TestCertificates.Authority CA = TestCertificates.authority("switchyard-test-ca");
    private static final String BACKEND_URI = "spiffe://cluster.test/ns/default/sa/backend";

    private static WebServer plain;
    private static WebServer tls;
    private static WebServer dnsOnly;
    private static WebServer mutual;
    private static HelidonUpstream upstream;

    @BeforeAll
    static void start() {
        Issued full = CA.serverWithUris("backend", List.of("localhost", "127.0.0.1", "backend.test"),
                List.of(BACKEND_URI));
        Issued namesOnly = CA.server("dns-only", List.of("localhost"));
        tls = server(Tls.builder().privateKey(full.key()).privateKeyCertChain(full.chain()).build());
        dnsOnly = server(Tls.builder().privateKey(namesOnly.key()).privateKeyCertChain(namesOnly.chain()).build());
        mutual = server(Tls.builder().privateKey(full.key()).privateKeyCertChain(full.chain())
                .trust(List.<X509Certificate>of(CA.certificate())).clientAuth(TlsClientAuth.REQUIRED).build());
        plain = WebServer.builder().host("127.0.0.1").port(0).routing(Backends::routing).build().start();
        upstream = HelidonUpstream.create();
    }

    private static WebServer server(Tls serverTls) {
        return WebServer.builder().host("127.0.0.1").port(0).tls(serverTls).routing(Backends::routing).build().start();
    }

    @AfterAll
    static void stop() {
        upstream.close();
        for (WebServer s : List.of(plain, tls, dnsOnly, mutual)) {
            s.stop();
        }
    }

    private static ServerAddress https(WebServer s) {
        return new ServerAddress("https", "127.0.0.1", s.port());
    }

    private static UpstreamResponse get(WebServer s, ServersTransportConfig transport, String target) {
        return upstream.exchange(Exchanges.get(https(s), transport, target));
    }

    private static Failure failure(WebServer s, ServersTransportConfig transport) {
        return assertThrows(UpstreamException.class, () -> get(s, transport, "/info").close()).failure();
    }

    private static TransportBuilder trusting() {
        return new TransportBuilder().rootCA(CA.certPem());
    }

    @Test
    void exchange_certificateNotInSystemRoots_failsOther() {
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> get(tls, ServersTransportConfig.DEFAULT, "/info").close());
        assertEquals(Failure.OTHER, e.failure());
        assertTrue(e.tls(), "a TLS failure, logged at error level");
        assertEquals(500, Failure.OTHER.status());
    }

    @Test
    void exchange_rootCAs_trustedAndHttp2NegotiatedByAlpn() {
        try (UpstreamResponse r = get(tls, trusting().build(), "/info")) {
            assertEquals(200, r.status());
            assertEquals("2.0", r.headers().first("x-proto"));
        }
    }

    @Test
    void exchange_disableHttp2_http11OverTls() {
        try (UpstreamResponse r = get(tls, trusting().disableHttp2().build(), "/info")) {
            assertEquals(200, r.status());
            assertEquals("1.1", r.headers().first("X-Proto"));
        }
    }

    @Test
    void exchange_upgradeRequest_alwaysHttp11() {
        var headers = Exchanges.host(https(tls)).add("Connection", "Upgrade").add("Upgrade", "websocket");
        try (UpstreamResponse r = upstream.exchange(Exchanges.request(https(tls), trusting().serverName("localhost")
                .build(), "GET", "/info", headers, java.io.InputStream.nullInputStream(), 0))) {
            assertEquals("1.1", r.headers().first("X-Proto"));
        }
    }

    @Test
    void exchange_insecureSkipVerify_acceptsUntrustedCertificate() {
        try (UpstreamResponse r = get(tls, new TransportBuilder().insecureSkipVerify().build(), "/info")) {
            assertEquals(200, r.status());
        }
    }

    @Test
    void exchange_serverNameInCertificate_sniAndVerificationUseIt() {
        try (UpstreamResponse r = get(tls, trusting().serverName("backend.test").build(), "/info")) {
            assertEquals(200, r.status());
        }
    }

    @Test
    void exchange_serverNameNotInCertificate_failsOther() {
        assertEquals(Failure.OTHER, failure(tls, trusting().serverName("other.test").build()));
    }

    @Test
    void exchange_ipLiteralWithoutIpSan_failsOther() {
        assertEquals(Failure.OTHER, failure(dnsOnly, trusting().build()));
        try (UpstreamResponse r = upstream.exchange(Exchanges.get(new ServerAddress("https", "localhost",
                dnsOnly.port()), trusting().build(), "/info"))) {
            assertEquals(200, r.status(), "the same certificate is fine for its DNS name");
        }
    }

    /** A plain HTTP server answering the ClientHello with an HTTP error, as Go's and nginx's do. */
    @Test
    void exchange_tlsToPlainHttpServerThatAnswers_failsOther() throws Exception {
        try (RawBackend http = RawBackend.start(conn -> {
            conn.in.read(new byte[512]);
            conn.write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
        })) {
            UpstreamException e = assertThrows(UpstreamException.class, () -> upstream.exchange(Exchanges.get(
                    new ServerAddress("https", "127.0.0.1", http.port()), trusting().build(), "/")));
            assertEquals(Failure.OTHER, e.failure());
            assertTrue(e.tls(), "a TLS record error, logged at error level");
        }
    }

    /** Helidon's plain listener hangs up on a ClientHello without a word: end of stream, like Go's 502. */
    @Test
    void exchange_tlsToPlainHttpServerThatHangsUp_failsEof() {
        assertEquals(Failure.EOF, failure(plain, trusting().build()));
    }

    @Test
    void exchange_invalidRootCAs_loggedAndDefaultsUsed() {
        assertEquals(Failure.OTHER, failure(tls, new TransportBuilder().rootCA("not a PEM").build()));
    }

    @Test
    void exchange_clientCertificateRequiredButNoneOffered_fails() {
        assertThrows(UpstreamException.class, () -> bodyText(get(mutual, trusting().build(), "/whoami")));
    }

    @ParameterizedTest(name = "{0} key as {1}")
    @CsvSource({"RSA, PKCS8", "RSA, TRADITIONAL", "EC, PKCS8", "EC, TRADITIONAL"})
    void exchange_clientCertificate_presentedForMutualTls(Algorithm algorithm, KeyFormat format) {
        Issued client = CA.client("proxy-" + algorithm + "-" + format, List.of(), algorithm);
        ServersTransportConfig transport = trusting().certificate(client.certPem(), client.keyPem(format)).build();

        try (UpstreamResponse r = get(mutual, transport, "/whoami")) {
            assertEquals(200, r.status());
            assertEquals("CN=proxy-" + algorithm + "-" + format, bodyText(r));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"URI, " + BACKEND_URI + ", true", "URI, spiffe://cluster.test/other, false",
            "DNSName, backend.test, true", "DNSName, other.test, false", "dnsname, 127.0.0.1, true"})
    void exchange_peerCertSans_oneMustMatch(String type, String value, boolean accepted) {
        ServersTransportConfig transport = trusting().peerCertSan(type, value).build();
        if (accepted) {
            try (UpstreamResponse r = get(tls, transport, "/info")) {
                assertEquals(200, r.status());
            }
        } else {
            assertEquals(Failure.OTHER, failure(tls, transport));
        }
    }

    @Test
    void exchange_peerCertUri_deprecatedFormStillChecked() {
        assertEquals(Failure.OTHER, failure(tls, trusting().peerCertUri("spiffe://cluster.test/other").build()));
        try (UpstreamResponse r = get(tls, trusting().peerCertUri(BACKEND_URI).build(), "/info")) {
            assertEquals(200, r.status());
        }
    }

    @Test
    void exchange_peerCertSansWithInsecureSkipVerify_chainStillVerifiedAgainstRoots() {
        ServersTransportConfig systemRoots = new TransportBuilder().insecureSkipVerify().peerCertSan("URI", BACKEND_URI)
                .build();
        assertEquals(Failure.OTHER, failure(tls, systemRoots));

        ServersTransportConfig ownRoots = trusting().insecureSkipVerify().serverName("ignored.test")
                .peerCertSan("URI", BACKEND_URI).build();
        try (UpstreamResponse r = get(tls, ownRoots, "/info")) {
            assertEquals(200, r.status());
        }
    }

    @Test
    void exchange_tls12WithGoCipherSuite_negotiates() {
        ServersTransportConfig transport = trusting().versions("VersionTLS12", "VersionTLS12")
                .cipherSuite("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256").build();

        try (UpstreamResponse r = get(tls, transport, "/info")) {
            assertEquals(200, r.status());
        }
    }
}
