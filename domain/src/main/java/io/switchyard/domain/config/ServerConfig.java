package io.switchyard.domain.config;

import java.util.Objects;

/**
 * One server of a load balancer.
 *
 * @param url    the server URL exactly as translation produced it (e.g. {@code http://10.0.0.1:8080},
 *               {@code http://[fd00::7]:9090}); it is also the server's name for health status,
 *               stickiness and hashing
 * @param fenced true for a terminating endpoint: excluded from new picks, still reachable through a
 *               sticky cookie
 */
public record ServerConfig(String url, boolean fenced) {
    public ServerConfig {
        Objects.requireNonNull(url, "url");
        if (url.isEmpty()) {
            throw new IllegalArgumentException("url: \"\" (expected: a server URL)");
        }
    }

    /** An ordinary (not fenced) server. */
    public static ServerConfig of(String url) {
        return new ServerConfig(url, false);
    }
}
