package dev.pharos.notifier.domain;

import java.time.Instant;

/**
 * The alert state of one monitor.
 *
 * @param status               UNKNOWN, UP or DOWN
 * @param consecutiveFailures  failed checks in a row
 * @param consecutiveSuccesses good checks in a row
 * @param firstFailureAt       the first failed check of the current run of failures, or null
 */
public record AlertState(AlertStatus status, int consecutiveFailures, int consecutiveSuccesses,
                         Instant firstFailureAt) {

    public static final AlertState INITIAL = new AlertState(AlertStatus.UNKNOWN, 0, 0, null);
}
