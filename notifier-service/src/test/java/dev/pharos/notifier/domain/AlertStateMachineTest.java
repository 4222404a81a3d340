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

/**
 * The region step, then the monitor-level rules step by step: regions and ignored results (reminders and flapping
 * are in {@link ReminderRulesTest} and {@link FlappingRulesTest}).
 */
class AlertStateMachineTest {

    private static final Instant T0 = MonitorFeed.T0;
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


    private static AlertRules rules(AlertPolicy policy, List<String> regions, int quorum) {
        return new AlertRules(policy, regions, quorum, false, List.of(), null, FlappingRule.DEFAULT);
    }

    private static final List<String> THREE = List.of("eu", "us", "ap");

    @Nested
    class Regions {

        @Test
        void oneOfOneOpensAndResolvesLikeASingleCheckerDid() {
            var m = new MonitorFeed(AlertRules.single(AlertPolicy.DEFAULT));
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
            var m = new MonitorFeed(rules(AlertPolicy.DEFAULT, THREE, 2));
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
            var m = new MonitorFeed(rules(AlertPolicy.DEFAULT, THREE, 2));
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
            var m = new MonitorFeed(rules(new AlertPolicy(2, 2), THREE, 2));
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
            var m = new MonitorFeed(rules(AlertPolicy.DEFAULT, List.of("eu", "us"), 2));
            assertTrue(m.check("eu", DOWN, 0).requestConfirmation());
            assertFalse(m.check("eu", DOWN, 1).requestConfirmation());
            assertFalse(m.check("eu", DOWN, 2).requestConfirmation());
            assertTrue(m.check("us", DOWN, 3).requestConfirmation());
            assertEquals(Transition.OPENED, m.check("us", DOWN, 4).change(), "2 of 2");
        }

        @Test
        void aResultFromAnotherRegionIsIgnored() {
            var m = new MonitorFeed(rules(new AlertPolicy(1, 1), THREE, 2));
            var d = m.check("mars", DOWN, 0);
            assertNotNull(d.ignored());
            assertTrue(d.ignored().contains("mars"), d.ignored());
            assertEquals(MonitorAlert.INITIAL, m.state);
        }

        @Test
        void aRegionDroppedFromTheSpecIsForgottenAndNoLongerCounts() {
            var m = new MonitorFeed(rules(new AlertPolicy(1, 1), THREE, 2));
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
            var m = new MonitorFeed(new AlertRules(policy, List.of("default"), 1, true, List.of(), null,
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
            var m = new MonitorFeed(new AlertRules(AlertPolicy.DEFAULT, List.of("default"), 1, false, List.of(window),
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


}
