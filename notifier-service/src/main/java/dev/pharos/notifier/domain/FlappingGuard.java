package dev.pharos.notifier.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds back notifications of a monitor that changes state too often. Every change (an incident opened or resolved)
 * is remembered for the rule's window. The change that brings the count inside the window to
 * {@code transitions} is told as one FLAPPING notice instead of OPENED or RESOLVED, and further changes are told
 * nothing. Once no change has happened for a whole window (judged at the monitor's next result), it is stable
 * again: if its state then differs from what the owner last heard, one OPENED or RESOLVED brings them up to date.
 * Incidents are still opened, resolved and published meanwhile; only the notifications are held back.
 */
final class FlappingGuard {

    /** Changes remembered at most; far above any useful threshold, it only bounds the stored list. */
    static final int MAX_REMEMBERED = 100;

    /**
     * @param flapping whether it is flapping after this result
     * @param changes  the changes inside the window after this result, oldest first
     * @param tell     what to tell the owner: NONE, OPENED, RESOLVED or FLAPPING
     */
    record Verdict(boolean flapping, List<Instant> changes, Transition tell) {
    }

    private FlappingGuard() {
    }

    /**
     * @param before what was known before this result
     * @param change the monitor's change caused by this result: NONE, OPENED or RESOLVED
     * @param status the monitor's status after this result
     * @param at     when the result's check ran
     */
    static Verdict judge(MonitorAlert before, Transition change, AlertStatus status, Instant at, FlappingRule rule) {
        Instant horizon = at.minus(rule.window());
        var recent = new ArrayList<Instant>();
        for (Instant t : before.changes()) {
            if (t.isAfter(horizon)) {
                recent.add(t);
            }
        }
        if (change != Transition.NONE) {
            recent.add(at);
            recent.sort(null);
            while (recent.size() > MAX_REMEMBERED) {
                recent.remove(0);
            }
            if (before.flapping()) {
                return new Verdict(true, recent, Transition.NONE);
            }
            if (recent.size() >= rule.transitions()) {
                return new Verdict(true, recent, Transition.FLAPPING);
            }
            return new Verdict(false, recent, change);
        }
        if (before.flapping() && recent.isEmpty()) {
            return new Verdict(false, recent, catchUp(status, before.told()));
        }
        return new Verdict(before.flapping(), recent, Transition.NONE);
    }

    /** What brings an owner who last heard {@code told} up to date with {@code status}. */
    private static Transition catchUp(AlertStatus status, AlertStatus told) {
        if (status == AlertStatus.DOWN && told != AlertStatus.DOWN) {
            return Transition.OPENED;
        }
        if (status != AlertStatus.DOWN && told == AlertStatus.DOWN) {
            return Transition.RESOLVED;
        }
        return Transition.NONE;
    }
}
