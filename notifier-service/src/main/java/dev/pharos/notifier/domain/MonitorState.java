package dev.pharos.notifier.domain;

import dev.pharos.contracts.json.EventJson;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The stored {@link MonitorAlert} of a monitor, less its regions ({@link RegionState}), with its open and latest
 * incidents. The row is locked while a result or a reminder is applied, so one monitor's changes never interleave.
 */
@Entity
@Table(name = "monitor_state")
public class MonitorState extends PanacheEntityBase {

    @Id
    @Column(name = "monitor_id")
    public UUID monitorId;
    @Enumerated(EnumType.STRING)
    public AlertStatus status;
    @Column(name = "first_failure_at")
    public Instant firstFailureAt;
    @Column(name = "open_incident_id")
    public UUID openIncidentId;
    /** The open incident, or the last one resolved: what a FLAPPING notice or a late RESOLVED refers to. */
    @Column(name = "last_incident_id")
    public UUID lastIncidentId;
    @Enumerated(EnumType.STRING)
    @Column(name = "notified_status")
    public AlertStatus notifiedStatus;
    public boolean flapping;
    /** JSON array of the recent changes' times. */
    @Column(name = "recent_changes")
    public String recentChanges;
    @Column(name = "next_reminder_at")
    public Instant nextReminderAt;
    @Column(name = "reminders_sent")
    public int remindersSent;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static MonitorState initial(UUID monitorId) {
        var state = new MonitorState();
        state.monitorId = monitorId;
        state.set(MonitorAlert.INITIAL, Instant.now());
        return state;
    }

    /** The monitor's alert state, with the given regions' states. */
    public MonitorAlert alert(Collection<RegionState> regions) {
        return new MonitorAlert(status, firstFailureAt,
                regions.stream().collect(Collectors.toMap(r -> r.region, RegionState::alertState)),
                notifiedStatus, flapping, Arrays.asList(EventJson.readString(recentChanges, Instant[].class)),
                nextReminderAt, remindersSent);
    }

    /** Stores the monitor-level part of {@code alert}; its regions are stored by the caller. */
    public void set(MonitorAlert alert, Instant now) {
        status = alert.status();
        firstFailureAt = alert.firstFailureAt();
        notifiedStatus = alert.told();
        flapping = alert.flapping();
        recentChanges = EventJson.writeString(List.copyOf(alert.changes()));
        nextReminderAt = alert.nextReminderAt();
        remindersSent = alert.remindersSent();
        updatedAt = now;
    }
}
