package dev.pharos.notifier.domain;

import dev.pharos.contracts.AlertPolicy;
import dev.pharos.contracts.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Objects;

/**
 * The alert rules, in plain Java.
 *
 * <p><b>Per region.</b> Each region of a monitor is judged on its own results with the monitor's policy
 * ({@link #apply(AlertState, Outcome, Instant, AlertPolicy)}): the region is DOWN after {@code failuresToOpen}
 * failures in a row and UP again after {@code successesToClose} good checks in a row; a good check from UNKNOWN makes
 * it UP at once. The first failure of a region's run asks for an immediate confirmation check in that region, so
 * confirming takes seconds, not another interval.
 *
 * <p><b>Per monitor (k of m).</b> The monitor is DOWN, and an incident opens, when at least {@code quorum} of its
 * regions are DOWN; the quorum is a majority of its regions (1 of 1, 2 of 2, 2 of 3, 3 of 4, 3 of 5). It is UP again,
 * and the incident resolves, as soon as fewer than the quorum are DOWN; since a region leaves DOWN only after
 * {@code successesToClose} good checks, the policy's closing rule holds for the region(s) that recovered. A region
 * still in a run of failures below {@code failuresToOpen}, or not heard from yet, does not count as DOWN. A monitor is
 * UNKNOWN until some region has a verdict. The incident's first failure is the earliest first failure among the
 * regions that are DOWN when it opens. Results from a region that is not one of the monitor's regions, from a paused
 * monitor, or from a check started inside a maintenance window change nothing. When the regions of a spec change,
 * the states of regions it no longer names are dropped, and the new rule applies from the next result.
 *
 * <p><b>Notifications.</b> OPENED and RESOLVED are told to the owner unless the {@link FlappingGuard} holds them back.
 * While an incident is open, the owner was told about it and the policy asks for reminders, a REMINDER is due every
 * {@link AlertRules#reminderEvery()} after the OPENED was queued ({@link #remind}); none is sent while paused,
 * flapping or inside a maintenance window, and reminders stop when the incident resolves.
 */
public final class AlertStateMachine {

    /**
     * What one region's result does to that region.
     *
     * @param next                the region's state after this result
     * @param transition          OPENED when the region became DOWN, RESOLVED when it became UP again, else NONE
     * @param requestConfirmation whether to check again right away in that region
     */
    public record Decision(AlertState next, Transition transition, boolean requestConfirmation) {
    }

    /**
     * What one result does to the monitor.
     *
     * @param next                the monitor's state after this result
     * @param change              OPENED or RESOLVED when the incident opens or resolves, else NONE
     * @param tell                what to tell the owner: NONE, OPENED, RESOLVED or FLAPPING
     * @param requestConfirmation whether to check again right away in the result's region
     * @param ignored             why the result changed nothing, or null when it was applied
     */
    public record Judgement(MonitorAlert next, Transition change, Transition tell, boolean requestConfirmation,
                           String ignored) {

        static Judgement ignored(MonitorAlert state, String why) {
            return new Judgement(state, Transition.NONE, Transition.NONE, false, why);
        }
    }

    /**
     * What a reminder tick does.
     *
     * @param next     the monitor's state after it
     * @param sequence the sequence number of the REMINDER to send (1 for the first), or 0 for none
     */
    public record Reminder(MonitorAlert next, int sequence) {
    }

    private AlertStateMachine() {
    }

