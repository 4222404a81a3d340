package dev.pharos.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A monitor was confirmed DOWN.
 *
 * @param v              schema version
 * @param incidentId     the incident
 * @param monitorId      the monitor, also the record key
 * @param cause          what failed, for example {@code HTTP 503} or {@code CONNECT_REFUSED}
 * @param httpStatus     the failing status, or null
 * @param errorKind      the failing error kind, or null
 * @param firstFailureAt the first failed check of the run that opened it
 * @param openedAt       when it was opened
 */
public record IncidentOpened(
        int v,
        UUID incidentId,
        UUID monitorId,
        String cause,
        Integer httpStatus,
        ErrorKind errorKind,
        Instant firstFailureAt,
        Instant openedAt) implements IncidentEvent {
}
