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
import dev.pharos.devstack.TopicProbe;
import dev.pharos.devstack.TwilioStandIn;
import dev.pharos.notifier.GreenMailResource;
import dev.pharos.notifier.TwilioStandInResource;
import dev.pharos.notifier.domain.Delivery;
import dev.pharos.notifier.domain.Transition;
import dev.pharos.notifier.domain.WatchedMonitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
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
        TwilioStandIn twilio = TwilioStandInResource.twilio();
        UUID monitor = watch(NAME, Contact.email("owner@example.com"), new Contact("twilio", "+41791234567", Map.of()));

        GreenMailResource.takeDown();
        twilio.takeDown();
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
            assertTrue(sms(NAME).isEmpty(), "nothing was accepted during the outage");
        } finally {
            GreenMailResource.bringBack();
            twilio.bringBack();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> deliveriesOf(monitor).stream()
                .allMatch(d -> d.status == Delivery.Status.SENT));
        // A delivery is recorded SENT only after its provider accepted it, so every send is counted by now.
        // One of each per channel, DOWN first.
        assertEquals(List.of("[Pharos] DOWN: " + NAME, "[Pharos] RECOVERED: " + NAME), subjects());
        assertEquals(List.of("DOWN", "RECOVERED"), sms(NAME).stream().map(body -> body.startsWith(
                "[Pharos] DOWN: " + NAME) ? "DOWN" : body.startsWith("[Pharos] RECOVERED: " + NAME) ? "RECOVERED"
                : body).toList());
    }

    /**
     * Twilio accepted an SMS, then the notifier stopped before recording it SENT: the delivery is left as such a
     * crash leaves it (PENDING, its claim still set, due again). Claimed again, the attempt is unsettled: Twilio's
     * list of messages shows it was accepted, so it is recorded SENT and not sent a second time.
     */
    @Test
    void anSmsAcceptedInAnAttemptWhoseOutcomeWasNotRecordedIsNotSentAgain() {
        String name = "accepted-unrecorded";
        UUID monitor = watch(name, new Contact("twilio", "+41791110001", Map.of()));
        publish(monitor, Outcome.DOWN);
        publish(monitor, Outcome.DOWN);
        await().atMost(WAIT).until(() -> states(monitor).equals(List.of("SENT 1")));
        assertEquals(1, sms(name).size());

        leaveAsACrashWould(monitor);
        await().atMost(WAIT).until(() -> states(monitor).equals(List.of("SENT 2")));
        assertEquals(1, sms(name).size(), "not sent again: " + sms(name));
    }

    /**
     * The other side of the same question: the notifier stopped before its attempt reached Twilio, and while Twilio
     * is down, so the first question fails too. The delivery stays unsettled, is asked about again once Twilio is
     * back, is not found, and is sent: once, not lost.
     */
    @Test
    void anSmsWhoseUnrecordedAttemptNeverReachedTwilioIsSentOnceTwilioAnswers() {
        String name = "unsent-unrecorded";
        TwilioStandIn twilio = TwilioStandInResource.twilio();
        UUID monitor = watch(name, new Contact("twilio", "+41791110002", Map.of()));
        twilio.takeDown();
        try {
            publish(monitor, Outcome.DOWN);
            publish(monitor, Outcome.DOWN);
            await().atMost(WAIT).until(() -> deliveriesOf(monitor).stream().anyMatch(d -> d.lastError != null));
            leaveAsACrashWould(monitor);
            // Asked while Twilio is down: a failed attempt, and still unsettled.
            await().atMost(WAIT).until(() -> deliveriesOf(monitor).stream().allMatch(d -> d.unsettledSince != null
                    && d.claimToken == null && d.lastError != null && d.status == Delivery.Status.PENDING));
            assertTrue(sms(name).isEmpty());
        } finally {
            twilio.bringBack();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> deliveriesOf(monitor).stream()
                .allMatch(d -> d.status == Delivery.Status.SENT && d.unsettledSince == null));
        assertEquals(1, sms(name).size(), "sent once: " + sms(name));
    }

    /**
     * Twilio stores the SMS but answers only after the channel's time limit (2 s here): the send failed, yet the
     * message may have arrived, so the retry asks Twilio's list first, finds it, and records it SENT unsent.
     */
    @Test
    void anSmsTwilioAnsweredTooLateForIsFoundByTheRetryAndNotSentAgain() {
        String name = "answered-late";
        TwilioStandIn twilio = TwilioStandInResource.twilio();
        UUID monitor = watch(name, new Contact("twilio", "+41791110003", Map.of()));
        twilio.answerLate(Duration.ofSeconds(4));
        try {
            publish(monitor, Outcome.DOWN);
            publish(monitor, Outcome.DOWN);
            await().atMost(WAIT).until(() -> deliveriesOf(monitor).stream().anyMatch(d -> d.lastError != null));
        } finally {
            twilio.answerLate(Duration.ZERO);
        }
        await().atMost(WAIT).until(() -> states(monitor).equals(List.of("SENT 2")));
        assertEquals(1, sms(name).size(), "not sent again: " + sms(name));
    }

    /**
     * The monitor's delivery as a notifier killed mid-send leaves it: PENDING, claimed (a claim token no one will
     * record an outcome with) since a second ago, and its lease run out.
     */
    private static void leaveAsACrashWould(UUID monitorId) {
        QuarkusTransaction.requiringNew().run(() -> deliveriesOf(monitorId).forEach(d -> {
            Delivery delivery = Delivery.findById(d.id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
            delivery.status = Delivery.Status.PENDING;
            delivery.claimToken = UUID.randomUUID();
            delivery.claimedAt = Instant.now().minusSeconds(1);
            delivery.nextAttemptAt = Instant.now();
        }));
    }

    /** Each delivery of the monitor as {@code <status> <attempts>}. */
    private static List<String> states(UUID monitorId) {
        return deliveriesOf(monitorId).stream().map(d -> d.status + " " + d.attempts).toList();
    }

    /** The texts of the SMS Twilio accepted about the monitor, oldest first. */
    private static List<String> sms(String name) {
        return TwilioStandInResource.twilio().messages().stream().map(TwilioStandIn.Message::body)
                .filter(body -> body.contains(": " + name + " ")).toList();
    }

    private UUID watch(String name, Contact... contacts) {
        UUID id = UUID.randomUUID();
        new TopicProbe(bootstrapServers).send(Topics.MONITORS, id.toString(), new MonitorSpec(1, id, name,
                "https://" + name + ".example/", HttpMethod.HEAD, 60, 10, "200-399", false, AlertPolicy.DEFAULT,
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
        return Arrays.stream(GreenMailResource.received()).map(m -> {
            try {
                return m.getSubject();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).filter(subject -> subject.endsWith(": " + NAME)).toList();
    }

}
