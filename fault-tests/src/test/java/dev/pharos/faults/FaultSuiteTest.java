package dev.pharos.faults;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.devstack.Processes;
import dev.pharos.devstack.ProjectRoot;
import dev.pharos.devstack.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The fault suite: {@value FaultStack#MONITORS} monitors every 10 s on the whole system, and each {@link Fault} in
 * turn while one group of {@value FaultStack#GROUP_SIZE} monitors goes through an outage on a fixed timetable:
 * <pre>
 *   t0        the group's site starts answering 503
 *   t0 + 8 s  the fault is injected (and lasts as long as it lasts)
 *   t0 + 30 s the group's site answers 200 again: during a provider's outage, so that both DOWN and RECOVERED wait
 *             for the provider; after the other faults, not before checks have flowed again for 25 s, so that the
 *             outage is surely seen even when the fault cost every check of it
 * </pre>
 * After each fault: every service must be ready again by itself, checks must flow, every slot of every monitor must
 * have been checked except inside the outage window (reported), and the group's outages must each have produced
 * exactly one DOWN and one RECOVERED per channel, in that order, and nothing else anywhere. Doubles are counted
 * again at the end, so a resend after a delivery's lease ran out still counts. Run: {@code ./mvnw verify -Pfaults}.
 */
class FaultSuiteTest {

    private static final Duration FAULT_AT = Duration.ofSeconds(8);
    private static final Duration UP_AT = Duration.ofSeconds(30);
    /** Two intervals and some: a failing site is checked twice, and confirmed, within this. */
    private static final Duration SEEN_FAILING = Duration.ofSeconds(25);
    /** After the site is up again: time for detection, the notifications' retries and a delivery lease (2 min). */
    private static final Duration NOTIFIED_WITHIN = Duration.ofMinutes(3);
    private static final Duration QUIET = Duration.ofSeconds(5);
    private static final Path RESULTS = Path.of("target", "fault-suite.md").toAbsolutePath();

    /**
     * Shorter retries than production's (5 s doubling to 10 min) so a provider's return is noticed within seconds;
     * everything else is the services' default, the 2-minute delivery lease included.
     */
    private static final Map<String, String> NOTIFIER_ENV = Map.of(
            "PHAROS_NOTIFIER_RETRY_INITIAL_BACKOFF", "1s",
            "PHAROS_NOTIFIER_RETRY_MAX_BACKOFF", "5s",
            "PHAROS_NOTIFIER_CIRCUIT_OPEN_FOR", "5s");

    private final ScheduledExecutorService timetable = Executors.newSingleThreadScheduledExecutor();

    static {
        // The SMTP server's threads throw when a killed notifier drops its connection mid-session; that is the fault
        // doing its work, not a failure of the awaited condition (Awaitility would otherwise rethrow it).
        Awaitility.doNotCatchUncaughtExceptionsByDefault();
    }

    @Test
    void pharosKeepsItsPromisesWhileItsOwnPartsFail() {
        Fault[] faults = selected();
        boolean all = faults.length == Fault.values().length;
        Instant started = Instant.now();
        String loadBefore = loadAverage();
        var report = new Report();
        var tallies = new ArrayList<Phase>();
        try (FaultStack stack = FaultStack.start(faults.length, NOTIFIER_ENV)) {
            awaitChecksOfEveryMonitor(stack);
            for (int g = 0; g < faults.length; g++) {
                tallies.add(run(stack, faults[g], g));
                System.out.printf("fault suite: %s done after %d s%n", faults[g].description(),
                        Duration.between(started, Instant.now()).toSeconds());
            }
            // A resend after a lease ran out arrives late: count once more, after a last quiet while.
            awaitQuiet(stack);
            var received = Notifications.received(stack.mailbox, stack.sms);
            var steady = new HashSet<>(stack.monitors.keySet());
            for (Phase phase : tallies) {
                steady.removeAll(phase.group());
                report.add(new Report.Row(phase.fault(), phase.recovery(), phase.readyAgain(), phase.slots(),
                        Notifications.tally(received, phase.group(), phase.group())));
            }
            report.steady(Notifications.tally(received, List.of(), steady));
        } finally {
            timetable.shutdownNow();
        }
        String header = String.format(Locale.ROOT, """
                        Run finished %s UTC on %d cores; load average before: %s, at the end: %s.

                        Command: `./mvnw verify -Pfaults` (the suite itself took %d s; it fails on any shortfall \
                        below: a service not ready again, a check missed beyond the outage window, a notification \
                        lost, doubled, out of order or unexpected).

                        %d monitors every %d s, each with an email and an SMS (Twilio stand-in) channel, three \
                        checkers. For each fault a group of %d monitors' site fails on a timetable: 503 from t0, the \
                        fault at t0 + 8 s, 200 again at t0 + 30 s for the provider outages (so DOWN and RECOVERED \
                        both wait for the provider), else once checks have flowed again for 25 s. *Recovery time*: \
                        from the failed part's start again (for kill -9: the kill; the process is started again at \
                        once, as a supervisor would) until every service answers ready and a check started after it \
                        has its result; for the providers, until every notification held back was accepted. *Checks \
                        missed*: scheduled slots of all %d monitors without a result, inside the outage window (the \
                        fault until recovery plus one interval) and beyond it.""",
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace("T", " ").replace("Z", ""),
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAverage(),
                Duration.between(started, Instant.now()).toSeconds(), FaultStack.MONITORS,
                FaultStack.INTERVAL.toSeconds(), FaultStack.GROUP_SIZE, FaultStack.MONITORS);
        // A run of some faults only is written to target/ alone: bench/RESULTS.md keeps the last run of them all.
        report.write(RESULTS, all ? ProjectRoot.path().resolve("bench").resolve("RESULTS.md") : null, header);
        System.out.println(header + "\n\n" + report.table() + "\n(written to " + RESULTS
                + (all ? " and bench/RESULTS.md)" : ")"));
        assertTrue(report.clean(), "shortfalls:\n" + report.table());
    }

    /**
     * The faults to inject: all of them, or those named (comma-separated, as in {@link Fault}, case ignored) by
     * {@code -Dpharos.faults.only=kill_notifier,sms_down}.
     */
    private static Fault[] selected() {
        String only = System.getProperty("pharos.faults.only", "").trim();
        if (only.isEmpty()) {
            return Fault.values();
        }
        var faults = new ArrayList<Fault>();
        for (String name : only.split(",")) {
            try {
                faults.add(Fault.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pharos.faults.only: no fault '" + name.trim() + "'; the faults: "
                        + Arrays.toString(Fault.values()).toLowerCase(Locale.ROOT), e);
            }
        }
        return faults.toArray(Fault[]::new);
    }

    /** What one fault did, before the final count of notifications. */
    private record Phase(Fault fault, List<String> group, Duration recovery, boolean readyAgain, SlotCheck slots) {
    }

    private Phase run(FaultStack stack, Fault fault, int g) {
        List<String> group = FaultStack.group(g);
        fault.prepare(stack);
        Instant t0 = Instant.now();
        stack.site(g).answer(503);
        if (fault.provider()) {
            // Both DOWN and RECOVERED fall inside the provider's outage.
            timetable.schedule(() -> stack.site(g).answer(200), UP_AT.toMillis(), TimeUnit.MILLISECONDS);
        }
        Processes.pause(FAULT_AT);

        Instant injected = Instant.now();
        Instant back = fault.inject(stack);
        boolean ready = awaitReady(stack);
        Instant readyAt = Instant.now();
        Instant flowing = awaitCheckStartedAfter(stack, back);
        Instant upAt = t0.plus(UP_AT);
        if (!fault.provider()) {
            // Checks missed during the fault may have hidden the failure: the site stays down until it was surely
            // seen failing twice (and confirmed) after the system recovered.
            upAt = latest(upAt, flowing.plus(SEEN_FAILING));
            Duration untilUp = Duration.between(Instant.now(), upAt);
            if (!untilUp.isNegative() && !untilUp.isZero()) {
                Processes.pause(untilUp);
            }
            stack.site(g).answer(200);
        }
        Instant notified = awaitNotified(stack, group, upAt.plus(NOTIFIED_WITHIN));
        Instant whole = latest(readyAt, flowing, fault.provider() ? notified : back);
        awaitQuiet(stack);

        SlotCheck slots = checkSlots(stack, t0, Instant.now().minus(FaultStack.INTERVAL.multipliedBy(2)), injected,
                latest(readyAt, flowing, back).plus(FaultStack.INTERVAL));
        return new Phase(fault, group, Duration.between(back, whole), ready, slots);
    }

    /** Every service answers ready again, none of them restarted by the suite (a killed one was, at once). */
    private static boolean awaitReady(FaultStack stack) {
        try {
            for (ServiceProcess service : stack.services()) {
                service.awaitReady(Duration.ofSeconds(120));
            }
            return true;
        } catch (IllegalStateException e) {
            System.out.println("fault suite: a service did not recover: " + e.getMessage());
            return false;
        }
    }

    /** When a check that started after {@code t} had its result published: checks flow again. */
    private static Instant awaitCheckStartedAfter(FaultStack stack, Instant t) {
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                    stack.completed.catchUp().stream().anyMatch(c -> c.startedAt().isAfter(t)));
        } catch (ConditionTimeoutException e) {
            System.out.println("fault suite: no check completed within 120 s of " + t);
        }
        return Instant.now();
    }

    /** When every monitor of the group had its DOWN and RECOVERED on every channel, or the deadline. */
    private static Instant awaitNotified(FaultStack stack, List<String> group, Instant deadline) {
        try {
            await().atMost(Duration.between(Instant.now(), deadline)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Notifications.complete(Notifications.received(stack.mailbox, stack.sms), group));
        } catch (ConditionTimeoutException e) {
            System.out.println("fault suite: notifications still missing at the deadline " + deadline);
        }
        return Instant.now();
    }

    /** Until nothing more has been received for {@link #QUIET}. */
    private static void awaitQuiet(FaultStack stack) {
        var last = new int[] {-1};
        var changed = new Instant[] {Instant.now()};
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
            int now = Notifications.received(stack.mailbox, stack.sms).size();
            if (now != last[0]) {
                last[0] = now;
                changed[0] = Instant.now();
            }
            return Duration.between(changed[0], Instant.now()).compareTo(QUIET) >= 0;
        });
    }

    /** Every slot of every monitor from {@code from} to {@code to}; results may still be on their way at first. */
    private static SlotCheck checkSlots(FaultStack stack, Instant from, Instant to, Instant outageFrom,
                                        Instant outageTo) {
        var monitors = new HashSet<>(stack.monitors.values());
        var last = new SlotCheck[1];
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                last[0] = SlotCheck.of(stack.requested.catchUp(), stack.completed.catchUp(), monitors,
                        FaultStack.INTERVAL, from, to, outageFrom, outageTo);
                return last[0].missedBeyond() == 0;
            });
        } catch (ConditionTimeoutException e) {
            System.out.println("fault suite: slots missed beyond the outage window: " + last[0]);
        }
        return last[0];
    }

    /** Before the first fault: every monitor has had scheduled checks on its grid, so its slots can be counted. */
    private static void awaitChecksOfEveryMonitor(FaultStack stack) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            var completed = new HashSet<UUID>();
            stack.completed.catchUp().forEach(c -> completed.add(c.checkId()));
            var perMonitor = new HashMap<UUID, Integer>();
            stack.requested.catchUp().stream().filter(r -> completed.contains(r.checkId()))
                    .forEach(r -> perMonitor.merge(r.monitorId(), 1, Integer::sum));
            return stack.monitors.values().stream().allMatch(id -> perMonitor.getOrDefault(id, 0) >= 2);
        });
    }

    private static Instant latest(Instant... instants) {
        Instant latest = instants[0];
        for (Instant i : instants) {
            latest = i.isAfter(latest) ? i : latest;
        }
        return latest;
    }

    /** The 1, 5 and 15 minute load averages. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(" ", fields[0], fields[1], fields[2]);
        } catch (IOException e) {
            return "unknown";
        }
    }
}
