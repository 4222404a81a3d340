package dev.pharos.notifier.service;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Quick delivery and publishing, a circuit that opens after 3 failures, and a slack lane of 2 with a long limit. */
public class DeliveryTestProfile implements QuarkusTestProfile {

    static final int SLACK_CONCURRENCY = 2;
    static final int SLACK_TIMEOUT_SECONDS = 30;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "pharos.notifier.deliver-every", "100ms",
                "pharos.notifier.publish-every", "100ms",
                "pharos.notifier.max-attempts", "4",
                "pharos.notifier.circuit-failure-threshold", "3",
                "pharos.notifier.channel-concurrency.slack", Integer.toString(SLACK_CONCURRENCY),
                "pharos.notifier.channel-timeout.slack", SLACK_TIMEOUT_SECONDS + "s");
    }
}
