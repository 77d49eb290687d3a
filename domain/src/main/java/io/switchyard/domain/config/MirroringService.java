package io.switchyard.domain.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Mirroring (spec: balancing.md §2.9): requests go to {@code service}; a share of them is copied to
 * each mirror, fire and forget.
 *
 * @param service     the main service
 * @param mirrors     mirrors with their percentages
 * @param mirrorBody  whether the body is mirrored; unset means true
 * @param maxBodySize the largest body that is mirrored; unset means unlimited
 */
public record MirroringService(String service, List<Mirror> mirrors, Optional<Boolean> mirrorBody,
                               OptionalLong maxBodySize) implements ServiceConfig {
    public MirroringService {
        Objects.requireNonNull(service, "service");
        mirrors = List.copyOf(mirrors);
        Objects.requireNonNull(mirrorBody, "mirrorBody");
        Objects.requireNonNull(maxBodySize, "maxBodySize");
    }

    /** One mirror: a service name and the percentage of requests it receives. */
    public record Mirror(String name, int percent) {
        public Mirror {
            Objects.requireNonNull(name, "name");
        }
    }
}
