package dev.pharos.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A DOWN monitor answered well again.
 *
 * @param v               schema version
 * @param incidentId      the incident
 * @param monitorId       the monitor, also the record key
 * @param resolvedAt      when it was resolved
 * @param durationSeconds from the first failure to resolution
 */
public record IncidentResolved(
        int v,
        UUID incidentId,
        UUID monitorId,
        Instant resolvedAt,
        long durationSeconds) implements IncidentEvent {
}
