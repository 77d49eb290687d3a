package io.switchyard.ports.runtime;

import io.switchyard.domain.http.HttpFields;
import io.switchyard.ports.exchange.Exchange;
import io.switchyard.ports.upstream.UpstreamResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A {@code 101 Switching Protocols} answer (spec: proxy.md §4.6 step 2): the upgrade type the
 * server chose must be the requested one, then the client's and the server's connections are
 * joined and bytes copied both ways until either side closes. WebSocket frames, close codes,
 * sub-protocols and extensions pass untouched; a side that stops reading slows the other down.
 */
final class ProtocolSwitch {
    private static final System.Logger LOG = System.getLogger(ProtocolSwitch.class.getName());
    private static final byte[] INTERNAL_ERROR = "Internal Server Error".getBytes(StandardCharsets.US_ASCII);
    private static final int BUFFER = 32 * 1024;

    /** The WebSocket fields whose exact casing Traefik restores (§4.3 step 8). */
    private static final String[] WEBSOCKET_FIELDS = {
        "Sec-WebSocket-Key", "Sec-WebSocket-Extensions", "Sec-WebSocket-Accept", "Sec-WebSocket-Protocol",
        "Sec-WebSocket-Version",
    };

    private ProtocolSwitch() {
    }

    /** Re-emits the {@code Sec-WebSocket-*} request fields with their canonical casing. */
    static void canonicalWebSocketNames(HttpFields headers) {
        for (String name : WEBSOCKET_FIELDS) {
            var values = headers.all(name);
            if (!values.isEmpty() && !headers.name(indexOf(headers, name)).equals(name)) {
                headers.remove(name);
                values.forEach(v -> headers.add(name, v));
            }
        }
    }

    private static int indexOf(HttpFields headers, String name) {
        for (int i = 0, n = headers.size(); i < n; i++) {
            if (headers.name(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether an upgrade type may be forwarded: printable ASCII without spaces. */
    static boolean printable(String type) {
        return !type.isEmpty() && type.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    /**
     * Relays a 101 answer: checks the upgrade type, sends the 101 with the server's fields and
     * copies bytes both ways until one side closes, then closes both.
     *
     * @param requested the requested upgrade type, or null when none was forwarded
     */
    static void relay(Call call, UpstreamResponse response, String requested) {
        Exchange ex = call.exchange;
        String offered = response.headers().first("Upgrade");
        Optional<OutputStream> toServer = response.upgradeOutput();
        if (requested == null || offered == null || !printable(offered) || !offered.equalsIgnoreCase(requested)
                || toServer.isEmpty()) {
            LOG.log(Level.DEBUG, "{0} {1}: server switched to protocol \"{2}\" when \"{3}\" was requested",
                    ex.method(), call.path, offered, requested);
            call.answered(500);
            ex.respond(500, call.responseHeaders(new HttpFields(0)), INTERNAL_ERROR);
            return;
        }
        Optional<Exchange.Tunnel> opened = ex.switchProtocols(call.responseHeaders(response.headers()));
        if (opened.isEmpty()) {
            call.answered(500);
            ex.respond(500, call.responseHeaders(new HttpFields(0)), INTERNAL_ERROR);
            return;
        }
        call.answered(101);
        try (Exchange.Tunnel tunnel = opened.get()) {
            InputStream fromServer = response.body();
            Thread down = Thread.ofVirtual().name("switchyard-switched-down").start(() -> {
                copy(fromServer, tunnel.toClient());
                // either side ending ends both, as Traefik does
                tunnel.close();
                response.close();
            });
            copy(tunnel.fromClient(), toServer.get());
            response.close();
            tunnel.close();
            try {
                down.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Copies until end of stream or the first failure on either side. */
    private static void copy(InputStream in, OutputStream out) {
        byte[] buf = new byte[BUFFER];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n > 0) {
                    out.write(buf, 0, n);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "switched connection ended: {0}", e.toString());
        }
    }
}
