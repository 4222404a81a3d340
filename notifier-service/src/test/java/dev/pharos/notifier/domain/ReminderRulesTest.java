package dev.pharos.notifier.domain;

import static dev.pharos.contracts.Outcome.DOWN;
import static dev.pharos.contracts.Outcome.UP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.pharos.contracts.AlertPolicy;
import dev.pharos.contracts.MaintenanceWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reminders while a monitor is DOWN, step by step. */
class ReminderRulesTest {

    private static final Instant T0 = MonitorFeed.T0;

    private final Duration every = Duration.ofMinutes(30);

    private MonitorFeed downWithReminders() {
        var m = new MonitorFeed(new AlertRules(new AlertPolicy(1, 1, 30), List.of("default"), 1, false, List.of(),
                every, FlappingRule.DEFAULT));
        assertEquals(Transition.OPENED, m.check("default", DOWN, 0).tell());
        return m;
    }

    @Test
    void noReminderIsPlannedWithoutAReminderInterval() {
        var m = new MonitorFeed(AlertRules.single(new AlertPolicy(1, 1)));
        m.check("default", DOWN, 0);
        assertNull(m.state.nextReminderAt());
        assertEquals(0, m.tick(100_000).sequence());
    }

    @Test
    void remindersAreDueEveryIntervalAfterTheOpenedWithSequenceNumbers() {
        var m = downWithReminders();
        assertEquals(T0.plus(every), m.state.nextReminderAt());
        assertEquals(0, m.tick(1799).sequence(), "not due yet");
        assertEquals(1, m.tick(1800).sequence());
        assertEquals(T0.plus(every.multipliedBy(2)), m.state.nextReminderAt());
        assertEquals(0, m.tick(1801).sequence(), "one per interval");
        m.check("default", DOWN, 2000);
        assertEquals(T0.plus(every.multipliedBy(2)), m.state.nextReminderAt(), "results keep the plan");
        assertEquals(2, m.tick(3600).sequence());
    }

    @Test
    void intervalsMissedWhileStoppedAreSkippedNotSentInABurst() {
        var m = downWithReminders();
        assertEquals(1, m.tick(1800 * 4 + 5).sequence());
        assertEquals(T0.plus(every.multipliedBy(5)), m.state.nextReminderAt());
        assertEquals(0, m.tick(1800 * 4 + 6).sequence());
    }

    @Test
    void resolvingStopsThem() {
        var m = downWithReminders();
        assertEquals(Transition.RESOLVED, m.check("default", UP, 60).tell());
        assertNull(m.state.nextReminderAt());
        assertEquals(0, m.tick(1800).sequence());
        assertEquals(Transition.OPENED, m.check("default", DOWN, 2000).tell());
        assertEquals(0, m.state.remindersSent(), "a new incident counts from 1 again");
        assertEquals(T0.plusSeconds(2000).plus(every), m.state.nextReminderAt());
    }

    @Test
    void aPausedMonitorGetsNoneAndIsPlannedAgainWhenItResumesStillDown() {
        var m = downWithReminders();
        var active = m.rules;
        m.rules = new AlertRules(active.policy(), active.regions(), 1, true, List.of(), every, active.flapping());
        assertEquals(0, m.tick(1800).sequence());
        assertNull(m.state.nextReminderAt());
        m.rules = active;
        assertEquals(Transition.NONE, m.check("default", DOWN, 5000).tell());
        assertEquals(T0.plusSeconds(5000).plus(every), m.state.nextReminderAt());
        assertEquals(1, m.tick(5000 + 1800).sequence());
    }

    @Test
    void aReminderDueInAMaintenanceWindowIsSkipped() {
        var m = downWithReminders();
        var window = new MaintenanceWindow(T0.plusSeconds(1700), T0.plusSeconds(1900));
        m.rules = new AlertRules(m.rules.policy(), m.rules.regions(), 1, false, List.of(window), every,
                m.rules.flapping());
        assertEquals(0, m.tick(1800).sequence());
        assertEquals(T0.plus(every.multipliedBy(2)), m.state.nextReminderAt());
        assertEquals(1, m.tick(3600).sequence(), "the next one is the first sent");
    }
}
