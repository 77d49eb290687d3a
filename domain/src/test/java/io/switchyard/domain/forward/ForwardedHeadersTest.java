package io.switchyard.domain.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.switchyard.domain.http.HttpFields;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class ForwardedHeadersTest {

    /** proxy.md §4.2 step 9: Connection may name ordinary fields, never managed ones. */
    @Test
    void prepare_connectionNamingManagedAndOtherFields_dropsOnlyTheOthers() {
        HttpFields h = new HttpFields()
                .add("Connection", "keep-alive, X-Forwarded-Proto")
                .add("Connection", "x-real-ip, X-Private")
                .add("Keep-Alive", "timeout=5")
                .add("X-Private", "secret")
                .add("X-Other", "stays");
        ForwardedHeaders.prepare(h, false, "203.0.113.7", false, "example.com", "sy-host");

        assertNull(h.first("Connection"));
        assertNull(h.first("Keep-Alive"));
        assertNull(h.first("X-Private"));
        assertEquals("stays", h.first("X-Other"));
        assertEquals("http", h.first("X-Forwarded-Proto"));
        assertEquals("203.0.113.7", h.first("X-Real-Ip"));
    }

    /** proxy.md §4.2 step 9: an upgrade keeps Connection: Upgrade and only the first Upgrade value. */
    @Test
    void prepare_upgradeRequest_keepsUpgradeWithFirstValue() {
        HttpFields h = new HttpFields()
                .add("Connection", "keep-alive, Upgrade")
                .add("Upgrade", "websocket")
                .add("Upgrade", "h2c");
        ForwardedHeaders.prepare(h, false, "203.0.113.7", false, "example.com", "sy-host");

        assertEquals(List.of("Upgrade"), h.all("Connection"));
        assertEquals(List.of("websocket"), h.all("Upgrade"));
        assertEquals("ws", h.first("X-Forwarded-Proto"));
    }

    /** proxy.md §4.2 worked example, untrusted client. */
    @Test
    void prepare_untrustedClient_replacesForwardedHeaders() {
        HttpFields h = new HttpFields()
                .add("Host", "example.com:8000")
                .add("X-Forwarded-For", "1.2.3.4")
                .add("X-Forwarded-Proto", "https");
        ForwardedHeaders.prepare(h, false, "203.0.113.7", false, "example.com:8000", "sy-host");
        ForwardedHeaders.appendForwardedFor(h, "203.0.113.7");

        assertEquals(List.of("203.0.113.7"), h.all("X-Forwarded-For"));
        assertEquals("http", h.first("X-Forwarded-Proto"));
        assertEquals("example.com:8000", h.first("X-Forwarded-Host"));
        assertEquals("8000", h.first("X-Forwarded-Port"));
        assertEquals("203.0.113.7", h.first("X-Real-Ip"));
        assertEquals("sy-host", h.first("X-Forwarded-Server"));
    }

    /** proxy.md §4.2 worked example, trusted client. */
    @Test
    void prepare_trustedClient_keepsAndAppends() {
        HttpFields h = new HttpFields()
                .add("X-Forwarded-For", "1.2.3.4")
                .add("X-Forwarded-Proto", "https");
        ForwardedHeaders.prepare(h, true, "203.0.113.7", false, "example.com:8000", "sy-host");
        ForwardedHeaders.appendForwardedFor(h, "203.0.113.7");

        assertEquals("1.2.3.4, 203.0.113.7", h.first("X-Forwarded-For"));
        assertEquals("https", h.first("X-Forwarded-Proto"));
        assertEquals("8000", h.first("X-Forwarded-Port"));
    }

    @Test
    void prepare_untrusted_removesUnderscoreSpellingsToo() {
        HttpFields h = new HttpFields()
                .add("X_Forwarded_For", "6.6.6.6")
                .add("x-forwarded_proto", "https")
                .add("X-Real-IP", "6.6.6.6")
                .add("Forwarded", "for=6.6.6.6");
        ForwardedHeaders.prepare(h, false, "10.0.0.1", true, "a.com", "sy");

        assertNull(h.first("X_Forwarded_For"));
        assertNull(h.first("x-forwarded_proto"));
        assertEquals("10.0.0.1", h.first("X-Real-Ip"));
        assertEquals("https", h.first("X-Forwarded-Proto"));
        assertEquals("for=6.6.6.6", h.first("Forwarded"), "Forwarded passes untouched");
    }

    @Test
    void prepare_trusted_foldsSeveralForwardedForLines() {
        HttpFields h = new HttpFields().add("X-Forwarded-For", "1.1.1.1").add("X-Forwarded-For", "2.2.2.2");
        ForwardedHeaders.prepare(h, true, "3.3.3.3", false, "", "sy");
        assertEquals(List.of("1.1.1.1, 2.2.2.2"), h.all("X-Forwarded-For"));
        assertFalse(h.contains("X-Forwarded-Host"), "no Host, no X-Forwarded-Host");
    }

    @ParameterizedTest(name = "{0} tls={1} ws={2} -> port {3}")
    @CsvSource({
        "example.com:8000, false, false, 8000, http",
        "example.com,      false, false, 80,   http",
        "example.com,      true,  false, 443,  https",
        "example.com,      false, true,  80,   ws",
        "example.com,      true,  true,  443,  wss",
        "'[::1]:9443',     false, false, 9443, http",
        "'[::1]',          false, false, 80,   http",
    })
    void prepare_derivesPortAndProto(String authority, boolean tls, boolean ws, String port, String proto) {
        HttpFields h = new HttpFields();
        if (ws) {
            h.add("Connection", "keep-alive, Upgrade").add("Upgrade", "websocket");
        }
        ForwardedHeaders.prepare(h, false, "10.0.0.1", tls, authority, "sy");
        assertEquals(port, h.first("X-Forwarded-Port"));
        assertEquals(proto, h.first("X-Forwarded-Proto"));
    }
}
