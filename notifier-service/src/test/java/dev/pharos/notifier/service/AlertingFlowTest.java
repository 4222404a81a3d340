package dev.pharos.notifier.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.contracts.AlertPolicy;
import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.Contact;
import dev.pharos.contracts.ErrorKind;
import dev.pharos.contracts.HttpMethod;
import dev.pharos.contracts.MonitorSpec;
import dev.pharos.contracts.Outcome;
import dev.pharos.contracts.Topics;
import dev.pharos.contracts.json.CheckRequestedDeserializer;
import dev.pharos.devstack.Devstack;
import dev.pharos.devstack.DevstackTestResource;
import dev.pharos.devstack.RecordingServer;
import dev.pharos.devstack.SharedDevstack;
import dev.pharos.devstack.TopicProbe;
import dev.pharos.notifier.GreenMailResource;
import dev.pharos.notifier.ProviderStandInResource;
import dev.pharos.notifier.domain.Delivery;
import dev.pharos.notifier.domain.Incident;
import dev.pharos.notifier.domain.WatchedMonitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Specs and results in over the real broker; incidents in PostgreSQL; emails out to a real SMTP server. */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
@WithTestResource(GreenMailResource.class)
@WithTestResource(ProviderStandInResource.class)
class AlertingFlowTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private TopicProbe probe() {
        return new TopicProbe(bootstrapServers);
    }

    private UUID publishMonitor(String name, String email) {
        return publishMonitor(name, Contact.email(email));
    }

    private UUID publishMonitor(String name, Contact contact) {
        UUID id = UUID.randomUUID();
        probe().send(Topics.MONITORS, id.toString(), new MonitorSpec(1, id, name, "https://" + name + ".example/",
                HttpMethod.HEAD, 60, 10, "200-399", false, AlertPolicy.DEFAULT, List.of(contact), Instant.now()));
        return id;
    }

    private static List<Delivery> deliveriesOf(UUID monitor) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>find(
                "incidentId in (select i.id from Incident i where i.monitorId = ?1)", monitor).list());
    }

    private CheckCompleted result(UUID monitorId, Outcome outcome, Integer status) {
        return new CheckCompleted(1, UUID.randomUUID(), monitorId, "default", "test", CheckReason.SCHEDULED,
                "https://x.example/", Instant.now(), 12, status, outcome,
                outcome == Outcome.UP ? null : ErrorKind.UNEXPECTED_STATUS, null, null, null, null);
    }

    private void publish(CheckCompleted result) {
        probe().send(Topics.CHECKS_COMPLETED, result.monitorId().toString(), result);
    }

    private static List<MimeMessage> mailsAbout(String name) {
        return Arrays.stream(GreenMailResource.received())
                .filter(m -> subjectOf(m).endsWith(": " + name))
                .toList();
    }

    private static String subjectOf(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }


    private void awaitSpecKnown(UUID monitorId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> WatchedMonitor.findById(monitorId) != null));
    }

    @Test
    void confirmedFailureOpensAnIncidentAndEmailsOnceThenRecoveryEmails() {
        UUID monitor = publishMonitor("shop", "owner@example.com");
        awaitSpecKnown(monitor);

        CheckCompleted firstFailure = result(monitor, Outcome.DOWN, 503);
        publish(firstFailure);
        CheckRequested confirm = probe().awaitOne(Topics.CHECKS_REQUESTED, new CheckRequestedDeserializer(),
                r -> r.value() != null && r.value().monitorId().equals(monitor), Duration.ofSeconds(20)).value();
        assertEquals(CheckReason.CONFIRM, confirm.reason());
        assertEquals("https://shop.example/", confirm.url());

        CheckCompleted secondFailure = result(monitor, Outcome.DOWN, 503);
        publish(secondFailure);
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsAbout("shop").size() == 1);
        MimeMessage down = mailsAbout("shop").get(0);
        assertEquals("[Pharos] DOWN: shop", subjectOf(down));
        String body = GreenMailResource.textOf(down);
        assertTrue(body.contains("https://shop.example/"), body);
        assertTrue(body.contains("HTTP 503"), body);

        // Redelivered and further failures while down change nothing.
        publish(secondFailure);
        publish(result(monitor, Outcome.DOWN, 503));
        publish(result(monitor, Outcome.UP, 200));
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsAbout("shop").size() == 2);
        assertEquals("[Pharos] RECOVERED: shop", subjectOf(mailsAbout("shop").get(1)));

        Incident incident = QuarkusTransaction.requiringNew().call(() ->
                Incident.<Incident>find("monitorId", monitor).singleResult());
        assertEquals("HTTP 503", incident.cause);
        assertEquals(firstFailure.startedAt().toEpochMilli(), incident.firstFailureAt.toEpochMilli());
        assertTrue(incident.resolvedAt != null);
    }

    @Test
    void aMalformedSpecIsSkippedWithoutForgettingTheMonitor() {
        UUID monitor = publishMonitor("blog", "owner@example.com");
        awaitSpecKnown(monitor);
        probe().sendRaw(Topics.MONITORS, monitor.toString(), "{\"v\":1,\"name\":".getBytes());
        // The same key, so the same partition: once this rename is applied, the malformed record was consumed.
        probe().send(Topics.MONITORS, monitor.toString(), new MonitorSpec(1, monitor, "blog-renamed",
                "https://blog.example/", HttpMethod.HEAD, 60, 10, "200-399", false, AlertPolicy.DEFAULT,
                List.of(Contact.email("owner@example.com")), Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                "blog-renamed".equals(WatchedMonitor.<WatchedMonitor>findById(monitor).name)));

        publish(result(monitor, Outcome.DOWN, 500));
        publish(result(monitor, Outcome.DOWN, 500));

        await().atMost(Duration.ofSeconds(20)).until(() -> mailsAbout("blog-renamed").size() == 1);
    }

    @Test
    void resultsThatArriveWhileTheDatabaseIsDownAreAppliedWhenItIsBack() {
        UUID monitor = publishMonitor("shop-db", "owner@example.com");
        awaitSpecKnown(monitor);
        var postgres = ((Devstack) SharedDevstack.get()).postgres();
        postgres.stop();
        try {
            publish(result(monitor, Outcome.DOWN, 500));
            publish(result(monitor, Outcome.DOWN, 500));
        } finally {
            postgres.start();
        }
        await().atMost(Duration.ofSeconds(40)).until(() -> mailsAbout("shop-db").size() == 1);
        assertEquals("[Pharos] DOWN: shop-db", subjectOf(mailsAbout("shop-db").get(0)));
    }

    @Test
    void anEmailThatCannotBeSentIsRetriedUntilTheServerIsBack() {
        UUID monitor = publishMonitor("api", "owner@example.com");
        awaitSpecKnown(monitor);
        GreenMailResource.takeDown();
        try {
            publish(result(monitor, Outcome.DOWN, 502));
            publish(result(monitor, Outcome.DOWN, 502));
            await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                    Delivery.<Delivery>find("status = ?1 and attempts >= 2 and incidentId in "
                                    + "(select i.id from Incident i where i.monitorId = ?2)",
                            Delivery.Status.PENDING, monitor).stream().anyMatch(d -> d.lastError != null)));
        } finally {
            GreenMailResource.bringBack();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsAbout("api").size() == 1);
        assertEquals("[Pharos] DOWN: api", subjectOf(mailsAbout("api").get(0)));
    }

    @Test
    void aWebhookContactsSecretTravelsWithTheDeliveryAndSignsTheEvent() throws Exception {
        String secret = "flow-secret-0123456789";
        try (var receiver = RecordingServer.start()) {
            UUID monitor = publishMonitor("hooked", new Contact("webhook", receiver.url("/pharos"),
                    Map.of("secret", secret)));
            awaitSpecKnown(monitor);
            publish(result(monitor, Outcome.DOWN, 500));
            publish(result(monitor, Outcome.DOWN, 500));

            var request = receiver.take(Duration.ofSeconds(20));
            assertEquals("/pharos", request.path());
            assertEquals("incident.opened", request.header("X-Pharos-Event"));
            assertTrue(request.bodyText().contains("\"name\":\"hooked\""), request.bodyText());
            assertTrue(request.bodyText().contains("\"monitor\":{\"id\":\"" + monitor + "\""), request.bodyText());
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            assertEquals("sha256=" + HexFormat.of().formatHex(mac.doFinal(request.body())),
                    request.header("X-Pharos-Signature"));
            await().atMost(Duration.ofSeconds(20)).until(() -> deliveriesOf(monitor).stream()
                    .anyMatch(d -> d.status == Delivery.Status.SENT));
        }
    }

    @Test
    void aFailedTelegramDeliveryRecordsTheRefusalButNeverTheBotToken() {
        String token = "555000111:AAH-flow_secret_token_abcdefghijkl";
        UUID monitor = publishMonitor("chatty", new Contact("telegram", "-100777", Map.of("bot-token", token)));
        awaitSpecKnown(monitor);
        publish(result(monitor, Outcome.DOWN, 500));
        publish(result(monitor, Outcome.DOWN, 500));

        await().atMost(Duration.ofSeconds(20)).until(() -> deliveriesOf(monitor).stream()
                .anyMatch(d -> d.lastError != null && d.attempts >= 2));
        Delivery delivery = deliveriesOf(monitor).get(0);
        assertTrue(delivery.lastError.startsWith("ChannelException: telegram: HTTP 401 from 127.0.0.1"),
                delivery.lastError);
        // The stand-in repeats the path /bot<token>/sendMessage in its answer; it must not reach the database.
        assertTrue(delivery.lastError.contains("(for ***)"), delivery.lastError);
        assertFalse(delivery.lastError.contains(token), delivery.lastError);
        assertFalse(delivery.lastError.contains("AAH-flow"), delivery.lastError);
    }

    @Test
    void aContactNoChannelCanServeQueuesNothing() {
        UUID monitor = publishMonitor("unreachable", new Contact("webhook", "ftp://example.com/hook",
                Map.of("secret", "0123456789abcdef")));
        awaitSpecKnown(monitor);
        publish(result(monitor, Outcome.DOWN, 500));
        publish(result(monitor, Outcome.DOWN, 500));

        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                Incident.count("monitorId", monitor) == 1));
        assertEquals(List.of(), deliveriesOf(monitor));
    }
}
