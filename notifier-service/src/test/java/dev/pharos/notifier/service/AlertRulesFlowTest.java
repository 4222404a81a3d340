package dev.pharos.notifier.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.contracts.AlertPolicy;
import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.Contact;
import dev.pharos.contracts.ErrorKind;
import dev.pharos.contracts.HttpMethod;
import dev.pharos.contracts.IncidentOpened;
import dev.pharos.contracts.IncidentResolved;
import dev.pharos.contracts.MonitorSpec;
import dev.pharos.contracts.NotificationAttempt;
import dev.pharos.contracts.Outcome;
import dev.pharos.contracts.Topics;
import dev.pharos.contracts.json.CheckRequestedDeserializer;
import dev.pharos.contracts.json.IncidentEventDeserializer;
import dev.pharos.contracts.json.NotificationAttemptDeserializer;
import dev.pharos.devstack.DevstackTestResource;
import dev.pharos.devstack.TopicProbe;
import dev.pharos.notifier.GreenMailResource;
import dev.pharos.notifier.domain.AlertStateMachine;
import dev.pharos.notifier.domain.AlertStatus;
import dev.pharos.notifier.domain.Delivery;
import dev.pharos.notifier.domain.Incident;
import dev.pharos.notifier.domain.MonitorAlert;
import dev.pharos.notifier.domain.MonitorState;
import dev.pharos.notifier.domain.RegionState;
import dev.pharos.notifier.domain.Transition;
import dev.pharos.notifier.domain.WatchedMonitor;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Regions, reminders and the flapping guard over the real broker and PostgreSQL, with what the owner receives by
 * email from a real SMTP server.
 */
