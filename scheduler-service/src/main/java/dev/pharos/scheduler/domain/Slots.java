package dev.pharos.scheduler.domain;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Scheduling arithmetic. A monitor's slots lie on a grid of its interval, shifted by a phase that a stable hash of its
 * id gives: 100,000 monitors at 60 s are spread over the minute instead of all firing at :00.
 */
public final class Slots {

    private Slots() {
    }

    /** The same monitor and slot always give the same check id, so a republished slot is recognisable. */
    public static UUID checkId(UUID monitorId, Instant slot) {
        return UUID.nameUUIDFromBytes((monitorId + "@" + slot.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
    }

    /** Where in each interval the monitor's slots fall, from 0 (inclusive) to the interval (exclusive). */
    public static long phaseMs(UUID monitorId, Duration interval) {
        long hash = monitorId.getMostSignificantBits() ^ monitorId.getLeastSignificantBits();
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        return Math.floorMod(hash, interval.toMillis());
    }

    /** The monitor's first slot strictly after {@code t}. */
    public static Instant firstSlotAfter(UUID monitorId, Duration interval, Instant t) {
        long intervalMs = interval.toMillis();
        long phase = phaseMs(monitorId, interval);
        long k = Math.floorDiv(t.toEpochMilli() - phase, intervalMs) + 1;
        return Instant.ofEpochMilli(k * intervalMs + phase);
    }

    /**
     * The slot after {@code slot}, checked at {@code now}: the next one on the monitor's grid, at least half an
     * interval on (so a first check made off the grid is not followed at once by another). Slots missed while Pharos
     * was down are skipped: the late slot itself is the one catch-up check, not a burst.
     */
    public static Instant next(UUID monitorId, Instant slot, Duration interval, Instant now) {
        Instant halfOn = slot.plus(interval.dividedBy(2));
        return firstSlotAfter(monitorId, interval, now.isAfter(halfOn) ? now : halfOn);
    }
}
