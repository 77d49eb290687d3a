package io.switchyard.domain.cluster;

import java.util.Objects;

/**
 * A Kubernetes {@code IntOrString} port reference: a number matches a Service port's {@code port},
 * a name matches its {@code name}. A quoted {@code "80"} in YAML is a <em>name</em>.
 */
public sealed interface PortRef {
    /** The zero value: no port given. */
    PortRef NONE = new Number(0);

    /** Whether a port was given (non-zero number or non-empty name). */
    boolean isSet();

    /** The port as written: decimal number or name. */
    String text();

    /** A numeric reference. */
    static PortRef of(int number) {
        return new Number(number);
    }

    /** A named reference. */
    static PortRef named(String name) {
        return new Name(name);
    }

    /** A port number. */
    record Number(int value) implements PortRef {
        @Override
        public boolean isSet() {
            return value != 0;
        }

        @Override
        public String text() {
            return Integer.toString(value);
        }
    }

    /** A port name. */
    record Name(String value) implements PortRef {
        public Name {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean isSet() {
            return !value.isEmpty();
        }

        @Override
        public String text() {
            return value;
        }
    }
}
