package io.switchyard.adapters.http.health;

import io.switchyard.domain.config.HealthCheckConfig;
import io.switchyard.domain.config.ServersTransportConfig;
import io.switchyard.domain.http.HttpFields;
import io.switchyard.domain.http.ServerAddress;
import io.switchyard.ports.health.ProbeResult;
import io.switchyard.ports.upstream.Upstream;
import io.switchyard.ports.upstream.UpstreamException;
import io.switchyard.ports.upstream.UpstreamRequest;
import io.switchyard.ports.upstream.UpstreamResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * One gRPC probe (spec: healthcheck.md §3.5): the unary call {@code grpc.health.v1.Health/Check}
 * with an empty service name over HTTP/2, healthy iff the answer is {@code SERVING}.
 *
 * <p>The call is framed by hand on the upstream port's HTTP/2 client (which keeps one connection
 * per target, as a gRPC channel would): both messages are tiny protobufs, so neither gRPC's
 * runtime nor generated classes are needed.
 *
 * <p>Transport: plaintext HTTP/2 (h2c) when {@code scheme} is empty, {@code http} or {@code h2c},
 * whatever the server URL's scheme, as Traefik does. Deliberate deviation for {@code scheme: https}:
 * Traefik fails every such probe (no transport credentials); here the probe uses TLS with the
 * service's ServersTransport TLS settings (server name, CAs, client certificates,
 * insecureSkipVerify) and ALPN {@code h2}. Any other scheme is always unhealthy.
 */
final class GrpcCheck {
    static final String PATH = "/grpc.health.v1.Health/Check";
    /** The plain-text probe's transport: Traefik's gRPC probe ignores the ServersTransport. */
    static final String PLAIN_TRANSPORT = "grpc-health@internal";
    /** A response message larger than this is not a health answer. */
    private static final int MAX_MESSAGE = 64 * 1024;
    /** A length-prefixed empty {@code HealthCheckRequest} (service "" is the default, so no field). */
    private static final byte[] REQUEST = {0, 0, 0, 0, 0};

    private GrpcCheck() {
    }

    static ProbeResult run(Upstream upstream, ServerAddress server, HealthCheckConfig check, String transportName,
                           ServersTransportConfig transport, Duration timeout) {
        int port = check.port() != 0 ? check.port() : server.port();
        String scheme = check.scheme().toLowerCase(Locale.ROOT);
        ServerAddress target;
        String name;
        ServersTransportConfig settings;
        switch (scheme) {
            case "", "http", "h2c" -> {
                target = new ServerAddress("h2c", server.host(), port);
                name = PLAIN_TRANSPORT;
                settings = ServersTransportConfig.DEFAULT;
            }
            case "https" -> {
                target = new ServerAddress("https", server.host(), port);
                name = transportName;
                settings = HttpHealthProbe.withHttp2(transport);
            }
            default -> {
                return ProbeResult.unhealthy("gRPC health check failed: scheme \"" + check.scheme()
                        + "\" is not supported (expected: http, h2c or https)");
            }
        }
        String where = target.authority();
        HttpFields headers = new HttpFields(5)
                .add("Host", where)
                .add("Content-Type", "application/grpc")
                .add("TE", "trailers")
                .add("grpc-timeout", Math.max(1, timeout.toMillis()) + "m");
        UpstreamRequest request = new UpstreamRequest(target, name, HttpHealthProbe.bounded(settings, timeout),
                "POST", PATH, headers, new ByteArrayInputStream(REQUEST), REQUEST.length);
        try (UpstreamResponse response = upstream.exchange(request)) {
            return judge(where, response);
        } catch (UpstreamException e) {
            return ProbeResult.unhealthy("gRPC health check failed: " + where + ": " + e.getMessage());
        } catch (IOException | UncheckedIOException e) {
            return ProbeResult.unhealthy("gRPC health check failed: " + where + ": reading the answer: " + e);
        }
    }

