package dev.pharos.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * One attempt to deliver a notification, on {@link Topics#NOTIFICATIONS}. A republished attempt is recognisable by
 * its {@code deliveryId} and {@code attempt}.
 *
 * @param v          schema version, {@link #VERSION}
 * @param deliveryId the delivery
 * @param incidentId the incident it reports; for a channel test, the test's id
 * @param monitorId  the monitor, also the record key; null for a channel test (keyed by channel id)
 * @param transition OPENED, RESOLVED, REMINDER, FLAPPING or TEST
 * @param channel    the channel kind, for example {@code email}
 * @param attempt    1 for the first attempt
 * @param status     SENT; FAILED (to be retried); or DEAD, the last attempt failed and the delivery is given up
 * @param error      why it failed, or null; never contains secrets
 * @param at         when the attempt ended
 * @param channelId  the owner's saved channel it went to, or null for an inline contact
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
        Instant at,
        UUID channelId) {

    public static final int VERSION = 1;

    public NotificationAttempt(int v, UUID deliveryId, UUID incidentId, UUID monitorId, String transition,
            String channel, int attempt, String status, String error, Instant at) {
        this(v, deliveryId, incidentId, monitorId, transition, channel, attempt, status, error, at, null);
    }
}
