package dev.pharos.notifier.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The stored {@link AlertState} of a monitor and its open incident. */
@Entity
@Table(name = "monitor_state")
public class MonitorState extends PanacheEntityBase {

    @Id
    @Column(name = "monitor_id")
    public UUID monitorId;
    @Enumerated(EnumType.STRING)
    public AlertStatus status;
    @Column(name = "consecutive_failures")
    public int consecutiveFailures;
    @Column(name = "consecutive_successes")
    public int consecutiveSuccesses;
    @Column(name = "first_failure_at")
    public Instant firstFailureAt;
    @Column(name = "open_incident_id")
    public UUID openIncidentId;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static MonitorState initial(UUID monitorId) {
        var state = new MonitorState();
        state.monitorId = monitorId;
        state.set(AlertState.INITIAL, Instant.now());
        return state;
    }

    public AlertState alertState() {
        return new AlertState(status, consecutiveFailures, consecutiveSuccesses, firstFailureAt);
    }

    public void set(AlertState state, Instant now) {
        status = state.status();
        consecutiveFailures = state.consecutiveFailures();
        consecutiveSuccesses = state.consecutiveSuccesses();
        firstFailureAt = state.firstFailureAt();
        updatedAt = now;
    }
}
