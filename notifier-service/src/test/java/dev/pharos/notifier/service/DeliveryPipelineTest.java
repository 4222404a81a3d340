package dev.pharos.notifier.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.contracts.AlertPolicy;
import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.Contact;
import dev.pharos.contracts.DeliveryDeadLettered;
import dev.pharos.contracts.ErrorKind;
import dev.pharos.contracts.HttpMethod;
import dev.pharos.contracts.IncidentEvent;
import dev.pharos.contracts.IncidentOpened;
import dev.pharos.contracts.IncidentResolved;
import dev.pharos.contracts.MonitorSpec;
import dev.pharos.contracts.NotificationAttempt;
import dev.pharos.contracts.Outcome;
import dev.pharos.contracts.Topics;
import dev.pharos.contracts.json.DeliveryDeadLetteredDeserializer;
import dev.pharos.contracts.json.EventJson;
import dev.pharos.contracts.json.IncidentEventDeserializer;
import dev.pharos.contracts.json.NotificationAttemptDeserializer;
import dev.pharos.devstack.DevstackTestResource;
import dev.pharos.devstack.RecordingServer;
import dev.pharos.devstack.TopicProbe;
import dev.pharos.notifier.GreenMailResource;
import dev.pharos.notifier.domain.CircuitBreaker;
import dev.pharos.notifier.domain.Delivery;
import dev.pharos.notifier.domain.OutboxEvent;
import dev.pharos.notifier.domain.WatchedMonitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The notifier's outgoing events over the real broker, and delivery lanes and circuit breakers against real
 * providers: a GreenMail SMTP server and local HTTP servers that fail, hang or count calls.
 */
