package io.switchyard.ports.runtime;

/**
 * What happened to one request, for metrics and access logs (field names follow Traefik's access
 * log where one exists).
 *
 * @param entryPoint    entry point name
 * @param clientIp      client address
 * @param method        request method
 * @param rawPath       request path as received
 * @param protocol      {@code HTTP/1.1} or {@code HTTP/2.0}
 * @param authority     Host / :authority
 * @param router        qualified router name; empty when no router matched
 * @param service       qualified name of the service that forwarded; empty when none
 * @param serverUrl     the server that answered; empty when none was picked
 * @param status        status sent to the client (499 when the client went away first)
 * @param startNanos    {@link System#nanoTime()} when the request arrived
 * @param durationNanos time until the response was complete
 */
public record CompletedExchange(String entryPoint, String clientIp, String method, String rawPath, String protocol,
                                String authority, String router, String service, String serverUrl, int status,
                                long startNanos, long durationNanos) {
}
