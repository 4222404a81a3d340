package dev.pharos.scheduler.domain;

import dev.pharos.contracts.AlertPolicy;
import dev.pharos.contracts.Contact;
import dev.pharos.contracts.HttpMethod;
import dev.pharos.contracts.MonitorSpec;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** A watched URL: what to check, how often, and whom to tell. */
@Entity
@Table(name = "monitor")
// Updates write only the changed columns: the planner, the API and the results read model each own different ones.
@DynamicUpdate
public class Monitor extends PanacheEntityBase {

    public static final String DEFAULT_EXPECTED_STATUSES = "200-399";
    public static final int DEFAULT_MAX_REDIRECTS = 5;
    public static final List<String> DEFAULT_REGIONS = List.of("default");

    @Id
    public UUID id;
    /** Who may see and change it (besides admins). */
    @Column(name = "owner_id")
    public UUID ownerId;
    public String name;
    public String url;
    @Enumerated(EnumType.STRING)
    public HttpMethod method;
    @Column(name = "interval_seconds")
    public int intervalSeconds;
    @Column(name = "timeout_seconds")
    public int timeoutSeconds;
    /** An inline email contact, or null. */
    @Column(name = "contact_email")
    public String contactEmail;
    /** The ids of the owner's channels that alerts go to. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<UUID> contacts;
    @Column(name = "expected_statuses")
    public String expectedStatuses;
    @Column(name = "follow_redirects")
    public boolean followRedirects;
    @Column(name = "max_redirects")
    public int maxRedirects;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "request_headers")
    public Map<String, String> requestHeaders;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> tags;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "maintenance_windows")
    public List<MaintenanceWindow> maintenanceWindows;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> regions;
    @Column(name = "failures_to_open")
    public int failuresToOpen;
    @Column(name = "successes_to_close")
    public int successesToClose;
    @Column(name = "reminder_minutes")
    public Integer reminderMinutes;
    public boolean paused;
    public boolean deleted;
    @Column(name = "next_due_at")
    public Instant nextDueAt;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "spec_version")
    public long specVersion;
    @Column(name = "published_version")
    public long publishedVersion;

    @Column(name = "last_checked_at")
    public Instant lastCheckedAt;
    @Column(name = "last_outcome")
    public String lastOutcome;
    @Column(name = "last_http_status")
    public Integer lastHttpStatus;
    @Column(name = "last_error_kind")
    public String lastErrorKind;
    @Column(name = "last_duration_ms")
    public Long lastDurationMs;
    @Column(name = "last_tls_expires_at")
    public Instant lastTlsExpiresAt;

    /** Marks the spec changed, so it is published again. */
    public void touch(Instant now) {
        updatedAt = now;
        specVersion++;
    }

    /** Whether {@code t} falls in one of the monitor's maintenance windows. */
    public boolean inMaintenance(Instant t) {
        return maintenanceWindows != null && maintenanceWindows.stream().anyMatch(w -> w.contains(t));
    }

    /** The contact channel ids, never null. */
    public List<UUID> contacts() {
        return contacts == null ? List.of() : contacts;
    }

    public AlertPolicy alertPolicy() {
        return new AlertPolicy(failuresToOpen, successesToClose, reminderMinutes);
    }

    /**
     * The spec as the other services see it on {@code pharos.monitors}, its contacts resolved.
     *
     * @param channels at least the channels in {@link #contacts}; one missing (deleted meanwhile) is left out
     */
    public MonitorSpec toSpec(Map<UUID, Channel> channels) {
        var resolved = new ArrayList<Contact>();
        if (contactEmail != null) {
            resolved.add(Contact.email(contactEmail));
        }
        contacts().stream().map(channels::get).filter(Objects::nonNull).map(Channel::toContact).forEach(resolved::add);
        return new MonitorSpec(MonitorSpec.VERSION, id, name, url, method, intervalSeconds, timeoutSeconds,
                expectedStatuses, paused, alertPolicy(), resolved, updatedAt, regions,
                maintenanceWindows == null ? List.of() : maintenanceWindows.stream()
                        .map(w -> new dev.pharos.contracts.MaintenanceWindow(w.start(), w.end())).toList(),
                followRedirects, maxRedirects, requestHeaders);
    }
}