@QuarkusTest
@TestProfile(DeliveryTestProfile.class)
@WithTestResource(DevstackTestResource.class)
@WithTestResource(GreenMailResource.class)
class DeliveryPipelineTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    DeliveryWorker worker;

    private TopicProbe probe() {
        return new TopicProbe(bootstrapServers);
    }

    private UUID watch(String name, Contact... contacts) {
        UUID id = UUID.randomUUID();
        probe().send(Topics.MONITORS, id.toString(), new MonitorSpec(1, id, name, "https://" + name + ".example/",
                HttpMethod.HEAD, 60, 10, "200-399", false, AlertPolicy.DEFAULT, List.of(contacts), Instant.now()));
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> WatchedMonitor.findById(id) != null));
        return id;
    }

    private CheckCompleted check(UUID monitorId, Outcome outcome) {
        boolean up = outcome == Outcome.UP;
        CheckCompleted result = new CheckCompleted(1, UUID.randomUUID(), monitorId, "default", "test",
                CheckReason.SCHEDULED, "https://x.example/", Instant.now(), 12, up ? 200 : 503, outcome,
                up ? null : ErrorKind.UNEXPECTED_STATUS, null, null, null, null);
        probe().send(Topics.CHECKS_COMPLETED, monitorId.toString(), result);
        return result;
    }

    private void goDown(UUID monitorId) {
        check(monitorId, Outcome.DOWN);
        check(monitorId, Outcome.DOWN);
    }

    private static long mailsAbout(String name) {
        return Arrays.stream(GreenMailResource.received()).filter(m -> {
            try {
                return m.getSubject().endsWith(": " + name);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }

    private static List<Delivery> deliveriesOf(UUID monitorId) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>find(
                "incidentId in (select i.id from Incident i where i.monitorId = ?1)", monitorId).list());
    }

    private List<NotificationAttempt> attemptsOf(UUID monitorId, int count) {
        return probe().await(Topics.NOTIFICATIONS, new NotificationAttemptDeserializer(),
                r -> r.value() != null && r.value().monitorId().equals(monitorId), count, WAIT)
                .stream().map(r -> r.value()).toList();
    }

    @Test
    void incidentEventsAndDeliveryAttemptsArePublishedKeyedByMonitor() {
        UUID monitor = watch("events", Contact.email("events@example.com"));
        CheckCompleted firstFailure = check(monitor, Outcome.DOWN);
        check(monitor, Outcome.DOWN);
        await().atMost(WAIT).until(() -> mailsAbout("events") == 1);
        CheckCompleted recovery = check(monitor, Outcome.UP);

        var records = probe().await(Topics.INCIDENTS, new IncidentEventDeserializer(),
                r -> r.value() != null && r.value().monitorId().equals(monitor), 2, WAIT);
        assertEquals(monitor.toString(), records.get(0).key());
        var opened = assertInstanceOf(IncidentOpened.class, records.get(0).value());
        var resolved = assertInstanceOf(IncidentResolved.class, records.get(1).value());
        assertEquals(IncidentEvent.VERSION, opened.v());
        assertEquals(opened.incidentId(), resolved.incidentId());
        assertEquals("HTTP 503", opened.cause());
        assertEquals(503, opened.httpStatus());
        assertEquals(ErrorKind.UNEXPECTED_STATUS, opened.errorKind());
        assertEquals(firstFailure.startedAt().toEpochMilli(), opened.firstFailureAt().toEpochMilli());
        assertEquals("HTTP 503", resolved.cause());
        assertEquals(firstFailure.startedAt().toEpochMilli(), resolved.firstFailureAt().toEpochMilli());
        assertEquals(recovery.startedAt().toEpochMilli(), resolved.resolvedAt().toEpochMilli());
        assertEquals(Duration.between(firstFailure.startedAt(), recovery.startedAt()).toSeconds(),
                resolved.durationSeconds());

        List<NotificationAttempt> attempts = attemptsOf(monitor, 2);
        assertEquals(List.of("OPENED", "RESOLVED"), attempts.stream().map(NotificationAttempt::transition).toList());
        for (NotificationAttempt attempt : attempts) {
            assertEquals(opened.incidentId(), attempt.incidentId());
            assertEquals("email", attempt.channel());
            assertEquals(1, attempt.attempt());
            assertEquals("SENT", attempt.status());
        }
    }

    @Test
    void anEventStoredButNotYetPublishedWhenTheNotifierStoppedIsPublishedLater() {
        // What a crash right after the commit leaves behind: the event stored, never sent.
        UUID monitor = UUID.randomUUID();
        var event = new IncidentOpened(IncidentEvent.VERSION, UUID.randomUUID(), monitor, "DNS", null, ErrorKind.DNS,
                Instant.now(), Instant.now());
        QuarkusTransaction.requiringNew().run(() -> {
            var row = new OutboxEvent();
            row.topic = Topics.INCIDENTS;
            row.recordKey = monitor.toString();
            row.payload = EventJson.writeString(event);
            row.createdAt = Instant.now();
            row.persist();
        });

        var record = probe().awaitOne(Topics.INCIDENTS, new IncidentEventDeserializer(),
                r -> r.value() != null && r.value().monitorId().equals(monitor), WAIT);
        assertEquals(event, record.value());
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> OutboxEvent.count("recordKey", monitor.toString()) == 0));
    }

    @Test
    void aChannelThatAlwaysFailsEndsDeadAndOnTheDeadLetterTopicOncePerDelivery() {
        try (var discord = RecordingServer.start().answer(500, "{\"message\":\"boom\"}")) {
            UUID monitor = watch("doomed", new Contact("discord", discord.url("/api/webhooks/1/secret-token"),
                    Map.of()));
            goDown(monitor);
            await().atMost(WAIT).until(() -> deliveriesOf(monitor).stream()
                    .anyMatch(d -> d.status == Delivery.Status.DEAD));
            check(monitor, Outcome.UP);

            // The resolved notification dies too, after the opened one: its dead letter comes second.
            var deadLetters = probe().await(Topics.NOTIFICATIONS_DLQ, new DeliveryDeadLetteredDeserializer(),
                    r -> r.value() != null && r.value().monitorId().equals(monitor), 2, Duration.ofSeconds(60))
                    .stream().map(r -> r.value()).toList();
            assertEquals(List.of("OPENED", "RESOLVED"),
                    deadLetters.stream().map(DeliveryDeadLettered::transition).toList());
            DeliveryDeadLettered opened = deadLetters.get(0);
            assertEquals("discord", opened.channel());
            assertEquals(4, opened.attempts());
            assertEquals("http://127.0.0.1/…", opened.target(), "the webhook URL holds its token");
            assertTrue(opened.lastError().contains("HTTP 500"), opened.lastError());
            assertFalse(opened.lastError().contains("secret-token"), opened.lastError());
            assertEquals(8, discord.requestCount(), "4 attempts each, none after giving up");

            List<NotificationAttempt> attempts = attemptsOf(monitor, 8);
            assertEquals(List.of(1, 2, 3, 4), attempts.stream().filter(a -> a.transition().equals("OPENED"))
                    .map(NotificationAttempt::attempt).toList());
            assertEquals(List.of("FAILED", "FAILED", "FAILED", "DEAD"), attempts.stream()
                    .filter(a -> a.transition().equals("OPENED")).map(NotificationAttempt::status).toList());
            assertEquals(List.of(Delivery.Status.DEAD, Delivery.Status.DEAD),
                    deliveriesOf(monitor).stream().map(d -> d.status).toList());
        }
    }

    @Test
    void aHangingProviderHoldsOnlyItsOwnLaneAndDelaysNoEmail() {
        try (var slack = RecordingServer.start().hang()) {
            UUID hanging = watch("hanging", new Contact("slack", slack.url("/hook/a"), Map.of()),
                    new Contact("slack", slack.url("/hook/b"), Map.of()),
                    new Contact("slack", slack.url("/hook/c"), Map.of()));
            goDown(hanging);
            for (int i = 0; i < DeliveryTestProfile.SLACK_CONCURRENCY; i++) {
                slack.take(WAIT);
            }
            Instant slackLaneFull = Instant.now();

            UUID other = watch("unhindered", Contact.email("owner@example.com"));
            goDown(other);
            await().atMost(WAIT).until(() -> mailsAbout("unhindered") == 1);

            Duration emailTook = Duration.between(slackLaneFull, Instant.now());
            assertTrue(emailTook.compareTo(Duration.ofSeconds(DeliveryTestProfile.SLACK_TIMEOUT_SECONDS / 2)) < 0,
                    "the email took " + emailTook + " while slack hung");
            assertEquals(DeliveryTestProfile.SLACK_CONCURRENCY, slack.requestCount(),
                    "the third slack delivery waits for a free slot of its lane");
        }
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresCallsNothingWhileOpenAndClosesWhenTheProviderRecovers() {
        try (var ntfy = RecordingServer.start().answer(503, "{\"error\":\"overloaded\"}")) {
            UUID monitor = watch("flaky", new Contact("ntfy", ntfy.url("/flaky-alerts"), Map.of()));
            goDown(monitor);
            for (int i = 0; i < 3; i++) {
                ntfy.take(WAIT);
            }
            CircuitBreaker circuit = worker.circuit("ntfy");
            await().atMost(WAIT).until(() -> circuit.state() == CircuitBreaker.State.OPEN);
            Instant openUntil = circuit.openUntil();
            ntfy.answer(200, "{\"id\":\"ok\"}");

            var probeCall = ntfy.take(WAIT);
            assertFalse(probeCall.at().isBefore(openUntil),
                    "a call at " + probeCall.at() + " while the circuit was open until " + openUntil);
            await().atMost(WAIT).until(() -> deliveriesOf(monitor).stream()
                    .allMatch(d -> d.status == Delivery.Status.SENT));
            assertEquals(CircuitBreaker.State.CLOSED, circuit.state());

            check(monitor, Outcome.UP);
            var recovered = ntfy.take(WAIT);
            assertEquals("default", recovered.header("Priority"));
            assertEquals(5, ntfy.requestCount());
        }
    }
}
