package io.switchyard.server.reliability;

/**
 * Sizes of the reliability tests: small enough for every build by default, bigger with
 * {@code mvn -Pheavy} (which sets {@code switchyard.heavy}); see docs/reliability.md.
 */
final class Heavy {
    private Heavy() {
    }

    static boolean on() {
        return Boolean.getBoolean("switchyard.heavy");
    }

    /** {@code normal} in an ordinary build, {@code heavy} under {@code -Pheavy}. */
    static int pick(int normal, int heavy) {
        return on() ? heavy : normal;
    }
}