    /** Applies one result of the monitor, checked in {@code region} at {@code checkedAt}, at wall-clock {@code now}. */
    public static Judgement onResult(MonitorAlert state, AlertRules rules, String region, Outcome outcome,
                                    Instant checkedAt, Instant now) {
        if (rules.paused()) {
            return Judgement.ignored(state, "the monitor is paused");
        }
        if (rules.inMaintenance(checkedAt)) {
            return Judgement.ignored(state, "the check ran in a maintenance window");
        }
        if (!rules.regions().contains(region)) {
            return Judgement.ignored(state, "region " + region + " is not one of " + rules.regions());
        }
        Decision step = apply(state.region(region), outcome, checkedAt, rules.policy());
        var regions = new HashMap<>(state.regions());
        regions.put(region, step.next());
        regions.keySet().retainAll(rules.regions());

        long down = regions.values().stream().filter(r -> r.status() == AlertStatus.DOWN).count();
        AlertStatus status;
        Transition change = Transition.NONE;
        Instant firstFailureAt = null;
        if (down >= rules.quorum()) {
            status = AlertStatus.DOWN;
            if (state.status() == AlertStatus.DOWN) {
                firstFailureAt = state.firstFailureAt();
            } else {
                change = Transition.OPENED;
                firstFailureAt = regions.values().stream().filter(r -> r.status() == AlertStatus.DOWN)
                        .map(AlertState::firstFailureAt).filter(Objects::nonNull).min(Instant::compareTo)
                        .orElse(checkedAt);
            }
        } else if (state.status() == AlertStatus.DOWN) {
            status = AlertStatus.UP;
            change = Transition.RESOLVED;
        } else {
            boolean anyVerdict = regions.values().stream().anyMatch(r -> r.status() != AlertStatus.UNKNOWN);
            status = anyVerdict ? AlertStatus.UP : AlertStatus.UNKNOWN;
        }

        var guard = FlappingGuard.judge(state, change, status, checkedAt, rules.flapping());
        AlertStatus told = switch (guard.tell()) {
            case OPENED -> AlertStatus.DOWN;
            case RESOLVED -> AlertStatus.UP;
            default -> state.told();
        };
        int remindersSent = change == Transition.OPENED ? 0 : state.remindersSent();
        var next = new MonitorAlert(status, firstFailureAt, regions, told, guard.flapping(), guard.changes(),
                nextReminder(state.nextReminderAt(), status, told, guard.flapping(), rules.reminderEvery(), now),
                remindersSent);
        return new Judgement(next, change, guard.tell(), step.requestConfirmation(), null);
    }

    /**
     * When the next reminder is due after a result: kept while one is planned and still wanted; planned one interval
     * from now when the owner has just been told it is DOWN (or reminders were switched on, or the monitor resumed,
     * during the incident); dropped otherwise.
     */
    private static Instant nextReminder(Instant planned, AlertStatus status, AlertStatus told, boolean flapping,
                                        Duration every, Instant now) {
        if (every == null || status != AlertStatus.DOWN || told != AlertStatus.DOWN || flapping) {
            return null;
        }
        return planned != null ? planned : now.plus(every);
    }

    /**
     * A reminder tick at {@code now}: sends the due REMINDER and plans the next one, one interval later (intervals
     * missed while the notifier was stopped are skipped, not sent in a burst). Inside a maintenance window the due
     * reminder is skipped; when reminders are no longer wanted the plan is dropped.
     */
    public static Reminder remind(MonitorAlert state, AlertRules rules, Instant now) {
        Instant due = state.nextReminderAt();
        if (due == null || due.isAfter(now)) {
            return new Reminder(state, 0);
        }
        Duration every = rules.reminderEvery();
        if (every == null || rules.paused() || state.status() != AlertStatus.DOWN || state.flapping()
                || state.told() != AlertStatus.DOWN) {
            return new Reminder(state.withReminder(null, state.remindersSent()), 0);
        }
        Instant next = nextAfter(due, every, now);
        if (rules.inMaintenance(now)) {
            return new Reminder(state.withReminder(next, state.remindersSent()), 0);
        }
        int sequence = state.remindersSent() + 1;
        return new Reminder(state.withReminder(next, sequence), sequence);
    }

    /** The first of {@code due + k * every} (k ≥ 1) that is after {@code now}. */
    static Instant nextAfter(Instant due, Duration every, Instant now) {
        long behind = Duration.between(due, now).toMillis() / every.toMillis();
        return due.plus(every.multipliedBy(behind + 1));
    }

    /** One region's step: DOWN after {@code failuresToOpen} failures in a row, UP after {@code successesToClose}. */
    public static Decision apply(AlertState state, Outcome outcome, Instant checkedAt, AlertPolicy policy) {
        return outcome == Outcome.DOWN ? failure(state, checkedAt, policy) : success(state, policy);
    }

    private static Decision failure(AlertState state, Instant checkedAt, AlertPolicy policy) {
        int failures = state.consecutiveFailures() + 1;
        // While DOWN the region keeps the first failure that made it DOWN, even after a brief good check.
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
