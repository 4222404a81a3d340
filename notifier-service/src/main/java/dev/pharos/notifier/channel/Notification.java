package dev.pharos.notifier.channel;

import dev.pharos.notifier.domain.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * What a channel tells the owner.
 *
 * @param transition     OPENED (down), RESOLVED (recovered), REMINDER (still down), FLAPPING or TEST
 * @param incidentId     the incident (for a test message: the test's id)
 * @param monitorId      the monitor (for a test message: the channel's id)
 * @param monitorName    the monitor's name (for a test message: the channel's name)
 * @param monitorUrl     the checked URL (empty for a test message)
 * @param cause          what failed, for example {@code HTTP 503}; for FLAPPING how often it changed
 * @param firstFailureAt the first failed check (for a test message: when it was asked for)
 * @param downFor        how long it was down (for RESOLVED), or so far (otherwise)
 */
public record Notification(Transition transition, UUID incidentId, UUID monitorId, String monitorName,
                           String monitorUrl, String cause, Instant firstFailureAt, Duration downFor) {

    /** A message that only proves the channel reaches its owner. */
    public static Notification test(UUID testId, UUID channelId, String channelName, Instant requestedAt) {
        return new Notification(Transition.TEST, testId, channelId, channelName, "", "test message", requestedAt,
                Duration.ZERO);
    }

    /** Whether it reports trouble: OPENED, REMINDER or FLAPPING. */
    public boolean down() {
        return transition.alarming();
    }
}
