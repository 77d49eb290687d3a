package io.switchyard.domain.cluster;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The metadata fields translation reads.
 *
 * @param name              {@code metadata.name}; may be empty when only {@code generateName} is set
 * @param generateName      {@code metadata.generateName}
 * @param namespace         {@code metadata.namespace}; empty for cluster-scoped objects
 * @param labels            {@code metadata.labels}
 * @param annotations       {@code metadata.annotations}
 * @param creationTimestamp {@code metadata.creationTimestamp}, if given (EndpointSlices are ordered by it)
 */
public record ObjectMeta(String name, String generateName, String namespace, Map<String, String> labels,
                         Map<String, String> annotations, Optional<Instant> creationTimestamp) {
    public ObjectMeta {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(generateName, "generateName");
        Objects.requireNonNull(namespace, "namespace");
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        Objects.requireNonNull(creationTimestamp, "creationTimestamp");
    }

    /** Metadata with only a namespace and a name. */
    public static ObjectMeta of(String namespace, String name) {
        return new ObjectMeta(name, "", namespace, Map.of(), Map.of(), Optional.empty());
    }

    /** The name, or {@code generateName} when the name is empty (Traefik's ingress name rule). */
    public String effectiveName() {
        return name.isEmpty() ? generateName : name;
    }

    /** A copy with these labels. */
    public ObjectMeta withLabels(Map<String, String> labels) {
        return new ObjectMeta(name, generateName, namespace, labels, annotations, creationTimestamp);
    }

    /** A copy with these annotations. */
    public ObjectMeta withAnnotations(Map<String, String> annotations) {
        return new ObjectMeta(name, generateName, namespace, labels, annotations, creationTimestamp);
    }

    /** A copy with this creation timestamp. */
    public ObjectMeta withCreationTimestamp(Instant creationTimestamp) {
        return new ObjectMeta(name, generateName, namespace, labels, annotations, Optional.of(creationTimestamp));
    }
}
