package dev.pharos.notifier;

import dev.pharos.devstack.TwilioStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A Twilio stand-in for the notifier under test ({@link TwilioStandIn}: a real HTTP server keeping the messages it
 * accepted, listable as Twilio's are), with its test account. It accepts every message until a test takes it down.
 */
public class TwilioStandInResource implements QuarkusTestResourceLifecycleManager {

    private static TwilioStandIn twilio;

    public static TwilioStandIn twilio() {
        return twilio;
    }

    @Override
    public Map<String, String> start() {
        twilio = TwilioStandIn.start();
        return Map.of(
                "pharos.notifier.twilio.base-url", twilio.baseUrl(),
                "pharos.notifier.twilio.account-sid", TwilioStandIn.ACCOUNT_SID,
                "pharos.notifier.twilio.auth-token", TwilioStandIn.AUTH_TOKEN,
                "pharos.notifier.twilio.from", TwilioStandIn.FROM,
                // short, so a test of a late answer stays short
                "pharos.notifier.channel-timeout.twilio", "2s");
    }

    @Override
    public void stop() {
        if (twilio != null) {
            twilio.close();
        }
    }
}
