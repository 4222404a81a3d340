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
 * @param cause           what had failed, as in {@link IncidentOpened#cause()}; null from older writers
 * @param httpStatus      the failing status, or null
 * @param errorKind       the failing error kind, or null
 * @param firstFailureAt  the first failed check of the incident; null from older writers
 */
public record IncidentResolved(
        int v,
        UUID incidentId,
        UUID monitorId,
        Instant resolvedAt,
        long durationSeconds,
        String cause,
        Integer httpStatus,
        ErrorKind errorKind,
        Instant firstFailureAt) implements IncidentEvent {

    /** The first version's fields only; the cause and first failure stay null. */
    public IncidentResolved(int v, UUID incidentId, UUID monitorId, Instant resolvedAt, long durationSeconds) {
        this(v, incidentId, monitorId, resolvedAt, durationSeconds, null, null, null, null);
    }
}
