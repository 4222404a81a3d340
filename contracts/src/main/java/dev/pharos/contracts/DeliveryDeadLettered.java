package dev.pharos.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery that exhausted its retries, on {@link Topics#NOTIFICATIONS_DLQ}, for operators to inspect or replay.
 *
 * @param v          schema version, {@link #VERSION}
 * @param deliveryId the delivery
 * @param incidentId the incident it reports
 * @param monitorId  the monitor, also the record key
 * @param transition OPENED or RESOLVED
 * @param channel    the channel kind
 * @param target     the channel's address (never a secret)
 * @param attempts   how many attempts were made
 * @param lastError  the last attempt's error
 * @param at         when it was given up
 */
public record DeliveryDeadLettered(
        int v,
        UUID deliveryId,
        UUID incidentId,
        UUID monitorId,
        String transition,
        String channel,
        String target,
        int attempts,
        String lastError,
        Instant at) {

    public static final int VERSION = 1;
}
