package dev.pharos.scheduler.api;

import dev.pharos.contracts.HttpMethod;
import dev.pharos.scheduler.domain.MaintenanceWindow;
import dev.pharos.scheduler.domain.Monitor;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A monitor as the API returns it: what the client wrote, its owner, and its latest result. */
public record MonitorView(
        UUID id,
        UUID ownerId,
        String name,
        String url,
        HttpMethod method,
        int intervalSeconds,
        int timeoutSeconds,
        String expectedStatuses,
        boolean followRedirects,
        int maxRedirects,
        Map<String, String> requestHeaders,
        List<String> tags,
        boolean paused,
        List<MaintenanceWindow> maintenanceWindows,
        List<String> regions,
        MonitorRequest.AlertPolicyRequest alertPolicy,
        String contactEmail,
        List<UUID> contacts,
        String status,
        LastCheck lastCheck,
        Instant nextCheckAt,
        Instant createdAt,
        Instant updatedAt) {

    /** The latest result, or null before the first check; {@code tlsExpiresAt} for https. */
    public record LastCheck(Instant at, String outcome, Integer httpStatus, String errorKind, Long durationMs,
                            Instant tlsExpiresAt) {
    }

    /** A page of monitors; {@code nextCursor} fetches the next one, null on the last page. */
    public record Page(List<MonitorView> items, String nextCursor) {
    }

    public static MonitorView of(Monitor m) {
        LastCheck last = m.lastCheckedAt == null ? null
                : new LastCheck(m.lastCheckedAt, m.lastOutcome, m.lastHttpStatus, m.lastErrorKind, m.lastDurationMs,
                m.lastTlsExpiresAt);
        String status = m.paused ? "PAUSED" : m.lastOutcome == null ? "UNKNOWN" : m.lastOutcome;
        return new MonitorView(m.id, m.ownerId, m.name, m.url, m.method, m.intervalSeconds, m.timeoutSeconds,
                m.expectedStatuses, m.followRedirects, m.maxRedirects, m.requestHeaders, m.tags, m.paused,
                m.maintenanceWindows, m.regions, new MonitorRequest.AlertPolicyRequest(m.failuresToOpen,
                m.successesToClose, m.reminderMinutes), m.contactEmail, m.contacts(), status, last, m.nextDueAt, m.createdAt,
                m.updatedAt);
    }
}
