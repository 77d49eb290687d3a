package io.switchyard.server.admin;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * An admin answer before it meets the web server: status, content type, extra headers and body.
 *
 * @param status      HTTP status
 * @param contentType media type of the body
 * @param headers     extra response headers
 * @param body        the body
 */
record Reply(int status, String contentType, Map<String, String> headers, byte[] body) {
    static final String JSON = "application/json";
    static final String TEXT = "text/plain; charset=utf-8";

    Reply {
        Objects.requireNonNull(contentType, "contentType");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    static Reply json(Object tree) {
        return json(200, tree, Map.of());
    }

    static Reply json(int status, Object tree, Map<String, String> headers) {
        return new Reply(status, JSON, headers, Json.write(tree).getBytes(StandardCharsets.UTF_8));
    }

    /** Traefik's API error: {@code {"message":"…"}}. */
    static Reply error(int status, String message) {
        return json(status, Map.of("message", message), Map.of());
    }

    static Reply text(int status, String text) {
        return new Reply(status, TEXT, Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }
}
