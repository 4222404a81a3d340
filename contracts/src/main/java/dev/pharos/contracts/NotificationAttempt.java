package dev.pharos.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * One attempt to deliver a notification, on {@link Topics#NOTIFICATIONS}.
 *
 * @param v          schema version, {@link #VERSION}
 * @param deliveryId the delivery
 * @param incidentId the incident it reports
 * @param monitorId  the monitor, also the record key
 * @param transition OPENED or RESOLVED
 * @param channel    the channel kind, for example {@code email}
 * @param attempt    1 for the first attempt
 * @param status     SENT or FAILED
 * @param error      why it failed, or null; never contains secrets
 * @param at         when the attempt ended
 */
public record NotificationAttempt(
        int v,
        UUID deliveryId,
        UUID incidentId,
        UUID monitorId,
        String transition,
        String channel,
        int attempt,
        String status,
        String error,
        Instant at) {

    public static final int VERSION = 1;
}
