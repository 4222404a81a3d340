package dev.pharos.notifier.channel;

import dev.pharos.notifier.config.NotifierConfig;
import dev.pharos.notifier.domain.Transition;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.UUID;

/** Notifications and configuration for the channel tests, which build channels directly, without Quarkus. */
final class Fixtures {

    static final UUID INCIDENT = UUID.fromString("6f1c2a4e-8a0b-4c5d-9e7f-1a2b3c4d5e6f");
    static final UUID MONITOR = UUID.fromString("0b9d7c1e-3f2a-4b6c-8d5e-7f9a1b2c3d4e");
    static final Instant FIRST_FAILURE = Instant.parse("2026-11-24T08:00:00Z");

    static final Notification DOWN = new Notification(Transition.OPENED, INCIDENT, MONITOR, "Shop",
            "https://shop.example.com/", "HTTP 503", FIRST_FAILURE, Duration.ofSeconds(20));
    static final Notification RECOVERED = new Notification(Transition.RESOLVED, INCIDENT, MONITOR, "Shop",
            "https://shop.example.com/", "HTTP 503", FIRST_FAILURE, Duration.ofSeconds(185));

    private Fixtures() {
    }

    /** The notifier's configuration from these {@code key, value} pairs plus the defaults, mapped as Quarkus maps it. */
    static NotifierConfig config(String... keyValues) {
        var properties = new HashMap<String, String>();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.put(keyValues[i], keyValues[i + 1]);
        }
        return new SmallRyeConfigBuilder()
                .withMapping(NotifierConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build()
                .getConfigMapping(NotifierConfig.class);
    }
}
