package io.switchyard.ports.runtime;

import java.util.Objects;

/**
 * Why the runtime disabled a router or service of an applied configuration (invalid rule, unknown
 * service, reference cycle, unsupported feature).
 *
 * @param object  what was disabled, e.g. {@code router default-web-6b204d94623b3df4370c@kubernetescrd}
 * @param message the reason in plain words
 */
public record RuntimeDiagnostic(String object, String message) {
    public RuntimeDiagnostic {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return object + ": " + message;
    }
}
