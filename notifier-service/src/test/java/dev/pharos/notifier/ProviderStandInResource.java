package dev.pharos.notifier;

import dev.pharos.devstack.RecordingServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A Telegram stand-in for the notifier under test: a real HTTP server that refuses every message with 401 and, as a
 * careless provider might, repeats the request's path (which holds the bot token) in its answer.
 */
public class ProviderStandInResource implements QuarkusTestResourceLifecycleManager {

    private static RecordingServer telegram;

    public static RecordingServer telegram() {
        return telegram;
    }

    @Override
    public Map<String, String> start() {
        telegram = RecordingServer.start().answer(401, "{\"ok\":false,\"description\":\"Unauthorized\"}")
                .echoPath();
        return Map.of("pharos.notifier.telegram.base-url", telegram.url(""));
    }

    @Override
    public void stop() {
        if (telegram != null) {
            telegram.close();
        }
    }
}
