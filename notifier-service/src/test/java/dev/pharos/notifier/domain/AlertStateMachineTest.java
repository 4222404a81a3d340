package dev.pharos.notifier.domain;

import static dev.pharos.contracts.Outcome.DOWN;
import static dev.pharos.contracts.Outcome.UP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.contracts.AlertPolicy;
import dev.pharos.contracts.MaintenanceWindow;
import dev.pharos.contracts.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The region step, then each monitor-level rule step by step: regions, ignored results, reminders, flapping. */
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

    /**
     * A monitor fed result by result: each step is one check in one region, {@code at} seconds after T0, applied at
     * that same wall-clock time.
     */
    private static final class Monitor {

        AlertRules rules;
        MonitorAlert state = MonitorAlert.INITIAL;

        Monitor(AlertRules rules) {
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

    private static AlertRules rules(AlertPolicy policy, List<String> regions, int quorum) {
        return new AlertRules(policy, regions, quorum, false, List.of(), null, FlappingRule.DEFAULT);
    }

    private static final List<String> THREE = List.of("eu", "us", "ap");

    @Nested
    class Regions {

        @Test
        void oneOfOneOpensAndResolvesLikeASingleCheckerDid() {
            var m = new Monitor(AlertRules.single(AlertPolicy.DEFAULT));
            assertEquals(Transition.NONE, m.check("default", UP, 0).change());
            assertEquals(AlertStatus.UP, m.state.status());
            var first = m.check("default", DOWN, 10);
            assertEquals(Transition.NONE, first.change());
            assertTrue(first.requestConfirmation());
            var second = m.check("default", DOWN, 12);
            assertEquals(Transition.OPENED, second.change());
            assertEquals(Transition.OPENED, second.tell());
            assertEquals(T0.plusSeconds(10), m.state.firstFailureAt());
            var ok = m.check("default", UP, 20);
            assertEquals(Transition.RESOLVED, ok.change());
            assertEquals(Transition.RESOLVED, ok.tell());
            assertNull(m.state.firstFailureAt());
        }

        @Test
        void oneRegionOfThreeDownOpensNothing() {
            var m = new Monitor(rules(AlertPolicy.DEFAULT, THREE, 2));
            m.check("us", UP, 0);
            m.check("ap", UP, 0);
            m.check("eu", DOWN, 10);
            var d = m.check("eu", DOWN, 12);
            assertEquals(Transition.NONE, d.change());
            assertEquals(AlertStatus.DOWN, m.state.region("eu").status(), "eu on its own is down");
            assertEquals(AlertStatus.UP, m.state.status(), "but 1 of 3 is no quorum");
            assertEquals(Transition.NONE, m.check("eu", DOWN, 20).change());
        }

        @Test
        void twoRegionsOfThreeDownOpenFromTheEarliestFailureAndOneRecoveryResolves() {
            var m = new Monitor(rules(AlertPolicy.DEFAULT, THREE, 2));
            m.check("ap", UP, 0);
            m.check("eu", DOWN, 10);
            m.check("eu", DOWN, 12);
            var usFirst = m.check("us", DOWN, 15);
            assertTrue(usFirst.requestConfirmation(), "a region's first failure is confirmed in that region");
            assertEquals(Transition.NONE, usFirst.change());
            var usSecond = m.check("us", DOWN, 17);
            assertEquals(Transition.OPENED, usSecond.change());
            assertEquals(AlertStatus.DOWN, m.state.status());
            assertEquals(T0.plusSeconds(10), m.state.firstFailureAt(), "the earliest failure of the DOWN regions");

            m.check("ap", DOWN, 20);
            assertEquals(Transition.NONE, m.check("ap", DOWN, 22).change(), "a third region changes nothing");
            assertEquals(Transition.NONE, m.check("eu", UP, 30).change(), "still 2 of 3 down");
            var resolved = m.check("us", UP, 31);
            assertEquals(Transition.RESOLVED, resolved.change());
            assertEquals(AlertStatus.UP, m.state.status());
            assertEquals(AlertStatus.DOWN, m.state.region("ap").status(), "one region may stay down");
        }

        @Test
        void recoveryNeedsSuccessesToCloseInTheRecoveringRegion() {
            var m = new Monitor(rules(new AlertPolicy(2, 2), THREE, 2));
            m.check("eu", DOWN, 0);
            m.check("eu", DOWN, 1);
            m.check("us", DOWN, 2);
            assertEquals(Transition.OPENED, m.check("us", DOWN, 3).change());
            assertEquals(Transition.NONE, m.check("eu", UP, 10).change(), "one good check of two");
            assertEquals(Transition.NONE, m.check("ap", UP, 11).change(), "a region that was never down");
            assertEquals(Transition.RESOLVED, m.check("eu", UP, 12).change());
        }

        @Test
        void aRegionAlreadyDownAsksForNoConfirmationButAnotherRegionsFirstFailureDoes() {
            var m = new Monitor(rules(AlertPolicy.DEFAULT, List.of("eu", "us"), 2));
            assertTrue(m.check("eu", DOWN, 0).requestConfirmation());
            assertFalse(m.check("eu", DOWN, 1).requestConfirmation());
            assertFalse(m.check("eu", DOWN, 2).requestConfirmation());
            assertTrue(m.check("us", DOWN, 3).requestConfirmation());
            assertEquals(Transition.OPENED, m.check("us", DOWN, 4).change(), "2 of 2");
        }

        @Test
        void aResultFromAnotherRegionIsIgnored() {
            var m = new Monitor(rules(new AlertPolicy(1, 1), THREE, 2));
            var d = m.check("mars", DOWN, 0);
            assertNotNull(d.ignored());
            assertTrue(d.ignored().contains("mars"), d.ignored());
            assertEquals(MonitorAlert.INITIAL, m.state);
        }

        @Test
        void aRegionDroppedFromTheSpecIsForgottenAndNoLongerCounts() {
            var m = new Monitor(rules(new AlertPolicy(1, 1), THREE, 2));
            m.check("eu", DOWN, 0);
            assertEquals(Transition.OPENED, m.check("us", DOWN, 1).change());
            m.rules = rules(new AlertPolicy(1, 1), List.of("eu", "ap"), 2);
            var d = m.check("ap", UP, 2);
            assertEquals(Transition.RESOLVED, d.change(), "1 of 2 down is no longer a quorum");
            assertEquals(List.of("ap", "eu"), List.copyOf(m.state.regions().keySet()));
        }
    }

    @Nested
    class PausedAndMaintenance {

        @Test
        void aPausedMonitorsResultsChangeNothing() {
            var policy = new AlertPolicy(1, 1);
            var m = new Monitor(new AlertRules(policy, List.of("default"), 1, true, List.of(), null,
                    FlappingRule.DEFAULT));
            var d = m.check("default", DOWN, 0);
            assertEquals(Transition.NONE, d.change());
            assertFalse(d.requestConfirmation());
            assertNotNull(d.ignored());
            assertEquals(MonitorAlert.INITIAL, m.state);
        }

        @Test
        void aResultStartedInAMaintenanceWindowChangesNothingAndOneAtItsEndCounts() {
            var window = new MaintenanceWindow(T0.plusSeconds(100), T0.plusSeconds(200));
            var m = new Monitor(new AlertRules(AlertPolicy.DEFAULT, List.of("default"), 1, false, List.of(window),
                    null, FlappingRule.DEFAULT));
            m.check("default", UP, 0);
            var before = m.state;
            for (long at : new long[] {100, 150, 199}) {
                var d = m.check("default", DOWN, at);
                assertNotNull(d.ignored(), "at " + at);
                assertFalse(d.requestConfirmation());
            }
            assertEquals(before, m.state);
            assertTrue(m.check("default", DOWN, 200).requestConfirmation(), "the window's end is outside it");
            assertEquals(Transition.OPENED, m.check("default", DOWN, 201).change());
        }
    }

    @Nested
    class Reminders {

        private final Duration every = Duration.ofMinutes(30);

        private Monitor downWithReminders() {
            var m = new Monitor(new AlertRules(new AlertPolicy(1, 1, 30), List.of("default"), 1, false, List.of(),
                    every, FlappingRule.DEFAULT));
            assertEquals(Transition.OPENED, m.check("default", DOWN, 0).tell());
            return m;
        }

        @Test
        void noReminderIsPlannedWithoutAReminderInterval() {
            var m = new Monitor(AlertRules.single(new AlertPolicy(1, 1)));
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

    @Nested
    class Flapping {

        /** Flapping at the 4th change within 10 minutes; every check flips the state. */
        private final Monitor m = new Monitor(new AlertRules(new AlertPolicy(1, 1, 5), List.of("default"), 1,
                false, List.of(), Duration.ofMinutes(5), new FlappingRule(4, Duration.ofMinutes(10))));

        private Monitor flapping() {
            m.check("default", UP, 0);
            assertEquals(Transition.OPENED, m.check("default", DOWN, 60).tell());
            assertEquals(Transition.RESOLVED, m.check("default", UP, 120).tell());
            assertEquals(Transition.OPENED, m.check("default", DOWN, 180).tell());
            var fourth = m.check("default", UP, 240);
            assertEquals(Transition.RESOLVED, fourth.change(), "the incident still resolves");
            assertEquals(Transition.FLAPPING, fourth.tell(), "told as one FLAPPING notice instead");
            assertTrue(m.state.flapping());
            assertEquals(4, m.state.changes().size());
            assertEquals(T0.plusSeconds(60), m.state.changes().get(0));
            return m;
        }

        @Test
        void theNthChangeInsideTheWindowIsToldAsFlappingAndLaterChangesAreHeldBack() {
            flapping();
            var opened = m.check("default", DOWN, 300);
            assertEquals(Transition.OPENED, opened.change());
            assertEquals(Transition.NONE, opened.tell());
            assertNull(m.state.nextReminderAt(), "no reminders while flapping");
            var resolved = m.check("default", UP, 360);
            assertEquals(Transition.RESOLVED, resolved.change());
            assertEquals(Transition.NONE, resolved.tell());
            assertTrue(m.state.flapping());
        }

        @Test
        void settlingUpAfterTheOwnerLastHeardDownSendsExactlyOneResolved() {
            flapping();
            assertEquals(AlertStatus.DOWN, m.state.told(), "the last change told before flapping was an OPENED");
            m.check("default", DOWN, 300);
            m.check("default", UP, 360);
            assertEquals(Transition.NONE, m.check("default", UP, 360 + 599).tell());
            assertTrue(m.state.flapping(), "not yet a whole window without change");
            var stable = m.check("default", UP, 360 + 600);
            assertFalse(m.state.flapping());
            assertEquals(Transition.RESOLVED, stable.tell(), "it is up, and the owner last heard OPENED");
            assertEquals(Transition.NONE, stable.change(), "no incident changes: that happened while flapping");
            assertEquals(AlertStatus.UP, m.state.told());
            assertEquals(Transition.NONE, m.check("default", UP, 2000).tell(), "exactly one");
        }

        @Test
        void settlingInTheStateTheOwnerLastHeardSendsNothing() {
            flapping();
            m.check("default", DOWN, 300);
            var stable = m.check("default", DOWN, 300 + 600);
            assertFalse(m.state.flapping());
            assertEquals(Transition.NONE, stable.tell(), "down, and the owner last heard OPENED");
            assertNotNull(m.state.nextReminderAt(), "reminders resume for the incident they know of");
        }

        @Test
        void settlingDownAfterTheOwnerLastHeardUpSendsOneOpenedAndStartsReminders() {
            var odd = new Monitor(new AlertRules(new AlertPolicy(1, 1, 5), List.of("default"), 1, false, List.of(),
                    Duration.ofMinutes(5), new FlappingRule(3, Duration.ofMinutes(10))));
            assertEquals(Transition.OPENED, odd.check("default", DOWN, 0).tell());
            assertEquals(Transition.RESOLVED, odd.check("default", UP, 60).tell());
            assertEquals(Transition.FLAPPING, odd.check("default", DOWN, 120).tell());
            assertEquals(AlertStatus.UP, odd.state.told());
            assertNull(odd.state.nextReminderAt());
            odd.check("default", UP, 180);
            odd.check("default", DOWN, 240);
            var stable = odd.check("default", DOWN, 240 + 600);
            assertEquals(Transition.OPENED, stable.tell());
            assertEquals(AlertStatus.DOWN, odd.state.told());
            assertEquals(T0.plusSeconds(840).plus(Duration.ofMinutes(5)), odd.state.nextReminderAt());
        }

        @Test
        void changesSpreadWiderThanTheWindowNeverCountAsFlapping() {
            for (int i = 0; i < 10; i++) {
                var d = m.check("default", i % 2 == 0 ? DOWN : UP, i * 301L);
                assertEquals(i % 2 == 0 ? Transition.OPENED : Transition.RESOLVED, d.tell(), "change " + i);
            }
            assertFalse(m.state.flapping());
            assertTrue(m.state.changes().size() <= 2, m.state.changes().toString());
        }

        @Test
        void theNoticeSaysHowOftenItChangedInWhatWindow() {
            assertEquals("changed state 4 times in 10 min", m.rules.flapping().describe(4));
            assertEquals("changed state 5 times in 90 s",
                    new FlappingRule(5, Duration.ofSeconds(90)).describe(5));
        }

        @Test
        void aRuleThatWouldFlapOnEveryChangeIsRefusedNamingTheProperty() {
            var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> new FlappingRule(1, Duration.ofMinutes(10)));
            assertTrue(e.getMessage().contains("pharos.notifier.flapping.transitions"), e.getMessage());
        }
    }
}
