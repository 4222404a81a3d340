package dev.pharos.notifier;

import dev.pharos.devstack.RecordingServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A Twilio stand-in for the notifier under test: a real HTTP server at {@code pharos.notifier.twilio.base-url},
 * with a test account. It accepts every message (201) until a test makes it answer otherwise.
 */
public class TwilioStandInResource implements QuarkusTestResourceLifecycleManager {

    public static final String ACCEPTED = "{\"sid\":\"SM0123456789abcdef0123456789abcdef\",\"status\":\"queued\"}";

    private static RecordingServer twilio;

    public static RecordingServer twilio() {
        return twilio;
    }

    @Override
    public Map<String, String> start() {
        twilio = RecordingServer.start().answer(201, ACCEPTED);
        return Map.of(
                "pharos.notifier.twilio.base-url", twilio.url(""),
                "pharos.notifier.twilio.account-sid", "AC0123456789abcdef0123456789abcdef",
                "pharos.notifier.twilio.auth-token", "outage-test-auth-token-0123",
                "pharos.notifier.twilio.from", "+15005550006");
    }

    @Override
    public void stop() {
        if (twilio != null) {
            twilio.close();
        }
    }
}
