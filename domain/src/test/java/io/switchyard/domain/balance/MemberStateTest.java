package io.switchyard.domain.balance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

final class MemberStateTest {

    @Test
    void new_isUpIdleAndWithoutSamples() {
        MemberState state = new MemberState();

        assertTrue(state.up());
        assertEquals(0, state.inFlight());
        assertEquals(0.0, state.averageTimeToFirstByte());
    }

    @Test
    void up_setterReturnsThePreviousStatus() {
        MemberState state = new MemberState();

        assertTrue(state.up(false));
        assertFalse(state.up(false));
        assertFalse(state.up(true));
        assertTrue(state.up());
    }

    @Test
    void acquireRelease_countInFlight() {
        MemberState state = new MemberState();
        state.acquire();
        state.acquire();
        state.release();

        assertEquals(1, state.inFlight());
    }

    @Test
    void release_withoutAcquire_failsAndStaysAtZero() {
        MemberState state = new MemberState();

        assertThrows(IllegalStateException.class, state::release);
        assertEquals(0, state.inFlight());
    }

    @Test
    void averageTimeToFirstByte_isTheMeanOfCollectedSamples() {
        MemberState state = new MemberState();
        state.recordTimeToFirstByte(1);
        state.recordTimeToFirstByte(2);

        assertEquals(1.5, state.averageTimeToFirstByte());
    }

    @Test
    void averageTimeToFirstByte_keepsOnlyTheLastHundredSamples() {
        MemberState state = new MemberState();
        for (int i = 0; i < 100; i++) {
            state.recordTimeToFirstByte(1_000);
        }
        for (int i = 0; i < 100; i++) {
            state.recordTimeToFirstByte(10);
        }
        assertEquals(10.0, state.averageTimeToFirstByte());

        for (int i = 0; i < 50; i++) {
            state.recordTimeToFirstByte(30);
        }
        assertEquals(20.0, state.averageTimeToFirstByte());
    }

    @Test
    void recordTimeToFirstByte_negative_isRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MemberState().recordTimeToFirstByte(-1));

        assertEquals("millis: -1 (expected: >= 0)", e.getMessage());
    }
}
