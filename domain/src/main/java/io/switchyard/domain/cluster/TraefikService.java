package io.switchyard.domain.cluster;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Traefik's {@code TraefikService}. The spec may hold several kinds; translation uses the first of
 * weighted, mirroring, highestRandomWeight, failover (spec: translation.md §1.11).
 */
public record TraefikService(ObjectMeta metadata, Optional<Weighted> weighted, Optional<Mirroring> mirroring,
                             Optional<HighestRandomWeight> highestRandomWeight, Optional<Failover> failover)
        implements KubeObject {
    public TraefikService {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(weighted, "weighted");
        Objects.requireNonNull(mirroring, "mirroring");
        Objects.requireNonNull(highestRandomWeight, "highestRandomWeight");
        Objects.requireNonNull(failover, "failover");
    }

    /** A weighted TraefikService. */
    public static TraefikService weighted(ObjectMeta metadata, Weighted weighted) {
        return new TraefikService(metadata, Optional.of(weighted), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    @Override
    public String kind() {
        return "TraefikService";
    }

    @Override
    public boolean custom() {
        return true;
    }

    /** Weighted round robin over references, optionally sticky. */
    public record Weighted(List<ServiceReference> services, Optional<ServiceReference.Sticky> sticky) {
        public Weighted {
            services = List.copyOf(services);
            Objects.requireNonNull(sticky, "sticky");
        }
    }

    /** Mirroring: the main reference, mirrors with percentages, body settings. */
    public record Mirroring(ServiceReference main, List<Mirror> mirrors, Optional<Boolean> mirrorBody,
                            OptionalLong maxBodySize) {
        public Mirroring {
            Objects.requireNonNull(main, "main");
            mirrors = List.copyOf(mirrors);
            Objects.requireNonNull(mirrorBody, "mirrorBody");
            Objects.requireNonNull(maxBodySize, "maxBodySize");
        }
    }

    /** One mirror. */
    public record Mirror(ServiceReference service, int percent) {
        public Mirror {
            Objects.requireNonNull(service, "service");
        }
    }

    /** Highest random weight over references. */
    public record HighestRandomWeight(List<ServiceReference> services) {
        public HighestRandomWeight {
            services = List.copyOf(services);
        }
    }

    /** Failover from {@code service} to {@code fallback}. */
    public record Failover(ServiceReference service, ServiceReference fallback, Optional<Errors> errors) {
        public Failover {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(fallback, "fallback");
            Objects.requireNonNull(errors, "errors");
        }
    }

    /** Status ranges that trigger the fallback and the largest buffered request body. */
    public record Errors(List<String> status, OptionalLong maxRequestBodyBytes) {
        public Errors {
            status = List.copyOf(status);
            Objects.requireNonNull(maxRequestBodyBytes, "maxRequestBodyBytes");
        }
    }
}
