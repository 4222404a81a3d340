package dev.pharos.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.scheduler.domain.Slots;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SlotAnalysisTest {

    private static final Duration INTERVAL = Duration.ofSeconds(60);
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofMinutes(3));

    /** Requests as the tap keeps them; {@code lateMs} after each slot. */
    private static final class Log {
        final List<int[]> monitors = new ArrayList<>();
        final List<long[]> times = new ArrayList<>();
        final List<UUID> checkIds = new ArrayList<>();

        Log add(int monitor, UUID id, Instant slot, long lateMs) {
            return add(monitor, slot, lateMs, Slots.checkId(id, slot));
        }

        Log add(int monitor, Instant slot, long lateMs, UUID checkId) {
            monitors.add(new int[] {monitor});
            times.add(new long[] {slot.toEpochMilli(), slot.toEpochMilli() + lateMs});
            checkIds.add(checkId);
            return this;
        }

        RequestTap.Requests requests() {
            int n = monitors.size();
            int[] monitor = new int[n];
            long[] due = new long[n];
            long[] published = new long[n];
            long[] read = new long[n];
            for (int i = 0; i < n; i++) {
                monitor[i] = monitors.get(i)[0];
                due[i] = times.get(i)[0];
                published[i] = times.get(i)[1];
                read[i] = times.get(i)[1] + 5;
            }
            return new RequestTap.Requests(n, monitor, due, published, read, checkIds.toArray(UUID[]::new));
        }
    }

    private static List<Instant> slots(UUID id) {
        var slots = new ArrayList<Instant>();
        for (Instant t = Slots.firstSlotAfter(id, INTERVAL, START.minusMillis(1)); t.isBefore(END);
             t = t.plus(INTERVAL)) {
            slots.add(t);
        }
        return slots;
    }

    @Test
    void everySlotOnceIsNothingMissedAndLatenessIsRecordTimeMinusSlot() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        var log = new Log();
        // The first checks, made at creation, off the grid and before the window: not counted.
        log.add(0, a, START.minusSeconds(100), 5).add(1, b, START.minusSeconds(99), 5);
        slots(a).forEach(slot -> log.add(0, a, slot, 100));
        slots(b).forEach(slot -> log.add(1, b, slot, 300));

        var analysis = SlotAnalysis.of(new RequestTap.Roster(List.of(a, b), new int[] {60, 60}), log.requests(),
                START, END);

        assertEquals(6, analysis.expectedSlots());
        assertEquals(0, analysis.missedSlots());
        assertEquals(6, analysis.requests());
        assertEquals(0, analysis.duplicates() + analysis.offGrid() + analysis.checkIdMismatches());
        assertEquals(100, analysis.publishLateness().p50());
        assertEquals(300, analysis.publishLateness().p99());
        assertEquals(305, analysis.readLateness().max());
        assertEquals(3, analysis.minutes().size());
        assertEquals(2, analysis.minutes().get(0).lateness().count());
        assertTrue(analysis.problems().isEmpty(), analysis.problems().toString());
    }

    @Test
    void countsMissedDuplicatedOffGridAndWronglyIdentifiedSlots() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID never = UUID.randomUUID();
        List<Instant> slotsOfA = slots(a);
        List<Instant> slotsOfB = slots(b);
        var log = new Log()
                .add(0, a, slotsOfA.get(0), 10)
                .add(0, a, slotsOfA.get(0), 900) // the same slot again
                .add(0, a, slotsOfA.get(2), 10) // slot 1 missing
                .add(0, a, slotsOfA.get(2).minusMillis(7), 10) // off the grid
                .add(1, slotsOfB.get(0), 10, UUID.randomUUID()) // not the slot's checkId
                .add(1, b, slotsOfB.get(1), 10)
                .add(1, b, slotsOfB.get(2), 10);

        var analysis = SlotAnalysis.of(new RequestTap.Roster(List.of(a, b, never), new int[] {60, 60, 60}),
                log.requests(), START, END);

        assertEquals(9, analysis.expectedSlots());
        assertEquals(1 + 3, analysis.missedSlots(), "one of a's slots and all three of the silent monitor's");
        assertEquals(2, analysis.monitorsMissing());
        assertEquals(1, analysis.duplicates());
        assertEquals(1, analysis.offGrid());
        assertEquals(1, analysis.checkIdMismatches());
        assertEquals(900, analysis.publishLateness().max());
    }
}
