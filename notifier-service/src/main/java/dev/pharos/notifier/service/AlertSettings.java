package dev.pharos.notifier.service;

import dev.pharos.notifier.config.NotifierConfig;
import dev.pharos.notifier.domain.FlappingRule;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** The alerting settings, checked at startup with a message naming the property that is wrong. */
@Startup
@ApplicationScoped
public class AlertSettings {

    private final FlappingRule flapping;
    private final Duration reminderMinute;

    public AlertSettings(NotifierConfig config) {
        this.flapping = new FlappingRule(config.flapping().transitions(), config.flapping().window());
        this.reminderMinute = config.reminderMinute();
        if (reminderMinute.isNegative() || reminderMinute.isZero()) {
            throw new IllegalArgumentException(
                    "pharos.notifier.reminder-minute must be positive, not " + reminderMinute);
        }
    }

    public FlappingRule flapping() {
        return flapping;
    }

    /** How long one of a policy's reminder minutes lasts. */
    public Duration reminderMinute() {
        return reminderMinute;
    }
}
