package io.switchyard.domain.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchyard.domain.config.PassiveHealthCheckConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class PassiveHealthTest {

    private static final long SECOND = 1_000_000_000L;
    /** An arbitrary nanoTime origin, near overflow on purpose. */
    private static final long T0 = Long.MAX_VALUE - 5 * SECOND;

    private static PassiveHealth passive(int attempts, int windowSeconds) {
        return new PassiveHealth(new PassiveHealthCheckConfig(attempts, Duration.ofSeconds(windowSeconds)), false);
    }

    @Test
    void recordFailure_defaults_firstFailureEjects() {
        PassiveHealth health = new PassiveHealth(PassiveHealthCheckConfig.DEFAULTS, false);

        assertTrue(health.recordFailure(T0));
        assertTrue(health.ejected());
        assertEquals(Duration.ofSeconds(10), health.failureWindow());
    }

    @ParameterizedTest(name = "maxFailedAttempts {0}")
    @ValueSource(ints = {1, 0, -3})
    void recordFailure_attemptsAtMostOne_firstFailureSuffices(int attempts) {
        assertTrue(passive(attempts, 10).recordFailure(T0));
    }

    @Test
    void recordFailure_alreadyWaitingForReinstatement_doesNotEjectAgain() {
        PassiveHealth health = passive(1, 10);
        assertTrue(health.recordFailure(T0));

        assertFalse(health.recordFailure(T0 + SECOND));

        health.reinstate();
        assertFalse(health.ejected());
        assertTrue(health.recordFailure(T0 + 2 * SECOND));
    }

    @Test
    void recordFailure_threeWithinWindow_ejectsOnTheThird() {
        PassiveHealth health = passive(3, 10);

        assertFalse(health.recordFailure(T0));
        assertFalse(health.recordFailure(T0 + SECOND));
        assertTrue(health.recordFailure(T0 + 2 * SECOND));
    }

    @Test
    void recordFailure_oldFailuresLeaveTheWindow() {
        PassiveHealth health = passive(3, 10);

        assertFalse(health.recordFailure(T0));
        assertFalse(health.recordFailure(T0 + 5 * SECOND));
        assertFalse(health.recordFailure(T0 + 11 * SECOND)); // T0 has left the window
        assertTrue(health.recordFailure(T0 + 12 * SECOND));  // 5s, 11s, 12s
    }

    @Test
    void recordFailure_failureExactlyOneWindowOld_hasLeftTheWindow() {
        PassiveHealth health = passive(2, 10);

        assertFalse(health.recordFailure(T0));
        assertFalse(health.recordFailure(T0 + 10 * SECOND));
        assertTrue(health.recordFailure(T0 + 10 * SECOND + 1));
    }

    @Test
    void recordSuccess_clearsTheFailures() {
        PassiveHealth health = passive(2, 10);
        assertFalse(health.recordFailure(T0));

        health.recordSuccess();

        assertFalse(health.recordFailure(T0 + SECOND));
        assertTrue(health.recordFailure(T0 + 2 * SECOND));
    }

    @Test
    void recordFailure_withActiveHealthCheck_ejectsOnEveryQualifyingFailureAndNeverWaits() {
        PassiveHealth health = new PassiveHealth(new PassiveHealthCheckConfig(1, Duration.ofSeconds(10)), true);

        assertTrue(health.recordFailure(T0));
        assertFalse(health.ejected());
        assertTrue(health.recordFailure(T0 + SECOND));
        assertTrue(health.activeHealthCheck());
    }

    @Test
    void recordFailure_zeroWindow_countsEveryFailureSinceTheLastSuccessLikeTraefik() {
        PassiveHealth health = passive(3, 0);

        assertFalse(health.recordFailure(T0));
        assertFalse(health.recordFailure(T0 + 100 * SECOND));
        assertTrue(health.recordFailure(T0 + 200 * SECOND));
    }
}
