package dev.pharos.notifier.domain;

import java.time.Instant;

/**
 * The alert state of one region of one monitor: what that region's checkers have seen, judged with the monitor's
 * {@link dev.pharos.contracts.AlertPolicy} alone. Whether the monitor is DOWN is decided from all its regions
 * ({@link MonitorAlert}).
 *
 * @param status               UNKNOWN, UP or DOWN, as seen from this region
 * @param consecutiveFailures  failed checks in a row
 * @param consecutiveSuccesses good checks in a row
 * @param firstFailureAt       the first failed check of the current run of failures, or null
 */
public record AlertState(AlertStatus status, int consecutiveFailures, int consecutiveSuccesses,
                         Instant firstFailureAt) {

    public static final AlertState INITIAL = new AlertState(AlertStatus.UNKNOWN, 0, 0, null);
}
