package io.switchyard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.helidon.common.tls.Tls;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.grpc.GrpcClient;
import io.helidon.webclient.http2.Http2Client;
import io.helidon.webclient.http2.Http2ClientProtocolConfig;
import io.helidon.webclient.http2.Http2ClientResponse;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.grpc.GrpcRouting;
import io.switchyard.adapters.http.tls.TestCertificates;
import io.switchyard.adapters.http.upstream.HelidonUpstream;
import io.switchyard.adapters.http.upstream.RawBackend;
import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.domain.http.ServerAddress;
import io.switchyard.ports.runtime.CompletedExchange;
import io.switchyard.ports.upstream.UpstreamRequest;
import io.switchyard.ports.upstream.UpstreamResponse;
import io.switchyard.server.http.EntryPointBinding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Client protocols through the real server: HTTP/1.1, h2c (upgrade and prior knowledge), HTTP/2
 * and HTTP/1.1 over TLS on a TLS entry point (only routers with {@code tls} answer there), trailers
 * on HTTP/1.1 and HTTP/2, and gRPC unary and server-streaming calls to a Helidon gRPC backend
 * reached over h2c, with {@code grpc-status} and {@code grpc-message} intact.
 */
final class ProtocolsEndToEndTest {
    @TempDir
    static Path tls;

