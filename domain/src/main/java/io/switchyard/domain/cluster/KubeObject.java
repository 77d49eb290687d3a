package io.switchyard.domain.cluster;

/**
 * Marker for the object records a snapshot holds. (Reshaped by the translation work into one record
 * per kind.)
 */
public interface KubeObject {
    /** The object's kind, e.g. {@code IngressRoute}. */
    String kind();
}
