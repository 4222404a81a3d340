package dev.pharos.bench.alert;

import java.time.Duration;
import java.time.Instant;

/**
 * One trial: the site broke at {@code brokeAt} (after waiting {@code waitedBefore} with the monitor UP); the first
 * failing check started at {@code firstFailureAt}, the incident was opened at {@code openedAt} (after the
 * confirmation check), and the DOWN email was accepted by the SMTP server at {@code emailAt}.
 */
public record Trial(int number, Duration waitedBefore, Instant brokeAt, Instant firstFailureAt,
                    Instant openedAt, Instant emailAt) {

    /** Broken → DOWN email accepted: the figure the target is about. */
    public Duration timeToAlert() {
        return Duration.between(brokeAt, emailAt);
    }

    /** Broken → the next scheduled check started (the wait for the monitor's slot). */
    public Duration slotWait() {
        return Duration.between(brokeAt, firstFailureAt);
    }

    /** First failing check started → incident opened: that check, the confirmation check and both results. */
    public Duration confirmation() {
        return Duration.between(firstFailureAt, openedAt);
    }

    /** Incident opened → email accepted: the delivery worker's tick and the SMTP conversation. */
    public Duration delivery() {
        return Duration.between(openedAt, emailAt);
    }
}
