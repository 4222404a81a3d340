package dev.pharos.notifier.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.notifier.domain.CircuitBreaker.State;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

    private final CircuitBreaker circuit = new CircuitBreaker(3, Duration.ofSeconds(30));

    private void fail(int times, Instant at) {
        for (int i = 0; i < times; i++) {
            assertTrue(circuit.tryAcquire(at));
            circuit.onFailure(at);
        }
    }

    @Test
    void failuresBelowTheThresholdKeepItClosed() {
        fail(2, T0);
        assertEquals(State.CLOSED, circuit.state());
        assertTrue(circuit.tryAcquire(T0));
    }

    @Test
    void aSuccessStartsTheCountAgain() {
        fail(2, T0);
        circuit.onSuccess();
        fail(2, T0);
        assertEquals(State.CLOSED, circuit.state());
    }

    @Test
    void theThresholdOpensItAndNothingIsSentUntilTheCoolDownPassed() {
        fail(3, T0);
        assertEquals(State.OPEN, circuit.state());
        assertEquals(T0.plusSeconds(30), circuit.openUntil());
        assertFalse(circuit.tryAcquire(T0.plusSeconds(29)));
    }

    @Test
    void afterTheCoolDownOneProbeIsAllowedAndItsSuccessCloses() {
        fail(3, T0);
        assertTrue(circuit.tryAcquire(T0.plusSeconds(30)));
        assertEquals(State.HALF_OPEN, circuit.state());
        assertFalse(circuit.tryAcquire(T0.plusSeconds(30)), "a second sender while the probe runs");
        circuit.onSuccess();
        assertEquals(State.CLOSED, circuit.state());
        assertTrue(circuit.tryAcquire(T0.plusSeconds(31)));
    }

    @Test
    void aFailedProbeOpensItForAnotherCoolDown() {
        fail(3, T0);
        assertTrue(circuit.tryAcquire(T0.plusSeconds(40)));
        circuit.onFailure(T0.plusSeconds(41));
        assertEquals(State.OPEN, circuit.state());
        assertFalse(circuit.tryAcquire(T0.plusSeconds(70)));
        assertTrue(circuit.tryAcquire(T0.plusSeconds(71)));
    }

    @Test
    void aProbeNotSentIsOfferedAgain() {
        fail(3, T0);
        assertTrue(circuit.tryAcquire(T0.plusSeconds(30)));
        circuit.release();
        assertEquals(State.OPEN, circuit.state());
        assertTrue(circuit.tryAcquire(T0.plusSeconds(30)));
    }
}
