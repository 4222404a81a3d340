package dev.pharos.scheduler.api;

import static dev.pharos.scheduler.api.Api.asAdmin;
import static dev.pharos.scheduler.api.Api.with;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pharos.contracts.ChannelTestRequested;
import dev.pharos.contracts.Contact;
import dev.pharos.contracts.MonitorSpec;
import dev.pharos.contracts.NotificationAttempt;
import dev.pharos.contracts.Topics;
import dev.pharos.contracts.json.ChannelTestRequestedDeserializer;
import dev.pharos.contracts.json.MonitorSpecDeserializer;
import dev.pharos.devstack.DevstackTestResource;
import dev.pharos.devstack.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Channels through the API: validated by kind, secrets written but never returned, used by monitors, tested. */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class ChannelApiTest {

    private static final String SECRET = "whsec-0123456789abcdef";
    private static final String SLACK_URL = "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private static String create(RequestSpecification as, String json) {
        return as.contentType(ContentType.JSON).body(json).post("/api/v1/channels")
                .then().statusCode(201).extract().path("id");
    }

    private static String webhook(RequestSpecification as) {
        return create(as, """
                {"name": "Ops hook", "kind": "webhook", "target": "https://hooks.example.com/pharos",
                 "settings": {"secret": "%s"}}""".formatted(SECRET));
    }

    private static String newOwnerKey() {
        return asAdmin().contentType(ContentType.JSON)
                .body("{\"name\": \"k\", \"ownerName\": \"Channel owner " + UUID.randomUUID() + "\"}")
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("key");
    }

    @Test
    void secretsAreWrittenButNeverReturned() {
        String id = webhook(asAdmin());
        for (var response : new io.restassured.response.ValidatableResponse[] {
                asAdmin().get("/api/v1/channels/" + id).then(), asAdmin().get("/api/v1/channels").then()}) {
            response.statusCode(200);
            assertFalse(response.extract().asString().contains(SECRET), response.extract().asString());
        }
        asAdmin().get("/api/v1/channels/" + id).then()
                .body("kind", equalTo("webhook"))
                .body("target", equalTo("https://hooks.example.com/pharos"))
                .body("settings", not(hasKey("secret")))
                .body("secretSettings", contains("secret"))
                .body("lastAttempt", nullValue());

        // A chat webhook URL is itself a credential: shown as scheme and host only.
        String slack = create(asAdmin(), "{\"name\": \"Slack\", \"kind\": \"slack\", \"target\": \"" + SLACK_URL
                + "\"}");
        String shown = asAdmin().get("/api/v1/channels/" + slack).then().statusCode(200)
                .body("target", equalTo("https://hooks.slack.com/\u2026")).extract().asString();
        assertFalse(shown.contains("XXXXXXXX"), shown);
    }

    @Test
    void aPutThatLeavesOutSecretsKeepsThemAndTheMonitorsSpecCarriesTheChange() {
        String channel = webhook(asAdmin());
        String monitor = asAdmin().contentType(ContentType.JSON)
                .body("{\"name\": \"Uses hook\", \"url\": \"https://example.com/hooked\", \"contacts\": [\"" + channel
                        + "\"]}")
                .post("/api/v1/monitors").then().statusCode(201)
                .body("contacts", contains(channel)).body("contactEmail", nullValue())
                .extract().path("id");
        var probe = new TopicProbe(bootstrapServers);
        MonitorSpec spec = probe.awaitOne(Topics.MONITORS, new MonitorSpecDeserializer(),
                r -> r.key().equals(monitor) && r.value() != null, Duration.ofSeconds(15)).value();
        assertEquals(new Contact("webhook", "https://hooks.example.com/pharos", Map.of("secret", SECRET),
                UUID.fromString(channel)), spec.contacts().get(0));

        asAdmin().contentType(ContentType.JSON)
                .body("{\"name\": \"Renamed hook\", \"kind\": \"webhook\", \"settings\": {}}")
                .put("/api/v1/channels/" + channel).then().statusCode(200)
                .body("name", equalTo("Renamed hook"))
                .body("target", equalTo("https://hooks.example.com/pharos"))
                .body("secretSettings", contains("secret"));
        asAdmin().contentType(ContentType.JSON)
                .body("{\"name\": \"Moved hook\", \"kind\": \"webhook\", \"target\": \"https://new.example.com/h\"}")
                .put("/api/v1/channels/" + channel).then().statusCode(200);
        // The monitor's spec is published again with the new target and the kept secret.
        MonitorSpec changed = probe.awaitOne(Topics.MONITORS, new MonitorSpecDeserializer(),
                r -> r.key().equals(monitor) && r.value() != null
                        && r.value().contacts().get(0).target().equals("https://new.example.com/h"),
                Duration.ofSeconds(15)).value();
        assertEquals(SECRET, changed.contacts().get(0).setting("secret"));

        // Deleting the channel takes it out of the monitor.
        asAdmin().delete("/api/v1/channels/" + channel).then().statusCode(204);
        asAdmin().get("/api/v1/channels/" + channel).then().statusCode(404);
        asAdmin().get("/api/v1/monitors/" + monitor).then().statusCode(200).body("contacts", empty());
        probe.awaitOne(Topics.MONITORS, new MonitorSpecDeserializer(),
                r -> r.key().equals(monitor) && r.value() != null && r.value().contacts().isEmpty(),
                Duration.ofSeconds(15));
    }

    @Test
    void eachKindValidatesItsTargetAndSettingsNamingTheField() {
        String[][] cases = {
                {"{\"name\": \"x\", \"kind\": \"carrier-pigeon\", \"target\": \"roof\"}", "kind"},
                {"{\"name\": \"x\", \"kind\": \"email\", \"target\": \"not an address\"}", "target"},
                {"{\"name\": \"x\", \"kind\": \"email\"}", "target"},
                {"{\"name\": \"x\", \"kind\": \"twilio\", \"target\": \"0791234567\"}", "target"},
                {"{\"name\": \"x\", \"kind\": \"webhook\", \"target\": \"https://h.example.com/\","
                        + " \"settings\": {\"secret\": \"short\"}}", "settings.secret"},
                {"{\"name\": \"x\", \"kind\": \"webhook\", \"target\": \"ftp://h.example.com/\","
                        + " \"settings\": {\"secret\": \"" + SECRET + "\"}}", "target"},
                {"{\"name\": \"x\", \"kind\": \"email\", \"target\": \"a@example.com\","
                        + " \"settings\": {\"colour\": \"red\"}}", "settings"},
                {"{\"name\": \"x\", \"kind\": \"ntfy\", \"target\": \"https://ntfy.sh/\"}", "target"},
                {"{\"name\": \"x\", \"kind\": \"sms-gateway\", \"target\": \"+41791234567\","
                        + " \"settings\": {\"url\": \"https://sms.example.com/send\", \"body\": \"no placeholder\"}}",
                        "settings.body"},
                {"{\"name\": \"\", \"kind\": \"email\", \"target\": \"a@example.com\"}", "name"},
        };
        for (String[] c : cases) {
            asAdmin().contentType(ContentType.JSON).body(c[0]).post("/api/v1/channels")
                    .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                    .body("errors.field", hasItem(c[1]));
        }
        // A refused secret is never echoed.
        String body = asAdmin().contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"kind\": \"webhook\", \"target\": \"https://h.example.com/\","
                        + " \"settings\": {\"secret\": \"tooShortSecret\"}}")
                .post("/api/v1/channels").then().statusCode(400).extract().asString();
        assertFalse(body.contains("tooShortSecret"), body);
        asAdmin().get("/api/v1/channels/kinds").then().statusCode(200)
                .body("kind", hasItem("telegram"))
                .body("find { it.kind == 'webhook' }.secretSettings", contains("secret"));
    }

    @Test
    void aMonitorMayNameOnlyItsOwnersChannels() {
        String ownerKey = newOwnerKey();
        String theirs = webhook(with(ownerKey));
        asAdmin().contentType(ContentType.JSON)
                .body("{\"name\": \"m\", \"url\": \"https://example.com/\", \"contacts\": [\"" + theirs + "\"]}")
                .post("/api/v1/monitors").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("contacts[0]"));
        with(ownerKey).contentType(ContentType.JSON)
                .body("{\"name\": \"m\", \"url\": \"https://example.com/\", \"contacts\": [\"" + UUID.randomUUID()
                        + "\"]}")
                .post("/api/v1/monitors").then().statusCode(400).body("errors.field", contains("contacts[0]"));
        with(ownerKey).contentType(ContentType.JSON)
                .body("{\"name\": \"m\", \"url\": \"https://example.com/\", \"contacts\": [\"" + theirs + "\"]}")
                .post("/api/v1/monitors").then().statusCode(201);
    }

    @Test
    void aTestGoesOutThroughTheTopicAndTheNotifiersReportSettlesIt() {
        String channel = webhook(asAdmin());
        var accepted = asAdmin().post("/api/v1/channels/" + channel + "/test").then().statusCode(202)
                .body("status", equalTo("REQUESTED"))
                .header("Location", containsString("/api/v1/channels/" + channel + "/tests/"))
                .extract();
        String testId = accepted.path("id");
        var probe = new TopicProbe(bootstrapServers);
        ChannelTestRequested request = probe.awaitOne(Topics.CHANNEL_TESTS, new ChannelTestRequestedDeserializer(),
                r -> r.value() != null && r.value().testId().toString().equals(testId), Duration.ofSeconds(15))
                .value();
        assertEquals(channel, request.contact().channelId().toString());
        assertEquals(SECRET, request.contact().setting("secret"));
        assertEquals("Ops hook", request.channelName());

        // What the notifier reports: one failed attempt, then (redelivered twice) the same report.
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var dead = new NotificationAttempt(1, UUID.randomUUID(), UUID.fromString(testId), null, "TEST", "webhook", 1,
                "DEAD", "webhook: HTTP 410 from the receiver", at, UUID.fromString(channel));
        probe.send(Topics.NOTIFICATIONS, channel, dead);
        probe.send(Topics.NOTIFICATIONS, channel, dead);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                asAdmin().get("/api/v1/channels/" + channel + "/tests/" + testId).then().statusCode(200)
                        .body("status", equalTo("DEAD"))
                        .body("error", equalTo("webhook: HTTP 410 from the receiver")));
        asAdmin().get("/api/v1/channels/" + channel).then()
                .body("lastAttempt.status", equalTo("DEAD"))
                .body("lastAttempt.error", equalTo("webhook: HTTP 410 from the receiver"));

        // Another owner cannot see or start tests on this channel.
        String other = newOwnerKey();
        with(other).get("/api/v1/channels/" + channel + "/tests/" + testId).then().statusCode(404);
        with(other).post("/api/v1/channels/" + channel + "/test").then().statusCode(404);
    }
}
