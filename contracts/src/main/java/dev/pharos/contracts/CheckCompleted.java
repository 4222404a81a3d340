package dev.pharos.contracts;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The result of one check, on {@link Topics#CHECKS_COMPLETED}.
 *
 * @param v            schema version, {@link #VERSION}
 * @param checkId      the request's check id
 * @param monitorId    the monitor, also the record key
 * @param region       the checker's region
 * @param checkerId    which checker instance ran it
 * @param reason       SCHEDULED or CONFIRM, copied from the request
 * @param url          the checked URL
 * @param startedAt    when the check started
 * @param durationMs   total time of the check
 * @param httpStatus   the final HTTP status, or null when no answer arrived
 * @param outcome      UP or DOWN
 * @param errorKind    why it is DOWN, or null when UP
 * @param errorMessage a short human explanation, or null
 * @param finalUrl     the URL after redirects
 * @param tlsExpiresAt the server certificate's expiry for https (the last hop's), or null
 * @param timings      the phases of the last hop, or null when none was measured
 */
public record CheckCompleted(
        int v,
        UUID checkId,
        UUID monitorId,
        String region,
        String checkerId,
        CheckReason reason,
        String url,
        Instant startedAt,
        long durationMs,
        Integer httpStatus,
        Outcome outcome,
        ErrorKind errorKind,
        String errorMessage,
        String finalUrl,
        Instant tlsExpiresAt,
        CheckTimings timings) {

    public static final int VERSION = 1;

    /** Rejects a record without the fields every reader relies on; a reader sees it as malformed. */
    public CheckCompleted {
        Objects.requireNonNull(checkId, "checkId is required");
        Objects.requireNonNull(monitorId, "monitorId is required");
        Objects.requireNonNull(region, "region is required");
        Objects.requireNonNull(checkerId, "checkerId is required");
        Objects.requireNonNull(reason, "reason is required");
        Objects.requireNonNull(startedAt, "startedAt is required");
        Objects.requireNonNull(outcome, "outcome is required");
    }
}
