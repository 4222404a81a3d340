package dev.pharos.notifier.domain;

import dev.pharos.contracts.Outcome;
import java.time.Instant;

/**
 * A monitor fed result by result: each step is one check in one region, {@code at} seconds after T0, applied at
 * that same wall-clock time.
 */
final class MonitorFeed {

    /** When the first check of every test runs. */
    static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

    AlertRules rules;
    MonitorAlert state = MonitorAlert.INITIAL;

    MonitorFeed(AlertRules rules) {
        this.rules = rules;
    }

    AlertStateMachine.Judgement check(String region, Outcome outcome, long at) {
        var judgement = AlertStateMachine.onResult(state, rules, region, outcome, T0.plusSeconds(at),
                T0.plusSeconds(at));
        state = judgement.next();
        return judgement;
    }

    AlertStateMachine.Reminder tick(long at) {
        var reminder = AlertStateMachine.remind(state, rules, T0.plusSeconds(at));
        state = reminder.next();
        return reminder;
    }
}
