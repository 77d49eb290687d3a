package io.switchyard.ports.runtime;

import io.switchyard.domain.http.HttpFields;
import io.switchyard.ports.exchange.Exchange;
import java.nio.charset.StandardCharsets;

/** Requests a reverse proxy refuses whatever the routes say. */
final class RequestTargets {
    private static final byte[] METHOD_NOT_ALLOWED = "Method Not Allowed\n".getBytes(StandardCharsets.US_ASCII);
    private static final String ALLOWED = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, TRACE";

    private RequestTargets() {
    }

    /**
     * Answers and returns the status when the request must not be routed, else returns 0.
     *
     * <ul>
     *   <li>{@code CONNECT}: 405. Deliberate deviation: Traefik forwards it as is, which its
     *       maintainers call a bug (traefik#9708); a backend that opens the tunnel would make the
     *       ingress an open proxy.</li>
     *   <li>A target that is neither origin form ({@code /path}) nor {@code OPTIONS *}: 400, as Go
     *       refuses it while parsing (absolute form is resolved by the server adapter first).</li>
     * </ul>
     */
    static int refuse(Exchange exchange, String rawPath) {
        String method = exchange.method();
        if (method.equals("CONNECT")) {
            HttpFields h = new HttpFields(3);
            h.add("Allow", ALLOWED);
            h.add("Content-Type", "text/plain; charset=utf-8");
            h.add("X-Content-Type-Options", "nosniff");
            exchange.respond(405, h, METHOD_NOT_ALLOWED);
            return 405;
        }
        if (!rawPath.startsWith("/") && !(rawPath.equals("*") && method.equals("OPTIONS"))) {
            RoutingRuntime.respond(exchange, 400, "400 Bad Request".getBytes(StandardCharsets.US_ASCII), false);
            return 400;
        }
        return 0;
    }
}
