package dev.pharos.notifier.channel;

import dev.pharos.notifier.domain.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * What a channel tells the owner.
 *
 * @param transition     OPENED (down) or RESOLVED (recovered)
 * @param incidentId     the incident
 * @param monitorId      the monitor
 * @param monitorName    the monitor's name
 * @param monitorUrl     the checked URL
 * @param cause          what failed, for example {@code HTTP 503}
 * @param firstFailureAt the first failed check
 * @param downFor        how long it was down (for RESOLVED), or so far (for OPENED)
 */
public record Notification(Transition transition, UUID incidentId, UUID monitorId, String monitorName,
                           String monitorUrl, String cause, Instant firstFailureAt, Duration downFor) {

    public boolean down() {
        return transition == Transition.OPENED;
    }
}
