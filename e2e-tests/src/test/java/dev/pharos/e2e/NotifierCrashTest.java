package dev.pharos.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.devstack.AdminApi;
import dev.pharos.devstack.Infrastructure;
import dev.pharos.devstack.Mailbox;
import dev.pharos.devstack.PharosStack;
import dev.pharos.devstack.Ports;
import dev.pharos.devstack.ProjectRoot;
import dev.pharos.devstack.ServiceProcess;
import dev.pharos.devstack.SharedDevstack;
import dev.pharos.devstack.SwitchableTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notifier killed at its crash points, on the real stack: the three services as processes, the real broker and
 * database, a real HTTP site and a real SMTP server. Each test restarts the notifier with a fault point armed
 * ({@code pharos.notifier.fault.halt-at}: the JVM halts with exit code 137 there, as {@code kill -9} would), lets a
 * monitor go down, waits for the halt, starts the notifier again without the fault and counts what the owner gets.
 * The notifier runs with its email journal on (a mailbox on the same server, read over IMAP; not counted as the
 * owner's).
 */
class NotifierCrashTest {

    private static final String NOTIFIER = "notifier-service";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Mailbox mailbox;
    private static PharosStack pharos;
    private static AdminApi api;
    private static NotifierTables tables;

    private final List<String> monitors = new ArrayList<>();
    private final List<SwitchableTarget> sites = new ArrayList<>();

    @BeforeAll
    static void startPharos() {
        Infrastructure devstack = SharedDevstack.get();
        mailbox = Mailbox.withJournal();
        pharos = PharosStack.start(devstack, new PharosStack.Options(ProjectRoot.path(),
                Path.of("target", "e2e-notifier-crash").toAbsolutePath(), Ports.free(), "127.0.0.1", mailbox.port(),
                AdminApi.ADMIN_KEY, Map.of(NOTIFIER, mailbox.journalEnvironment())));
        api = new AdminApi(pharos.apiUrl());
        tables = new NotifierTables(devstack);
    }

    @AfterAll
    static void stopPharos() {
        if (pharos != null) {
            pharos.close();
        }
        if (mailbox != null) {
            mailbox.close();
        }
    }

    /**
     * (a) The result that opens the incident is stored with its queued email, then the notifier dies before sending
     * it and before acknowledging the result. After the restart the email goes out once, and the redelivered result
     * queues nothing more.
     */
    @Test
    void anAlertStoredButNotSentIsSentOnceAfterTheRestart() {
        SwitchableTarget site = site();
        // No delivery tick during this run, so nothing is sent between the commit and the halt.
        Halt halt = crashAt("after-state-stored", Map.of("PHAROS_NOTIFIER_DELIVER_EVERY", "1h"), site,
                "crash stored");
        assertEquals(List.of(), mailbox.about("crash stored"), "nothing sent before the crash");
        assertEquals(List.of("OPENED PENDING 0"), tables.deliveries(halt.monitorId()));
        assertTrue(tables.committedOffset(halt.partition()) <= halt.offset(), "the result was not committed");

        restartNotifier(Map.of());
        await().atMost(WAIT).until(() -> tables.committedOffset(halt.partition()) > halt.offset());
        await().atMost(WAIT).until(() -> mailbox.about("crash stored").size() == 1);
        assertEquals("[Pharos] DOWN: crash stored", mailbox.about("crash stored").get(0).subject());

        recoverOnce(site, halt, "crash stored");
    }

    /**
     * (b) The alert is sent and recorded SENT, then the notifier dies before the result that opened the incident is
     * acknowledged. After the restart that result is consumed again and changes nothing: no second email.
     */
    @Test
    void aResultRedeliveredAfterItsAlertWasSentSendsNothingMore() {
        SwitchableTarget site = site();
        Halt halt = crashAt("after-delivery-recorded", Map.of(), site, "crash sent");
        assertEquals(1, mailbox.about("crash sent").size(), "sent once before the crash");
        assertEquals(List.of("OPENED SENT 1"), tables.deliveries(halt.monitorId()));
        assertTrue(tables.committedOffset(halt.partition()) <= halt.offset(), "the result was not committed");

        restartNotifier(Map.of());
        // Consumed again (the new notifier commits past it), and for a while after that nothing more is sent.
        await().atMost(WAIT).until(() -> tables.committedOffset(halt.partition()) > halt.offset());
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() ->
                mailbox.about("crash sent").size() == 1
                        && tables.deliveries(halt.monitorId()).equals(List.of("OPENED SENT 1")));

        recoverOnce(site, halt, "crash sent");
    }

    /**
     * (c) The SMTP server accepted the alert, then the notifier died before recording it SENT. The claim's lease runs
     * out; the restarted notifier finds the email's Message-ID in the journal and records it SENT on attempt 2
     * without sending it again. (Without a journal it is sent again, with the same Message-ID, derived from the
     * delivery's idempotency key, so a receiver can drop the copy: EmailChannelTest shows the Message-ID kept.)
     */
    @Test
    void anAlertAcceptedButNotRecordedIsFoundInTheJournalAndNotSentAgain() {
        SwitchableTarget site = site();
        Halt halt = crashAt("after-provider-accepted", Map.of("PHAROS_NOTIFIER_DELIVERY_LEASE", "2s"), site,
                "crash accepted");
        await().atMost(WAIT).until(() -> !mailbox.about("crash accepted").isEmpty());
        assertEquals(1, mailbox.about("crash accepted").size(), "accepted once before the crash");
        assertEquals(List.of("OPENED PENDING 1"), tables.deliveries(halt.monitorId()), "claimed, not recorded");
        String messageId = mailbox.about("crash accepted").get(0).messageId();
        assertTrue(messageId.endsWith("@pharos>"), messageId);
        assertEquals(1, mailbox.journal().stream().filter(m -> m.messageId().equals(messageId)).count(),
                "the journal's copy");

        restartNotifier(Map.of());
        await().atMost(WAIT).until(() -> tables.deliveries(halt.monitorId()).equals(List.of("OPENED SENT 2")));
        // A second email would have reached the server before SENT was recorded.
        assertEquals(1, mailbox.about("crash accepted").size(), "not sent again: " + mailbox.about("crash accepted"));
    }

    /** A site of this test, closed after it. */
    private SwitchableTarget site() {
        var site = new SwitchableTarget();
        sites.add(site);
        return site;
    }

    /**
     * Monitors are deleted before their sites close, so no test leaves one behind whose next check could raise an
     * incident in a later test's armed notifier.
     */
    @AfterEach
    void deleteMonitorsThenCloseSites() {
        monitors.forEach(api::deleteMonitor);
        sites.forEach(SwitchableTarget::close);
    }

    /**
     * Starts the notifier with the fault point armed, creates a monitor of a failing site, and waits until the
     * notifier halted there.
     */
    private Halt crashAt(String point, Map<String, String> moreEnv, SwitchableTarget site, String name) {
        var env = new HashMap<>(moreEnv);
        env.put("PHAROS_NOTIFIER_FAULT_HALT_AT", point);
        ServiceProcess notifier = restartNotifier(env);
        long logFrom = Halt.logSize(notifier.logFile());

        site.answer(503);
        String monitorId = api.createMonitor(name, site.url(), 10, "owner@example.com").get("id").asText();
        monitors.add(monitorId);
        await().atMost(WAIT).until(() -> !notifier.isAlive());
        assertEquals(137, notifier.exitCode().orElseThrow(), "halted at the fault point, not crashed otherwise");
        Halt halt = Halt.read(notifier.logFile(), logFrom, point);
        assertEquals(monitorId, halt.monitorId().toString(), "halted on this monitor's result");
        return halt;
    }

    /** Starts the notifier again with its journal on and {@code env}. */
    private static ServiceProcess restartNotifier(Map<String, String> env) {
        var all = new HashMap<>(mailbox.journalEnvironment());
        all.putAll(env);
        return pharos.restart(NOTIFIER, all);
    }

    /** The site recovers: exactly one RECOVERED email follows the one DOWN email, and nothing else. */
    private static void recoverOnce(SwitchableTarget site, Halt halt, String name) {
        site.answer(200);
        await().atMost(WAIT).until(() -> mailbox.about(name).size() >= 2);
        await().atMost(WAIT).until(() -> tables.deliveries(halt.monitorId())
                .equals(List.of("OPENED SENT 1", "RESOLVED SENT 1")));
        List<String> subjects = mailbox.about(name).stream().map(Mailbox.Mail::subject).toList();
        assertEquals(List.of("[Pharos] DOWN: " + name, "[Pharos] RECOVERED: " + name), subjects);
    }
}
