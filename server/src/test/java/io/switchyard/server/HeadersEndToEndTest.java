package io.switchyard.server;

import io.switchyard.adapters.http.upstream.RawBackend;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.server.http.EntryPointBinding;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a backend receives through the real server (spec: proxy.md §4.1–4.3): Host, forwarded
 * headers with and without trust (entry point options as the command line sets them), hop-by-hop
 * removal, and the request target. The backend is a raw socket, so the exact request head is seen.
 */
final class HeadersEndToEndTest {
    private static RawBackend backend;
    private static Switchyard switchyard;
    private static String hostname;

    @BeforeAll
    static void start() throws Exception {
        backend = RawBackend.start(conn -> {
            String head;
            while ((head = conn.readHead()) != null) {
                byte[] body = head.getBytes(StandardCharsets.ISO_8859_1);
                conn.out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                conn.out.write(body);
                conn.out.flush();
            }
        });
        String url = "http://127.0.0.1:" + backend.port();
        List<EntryPointBinding> entryPoints = Main.configureEntryPoints(List.of(
                        new EntryPointBinding("web", "127.0.0.1", 0),
                        new EntryPointBinding("trusted", "127.0.0.1", 0),
                        new EntryPointBinding("open", "127.0.0.1", 0)),
                Map.of("trusted", List.of("10.0.0.0/8", "127.0.0.0/8")), List.of("open"), Map.of());
        switchyard = new TestRoutes()
                .route("pass", "Host(`pass.example`)", "pass")
                .route("nopass", "Host(`nopass.example`)", "nopass")
                .service("pass", url)
                .service("nopass", TestRoutes.lb(url, false, Duration.ofMillis(100), ""))
                .start(entryPoints);
        hostname = InetAddress.getLocalHost().getHostName();
    }

