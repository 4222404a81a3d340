package dev.pharos.notifier.channel;

import dev.pharos.devstack.RecordingServer;
import dev.pharos.notifier.config.NotifierConfig;
import io.vertx.mutiny.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** A Vert.x instance per test class and a fresh provider stand-in per test. */
abstract class HttpChannelTest {

    private static Vertx vertx;
    protected RecordingServer server;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.closeAndAwait();
    }

    @BeforeEach
    void startServer() {
        server = RecordingServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    protected static ProviderClient client(NotifierConfig config) {
        return new ProviderClient(vertx, config);
    }
}
