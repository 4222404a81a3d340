package dev.pharos.notifier.domain;

import dev.pharos.contracts.AlertPolicy;
import dev.pharos.contracts.Outcome;
import java.time.Instant;

/**
 * The per-monitor alert rules, in plain Java: DOWN after {@code failuresToOpen} failures in a row, UP again after
 * {@code successesToClose} good checks in a row. The first failure of a run asks for an immediate confirmation check
 * so that confirming takes seconds, not another interval.
 */
public final class AlertStateMachine {

    /**
     * @param next                the state after this result
     * @param transition          what to tell the owner, if anything
     * @param requestConfirmation whether to check again right away
     */
    public record Decision(AlertState next, Transition transition, boolean requestConfirmation) {
    }

    private AlertStateMachine() {
    }

    public static Decision apply(AlertState state, Outcome outcome, Instant checkedAt, AlertPolicy policy) {
        return outcome == Outcome.DOWN ? failure(state, checkedAt, policy) : success(state, policy);
    }

    private static Decision failure(AlertState state, Instant checkedAt, AlertPolicy policy) {
        int failures = state.consecutiveFailures() + 1;
        // While DOWN the incident keeps the first failure that opened it, even after a brief good check.
        Instant firstFailureAt = state.firstFailureAt() != null ? state.firstFailureAt() : checkedAt;
        if (state.status() == AlertStatus.DOWN) {
            return new Decision(new AlertState(AlertStatus.DOWN, failures, 0, firstFailureAt), Transition.NONE,
                    false);
        }
        if (failures >= policy.failuresToOpen()) {
            return new Decision(new AlertState(AlertStatus.DOWN, failures, 0, firstFailureAt), Transition.OPENED,
                    false);
        }
        return new Decision(new AlertState(state.status(), failures, 0, firstFailureAt), Transition.NONE,
                failures == 1);
    }

    private static Decision success(AlertState state, AlertPolicy policy) {
        int successes = state.consecutiveSuccesses() + 1;
        if (state.status() == AlertStatus.DOWN) {
            if (successes >= policy.successesToClose()) {
                return new Decision(new AlertState(AlertStatus.UP, 0, successes, null), Transition.RESOLVED, false);
            }
            return new Decision(new AlertState(AlertStatus.DOWN, 0, successes, state.firstFailureAt()),
                    Transition.NONE, false);
        }
        return new Decision(new AlertState(AlertStatus.UP, 0, successes, null), Transition.NONE, false);
    }
}
