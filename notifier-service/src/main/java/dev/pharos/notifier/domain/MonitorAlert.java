package dev.pharos.notifier.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole alert state of one monitor: its regions' states, its own verdict, what its owner was last told, its
 * flapping guard and its reminder schedule. Stored in {@code monitor_state} and {@code region_state}.
 *
 * @param status         UNKNOWN (no verdict from any region yet), UP, or DOWN (an incident is open)
 * @param firstFailureAt the first failure of the open incident, or null when not DOWN
 * @param regions        the state per region, by region name
 * @param told           what the owner last heard: DOWN after an OPENED (or REMINDER), UP after a RESOLVED or before
 *                       any alert
 * @param flapping       whether notifications are held back because it changes state too often
 * @param changes        the times of its recent changes (OPENED or RESOLVED), oldest first, inside the flapping window
 * @param nextReminderAt when the next REMINDER is due, or null when none is planned
 * @param remindersSent  reminders sent for the open incident; the next one's sequence number is this plus one
 */
public record MonitorAlert(AlertStatus status, Instant firstFailureAt, Map<String, AlertState> regions,
                           AlertStatus told, boolean flapping, List<Instant> changes, Instant nextReminderAt,
                           int remindersSent) {

    public static final MonitorAlert INITIAL = new MonitorAlert(AlertStatus.UNKNOWN, null, Map.of(), AlertStatus.UP,
            false, List.of(), null, 0);

    public MonitorAlert {
        regions = Collections.unmodifiableMap(new TreeMap<>(regions));
        changes = List.copyOf(changes);
    }

    /** This region's state; INITIAL for a region not heard from yet. */
    public AlertState region(String name) {
        return regions.getOrDefault(name, AlertState.INITIAL);
    }

    MonitorAlert withReminder(Instant next, int sent) {
        return new MonitorAlert(status, firstFailureAt, regions, told, flapping, changes, next, sent);
    }
}
