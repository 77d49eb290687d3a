package io.switchyard.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.webserver.ListenerConfig;
import io.helidon.webserver.WebServerConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The socket settings every entry-point listener carries. They are invisible to a client that
 * only checks bytes (a response staged in 8 KiB pieces or delayed by Nagle still arrives whole),
 * so they are checked on the listener configuration itself.
 */
class DataPlaneListenerTest {

    @Test
    void everyEntryPoint_streamSocketWithNoDelay() {
        try (DataPlane plane = DataPlane.start(
                List.of(new EntryPointBinding("web", "127.0.0.1", 0), new EntryPointBinding("other", "127.0.0.1", 0)),
                exchange -> { }, Map.of(), Duration.ZERO)) {
            WebServerConfig config = plane.server().prototype();
            Map<String, ListenerConfig> listeners = new LinkedHashMap<>();
            listeners.put("web (default socket)", config);
            listeners.putAll(config.sockets());
            assertEquals(2, listeners.size(), listeners.keySet().toString());
            listeners.forEach((name, listener) -> {
                // docs/performance.md item 9: Helidon's NIO socket copies every write through 8 KiB
                assertFalse(listener.useNio(), name + ": stream socket expected");
                assertTrue(listener.connectionOptions().tcpNoDelay(), name + ": TCP_NODELAY expected");
            });
        }
    }
}
