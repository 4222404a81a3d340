package dev.pharos.notifier.domain;

import static dev.pharos.contracts.Outcome.DOWN;
import static dev.pharos.contracts.Outcome.UP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.contracts.AlertPolicy;
import dev.pharos.contracts.Outcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertStateMachineTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private AlertState state = AlertState.INITIAL;
    private int clock;

    private AlertStateMachine.Decision step(Outcome outcome, AlertPolicy policy) {
        var decision = AlertStateMachine.apply(state, outcome, T0.plusSeconds(10L * clock++), policy);
        state = decision.next();
        return decision;
    }

    private AlertStateMachine.Decision step(Outcome outcome) {
        return step(outcome, AlertPolicy.DEFAULT);
    }

    @Test
    void firstGoodCheckMakesItUpWithoutNotifying() {
        var d = step(UP);
        assertEquals(AlertStatus.UP, state.status());
        assertEquals(Transition.NONE, d.transition());
    }

    @Test
    void failFailOpensOnceThenOkResolves() {
        step(UP);

        var first = step(DOWN);
        assertEquals(Transition.NONE, first.transition(), "one failure is not yet an outage");
        assertTrue(first.requestConfirmation(), "the first failure asks for a confirmation check");
        assertEquals(T0.plusSeconds(10), state.firstFailureAt());

        var second = step(DOWN);
        assertEquals(Transition.OPENED, second.transition());
        assertFalse(second.requestConfirmation());
        assertEquals(AlertStatus.DOWN, state.status());
        assertEquals(T0.plusSeconds(10), state.firstFailureAt(), "the incident starts at the first failure");

        var third = step(DOWN);
        assertEquals(Transition.NONE, third.transition(), "still down: no second alert");
        assertFalse(third.requestConfirmation());

        var ok = step(UP);
        assertEquals(Transition.RESOLVED, ok.transition());
        assertEquals(AlertStatus.UP, state.status());
        assertNull(state.firstFailureAt());
    }

    @Test
    void aSingleFailureBetweenSuccessesOpensNothing() {
        step(UP);
        step(DOWN);
        var ok = step(UP);
        assertEquals(Transition.NONE, ok.transition());
        assertEquals(0, state.consecutiveFailures());
        var again = step(DOWN);
        assertEquals(Transition.NONE, again.transition(), "the count starts over");
        assertTrue(again.requestConfirmation());
    }

    @Test
    void aMonitorDownFromTheStartOpensToo() {
        step(DOWN);
        assertEquals(Transition.OPENED, step(DOWN).transition());
    }

    @Test
    void policyWithOneFailureOpensAtOnceWithoutConfirmation() {
        var d = step(DOWN, new AlertPolicy(1, 1));
        assertEquals(Transition.OPENED, d.transition());
        assertFalse(d.requestConfirmation());
    }

    @Test
    void successesToCloseNeedsThatManyGoodChecks() {
        var policy = new AlertPolicy(2, 3);
        step(DOWN, policy);
        step(DOWN, policy);
        assertEquals(Transition.NONE, step(UP, policy).transition());
        assertEquals(Transition.NONE, step(UP, policy).transition());
        assertEquals(AlertStatus.DOWN, state.status());
        assertEquals(Transition.RESOLVED, step(UP, policy).transition());
    }

    @Test
    void aFailureWhileRecoveringKeepsTheIncidentOpen() {
        var policy = new AlertPolicy(2, 2);
        step(DOWN, policy);
        step(DOWN, policy);
        Instant started = state.firstFailureAt();
        step(UP, policy);
        var relapse = step(DOWN, policy);
        assertEquals(Transition.NONE, relapse.transition());
        assertEquals(AlertStatus.DOWN, state.status());
        assertEquals(started, state.firstFailureAt());
    }
}