@QuarkusTest
@TestProfile(AlertRulesTestProfile.class)
@WithTestResource(DevstackTestResource.class)
@WithTestResource(GreenMailResource.class)
class AlertRulesFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ReminderService reminders;

    @Inject
    AlertService alerts;

    @Inject
    MonitorSpecStore specs;

    @Inject
    AlertSettings settings;

    private TopicProbe probe() {
        return new TopicProbe(bootstrapServers);
    }

    private UUID watch(String name, AlertPolicy policy, List<String> regions, Contact contact, boolean follow,
                       int maxRedirects, Map<String, String> headers) {
        UUID id = UUID.randomUUID();
        probe().send(Topics.MONITORS, id.toString(), new MonitorSpec(1, id, name, "https://" + name + ".example/",
                HttpMethod.HEAD, 60, 10, "200-399", false, policy, List.of(contact), Instant.now(), regions,
                List.of(), follow, maxRedirects, headers));
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> WatchedMonitor.findById(id) != null));
        return id;
    }

    private UUID watch(String name, AlertPolicy policy, List<String> regions) {
        return watch(name, policy, regions, Contact.email(name + "@example.com"), true, 5, Map.of());
    }

    private CheckCompleted check(UUID monitorId, String region, Outcome outcome, Instant startedAt) {
        boolean up = outcome == Outcome.UP;
        var result = new CheckCompleted(1, UUID.randomUUID(), monitorId, region, "test-" + region,
                CheckReason.SCHEDULED, "https://x.example/", startedAt, 12, up ? 200 : 503, outcome,
                up ? null : ErrorKind.UNEXPECTED_STATUS, null, null, null, null);
        probe().send(Topics.CHECKS_COMPLETED, monitorId.toString(), result);
        return result;
    }

    /** Waits until the result's transaction committed: its effects (state, incidents, deliveries) are all stored. */
    private static void awaitApplied(CheckCompleted result) {
        await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(() ->
                ((Number) Panache.getEntityManager()
                        .createNativeQuery("SELECT count(*) FROM processed_check WHERE check_id = :id")
                        .setParameter("id", result.checkId()).getSingleResult()).intValue() == 1));
    }

    private static List<MimeMessage> mailsAbout(String name) {
        return Arrays.stream(GreenMailResource.received())
                .filter(m -> subjectOf(m).endsWith(": " + name)).toList();
    }

    private static List<String> subjectsAbout(String name) {
        return mailsAbout(name).stream().map(AlertRulesFlowTest::subjectOf).toList();
    }

    private static String subjectOf(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitMails(String name, int count) {
        await().atMost(WAIT).until(() -> mailsAbout(name).size() >= count);
    }

    private static List<Delivery> deliveriesOf(UUID monitor) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>find(
                "incidentId in (select i.id from Incident i where i.monitorId = ?1) order by createdAt", monitor)
                .list());
    }

    private static MonitorState stateOf(UUID monitor) {
        return QuarkusTransaction.requiringNew().call(() -> MonitorState.findById(monitor));
    }

    @Test
    void remindersRepeatWhileDownOnceEachAndStopWhenItRecovers() {
        UUID channelId = UUID.randomUUID();
        UUID monitor = watch("remindme", new AlertPolicy(1, 1, 2), List.of("default"),
                new Contact("email", "remindme@example.com", Map.of(), channelId), true, 5, Map.of());

        check(monitor, "default", Outcome.DOWN, Instant.now());
        awaitMails("remindme", 1);
        assertEquals("[Pharos] DOWN: remindme", subjectsAbout("remindme").get(0));
        // A policy minute lasts a second here: a reminder every 2 s.
        await().atMost(WAIT).until(() -> subjectsAbout("remindme").stream()
                .filter(s -> s.equals("[Pharos] STILL DOWN: remindme")).count() >= 2);
        String reminderText = GreenMailResource.textOf(mailsAbout("remindme").get(1));
        assertTrue(reminderText.contains("remindme is STILL DOWN after"), reminderText);

        CheckCompleted recovery = check(monitor, "default", Outcome.UP, Instant.now());
        awaitApplied(recovery);
        assertNull(stateOf(monitor).nextReminderAt, "no reminder planned once it recovered");
        // Even a tick far in the future finds nothing of this monitor due.
        QuarkusTransaction.requiringNew().run(() -> reminders.sendDue(Instant.now().plus(Duration.ofDays(1))));

        await().atMost(WAIT).until(() -> deliveriesOf(monitor).stream()
                .allMatch(d -> d.status == Delivery.Status.SENT));
        List<Delivery> deliveries = deliveriesOf(monitor);
        List<Delivery> reminded = deliveries.stream().filter(d -> d.transition == Transition.REMINDER).toList();
        assertTrue(reminded.size() >= 2, deliveries.toString());
        for (int i = 0; i < reminded.size(); i++) {
            assertTrue(reminded.get(i).idempotencyKey.contains(":REMINDER#" + (i + 1) + ":"),
                    reminded.get(i).idempotencyKey);
        }
        assertEquals(1, deliveries.stream().filter(d -> d.transition == Transition.RESOLVED).count());
        assertEquals(deliveries.size(), mailsAbout("remindme").size(), "one email per delivery, none twice");
        assertEquals(1, subjectsAbout("remindme").stream().filter(s -> s.equals("[Pharos] RECOVERED: remindme"))
                .count());

        assertTrue(deliveries.stream().allMatch(d -> channelId.equals(d.channelId)), "the contact's channel id");
        NotificationAttempt attempt = probe().awaitOne(Topics.NOTIFICATIONS, new NotificationAttemptDeserializer(),
                r -> r.value() != null && monitor.equals(r.value().monitorId()), WAIT).value();
        assertEquals(channelId, attempt.channelId());
    }

    @Test
    void aFlappingMonitorSendsOneFlappingNoticeThenNothingUntilStableThenOneCatchUp() {
        UUID monitor = watch("flappy", new AlertPolicy(1, 1), List.of("default"));
        // Check times a minute apart, half an hour ago: the guard counts changes by when the checks ran.
        Instant base = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MILLIS);

        check(monitor, "default", Outcome.DOWN, base);
        awaitMails("flappy", 1);
        check(monitor, "default", Outcome.UP, base.plus(Duration.ofMinutes(1)));
        awaitMails("flappy", 2);
        check(monitor, "default", Outcome.DOWN, base.plus(Duration.ofMinutes(2)));
        awaitMails("flappy", 3);
        check(monitor, "default", Outcome.UP, base.plus(Duration.ofMinutes(3)));
        awaitMails("flappy", 4);
        String notice = GreenMailResource.textOf(mailsAbout("flappy").get(3));
        assertTrue(notice.contains("changed state 4 times in 10 min"), notice);

        // Held back: changes while flapping, and a result 9 minutes after the last change.
        awaitApplied(check(monitor, "default", Outcome.DOWN, base.plus(Duration.ofMinutes(4))));
        awaitApplied(check(monitor, "default", Outcome.UP, base.plus(Duration.ofMinutes(5))));
        awaitApplied(check(monitor, "default", Outcome.UP, base.plus(Duration.ofMinutes(14))));
        assertTrue(stateOf(monitor).flapping, "still within the window of the last change");
        // Stable for the whole window: the owner, who last heard DOWN, hears it recovered, once.
        check(monitor, "default", Outcome.UP, base.plus(Duration.ofMinutes(15)));
        awaitMails("flappy", 5);
        awaitApplied(check(monitor, "default", Outcome.UP, base.plus(Duration.ofMinutes(16))));

        await().atMost(WAIT).until(() -> deliveriesOf(monitor).stream()
                .allMatch(d -> d.status == Delivery.Status.SENT));
        assertEquals(5, deliveriesOf(monitor).size());
        assertEquals(List.of("[Pharos] DOWN: flappy", "[Pharos] RECOVERED: flappy", "[Pharos] DOWN: flappy",
                "[Pharos] FLAPPING: flappy", "[Pharos] RECOVERED: flappy"), subjectsAbout("flappy"));
        String catchUp = GreenMailResource.textOf(mailsAbout("flappy").get(4));
        assertTrue(catchUp.contains("after 1 min 0 s"), "the latest incident, opened while flapping: " + catchUp);

        MonitorState state = stateOf(monitor);
        assertFalse(state.flapping);
        assertEquals(AlertStatus.UP, state.notifiedStatus);
        // Incidents were still recorded and published while flapping.
        List<Incident> incidents = QuarkusTransaction.requiringNew().call(() ->
                Incident.<Incident>find("monitorId = ?1 order by firstFailureAt", monitor).list());
        assertEquals(3, incidents.size());
        assertTrue(incidents.stream().allMatch(i -> i.resolvedAt != null));
        var events = probe().await(Topics.INCIDENTS, new IncidentEventDeserializer(),
                r -> r.value() != null && monitor.equals(r.value().monitorId()), 6, WAIT);
        assertEquals(3, events.stream().filter(r -> r.value() instanceof IncidentOpened).count());
        assertEquals(3, events.stream().filter(r -> r.value() instanceof IncidentResolved).count());
    }

    @Test
    void withThreeRegionsOneDownRegionOpensNothingAndTwoDo() {
        UUID monitor = watch("regional", AlertPolicy.DEFAULT, List.of("eu", "us", "ap"),
                Contact.email("regional@example.com"), false, 2, Map.of("X-Probe", "pharos"));
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        CheckCompleted euFirst = check(monitor, "eu", Outcome.DOWN, t);
        CheckRequested confirm = probe().awaitOne(Topics.CHECKS_REQUESTED, new CheckRequestedDeserializer(),
                r -> r.value() != null && r.value().monitorId().equals(monitor), WAIT).value();
        assertEquals(CheckReason.CONFIRM, confirm.reason());
        assertEquals(List.of("eu"), confirm.regions(), "confirmed where it failed");
        assertFalse(confirm.followRedirects());
        assertEquals(2, confirm.maxRedirects());
        assertEquals(Map.of("X-Probe", "pharos"), confirm.requestHeaders());

        awaitApplied(check(monitor, "eu", Outcome.DOWN, t.plusSeconds(1)));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Incident.count("monitorId", monitor)),
                "1 of 3 regions down is no incident");
        assertEquals(AlertStatus.DOWN, QuarkusTransaction.requiringNew().call(() -> RegionState.of(monitor))
                .stream().filter(r -> r.region.equals("eu")).findFirst().orElseThrow().status);

        check(monitor, "us", Outcome.DOWN, t.plusSeconds(2));
        check(monitor, "us", Outcome.DOWN, t.plusSeconds(3));
        awaitMails("regional", 1);
        Incident incident = QuarkusTransaction.requiringNew().call(() ->
                Incident.<Incident>find("monitorId", monitor).singleResult());
        assertEquals(euFirst.startedAt(), incident.firstFailureAt, "from the earliest failure of a DOWN region");

        // A region the monitor is not checked from is ignored.
        awaitApplied(check(monitor, "mars", Outcome.UP, t.plusSeconds(4)));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> RegionState.of(monitor)).stream()
                .noneMatch(r -> r.region.equals("mars")));

        check(monitor, "eu", Outcome.UP, t.plusSeconds(5));
        awaitMails("regional", 2);
        assertEquals(List.of("[Pharos] DOWN: regional", "[Pharos] RECOVERED: regional"), subjectsAbout("regional"));
    }

    /**
     * What survives a restart: after every result, the state read back from PostgreSQL in a fresh transaction is
     * exactly the state the plain state machine computes, regions, flapping window and what the owner was told
     * included. (The e2e RestartKeepsDataTest restarts the processes themselves on the same database.)
     */
    @Test
    void afterEveryResultTheStoredStateReadBackIsTheStateMachinesState() {
        UUID id = UUID.randomUUID();
        specs.save(new MonitorSpec(1, id, "kept", "https://kept.example/", HttpMethod.HEAD, 60, 10, "200-399",
                false, new AlertPolicy(1, 1), List.of(Contact.email("kept@example.com")), Instant.now(),
                List.of("eu", "us"), List.of(), true, 5, Map.of()));
        var rules = QuarkusTransaction.requiringNew().call(() -> WatchedMonitor.<WatchedMonitor>findById(id)
                .alertRules(settings.flapping(), settings.reminderMinute()));
        assertEquals(2, rules.quorum());
        Instant base = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        String[][] steps = {{"eu", "DOWN"}, {"us", "DOWN"}, {"eu", "UP"}, {"eu", "DOWN"}, {"us", "UP"},
                {"us", "DOWN"}, {"mars", "DOWN"}, {"eu", "UP"}};
        MonitorAlert expected = MonitorAlert.INITIAL;
        for (int i = 0; i < steps.length; i++) {
            Instant at = base.plus(Duration.ofMinutes(i));
            Outcome outcome = Outcome.valueOf(steps[i][1]);
            var result = new CheckCompleted(1, UUID.randomUUID(), id, steps[i][0], "test", CheckReason.SCHEDULED,
                    "https://kept.example/", at, 12, outcome == Outcome.UP ? 200 : 503, outcome,
                    outcome == Outcome.UP ? null : ErrorKind.UNEXPECTED_STATUS, null, null, null, null);
            alerts.apply(result);
            expected = AlertStateMachine.onResult(expected, rules, steps[i][0], outcome, at, Instant.now()).next();

            MonitorAlert stored = QuarkusTransaction.requiringNew().call(() ->
                    MonitorState.<MonitorState>findById(id).alert(RegionState.of(id)));
            assertEquals(expected, stored, "after step " + i + " " + List.of(steps[i]));
        }
        assertTrue(expected.flapping(), "the sequence reaches the flapping state: " + expected);
        assertEquals(6, expected.changes().size());
    }
}