    private static final BlockingQueue<CompletedExchange> COMPLETED = new LinkedBlockingQueue<>();
    private static final MethodDescriptor.Marshaller<String> TEXT = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    };
    private static final MethodDescriptor<String, String> SAY = method("test.Echo/Say", MethodDescriptor.MethodType.UNARY);
    private static final MethodDescriptor<String, String> FAIL = method("test.Echo/Fail", MethodDescriptor.MethodType.UNARY);
    private static final MethodDescriptor<String, String> COUNT = method("test.Echo/Count",
            MethodDescriptor.MethodType.SERVER_STREAMING);
    private static final MethodDescriptor<String, String> COUNT_THEN_FAIL = method("test.Echo/CountThenFail",
            MethodDescriptor.MethodType.SERVER_STREAMING);

    private static WebServer http;
    private static WebServer grpc;
    private static RawBackend emptyChunked;
    private static Switchyard switchyard;
    private static TestCertificates.Authority ca;

    @BeforeAll
    static void start() throws Exception {
        http = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .routing(r -> r
                        .get("/trailers", (req, res) -> {
                            res.header(HeaderNames.TRAILER, "X-Checksum");
                            try (OutputStream out = res.outputStream()) {
                                out.write("body".getBytes(StandardCharsets.US_ASCII));
                                out.flush();
                                out.write("more".getBytes(StandardCharsets.US_ASCII));
                                res.trailers().set(HeaderNames.create("X-Checksum"), "c0ffee");
                            }
                        })
                        .any((req, res) -> res.send("path=" + req.prologue().uriPath().rawPath()
                                + " xfp=" + req.headers().first(HeaderNames.X_FORWARDED_PROTO).orElse("-"))))
                .build().start();
        ServerServiceDefinition echo = ServerServiceDefinition.builder("test.Echo")
                .addMethod(SAY, ServerCalls.asyncUnaryCall((String req, StreamObserver<String> out) -> {
                    out.onNext("echo " + req);
                    out.onCompleted();
                }))
                .addMethod(FAIL, ServerCalls.asyncUnaryCall((String req, StreamObserver<String> out) ->
                        out.onError(Status.NOT_FOUND.withDescription("nothing here: " + req).asRuntimeException())))
                .addMethod(COUNT, ServerCalls.asyncServerStreamingCall((String req, StreamObserver<String> out) -> {
                    for (int i = 1; i <= Integer.parseInt(req); i++) {
                        out.onNext("n" + i);
                    }
                    out.onCompleted();
                }))
                .addMethod(COUNT_THEN_FAIL, ServerCalls.asyncServerStreamingCall((String req, StreamObserver<String> out) -> {
                    out.onNext("n1");
                    out.onNext("n2");
                    out.onError(Status.RESOURCE_EXHAUSTED.withDescription("quota gone").asRuntimeException());
                }))
                .build();
        grpc = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .addRouting(GrpcRouting.builder().service(echo))
                .build().start();

        emptyChunked = RawBackend.start(conn -> {
            while (conn.readHead() != null) {
                conn.write("HTTP/1.1 200 OK\r\nTrailer: X-Sum\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
            }
        });
        ca = TestCertificates.authority("test ca");
        Path[] files = ca.server("proxy", List.of("localhost", "127.0.0.1")).write(tls, "proxy");
        String httpUrl = "http://127.0.0.1:" + http.port();
        switchyard = new TestRoutes()
                .route("plain", "PathPrefix(`/plain`) || PathPrefix(`/trailers`)", "http", "web", "websecure")
                .tlsRoute("secure", "PathPrefix(`/secure`)", "http", "web", "websecure")
                .route("empty", "PathPrefix(`/empty`)", "empty", "web")
                .service("empty", "http://127.0.0.1:" + emptyChunked.port())
                .route("grpc", "PathPrefix(`/test.Echo`)", "grpc", "web")
                .tlsRoute("grpc-tls", "PathPrefix(`/test.Echo`)", "grpc", "websecure")
                .service("http", httpUrl)
                .service("grpc", "h2c://127.0.0.1:" + grpc.port())
                .start(List.of(new EntryPointBinding("web", "127.0.0.1", 0),
                        new EntryPointBinding("websecure", "127.0.0.1", 0)
                                .withTls(new EntryPointBinding.Tls(files[0], files[1]))));
        switchyard.runtime().observer(COMPLETED::add);
    }

    @AfterAll
    static void stop() throws IOException {
        if (switchyard != null) {
            switchyard.close();
        }
        if (http != null) {
            http.stop();
        }
        if (grpc != null) {
            grpc.stop();
        }
        if (emptyChunked != null) {
            emptyChunked.close();
        }
    }

    private static MethodDescriptor<String, String> method(String name, MethodDescriptor.MethodType type) {
        return MethodDescriptor.<String, String>newBuilder().setType(type).setFullMethodName(name)
                .setRequestMarshaller(TEXT).setResponseMarshaller(TEXT).build();
    }

    private static HttpResponse<String> jdk(HttpClient.Version version, String uri) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(version).sslContext(ca.clientContext())
                .connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String plain(String path) {
        return "http://127.0.0.1:" + switchyard.port("web") + path;
    }

    private static String secure(String path) {
        return "https://localhost:" + switchyard.port("websecure") + path;
    }

    /** The protocol the proxy saw for the last request on {@code path}. */
    private static String protocolSeen(String path) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            CompletedExchange e = COMPLETED.poll(100, TimeUnit.MILLISECONDS);
            if (e != null && e.rawPath().equals(path)) {
                return e.protocol();
            }
        }
        throw new AssertionError("no completed exchange for " + path);
    }

    @Test
    void http11Client_plainEntryPoint() throws Exception {
        COMPLETED.clear();
        HttpResponse<String> r = jdk(HttpClient.Version.HTTP_1_1, plain("/plain/h1"));
        assertEquals(200, r.statusCode());
        assertEquals("path=/plain/h1 xfp=http", r.body());
        assertEquals("HTTP/1.1", protocolSeen("/plain/h1"));
    }

    @Test
    void h2cUpgradeClient_plainEntryPoint() throws Exception {
        COMPLETED.clear();
        HttpResponse<String> r = jdk(HttpClient.Version.HTTP_2, plain("/plain/upgrade"));
        assertEquals(200, r.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, r.version());
        assertEquals("path=/plain/upgrade xfp=http", r.body());
    }

    /** h2c is for plain entry points: on a TLS one the request is served as HTTP/1.1, as by Traefik. */
    @Test
    void h2cUpgradeRequest_tlsEntryPoint_servedAsHttp11() throws Exception {
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) ca.clientContext().getSocketFactory()
                .createSocket("127.0.0.1", switchyard.port("websecure"))) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET /secure/tls-upgrade HTTP/1.1\r\nHost: localhost\r\n"
                    + "Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                    + "HTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            StringBuilder statusLine = new StringBuilder();
            int b;
            while ((b = socket.getInputStream().read()) >= 0 && b != '\n') {
                statusLine.append((char) b);
            }
            assertEquals("HTTP/1.1 200 OK", statusLine.toString().strip());
        }
    }

    @Test
    void h2cPriorKnowledgeClient_plainEntryPoint() throws Exception {
        COMPLETED.clear();
        Http2Client client = Http2Client.builder().baseUri(plain(""))
                .protocolConfig(Http2ClientProtocolConfig.builder().priorKnowledge(true).build()).build();
        try (Http2ClientResponse r = client.get("/plain/prior").request()) {
            assertEquals(200, r.status().code());
            assertEquals("path=/plain/prior xfp=http", r.as(String.class));
        }
        assertEquals("HTTP/2.0", protocolSeen("/plain/prior"));
    }

    @Test
    void h2OverTls_tlsRouterOnTlsEntryPoint() throws Exception {
        COMPLETED.clear();
        HttpResponse<String> r = jdk(HttpClient.Version.HTTP_2, secure("/secure/h2"));
        assertEquals(200, r.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, r.version());
        assertEquals("path=/secure/h2 xfp=https", r.body());
        assertEquals("HTTP/2.0", protocolSeen("/secure/h2"));
    }

    @Test
    void http11OverTls_tlsRouterOnTlsEntryPoint() throws Exception {
        HttpResponse<String> r = jdk(HttpClient.Version.HTTP_1_1, secure("/secure/h1"));
        assertEquals(200, r.statusCode());
        assertEquals(HttpClient.Version.HTTP_1_1, r.version());
        assertEquals("path=/secure/h1 xfp=https", r.body());
    }

    /** A router without {@code tls} does not answer TLS requests, one with {@code tls} not plain ones. */
    @Test
    void routerTls_decidesWhichConnectionsItServes() throws Exception {
        assertEquals(404, jdk(HttpClient.Version.HTTP_2, secure("/plain/x")).statusCode());
        assertEquals(404, jdk(HttpClient.Version.HTTP_1_1, plain("/secure/x")).statusCode());
    }

    /**
     * With {@code TE: trailers} Helidon also announces its own {@code Trailer: stream-result} (a
     * second field; the trailer itself is not sent), see docs/proxying.md.
     */
    @ParameterizedTest
    @CsvSource({"''", "'TE: trailers\r\n'"})
    void trailers_http11Client_declaredTrailerArrivesChunked(String te) throws Exception {
        try (RawClient raw = new RawClient(switchyard.port("web"))) {
            raw.write("GET /trailers HTTP/1.1\r\nHost: t.example\r\n" + te + "\r\n");
            RawClient.Response r = raw.read("GET");
            assertEquals(200, r.status());
            assertEquals("chunked", r.header("Transfer-Encoding"));
            assertEquals("X-Checksum", r.header("Trailer"));
            assertEquals("bodymore", r.text());
            assertEquals(List.of("X-Checksum: c0ffee"), r.trailers());
        }
    }

    /**
     * An empty chunked answer announcing trailers, to a client asking for trailers: the client's
     * connection stays usable (Helidon alone would append a trailer section to a
     * {@code Content-Length: 0} answer).
     */
    @Test
    void emptyChunkedAnswer_http11Client_connectionStaysUsable() throws Exception {
        try (RawClient raw = new RawClient(switchyard.port("web"))) {
            raw.write("GET /empty/1 HTTP/1.1\r\nHost: t.example\r\nTE: trailers\r\n\r\n"
                    + "GET /empty/2 HTTP/1.1\r\nHost: t.example\r\nTE: trailers\r\n\r\n");
            for (int i = 0; i < 2; i++) {
                RawClient.Response r = raw.read("GET");
                assertEquals(200, r.status());
                assertEquals("", r.text());
            }
        }
    }

    @Test
    void trailers_http2Client_declaredTrailerArrives() {
        Http2Client client = Http2Client.builder().baseUri(plain(""))
                .protocolConfig(Http2ClientProtocolConfig.builder().priorKnowledge(true).build()).build();
        try (Http2ClientResponse r = client.get("/trailers").header(HeaderNames.TE, "trailers").request()) {
            assertEquals(200, r.status().code());
            assertEquals("bodymore", r.as(String.class));
            assertEquals("c0ffee", r.trailers().get(HeaderNames.create("X-Checksum")).get());
            assertFalse(r.trailers().contains(HeaderNames.create("stream-result")), "no Helidon stream-result");
        }
    }

    private static Channel grpcChannel(boolean overTls) {
        GrpcClient client = overTls
                ? GrpcClient.builder().baseUri(secure(""))
                        .tls(Tls.builder().trust(List.of(ca.certificate())).build()).build()
                : GrpcClient.builder().baseUri(plain("")).tls(Tls.builder().enabled(false).build()).build();
        return client.channel();
    }

    @Test
    void grpcUnary_throughH2c() {
        assertEquals("echo hi", ClientCalls.blockingUnaryCall(grpcChannel(false), SAY, CallOptions.DEFAULT, "hi"));
    }

    @Test
    void grpcUnary_overTlsEntryPoint() {
        assertEquals("echo tls", ClientCalls.blockingUnaryCall(grpcChannel(true), SAY, CallOptions.DEFAULT, "tls"));
    }

    /** Helidon's gRPC client reports the code but drops grpc-message (it does so direct too). */
    @Test
    void grpcErrorStatus_codeArrives() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(grpcChannel(false), FAIL, CallOptions.DEFAULT, "x"));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    }

    /**
     * The gRPC status fields on the wire, read with an HTTP/2 client that keeps unannounced
     * trailers (our upstream adapter): through the proxy exactly as from the backend directly, in
     * the header block for a trailers-only answer and in the trailer block after messages.
     */
    @Test
    void grpcStatusFields_areRelayedExactly() throws Exception {
        try (HelidonUpstream h2 = HelidonUpstream.create()) {
            for (String method : List.of("/test.Echo/Fail", "/test.Echo/CountThenFail", "/test.Echo/Say")) {
                List<String> direct = grpcStatusFields(h2, grpc.port(), method);
                List<String> proxied = grpcStatusFields(h2, switchyard.port("web"), method);
                assertEquals(direct, proxied, method);
            }
            assertEquals(List.of("headers grpc-status: 5", "headers grpc-message: nothing here: x"),
                    grpcStatusFields(h2, switchyard.port("web"), "/test.Echo/Fail"));
            assertEquals(List.of("trailers grpc-status: 8", "trailers grpc-message: quota gone"),
                    grpcStatusFields(h2, switchyard.port("web"), "/test.Echo/CountThenFail"));
        }
    }

    /** One call with message "x"; the grpc-* fields of the head and of the trailers. */
    private static List<String> grpcStatusFields(HelidonUpstream h2, int port, String method) throws IOException {
        ServerAddress server = new ServerAddress("h2c", "127.0.0.1", port);
        byte[] frame = {0, 0, 0, 0, 1, 'x'};
        HttpFields headers = new HttpFields().add("Host", "127.0.0.1:" + port)
                .add("Content-Type", "application/grpc").add("TE", "trailers");
        try (UpstreamResponse r = h2.exchange(new UpstreamRequest(server, "", ServersTransportConfig.DEFAULT, "POST",
                method, headers, new ByteArrayInputStream(frame), frame.length))) {
            assertEquals(200, r.status());
            r.body().readAllBytes();
            List<String> out = new ArrayList<>();
            r.headers().forEach((name, value) -> {
                if (name.startsWith("grpc-s") || name.startsWith("grpc-m")) {
                    out.add("headers " + name + ": " + value);
                }
            });
            r.trailers().forEach((name, value) -> out.add("trailers " + name + ": " + value));
            return out;
        }
    }

    @Test
    void grpcServerStreaming_allMessagesThenOkStatus() {
        Iterator<String> it = ClientCalls.blockingServerStreamingCall(grpcChannel(false), COUNT, CallOptions.DEFAULT,
                "5");
        List<String> got = new ArrayList<>();
        it.forEachRemaining(got::add);
        assertEquals(List.of("n1", "n2", "n3", "n4", "n5"), got);
    }

    @Test
    void grpcServerStreaming_errorAfterMessages_statusArrivesAsTrailer() {
        Iterator<String> it = ClientCalls.blockingServerStreamingCall(grpcChannel(false), COUNT_THEN_FAIL,
                CallOptions.DEFAULT, "");
        List<String> got = new ArrayList<>();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> it.forEachRemaining(got::add));
        assertEquals(List.of("n1", "n2"), got);
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
    }
}
