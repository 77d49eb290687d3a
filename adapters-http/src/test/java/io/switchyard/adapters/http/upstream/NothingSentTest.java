package io.switchyard.adapters.http.upstream;

import static io.switchyard.adapters.http.upstream.Exchanges.bodyText;
import static io.switchyard.adapters.http.upstream.Exchanges.transport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.http.ServerAddress;
import io.switchyard.ports.upstream.UpstreamException;
import io.switchyard.ports.upstream.UpstreamResponse;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link UpstreamException#nothingSent()}: set exactly when the server cannot have taken the request,
 * which is what lets the runtime resend an idempotent request elsewhere.
 */
final class NothingSentTest {
    private static final ServersTransportConfig TRANSPORT = transport(Duration.ofSeconds(5), Duration.ZERO,
            Duration.ofSeconds(90));

    private static HelidonUpstream upstream;

    @BeforeAll
    static void start() {
        upstream = HelidonUpstream.create();
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "h2c"})
    void refusedConnection_isConnectAndNothingSent(String scheme) throws Exception {
        ServerAddress server = new ServerAddress(scheme, "127.0.0.1", closedPort());
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> upstream.exchange(Exchanges.get(server, TRANSPORT, "/")));
        assertEquals(UpstreamException.Failure.CONNECT, e.failure());
        assertTrue(e.nothingSent());
    }

    @Test
    void unresolvableName_isConnectAndNothingSent() {
        ServerAddress server = new ServerAddress("http", "no-such-host.invalid", 80);
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> upstream.exchange(Exchanges.get(server, TRANSPORT, "/")));
        assertEquals(UpstreamException.Failure.CONNECT, e.failure());
        assertTrue(e.nothingSent());
    }

    @Test
    void serverClosesAfterReadingTheRequest_isEofAndMayHaveBeenSent() throws Exception {
        try (RawBackend backend = RawBackend.start(conn -> {
            conn.readHead();
            conn.socket.close();
        })) {
            ServerAddress server = new ServerAddress("http", "127.0.0.1", backend.port());
            UpstreamException e = assertThrows(UpstreamException.class,
                    () -> upstream.exchange(Exchanges.get(server, TRANSPORT, "/")));
            assertEquals(UpstreamException.Failure.EOF, e.failure());
            assertFalse(e.nothingSent(), "the server read the request: it may have acted on it");
        }
    }

    @Test
    void pooledConnectionClosedAndServerGone_isConnectAndNothingSent() throws Exception {
        CountDownLatch answered = new CountDownLatch(1);
        RawBackend backend = RawBackend.start(conn -> {
            conn.readHead();
            conn.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            answered.countDown();
            // keep the connection open (pooled on our side) until the backend goes away
            conn.in.read();
        });
        ServerAddress server = new ServerAddress("http", "127.0.0.1", backend.port());
        try (UpstreamResponse r = upstream.exchange(Exchanges.get(server, TRANSPORT, "/"))) {
            assertEquals("ok", bodyText(r));
        }
        assertTrue(answered.await(5, TimeUnit.SECONDS));
        backend.close(); // the pod stops: its listener and the pooled connection are gone
        awaitRefused(backend.port());
        UpstreamException e = assertThrows(UpstreamException.class,
                () -> upstream.exchange(Exchanges.get(server, TRANSPORT, "/")));
        assertEquals(UpstreamException.Failure.CONNECT, e.failure());
        assertTrue(e.nothingSent(), e.getMessage());
    }

    /**
     * Waits until connections to {@code port} are refused: a listener whose accepting virtual
     * thread is parked keeps accepting for a moment after {@code close()} returns.
     */
    private static void awaitRefused(int port) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                Thread.sleep(5);
            } catch (java.net.ConnectException refused) {
                return;
            }
        }
        throw new AssertionError("port " + port + " still accepts connections");
    }
}
