package dev.pharos.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A monitor's current specification, as the scheduler publishes it on {@link Topics#MONITORS}.
 *
 * @param v                schema version, {@link #VERSION}
 * @param monitorId        the monitor's id, also the record key
 * @param name             a human name, used in alerts
 * @param url              the checked URL
 * @param method           HEAD or GET
 * @param intervalSeconds  seconds between scheduled checks
 * @param timeoutSeconds   the whole check's time limit
 * @param expectedStatuses status codes counted as up, for example {@code 200-399}
 * @param paused           a paused monitor is neither checked nor alerted on
 * @param alertPolicy      when failures open an incident and successes close it
 * @param contacts         where alerts go
 * @param updatedAt        when the spec last changed
 */
public record MonitorSpec(
        int v,
        UUID monitorId,
        String name,
        String url,
        HttpMethod method,
        int intervalSeconds,
        int timeoutSeconds,
        String expectedStatuses,
        boolean paused,
        AlertPolicy alertPolicy,
        List<Contact> contacts,
        Instant updatedAt) {

    public static final int VERSION = 1;

    /** Rejects a record without the fields every reader relies on; a reader sees it as malformed. */
    public MonitorSpec {
        Objects.requireNonNull(monitorId, "monitorId is required");
        Objects.requireNonNull(name, "name is required");
        Objects.requireNonNull(url, "url is required");
        Objects.requireNonNull(method, "method is required");
        Objects.requireNonNull(expectedStatuses, "expectedStatuses is required");
        Objects.requireNonNull(updatedAt, "updatedAt is required");
    }
}
