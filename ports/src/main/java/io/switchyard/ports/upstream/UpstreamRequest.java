package io.switchyard.ports.upstream;

import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.domain.http.ServerAddress;
import java.io.InputStream;
import java.util.Objects;

/**
 * One request to one server, ready to send: headers already rewritten (hop-by-hop removed,
 * forwarded headers set, Host decided).
 *
 * @param server        where to send it
 * @param transportName servers transport key (empty for the default); pools are kept per name
 * @param transport     the transport settings
 * @param method        request method
 * @param target        request target exactly as received: raw path plus {@code ?query} if any
 * @param headers       the header fields to send, including {@code Host}
 * @param body          request body stream (empty stream when there is none)
 * @param contentLength body length, or -1 when unknown (sent chunked), 0 for none
 */
public record UpstreamRequest(ServerAddress server, String transportName, ServersTransportConfig transport,
                              String method, String target, HttpFields headers, InputStream body,
                              long contentLength) {
    public UpstreamRequest {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(transportName, "transportName");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }
}
