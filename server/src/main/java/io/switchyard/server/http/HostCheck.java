package io.switchyard.server.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.RequestException;
import io.helidon.webserver.http.DirectTransportRequest;
import io.switchyard.domain.http.HostHeader;

/**
 * The Host checks of Go's HTTP/1 server, answered with 400 and a closed connection before any
 * routing, as Traefik does: HTTP/1.1 requests (but CONNECT) carry a Host, never two, and its value
 * holds only host bytes ({@link HostHeader}). They replace Helidon's own Host validation, which
 * runs a regular expression per request and refuses some hosts Go accepts (an empty one).
 */
final class HostCheck {
    private HostCheck() {
    }

    /** Throws the 400 for an HTTP/1 request whose Host Go's server would refuse. */
    static void http1(HttpPrologue prologue, Headers headers) {
        if (!headers.contains(HeaderNames.HOST)) {
            if ("1.1".equals(prologue.protocolVersion()) && !"CONNECT".equals(prologue.method().text())) {
                throw refused(prologue, headers, "missing required Host header");
            }
            return;
        }
        Header host = headers.get(HeaderNames.HOST);
        if (host.valueCount() > 1) {
            throw refused(prologue, headers, "too many Host headers");
        }
        if (!HostHeader.valid(host.get())) {
            throw refused(prologue, headers, "malformed Host header");
        }
    }

    private static RequestException refused(HttpPrologue prologue, Headers headers, String message) {
        return RequestException.builder()
                .type(DirectHandler.EventType.BAD_REQUEST)
                .request(DirectTransportRequest.create(prologue, headers))
                .setKeepAlive(false)
                .message(message)
                .build();
    }
}
