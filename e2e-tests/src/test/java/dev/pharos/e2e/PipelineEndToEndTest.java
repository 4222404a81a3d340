package dev.pharos.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pharos.devstack.AdminApi;
import dev.pharos.devstack.Infrastructure;
import dev.pharos.devstack.Mailbox;
import dev.pharos.devstack.PharosStack;
import dev.pharos.devstack.Ports;
import dev.pharos.devstack.ProjectRoot;
import dev.pharos.devstack.SharedDevstack;
import dev.pharos.devstack.SwitchableTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline as a user runs it: the real broker and database, the three services as separate processes
 * (started by the same code as {@code ./pharos up}), a real HTTP site, and a real SMTP server receiving the alerts.
 */
class PipelineEndToEndTest {

    private static final Duration ALERT_DEADLINE = Duration.ofSeconds(60);

    private static Mailbox mailbox;
    private static SwitchableTarget target;
    private static PharosStack pharos;
    private static AdminApi api;

    @BeforeAll
    static void startPharos() {
        Infrastructure devstack = SharedDevstack.get();
        mailbox = new Mailbox();
        target = new SwitchableTarget();
        pharos = PharosStack.start(devstack, new PharosStack.Options(ProjectRoot.path(),
                Path.of("target", "e2e-pipeline").toAbsolutePath(), Ports.free(), "127.0.0.1", mailbox.port(),
                AdminApi.ADMIN_KEY, Map.of()));
        api = new AdminApi(pharos.apiUrl());
    }

    @AfterAll
    static void stopPharos() {
        if (pharos != null) {
            pharos.close();
        }
        if (target != null) {
            target.close();
        }
        if (mailbox != null) {
            mailbox.close();
        }
    }

    @Test
    void emailsTheOwnerWhenTheSiteGoesDownAndWhenItRecovers() {
        target.answer(200);
        String id = api.createMonitor("E2E shop", target.url(), 10, "owner@example.com").get("id").asText();
        await().atMost(Duration.ofSeconds(40))
                .until(() -> "UP".equals(api.monitor(id).get("status").asText()));

        target.answer(503);
        await().atMost(ALERT_DEADLINE).until(() -> !mailbox.about("E2E shop").isEmpty());
        Mailbox.Mail down = mailbox.about("E2E shop").get(0);
        assertEquals("owner@example.com", down.to());
        assertEquals("[Pharos] DOWN: E2E shop", down.subject());
        assertTrue(down.body().contains(target.url()), down.body());
        assertTrue(down.body().contains("HTTP 503"), down.body());

        target.answer(200);
        await().atMost(ALERT_DEADLINE).until(() -> mailbox.about("E2E shop").size() >= 2);
        assertEquals("[Pharos] RECOVERED: E2E shop", mailbox.about("E2E shop").get(1).subject());
        // Nothing doubled: still exactly one DOWN and one RECOVERED email a few checks later.
        await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(15))
                .until(() -> mailbox.about("E2E shop").size() == 2);
    }

    @Test
    void reportsAClosedPortAsConnectionRefused() {
        String url = "http://127.0.0.1:" + Ports.free() + "/";
        String id = api.createMonitor("E2E closed port", url, 10, "owner@example.com").get("id").asText();

        await().atMost(ALERT_DEADLINE).until(() -> !mailbox.about("E2E closed port").isEmpty());
        Mailbox.Mail down = mailbox.about("E2E closed port").get(0);
        assertEquals("[Pharos] DOWN: E2E closed port", down.subject());
        assertTrue(down.body().contains("CONNECT_REFUSED"), down.body());
        assertTrue(down.body().contains(url), down.body());

        // The admin API's read model consumes the same results on its own; it may trail the email a little.
        await().atMost(Duration.ofSeconds(30)).until(() -> "DOWN".equals(api.monitor(id).get("status").asText()));
        JsonNode monitor = api.monitor(id);
        assertEquals("CONNECT_REFUSED", monitor.get("lastCheck").get("errorKind").asText());
    }

    @Test
    void alertsGoToTheMonitorsSavedChannelAndATestMessageGoesThereToo() {
        String channel = api.post("/api/v1/channels",
                "{\"name\": \"Team mail\", \"kind\": \"email\", \"target\": \"team@example.com\"}", 201)
                .get("id").asText();

        // A test message: asked for through the API, sent by the notifier, its outcome back in the API.
        String test = api.post("/api/v1/channels/" + channel + "/test", null, 202).get("id").asText();
        await().atMost(ALERT_DEADLINE).until(() -> !mailbox.about("Team mail").isEmpty());
        Mailbox.Mail testMail = mailbox.about("Team mail").get(0);
        assertEquals("team@example.com", testMail.to());
        assertEquals("[Pharos] TEST: Team mail", testMail.subject());
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(
                api.get("/api/v1/channels/" + channel + "/tests/" + test).get("status").asText()));
        assertEquals("SENT", api.get("/api/v1/channels/" + channel).get("lastAttempt").get("status").asText());

        // A monitor whose only contact is the saved channel alerts there.
        String closedPort = "http://127.0.0.1:" + Ports.free() + "/";
        String id = api.post("/api/v1/monitors", "{\"name\": \"E2E channel shop\", \"url\": \"" + closedPort
                + "\", \"intervalSeconds\": 10, \"contacts\": [\"" + channel + "\"]}", 201).get("id").asText();
        await().atMost(ALERT_DEADLINE).until(() -> !mailbox.about("E2E channel shop").isEmpty());
        Mailbox.Mail down = mailbox.about("E2E channel shop").get(0);
        assertEquals("team@example.com", down.to());
        assertEquals("[Pharos] DOWN: E2E channel shop", down.subject());
        // The notifier's report of that delivery reaches the monitor's notification history.
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/monitors/" + id + "/notifications")
                .size() == 1);
        JsonNode attempt = api.get("/api/v1/monitors/" + id + "/notifications").get(0);
        assertEquals("SENT", attempt.get("status").asText());
        assertEquals("OPENED", attempt.get("transition").asText());
        assertEquals(channel, attempt.get("channelId").asText());
    }
}
