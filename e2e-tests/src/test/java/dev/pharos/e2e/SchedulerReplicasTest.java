package dev.pharos.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.Topics;
import dev.pharos.contracts.json.CheckRequestedDeserializer;
import dev.pharos.devstack.AdminApi;
import dev.pharos.devstack.Devstack;
import dev.pharos.devstack.Ports;
import dev.pharos.devstack.ProjectRoot;
import dev.pharos.devstack.ServiceProcess;
import dev.pharos.devstack.TopicLog;
import dev.pharos.devstack.Watchdog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Two scheduler processes on one database (DESIGN: "any number of replicas, no slot scheduled twice, none lost"),
 * proved by counting slots on {@code pharos.checks.requested}. 200 monitors at 10 s run for about 20 s on both
 * replicas; then one is killed with SIGKILL and the other runs on for about 20 s.
 *
 * <p>What is asserted, per monitor, from its second slot (the first is made at creation, off the grid) to the end of
 * the window less one interval:
 * <ul>
 *   <li>no slot is published twice — except a slot due in the two intervals before the kill, which the killed
 *   replica may have published but not committed: the survivor then publishes it again with the same checkId.
 *   That is the design's at-least-once, recognisable downstream by checkId; such slots are counted and
 *   reported, not failed. A duplicate anywhere else would be two replicas publishing one slot, and fails;</li>
 *   <li>each slot has one checkId and each checkId one slot, so every duplicate is recognisable;</li>
 *   <li>consecutive slots are exactly one interval apart: no gap, also around the kill. A killed replica's row
 *   locks go with its database connections, so the survivor claims those monitors on its next tick, seconds
 *   late; a slot is given up only when it is a whole interval late (see {@code Slots.next}).</li>
 * </ul>
 * Both replicas must have published before the kill ({@code pharos_scheduler_published_total}), so the work was
 * shared, not done by one while the other idled.
 */
class SchedulerReplicasTest {

    private static final int MONITORS = 200;
    private static final int INTERVAL_SECONDS = 10;
    private static final Duration INTERVAL = Duration.ofSeconds(INTERVAL_SECONDS);
    /** How long each phase runs: both replicas, then the survivor. */
    private static final Duration PHASE = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void twoSchedulersNeverPublishASlotTwiceAndTheSurvivorOfAKillMissesNone() throws Exception {
        Path home = Path.of("target", "e2e-scheduler-replicas").toAbsolutePath();
        var schedulers = new ArrayList<ServiceProcess>();
        try (Devstack infra = Devstack.startTemporary();
             Watchdog watchdog = Watchdog.start(home.resolve("run").resolve("schedulers-"
                     + ProcessHandle.current().pid() + ".pids"), List.of())) {
            try {
                run(infra, watchdog, home, schedulers);
            } finally {
                schedulers.forEach(ServiceProcess::close);
            }
        }
    }

    private void run(Devstack infra, Watchdog watchdog, Path home, List<ServiceProcess> schedulers)
            throws Exception {
        // The second starts once the first has migrated the schema and made the admin; both get the same key.
        ServiceProcess first = startScheduler("scheduler-a", infra, watchdog, home);
        schedulers.add(first);
        first.awaitReady(Duration.ofSeconds(120));
        ServiceProcess second = startScheduler("scheduler-b", infra, watchdog, home);
        schedulers.add(second);
        second.awaitReady(Duration.ofSeconds(120));

        Set<UUID> monitors = createMonitors(new AdminApi(first.baseUrl()));
        Instant created = Instant.now();
        try (var log = new TopicLog<>(infra.kafkaBootstrapServers(), Topics.CHECKS_REQUESTED,
                new CheckRequestedDeserializer())) {
            awaitEveryMonitorPublishedFrom(log, monitors, created.plus(PHASE));
            double byFirst = publishedTotal(first);
            double bySecond = publishedTotal(second);
            assertTrue(byFirst > 0 && bySecond > 0,
                    "both replicas publish: " + byFirst + " and " + bySecond + " requests");

            second.kill();
            await().atMost(Duration.ofSeconds(30)).until(() -> !second.isAlive());
            Instant killedAt = Instant.now();
            awaitEveryMonitorPublishedFrom(log, monitors, killedAt.plus(PHASE));
            Instant windowEnd = Instant.now();

            SlotAudit audit = SlotAudit.of(log.catchUp(), monitors, INTERVAL, killedAt, windowEnd);
            System.out.println(audit.summary() + String.format("; before the kill a published %.0f, b %.0f",
                    byFirst, bySecond));
            String problems = audit.summary() + "\n" + String.join("\n", audit.problems());
            assertEquals(0, audit.publishedTwice(), "no slot published twice: " + problems);
            assertEquals(0, audit.checkIdMismatches(), "one checkId per slot: " + problems);
            assertEquals(0, audit.offGrid(), "slots on each monitor's grid: " + problems);
            assertEquals(0, audit.gaps(), "no slot lost: " + problems);
            assertTrue(audit.republishedAfterKill() <= MONITORS,
                    "at most one slot per monitor republished after the kill: " + problems);
            // Sanity: the window is long enough for the assertions above to mean something.
            assertTrue(audit.slots() >= MONITORS * 3, "at least three slots per monitor: " + problems);
        }
    }

    private static ServiceProcess startScheduler(String name, Devstack infra, Watchdog watchdog, Path home) {
        var env = new HashMap<>(infra.serviceEnvironment());
        env.put("PHAROS_SCHEDULER_BOOTSTRAP_ADMIN_KEY", AdminApi.ADMIN_KEY);
        return ServiceProcess.start(name, ProjectRoot.path().resolve(
                        "scheduler-service/target/quarkus-app/quarkus-run.jar"), List.of("-Xmx256m", "-XX:+UseSerialGC"),
                env, Ports.free(), home.resolve("logs").resolve(name + ".log"), watchdog);
    }

    /** Creates the monitors through the API, a few at a time; their URLs are never checked (no checker runs). */
    private static Set<UUID> createMonitors(AdminApi api) throws InterruptedException, ExecutionException {
        var pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<UUID>> creations = IntStream.range(0, MONITORS)
                    .<Callable<UUID>>mapToObj(i -> () -> UUID.fromString(api.createMonitor("ha-" + i,
                            "http://ha-" + i + ".invalid/", INTERVAL_SECONDS, "ops@example.com").get("id").asText()))
                    .toList();
            var ids = new java.util.HashSet<UUID>();
            for (Future<UUID> id : pool.invokeAll(creations)) {
                ids.add(id.get());
            }
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits until every monitor has a slot due at or after {@code t} on the topic. */
    private static void awaitEveryMonitorPublishedFrom(TopicLog<CheckRequested> log, Set<UUID> monitors,
                                                       Instant t) {
        await().atMost(PHASE.plus(Duration.ofSeconds(40))).pollInterval(Duration.ofSeconds(1)).until(() -> {
            Map<UUID, Instant> latest = log.catchUp().stream().collect(Collectors.toMap(CheckRequested::monitorId,
                    CheckRequested::dueAt, (a, b) -> a.isAfter(b) ? a : b));
            return monitors.stream().allMatch(m -> latest.containsKey(m) && !latest.get(m).isBefore(t));
        });
    }

    /** {@code pharos_scheduler_published_total} of one scheduler, from its Prometheus endpoint. */
    private static double publishedTotal(ServiceProcess scheduler) throws IOException, InterruptedException {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(scheduler.baseUrl() + "/q/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode(), metrics.body());
        return metrics.body().lines().filter(l -> l.startsWith("pharos_scheduler_published_total "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }
}