    @AfterAll
    static void stop() throws Exception {
        if (switchyard != null) {
            switchyard.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    /** Sends {@code head} (request line and fields, no final CRLF) and returns the head the backend got. */
    private static List<String> forward(String entryPoint, String head) throws Exception {
        try (RawClient client = new RawClient(switchyard.port(entryPoint))) {
            client.write(head + "\r\n\r\n");
            RawClient.Response r = client.read("GET");
            assertEquals(200, r.status(), r.text());
            return List.of(r.text().split("\r\n"));
        }
    }

    private static List<String> values(List<String> head, String name) {
        List<String> out = new ArrayList<>();
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        for (String line : head.subList(1, head.size())) {
            if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                out.add(line.substring(prefix.length()).strip());
            }
        }
        return out;
    }

    @Test
    void passHostHeaderTrue_sendsTheHostAsReceivedWithItsPort() throws Exception {
        List<String> head = forward("web", "GET / HTTP/1.1\r\nHost: pass.example:8000");
        assertEquals(List.of("pass.example:8000"), values(head, "Host"));
    }

    @Test
    void passHostHeaderFalse_sendsTheServersHostAndPort() throws Exception {
        List<String> head = forward("web", "GET / HTTP/1.1\r\nHost: nopass.example");
        assertEquals(List.of("127.0.0.1:" + backend.port()), values(head, "Host"));
        assertEquals(List.of("nopass.example"), values(head, "X-Forwarded-Host"));
    }

    /** proxy.md §4.2 worked example: an untrusted client's forwarded headers are replaced. */
    @Test
    void untrustedClient_forwardedHeadersAreReplaced() throws Exception {
        List<String> head = forward("web", """
                GET / HTTP/1.1\r
                Host: pass.example:8000\r
                X-Forwarded-For: 1.2.3.4\r
                X-Forwarded-Proto: https\r
                X-Forwarded-Host: evil.example\r
                X-Forwarded-Server: evil\r
                X-Real-Ip: 9.9.9.9\r
                X_Forwarded_Port: 1\r
                X-Forwarded-Prefix: /evil\r
                Forwarded: for=1.2.3.4""");
        assertEquals(List.of("127.0.0.1"), values(head, "X-Forwarded-For"));
        assertEquals(List.of("http"), values(head, "X-Forwarded-Proto"));
        assertEquals(List.of("pass.example:8000"), values(head, "X-Forwarded-Host"));
        assertEquals(List.of("8000"), values(head, "X-Forwarded-Port"));
        assertEquals(List.of(hostname), values(head, "X-Forwarded-Server"));
        assertEquals(List.of("127.0.0.1"), values(head, "X-Real-Ip"));
        assertEquals(List.of(), values(head, "X_Forwarded_Port"));
        assertEquals(List.of(), values(head, "X-Forwarded-Prefix"));
        assertEquals(List.of("for=1.2.3.4"), values(head, "Forwarded"), "RFC 7239 Forwarded passes untouched");
    }

    @ParameterizedTest
    @CsvSource({"trusted", "open"})
    void trustedClient_forwardedHeadersAreKeptAndForwardedForAppended(String entryPoint) throws Exception {
        List<String> head = forward(entryPoint, """
                GET / HTTP/1.1\r
                Host: pass.example:8000\r
                X-Forwarded-For: 1.2.3.4\r
                X-Forwarded-For: 5.6.7.8\r
                X-Forwarded-Proto: https\r
                X-Forwarded-Host: front.example\r
                X-Real-Ip: 9.9.9.9""");
        assertEquals(List.of("1.2.3.4, 5.6.7.8, 127.0.0.1"), values(head, "X-Forwarded-For"));
        assertEquals(List.of("https"), values(head, "X-Forwarded-Proto"));
        assertEquals(List.of("front.example"), values(head, "X-Forwarded-Host"));
        assertEquals(List.of("8000"), values(head, "X-Forwarded-Port"));
        assertEquals(List.of("9.9.9.9"), values(head, "X-Real-Ip"));
        assertEquals(List.of(hostname), values(head, "X-Forwarded-Server"));
    }

    /** proxy.md §4.2 step 9 and §4.3 step 2. */
    @Test
    void hopByHopFields_areRemovedIncludingConnectionListedOnes_teTrailersKept() throws Exception {
        List<String> head = forward("web", """
                GET / HTTP/1.1\r
                Host: pass.example\r
                Connection: keep-alive, X-Drop, X-Forwarded-Proto\r
                X-Drop: gone\r
                X-Keep: kept\r
                Keep-Alive: timeout=5\r
                Proxy-Connection: keep-alive\r
                Proxy-Authorization: Basic Zm9vOmJhcg==\r
                TE: trailers, deflate\r
                Trailer: X-Checksum\r
                Upgrade: foo/1""");
        for (String gone : List.of("Connection", "X-Drop", "Keep-Alive", "Proxy-Connection", "Proxy-Authorization",
                "Trailer", "Upgrade", "Transfer-Encoding")) {
            assertEquals(List.of(), values(head, gone), gone + " in " + head);
        }
        assertEquals(List.of("trailers"), values(head, "TE"));
        assertEquals(List.of("kept"), values(head, "X-Keep"));
        assertEquals(List.of("http"), values(head, "X-Forwarded-Proto"), "a managed field survives Connection");
    }

    @Test
    void teWithoutTrailers_isNotForwarded() throws Exception {
        List<String> head = forward("web", "GET / HTTP/1.1\r\nHost: pass.example\r\nTE: gzip");
        assertEquals(List.of(), values(head, "TE"));
    }

    /**
     * proxy.md §4.1 worked example plus encodings that must stay as they are: unreserved
     * characters decoded, other escapes upper-cased, dot segments and double slashes removed; the
     * query is forwarded byte for byte except {@code ;} becoming {@code &}.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/a/./b/../c//d%7e%2fx?q=1;r=2             | /a/c/d~%2Fx?q=1&r=2",
        "/x%20y%3Fz%25?s=%2f&flag&k=a+b&k=%zz       | /x%20y%3Fz%25?s=%2f&flag&k=a+b&k=%zz",
        "/p;matrix=1/%E2%82%AC?%E2%82%AC=1          | /p;matrix=1/%E2%82%AC?%E2%82%AC=1",
        "/trailing/                                 | /trailing/",
    })
    void requestTarget_isForwardedExactlyAfterNormalisation(String sent, String received) throws Exception {
        List<String> head = forward("web", "GET " + sent + " HTTP/1.1\r\nHost: pass.example");
        assertEquals("GET " + received + " HTTP/1.1", head.get(0));
    }

    @Test
    void noUserAgent_noneIsAdded() throws Exception {
        List<String> head = forward("web", "GET / HTTP/1.1\r\nHost: pass.example");
        assertEquals(List.of(), values(head, "User-Agent"));
        assertFalse(head.stream().anyMatch(l -> l.toLowerCase(Locale.ROOT).startsWith("accept:")), head.toString());
        assertTrue(head.size() > 2);
    }
}
