package dev.pharos.notifier.service;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Quick delivery and publishing; a policy's reminder minute lasts one second and reminders are looked for five times
 * a second; flapping at the 4th change within 10 minutes (the tests give results check times minutes apart).
 */
public class AlertRulesTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "pharos.notifier.deliver-every", "100ms",
                "pharos.notifier.publish-every", "100ms",
                "pharos.notifier.remind-every", "200ms",
                "pharos.notifier.reminder-minute", "1s",
                "pharos.notifier.flapping.transitions", "4",
                "pharos.notifier.flapping.window", "10m");
    }
}
