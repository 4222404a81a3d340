package dev.pharos.scheduler.api;

import dev.pharos.contracts.HttpMethod;
import dev.pharos.scheduler.domain.Monitor;
import java.time.Instant;
import java.util.UUID;

/** A monitor as the API returns it, with its latest result. */
public record MonitorView(
        UUID id,
        UUID ownerId,
        String name,
        String url,
        HttpMethod method,
        int intervalSeconds,
        int timeoutSeconds,
        String contactEmail,
        boolean paused,
        String status,
        LastCheck lastCheck,
        Instant nextCheckAt,
        Instant createdAt,
        Instant updatedAt) {

    /** The latest result, or null before the first check. */
    public record LastCheck(Instant at, String outcome, Integer httpStatus, String errorKind, Long durationMs) {
    }

    public static MonitorView of(Monitor m) {
        LastCheck last = m.lastCheckedAt == null ? null
                : new LastCheck(m.lastCheckedAt, m.lastOutcome, m.lastHttpStatus, m.lastErrorKind, m.lastDurationMs);
        String status = m.paused ? "PAUSED" : m.lastOutcome == null ? "UNKNOWN" : m.lastOutcome;
        return new MonitorView(m.id, m.ownerId, m.name, m.url, m.method, m.intervalSeconds, m.timeoutSeconds, m.contactEmail,
                m.paused, status, last, m.nextDueAt, m.createdAt, m.updatedAt);
    }
}
