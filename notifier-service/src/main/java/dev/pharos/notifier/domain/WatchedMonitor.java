package dev.pharos.notifier.domain;

import dev.pharos.contracts.AlertPolicy;
import dev.pharos.contracts.Contact;
import dev.pharos.contracts.HttpMethod;
import dev.pharos.contracts.MaintenanceWindow;
import dev.pharos.contracts.MonitorSpec;
import dev.pharos.contracts.json.EventJson;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
    /** Remind every this many minutes while DOWN; null for never. */
    @Column(name = "reminder_minutes")
    public Integer reminderMinutes;
    /** JSON array of contacts. */
    public String contacts;
    /** JSON array of the regions that check it. */
    public String regions;
    /** How many of them must see it DOWN: the spec's {@code downQuorum()}. */
    @Column(name = "down_quorum")
    public int downQuorum;
    /** JSON array of maintenance windows. */
    public String maintenance;
    @Column(name = "follow_redirects")
    public boolean followRedirects;
    @Column(name = "max_redirects")
    public int maxRedirects;
    /** JSON object of extra request headers, for confirmation checks. */
    @Column(name = "request_headers")
    public String requestHeaders;
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
        reminderMinutes = policy.reminderMinutes() == null || policy.reminderMinutes() < 1 ? null
                : policy.reminderMinutes();
        regions = EventJson.writeString(spec.regions());
        downQuorum = spec.downQuorum();
        maintenance = EventJson.writeString(spec.maintenance());
        followRedirects = spec.followRedirects();
        maxRedirects = spec.maxRedirects();
        requestHeaders = EventJson.writeString(spec.requestHeaders());
        // A contact without a channel or target cannot be delivered to; it is dropped here, not at alert time.
        contacts = EventJson.writeString(spec.contacts() == null ? List.of() : spec.contacts().stream()
                .filter(c -> c != null && c.channel() != null && c.target() != null && !c.target().isBlank())
                .toList());
        updatedAt = spec.updatedAt();
    }

    public AlertPolicy alertPolicy() {
        return new AlertPolicy(failuresToOpen, successesToClose, reminderMinutes);
    }

    /** The rules its results are judged by; a policy minute lasts {@code reminderMinute} (a minute but in tests). */
    public AlertRules alertRules(FlappingRule flapping, Duration reminderMinute) {
        return new AlertRules(alertPolicy(), regionList(), downQuorum, paused,
                Arrays.asList(EventJson.readString(maintenance, MaintenanceWindow[].class)),
                reminderMinutes == null ? null : reminderMinute.multipliedBy(reminderMinutes), flapping);
    }

    public List<String> regionList() {
        return Arrays.asList(EventJson.readString(regions, String[].class));
    }

    @SuppressWarnings("unchecked")
    public Map<String, String> requestHeaderMap() {
        return EventJson.readString(requestHeaders, Map.class);
    }

    public List<Contact> contactList() {
        return Arrays.asList(EventJson.readString(contacts, Contact[].class));
    }
}
