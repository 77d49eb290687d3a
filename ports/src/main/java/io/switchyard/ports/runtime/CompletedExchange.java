package io.switchyard.ports.runtime;

import io.switchyard.domain.http.HttpFields;
import java.util.Objects;

/**
 * What happened to one request, for metrics and access logs (field names follow Traefik's access
 * log where one exists).
 *
 * @param entryPoint     entry point name
 * @param clientIp       client address
 * @param method         request method
 * @param rawPath        request path as received
 * @param protocol       {@code HTTP/1.1} or {@code HTTP/2.0}
 * @param authority      Host / :authority
 * @param router         qualified router name; empty when no router matched
 * @param service        qualified name of the service that forwarded; empty when none
 * @param serverUrl      the server that answered; empty when none was picked
 * @param status         status sent to the client (499 when the client went away first)
 * @param startNanos     {@link System#nanoTime()} when the request arrived
 * @param durationNanos  time until the response was complete
 * @param clientPort     the client's TCP port (0 when unknown)
 * @param rawQuery       the raw query without {@code ?}; empty when there is none
 * @param requestHeaders the request's header fields as the runtime left them (forwarded headers
 *                       rewritten, hop-by-hop fields removed once forwarded); read-only for observers
 * @param requestBytes   request body bytes read from the client
 * @param responseBytes  response body bytes sent to the client (Switchyard's own answers included)
 */
public record CompletedExchange(String entryPoint, String clientIp, String method, String rawPath, String protocol,
                                String authority, String router, String service, String serverUrl, int status,
                                long startNanos, long durationNanos, int clientPort, String rawQuery,
                                HttpFields requestHeaders, long requestBytes, long responseBytes) {
    public CompletedExchange {
        Objects.requireNonNull(rawQuery, "rawQuery");
        Objects.requireNonNull(requestHeaders, "requestHeaders");
    }

    /** A completed exchange whose bodies were not counted. */
    public CompletedExchange(String entryPoint, String clientIp, String method, String rawPath, String protocol,
                             String authority, String router, String service, String serverUrl, int status,
                             long startNanos, long durationNanos, int clientPort, String rawQuery,
                             HttpFields requestHeaders) {
        this(entryPoint, clientIp, method, rawPath, protocol, authority, router, service, serverUrl, status,
                startNanos, durationNanos, clientPort, rawQuery, requestHeaders, 0, 0);
    }

    /** A completed exchange without client port, query and request headers. */
    public CompletedExchange(String entryPoint, String clientIp, String method, String rawPath, String protocol,
                             String authority, String router, String service, String serverUrl, int status,
                             long startNanos, long durationNanos) {
        this(entryPoint, clientIp, method, rawPath, protocol, authority, router, service, serverUrl, status,
                startNanos, durationNanos, 0, "", new HttpFields(0));
    }
}
