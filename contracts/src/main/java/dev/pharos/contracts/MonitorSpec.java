package dev.pharos.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * @param regions          the regions that check it; DOWN needs a quorum of them (see {@link #downQuorum()})
 * @param maintenance      windows in which results raise nothing; never null
 * @param followRedirects  whether checks follow 3xx answers (absent reads as true)
 * @param maxRedirects     how many redirects at most (absent reads as 5)
 * @param requestHeaders   extra request headers for its checks; never null
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
        Instant updatedAt,
        List<String> regions,
        List<MaintenanceWindow> maintenance,
        Boolean followRedirects,
        Integer maxRedirects,
        Map<String, String> requestHeaders) {

    public static final int VERSION = 1;
    public static final List<String> DEFAULT_REGIONS = List.of("default");
    public static final int DEFAULT_MAX_REDIRECTS = 5;

    /** Rejects a record without the fields every reader relies on; a reader sees it as malformed. */
    public MonitorSpec {
        Objects.requireNonNull(monitorId, "monitorId is required");
        Objects.requireNonNull(name, "name is required");
        Objects.requireNonNull(url, "url is required");
        Objects.requireNonNull(method, "method is required");
        Objects.requireNonNull(expectedStatuses, "expectedStatuses is required");
        Objects.requireNonNull(updatedAt, "updatedAt is required");
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
        regions = regions == null || regions.isEmpty() ? DEFAULT_REGIONS : List.copyOf(regions);
        maintenance = maintenance == null ? List.of() : List.copyOf(maintenance);
        followRedirects = followRedirects == null ? Boolean.TRUE : followRedirects;
        maxRedirects = maxRedirects == null ? DEFAULT_MAX_REDIRECTS : maxRedirects;
        requestHeaders = requestHeaders == null ? Map.of() : Map.copyOf(requestHeaders);
    }

    /** A spec checked from the default region only, without maintenance windows. */
    public MonitorSpec(int v, UUID monitorId, String name, String url, HttpMethod method, int intervalSeconds,
            int timeoutSeconds, String expectedStatuses, boolean paused, AlertPolicy alertPolicy,
            List<Contact> contacts, Instant updatedAt) {
        this(v, monitorId, name, url, method, intervalSeconds, timeoutSeconds, expectedStatuses, paused, alertPolicy,
                contacts, updatedAt, DEFAULT_REGIONS, List.of(), true, DEFAULT_MAX_REDIRECTS, Map.of());
    }

    /** How many of the monitor's regions must see it down before it is DOWN: a majority (1 of 1, 2 of 3). */
    public int downQuorum() {
        return regions.size() / 2 + 1;
    }

    /** Whether {@code t} falls in one of the maintenance windows. */
    public boolean inMaintenance(Instant t) {
        return maintenance.stream().anyMatch(w -> w.contains(t));
    }
}
