package dev.pharos.notifier.domain;

import dev.pharos.contracts.AlertPolicy;
import dev.pharos.contracts.Contact;
import dev.pharos.contracts.HttpMethod;
import dev.pharos.contracts.MonitorSpec;
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
import java.util.List;
import java.util.UUID;

/** The notifier's copy of a monitor's spec, kept from {@code pharos.monitors}. */
@Entity
@Table(name = "monitor_spec")
public class WatchedMonitor extends PanacheEntityBase {

    @Id
    @Column(name = "monitor_id")
    public UUID monitorId;
    public String name;
    public String url;
    @Enumerated(EnumType.STRING)
    public HttpMethod method;
    @Column(name = "timeout_seconds")
    public int timeoutSeconds;
    @Column(name = "expected_statuses")
    public String expectedStatuses;
    public boolean paused;
    @Column(name = "failures_to_open")
    public int failuresToOpen;
    @Column(name = "successes_to_close")
    public int successesToClose;
    /** JSON array of contacts. */
    public String contacts;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public void apply(MonitorSpec spec) {
        monitorId = spec.monitorId();
        name = spec.name();
        url = spec.url();
        method = spec.method();
        timeoutSeconds = spec.timeoutSeconds();
        expectedStatuses = spec.expectedStatuses();
        paused = spec.paused();
        AlertPolicy policy = spec.alertPolicy() == null ? AlertPolicy.DEFAULT : spec.alertPolicy();
        failuresToOpen = Math.max(1, policy.failuresToOpen());
        successesToClose = Math.max(1, policy.successesToClose());
        // A contact without a channel or target cannot be delivered to; it is dropped here, not at alert time.
        contacts = EventJson.writeString(spec.contacts() == null ? List.of() : spec.contacts().stream()
                .filter(c -> c != null && c.channel() != null && c.target() != null && !c.target().isBlank())
                .toList());
        updatedAt = spec.updatedAt();
    }

    public AlertPolicy alertPolicy() {
        return new AlertPolicy(failuresToOpen, successesToClose);
    }

    public List<Contact> contactList() {
        return Arrays.asList(EventJson.readString(contacts, Contact[].class));
    }
}
