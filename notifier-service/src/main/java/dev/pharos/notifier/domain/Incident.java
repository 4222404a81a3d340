package dev.pharos.notifier.domain;

import dev.pharos.contracts.ErrorKind;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A confirmed outage of one monitor, from its first failure to its recovery. */
@Entity
@Table(name = "incident")
public class Incident extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "monitor_id")
    public UUID monitorId;
    @Column(name = "monitor_name")
    public String monitorName;
    @Column(name = "monitor_url")
    public String monitorUrl;
    /** What failed, for example {@code HTTP 503} or {@code CONNECT_REFUSED}. */
    public String cause;
    @Column(name = "http_status")
    public Integer httpStatus;
    @Enumerated(EnumType.STRING)
    @Column(name = "error_kind")
    public ErrorKind errorKind;
    @Column(name = "first_failure_at")
    public Instant firstFailureAt;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;

    /** From the first failure to the resolution (or to now while open). */
    public Duration duration() {
        return Duration.between(firstFailureAt, resolvedAt == null ? Instant.now() : resolvedAt);
    }
}
