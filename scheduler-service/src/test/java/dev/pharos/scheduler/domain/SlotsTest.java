package dev.pharos.scheduler.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlotsTest {

    private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
    private static final UUID MONITOR = UUID.fromString("7f0c2a3e-5b1d-4c8e-9a6f-0d2b4e6f8a1c");

    @ParameterizedTest(name = "interval {0}s, checked {1}ms after the slot → next slot {2} intervals on")
    @CsvSource({
            // on time: the next slot is one interval later
            "60, 0, 1",
            "60, 500, 1",
            // late within the interval: still the next grid slot
            "60, 59999, 1",
            // exactly one interval late: that slot was this check, the next one follows
            "60, 60000, 2",
            // down for an hour: missed slots are skipped, not replayed
            "60, 3600500, 61",
            // published early (clock skew): next slot is still one interval on
            "10, -2000, 1",
    })
    void nextSlotSkipsMissedSlots(int intervalSeconds, long lateMs, int intervalsOn) {
        Duration interval = Duration.ofSeconds(intervalSeconds);
        Instant slot = Slots.firstSlotAfter(MONITOR, interval, T0);
        Instant next = Slots.next(MONITOR, slot, interval, slot.plusMillis(lateMs));
        assertEquals(slot.plus(interval.multipliedBy(intervalsOn)), next);
    }

    @Test
    void slotsStayOnTheMonitorsGrid() {
        Duration interval = Duration.ofSeconds(300);
        long phase = Slots.phaseMs(MONITOR, interval);
        Instant slot = T0;
        for (int i = 0; i < 50; i++) {
            Instant now = slot.plusMillis(i * 7_919L);
            Instant next = Slots.next(MONITOR, slot, interval, now);
            assertEquals(phase, Math.floorMod(next.toEpochMilli(), interval.toMillis()), "on the grid");
            assertTrue(next.isAfter(now) && !next.isAfter(now.plus(interval).plus(interval.dividedBy(2))),
                    "the next slot after " + now + " is " + next);
            slot = next;
        }
    }

    @Test
    void aFirstCheckOffTheGridIsNotFollowedAtOnceByAnother() {
        Duration interval = Duration.ofSeconds(60);
        Instant created = Slots.firstSlotAfter(MONITOR, interval, T0).minusMillis(100);
        Instant next = Slots.next(MONITOR, created, interval, created);
        assertTrue(Duration.between(created, next).compareTo(interval.dividedBy(2)) >= 0, next.toString());
    }

    @Test
    void aHundredThousandMonitorsAreSpreadOverTheMinute() {
        Duration interval = Duration.ofSeconds(60);
        int[] perSecond = new int[60];
        for (int i = 0; i < 100_000; i++) {
            perSecond[(int) (Slots.phaseMs(UUID.randomUUID(), interval) / 1000)]++;
        }
        for (int second = 0; second < 60; second++) {
            // 1,667 expected per second; a hash that clumps would put thousands in one second.
            assertTrue(perSecond[second] > 1_400 && perSecond[second] < 1_950,
                    "second " + second + " has " + perSecond[second] + " monitors");
        }
    }

    @Test
    void checkIdIsDeterministicPerMonitorAndSlot() {
        UUID monitor = UUID.randomUUID();
        assertEquals(Slots.checkId(monitor, T0), Slots.checkId(monitor, T0));
        assertNotEquals(Slots.checkId(monitor, T0), Slots.checkId(monitor, T0.plusSeconds(60)));
        assertNotEquals(Slots.checkId(monitor, T0), Slots.checkId(UUID.randomUUID(), T0));
    }
}
