package io.switchyard.domain.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.domain.http.HttpFields;
import org.junit.jupiter.api.Test;

final class HopByHopTest {

    @Test
    void stripRequest_removesFixedAndConnectionNamedFields() {
        HttpFields h = new HttpFields()
                .add("Connection", "keep-alive, X-Secret")
                .add("X-Secret", "s")
                .add("Keep-Alive", "timeout=5")
                .add("Proxy-Authorization", "Basic x")
                .add("Transfer-Encoding", "chunked")
                .add("Trailer", "X-T")
                .add("Accept", "*/*");
        assertNull(HopByHop.stripRequest(h));
        assertEquals(1, h.size());
        assertEquals("*/*", h.first("Accept"));
    }

    @Test
    void stripRequest_keepsTeTrailersOnly() {
        HttpFields h = new HttpFields().add("TE", "gzip, trailers");
        HopByHop.stripRequest(h);
        assertEquals("trailers", h.first("Te"));

        HttpFields g = new HttpFields().add("TE", "gzip");
        HopByHop.stripRequest(g);
        assertFalse(g.contains("Te"));
    }

    @Test
    void stripRequest_upgrade_keepsUpgradeTokenAndType() {
        HttpFields h = new HttpFields().add("Connection", "Upgrade").add("Upgrade", "websocket");
        assertEquals("websocket", HopByHop.stripRequest(h));
        assertEquals("Upgrade", h.first("Connection"));
        assertEquals("websocket", h.first("Upgrade"));
    }

    @Test
    void isWebSocketUpgrade_needsBothHeaders() {
        assertTrue(HopByHop.isWebSocketUpgrade(new HttpFields().add("Connection", "keep-alive, upgrade")
                .add("Upgrade", "WebSocket")));
        assertFalse(HopByHop.isWebSocketUpgrade(new HttpFields().add("Upgrade", "websocket")));
        assertFalse(HopByHop.isWebSocketUpgrade(new HttpFields().add("Connection", "upgrade").add("Upgrade", "h2c")));
    }
}
