package dev.pharos.notifier.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.contracts.AlertPolicy;
import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.Contact;
import dev.pharos.contracts.ErrorKind;
import dev.pharos.contracts.HttpMethod;
import dev.pharos.contracts.MonitorSpec;
import dev.pharos.contracts.Outcome;
import dev.pharos.contracts.Topics;
import dev.pharos.devstack.DevstackTestResource;
import dev.pharos.devstack.RecordingServer;
import dev.pharos.devstack.TopicProbe;
import dev.pharos.notifier.GreenMailResource;
import dev.pharos.notifier.TwilioStandInResource;
import dev.pharos.notifier.domain.Delivery;
import dev.pharos.notifier.domain.Transition;
import dev.pharos.notifier.domain.WatchedMonitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.MessagingException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Both providers of a monitor down for a while — the SMTP server gone, the SMS provider (a Twilio stand-in)
 * answering 503 — while its incident opens and resolves. The retries' backoff is shortened by configuration
 * ({@link GreenMailResource}: 200 ms doubling up to 1 s, circuits open for 2 s). Once both are back, each of the four
 * notifications arrives exactly once, DOWN before RECOVERED on each channel: none lost, none doubled, none out of
 * order.
 */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
@WithTestResource(GreenMailResource.class)
@WithTestResource(TwilioStandInResource.class)
class ProviderOutageTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NAME = "outage";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void notificationsQueuedWhileEmailAndSmsAreDownArriveOnceEachWhenTheyReturn() {
        RecordingServer twilio = TwilioStandInResource.twilio();
        UUID monitor = watch(Contact.email("owner@example.com"), new Contact("twilio", "+41791234567", Map.of()));

        GreenMailResource.takeDown();
        twilio.answer(503, "{\"code\":20503,\"message\":\"Service Unavailable\"}");
        try {
            publish(monitor, Outcome.DOWN);
            publish(monitor, Outcome.DOWN);
            publish(monitor, Outcome.UP);
            // Down for a while: both DOWN notifications have failed and been retried at least once, and both
            // RECOVERED ones wait, unattempted, behind the DOWN to the same contact.
            await().atMost(WAIT).until(() -> {
                List<Delivery> deliveries = deliveriesOf(monitor);
                return deliveries.size() == 4 && deliveries.stream().allMatch(d -> d.status == Delivery.Status.PENDING
                        && (d.transition == Transition.OPENED ? d.attempts >= 2 && d.lastError != null
                        : d.attempts == 0));
            });
            assertTrue(twilio.accepted().isEmpty(), "nothing was accepted during the outage");
        } finally {
            GreenMailResource.bringBack();
            twilio.answer(201, TwilioStandInResource.ACCEPTED);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> deliveriesOf(monitor).stream()
                .allMatch(d -> d.status == Delivery.Status.SENT));
        // A delivery is recorded SENT only after its provider accepted it, so every send is counted by now.
        // One of each per channel, DOWN first.
        assertEquals(List.of("[Pharos] DOWN: " + NAME, "[Pharos] RECOVERED: " + NAME), subjects());
        List<String> sms = twilio.accepted().stream().map(ProviderOutageTest::smsBody).toList();
        assertEquals(List.of("DOWN", "RECOVERED"), sms.stream().map(body -> body.startsWith("[Pharos] DOWN: " + NAME)
                ? "DOWN" : body.startsWith("[Pharos] RECOVERED: " + NAME) ? "RECOVERED" : body).toList());
    }

    private UUID watch(Contact... contacts) {
        UUID id = UUID.randomUUID();
        new TopicProbe(bootstrapServers).send(Topics.MONITORS, id.toString(), new MonitorSpec(1, id, NAME,
                "https://" + NAME + ".example/", HttpMethod.HEAD, 60, 10, "200-399", false, AlertPolicy.DEFAULT,
                List.of(contacts), Instant.now()));
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> WatchedMonitor.findById(id) != null));
        return id;
    }

    private void publish(UUID monitorId, Outcome outcome) {
        boolean up = outcome == Outcome.UP;
        new TopicProbe(bootstrapServers).send(Topics.CHECKS_COMPLETED, monitorId.toString(), new CheckCompleted(1,
                UUID.randomUUID(), monitorId, "default", "test", CheckReason.SCHEDULED, "https://x.example/",
                Instant.now(), 12, up ? 200 : 503, outcome, up ? null : ErrorKind.UNEXPECTED_STATUS, null, null, null,
                null));
    }

    private static List<Delivery> deliveriesOf(UUID monitorId) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>find(
                "incidentId in (select i.id from Incident i where i.monitorId = ?1)", monitorId).list());
    }

    private static List<String> subjects() {
        return Arrays.stream(GreenMailResource.greenMail().getReceivedMessages()).map(m -> {
            try {
                return m.getSubject();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).filter(subject -> subject.endsWith(": " + NAME)).toList();
    }

    /** The {@code Body} field of a Twilio Messages request. */
    private static String smsBody(RecordingServer.Received request) {
        return Arrays.stream(request.bodyText().split("&")).filter(field -> field.startsWith("Body="))
                .map(field -> URLDecoder.decode(field.substring(5), StandardCharsets.UTF_8)).findFirst().orElse("");
    }
}
