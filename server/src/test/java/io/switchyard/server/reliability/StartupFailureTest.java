package io.switchyard.server.reliability;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.server.Switchyard;
import io.switchyard.server.http.EntryPointBinding;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An entry point that cannot listen fails the start, instead of a process that serves nothing. */
final class StartupFailureTest {
    @Test
    void entryPointAddressInUse_startFailsNamingIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Switchyard.start(
                    Switchyard.Settings.builder()
                            .entryPoints(List.of(new EntryPointBinding("web", "127.0.0.1", port)))
                            .gracePeriod(Duration.ofSeconds(1))
                            .build()));
            assertTrue(e.getMessage().contains("web=127.0.0.1:" + port), e.getMessage());
        }
    }
}
