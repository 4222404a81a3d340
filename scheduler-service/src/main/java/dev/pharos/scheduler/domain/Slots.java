package dev.pharos.scheduler.domain;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Scheduling arithmetic: slot ids and the next slot after a check. */
public final class Slots {

    private Slots() {
    }

    /** The same monitor and slot always give the same check id, so a republished slot is recognisable. */
    public static UUID checkId(UUID monitorId, Instant slot) {
        return UUID.nameUUIDFromBytes((monitorId + "@" + slot.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The first slot after {@code now} on the grid {@code slot + k × interval}. Slots missed while Pharos was down
     * are skipped: the late slot itself is the one catch-up check, not a burst.
     */
    public static Instant nextAfter(Instant slot, Duration interval, Instant now) {
        long intervalMs = interval.toMillis();
        long behindMs = now.toEpochMilli() - slot.toEpochMilli();
        long steps = behindMs < 0 ? 1 : behindMs / intervalMs + 1;
        return slot.plusMillis(steps * intervalMs);
    }
}
