package dev.pharos.scheduler.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SlotsTest {

    private static final Instant SLOT = Instant.parse("2026-11-24T08:00:00Z");

    @ParameterizedTest(name = "slot 08:00:00, interval {0}s, now +{1}ms → +{2}s")
    @CsvSource({
            // on time: the next slot is one interval later
            "60, 0, 60",
            "60, 500, 60",
            // late within the interval: still the next grid slot
            "60, 59999, 60",
            // exactly one interval late: that slot was this check, the next one follows
            "60, 60000, 120",
            // down for an hour: missed slots are skipped, not replayed
            "60, 3600500, 3660",
            // published early (clock skew): next slot is still one interval on
            "10, -2000, 10",
    })
    void nextSlotSkipsMissedSlots(int intervalSeconds, long lateMs, long expectedOffsetSeconds) {
        Instant next = Slots.nextAfter(SLOT, Duration.ofSeconds(intervalSeconds), SLOT.plusMillis(lateMs));
        assertEquals(SLOT.plusSeconds(expectedOffsetSeconds), next);
    }

    @Test
    void checkIdIsDeterministicPerMonitorAndSlot() {
        UUID monitor = UUID.randomUUID();
        assertEquals(Slots.checkId(monitor, SLOT), Slots.checkId(monitor, SLOT));
        assertNotEquals(Slots.checkId(monitor, SLOT), Slots.checkId(monitor, SLOT.plusSeconds(60)));
        assertNotEquals(Slots.checkId(monitor, SLOT), Slots.checkId(UUID.randomUUID(), SLOT));
    }
}
