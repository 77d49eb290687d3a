package io.switchyard.adapters.http.upstream;

import static io.switchyard.adapters.http.upstream.Exchanges.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.grpc.GrpcRouting;
import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.domain.http.ServerAddress;
import io.switchyard.ports.upstream.UpstreamResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * gRPC over h2c to Helidon's gRPC server, which sends {@code grpc-status} as trailers without
 * announcing them in a {@code Trailer} field: the case Helidon's {@code Http2ClientResponse} misses.
 */
final class HelidonUpstreamGrpcTest {
    private static final ServersTransportConfig TRANSPORT = Exchanges.transport(Duration.ofSeconds(5), Duration.ZERO,
            Duration.ofSeconds(90));
    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    private static WebServer backend;
    private static ServerAddress server;
    private static HelidonUpstream upstream;

    @BeforeAll
    static void start() {
        ServerServiceDefinition echo = ServerServiceDefinition.builder("test.Echo")
                .addMethod(method("test.Echo/Say"), ServerCalls.asyncUnaryCall((byte[] req, io.grpc.stub.StreamObserver<byte[]> out) -> {
                    out.onNext(("echo " + new String(req, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
                    out.onCompleted();
                }))
                .addMethod(method("test.Echo/Fail"), ServerCalls.asyncUnaryCall((byte[] req, io.grpc.stub.StreamObserver<byte[]> out) ->
                        out.onError(Status.NOT_FOUND.withDescription("nothing here").asRuntimeException())))
                .build();
        backend = WebServer.builder().host("127.0.0.1").port(0)
                .addRouting(GrpcRouting.builder().service(echo))
                .build().start();
        server = new ServerAddress("h2c", "127.0.0.1", backend.port());
        upstream = HelidonUpstream.create();
    }

    private static MethodDescriptor<byte[], byte[]> method(String name) {
        return MethodDescriptor.<byte[], byte[]>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(name).setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
    }

    @AfterAll
    static void stop() {
        upstream.close();
        backend.stop();
    }

    private static UpstreamResponse call(String path, String message) {
        byte[] payload = message.getBytes(StandardCharsets.UTF_8);
        byte[] frame = ByteBuffer.allocate(5 + payload.length).put((byte) 0).putInt(payload.length).put(payload).array();
        HttpFields headers = Exchanges.host(server).add("Content-Type", "application/grpc").add("TE", "trailers");
        return upstream.exchange(request(server, TRANSPORT, "POST", path, headers, new ByteArrayInputStream(frame),
                -1));
    }

    @Test
    void exchange_unaryCall_grpcStatusArrivesAsUnannouncedTrailer() throws IOException {
        try (UpstreamResponse r = call("/test.Echo/Say", "hi")) {
            assertEquals(200, r.status());
            assertNull(r.headers().first("trailer"));
            byte[] body = r.body().readAllBytes();
            byte[] expected = "echo hi".getBytes(StandardCharsets.UTF_8);
            assertEquals(5 + expected.length, body.length);
            assertArrayEquals(expected, java.util.Arrays.copyOfRange(body, 5, body.length));
            assertEquals("0", r.trailers().first("grpc-status"));
        }
    }

    @Test
    void exchange_failingCall_statusReported() throws IOException {
        try (UpstreamResponse r = call("/test.Echo/Fail", "x")) {
            r.body().readAllBytes();
            String status = r.headers().first("grpc-status") != null ? r.headers().first("grpc-status")
                    : r.trailers().first("grpc-status");
            assertEquals(Integer.toString(Status.Code.NOT_FOUND.value()), status);
        }
    }
}
