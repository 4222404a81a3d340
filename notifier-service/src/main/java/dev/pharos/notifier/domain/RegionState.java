package dev.pharos.notifier.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The stored {@link AlertState} of one region of one monitor. */
@Entity
@Table(name = "region_state")
@IdClass(RegionState.Key.class)
public class RegionState extends PanacheEntityBase {

    /** The primary key: monitor and region. */
    public static class Key implements Serializable {

        public UUID monitorId;
        public String region;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(monitorId, k.monitorId) && Objects.equals(region, k.region);
        }

        @Override
        public int hashCode() {
            return Objects.hash(monitorId, region);
        }
    }

    @Id
    @Column(name = "monitor_id")
    public UUID monitorId;
    @Id
    public String region;
    @Enumerated(EnumType.STRING)
    public AlertStatus status;
    @Column(name = "consecutive_failures")
    public int consecutiveFailures;
    @Column(name = "consecutive_successes")
    public int consecutiveSuccesses;
    @Column(name = "first_failure_at")
    public Instant firstFailureAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static List<RegionState> of(UUID monitorId) {
        return list("monitorId", monitorId);
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
