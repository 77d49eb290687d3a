package io.switchyard.adapters.http.health;

import io.switchyard.domain.config.HealthCheckConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A fluent {@link HealthCheckConfig} for tests: Traefik's defaults, a short timeout. */
final class Check {
    private String mode = "";
    private String scheme = "";
    private String path = "";
    private String method = "";
    private int status;
    private int port;
    private String hostname = "";
    private Map<String, String> headers = Map.of();
    private Duration timeout = Duration.ofSeconds(3);
    private Optional<Boolean> followRedirects = Optional.empty();

    static Check path(String path) {
        Check c = new Check();
        c.path = path;
        return c;
    }

    static Check grpc() {
        Check c = new Check();
        c.mode = "grpc";
        return c;
    }

    Check scheme(String v) {
        scheme = v;
        return this;
    }

    Check method(String v) {
        method = v;
        return this;
    }

    Check status(int v) {
        status = v;
        return this;
    }

    Check port(int v) {
        port = v;
        return this;
    }

    Check hostname(String v) {
        hostname = v;
        return this;
    }

    Check headers(Map<String, String> v) {
        headers = v;
        return this;
    }

    Check timeout(Duration v) {
        timeout = v;
        return this;
    }

    Check followRedirects(boolean v) {
        followRedirects = Optional.of(v);
        return this;
    }

    HealthCheckConfig build() {
        return new HealthCheckConfig(mode, scheme, path, method, status, port, hostname, headers, Optional.empty(),
                Optional.empty(), Optional.of(timeout), followRedirects);
    }
}