    private static ProbeResult judge(String where, UpstreamResponse response) throws IOException {
        if (response.status() != 200) {
            // gRPC maps a non-200 HTTP status to UNIMPLEMENTED (404) or another code: not a health answer
            return ProbeResult.unhealthy("gRPC health check failed: " + where + ": HTTP status " + response.status()
                    + (response.status() == 404 ? " (server does not implement the health protocol?)" : ""));
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_MESSAGE + 6);
            if (in.read() >= 0) {
                return ProbeResult.unhealthy("gRPC health check failed: " + where + ": answer too large");
            }
        }
        // trailers-only answers (errors) carry grpc-status among the headers
        String code = Optional.ofNullable(response.trailers().first("grpc-status"))
                .orElse(response.headers().first("grpc-status"));
        String message = Optional.ofNullable(response.trailers().first("grpc-message"))
                .orElse(Optional.ofNullable(response.headers().first("grpc-message")).orElse(""));
        if (code == null) {
            return ProbeResult.unhealthy("gRPC health check failed: " + where + ": no grpc-status in the answer");
        }
        String detail = message.isEmpty() ? "" : ": " + URLDecoder.decode(message.replace("+", "%2B"),
                StandardCharsets.UTF_8);
        switch (code.strip()) {
            case "0" -> {
            }
            case "12" -> {
                return ProbeResult.unhealthy("gRPC server does not implement the health protocol: " + where
                        + ": UNIMPLEMENTED" + detail);
            }
            case "4" -> {
                return ProbeResult.unhealthy("gRPC health check timeout: " + where + ": DEADLINE_EXCEEDED" + detail);
            }
            default -> {
                return ProbeResult.unhealthy("gRPC health check failed: " + where + ": grpc-status " + code.strip()
                        + detail);
            }
        }
        int status;
        try {
            status = servingStatus(body);
        } catch (IllegalArgumentException e) {
            return ProbeResult.unhealthy("gRPC health check failed: " + where + ": " + e.getMessage());
        }
        String name = switch (status) {
            case 0 -> "UNKNOWN";
            case 1 -> "SERVING";
            case 2 -> "NOT_SERVING";
            case 3 -> "SERVICE_UNKNOWN";
            default -> Integer.toString(status);
        };
        return status == 1 ? ProbeResult.healthy(where + ": SERVING")
                : ProbeResult.unhealthy("received gRPC status code: " + name + " from " + where);
    }

    /**
     * The {@code status} field (number 1, varint) of the one length-prefixed
     * {@code HealthCheckResponse} in {@code body}; 0 ({@code UNKNOWN}) when absent, as in proto3.
     */
    static int servingStatus(byte[] body) {
        if (body.length < 5) {
            throw new IllegalArgumentException("no response message");
        }
        if (body[0] != 0) {
            throw new IllegalArgumentException("compressed response message (none was asked for)");
        }
        long length = ((body[1] & 0xffL) << 24) | ((body[2] & 0xff) << 16) | ((body[3] & 0xff) << 8) | (body[4] & 0xff);
        if (length != body.length - 5) {
            throw new IllegalArgumentException("response message of " + length + " bytes in a body of "
                    + body.length);
        }
        int[] pos = {5};
        int status = 0;
        while (pos[0] < body.length) {
            long tag = varint(body, pos);
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            switch (wire) {
                case 0 -> {
                    long v = varint(body, pos);
                    if (field == 1) {
                        status = (int) v;
                    }
                }
                case 1 -> skip(body, pos, 8);
                case 2 -> skip(body, pos, varint(body, pos));
                case 5 -> skip(body, pos, 4);
                default -> throw new IllegalArgumentException("malformed response message (wire type " + wire + ")");
            }
        }
        return status;
    }

    private static long varint(byte[] b, int[] pos) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos[0] >= b.length) {
                throw new IllegalArgumentException("malformed response message (truncated varint)");
            }
            int x = b[pos[0]++] & 0xff;
            v |= (long) (x & 0x7f) << shift;
            if (x < 0x80) {
                return v;
            }
        }
        throw new IllegalArgumentException("malformed response message (varint too long)");
    }

    private static void skip(byte[] b, int[] pos, long n) {
        if (n < 0 || n > b.length - pos[0]) {
            throw new IllegalArgumentException("malformed response message (truncated field)");
        }
        pos[0] += (int) n;
    }
}
