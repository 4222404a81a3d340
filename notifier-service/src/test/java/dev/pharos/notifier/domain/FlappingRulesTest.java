package dev.pharos.notifier.domain;

import static dev.pharos.contracts.Outcome.DOWN;
import static dev.pharos.contracts.Outcome.UP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.contracts.AlertPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The flapping guard, step by step: enter, hold back, leave. */
class FlappingRulesTest {

    private static final Instant T0 = MonitorFeed.T0;

    /** Flapping at the 4th change within 10 minutes; every check flips the state. */
    private final MonitorFeed m = new MonitorFeed(new AlertRules(new AlertPolicy(1, 1, 5), List.of("default"), 1,
            false, List.of(), Duration.ofMinutes(5), new FlappingRule(4, Duration.ofMinutes(10))));

    private MonitorFeed flapping() {
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
        var odd = new MonitorFeed(new AlertRules(new AlertPolicy(1, 1, 5), List.of("default"), 1, false, List.of(),
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
