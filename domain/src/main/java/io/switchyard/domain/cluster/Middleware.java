package io.switchyard.domain.cluster;

import java.util.Objects;
import java.util.Optional;

/**
 * Traefik's {@code Middleware}, only as far as the HTTP translation needs it: its identity, and the
 * service of an {@code errors} (error page) middleware, which translation turns into a service.
 */
public record Middleware(ObjectMeta metadata, Optional<ServiceReference> errorPageService) implements KubeObject {
    public Middleware {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(errorPageService, "errorPageService");
    }

    @Override
    public String kind() {
        return "Middleware";
    }

    @Override
    public boolean custom() {
        return true;
    }
}
