package io.switchyard.domain.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A core {@code Secret}. Data is kept base64-encoded as Kubernetes serves it ({@code stringData}
 * entries are encoded by the source), so the record stays immutable and binary-safe.
 *
 * @param metadata name and namespace
 * @param type     the Secret type, e.g. {@code kubernetes.io/tls}
 * @param data     key to base64 value
 */
public record Secret(ObjectMeta metadata, String type, Map<String, String> data) implements KubeObject {
    public Secret {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(type, "type");
        data = Map.copyOf(data);
    }

    /** A Secret from plain-text values (encoded here). */
    public static Secret ofText(ObjectMeta metadata, Map<String, String> text) {
        var encoded = new java.util.HashMap<String, String>();
        text.forEach((k, v) -> encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return new Secret(metadata, "Opaque", encoded);
    }

    @Override
    public String kind() {
        return "Secret";
    }

    /** The decoded bytes under {@code key}. */
    public Optional<byte[]> bytes(String key) {
        String value = data.get(key);
        return value == null ? Optional.empty() : Optional.of(Base64.getMimeDecoder().decode(value));
    }

    /** The decoded value under {@code key} as UTF-8 text (PEM material, tokens). */
    public Optional<String> text(String key) {
        return bytes(key).map(b -> new String(b, StandardCharsets.UTF_8));
    }
}
