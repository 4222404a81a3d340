package dev.pharos.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.HttpMethod;
import dev.pharos.contracts.Outcome;
import dev.pharos.contracts.Topics;
import dev.pharos.contracts.json.CheckCompletedDeserializer;
import dev.pharos.devstack.Devstack;
import dev.pharos.devstack.Ports;
import dev.pharos.devstack.ProjectRoot;
import dev.pharos.devstack.ServiceProcess;
import dev.pharos.devstack.TopicProbe;
import dev.pharos.devstack.Watchdog;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A checker stopped gracefully (SIGTERM) finishes the checks it is running when they fit in its grace period, and
 * otherwise publishes nothing for them, so another checker checks them: either way every request gets one true
 * result, never a DOWN made up by the shutdown.
 */
class CheckerShutdownTest {

    private final Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();

    @Test
    void aStoppingCheckerFinishesItsChecksOrLeavesThemToAnother() throws Exception {
        // The target answers 200 after the delay in its path, /after/<ms>.
        HttpServer target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        // A slow site: the answer is scheduled for later; no thread waits for it.
        var later = Executors.newScheduledThreadPool(2);
        target.createContext("/after/", exchange -> {
            String delay = exchange.getRequestURI().getPath().substring("/after/".length());
            arrivals.computeIfAbsent(delay, d -> new AtomicInteger()).incrementAndGet();
            later.schedule(() -> {
                try {
                    exchange.sendResponseHeaders(200, -1);
                } catch (java.io.IOException hungUp) {
                    // the checker gave up first
                } finally {
                    exchange.close();
                }
            }, Long.parseLong(delay), TimeUnit.MILLISECONDS);
        });
        target.start();
        Path home = Path.of("target", "e2e-shutdown").toAbsolutePath();
        var checkers = new ArrayList<ServiceProcess>();
        try (Devstack infra = Devstack.startTemporary();
             Watchdog watchdog = Watchdog.start(home.resolve("run").resolve("checkers-"
                     + ProcessHandle.current().pid() + ".pids"), List.of())) {
            try {
                String base = "http://127.0.0.1:" + target.getAddress().getPort() + "/after/";
                var probe = new TopicProbe(infra.kafkaBootstrapServers());

                // 1. Checks that take 3 s, grace 10 s: the stopping checker finishes and publishes them all.
                ServiceProcess patient = start(infra, watchdog, home, checkers, "checker-patient", "10s");
                Map<UUID, CheckRequested> quick = requests(base + "3000", 40);
                probe.sendAll(Topics.CHECKS_REQUESTED, byMonitor(quick));
                await().atMost(Duration.ofSeconds(60)).until(() -> arrived("3000") >= quick.size());
                long stopStarted = System.nanoTime();
                patient.close();
                long stopSeconds = Duration.ofNanos(System.nanoTime() - stopStarted).toSeconds();
                assertFalse(patient.isAlive(), "the checker stopped");
                assertTrue(stopSeconds < 25, "stopped within its grace and Kafka's close: " + stopSeconds + " s");
                Map<UUID, CheckCompleted> finished = results(probe, quick);
                finished.values().forEach(result -> {
                    assertEquals(Outcome.UP, result.outcome(), result.toString());
                    assertEquals("checker-patient", result.checkerId(), "finished by the stopping checker");
                });

                // 2. Checks that take 10 s, grace 1 s: the stopping checker publishes nothing for them; another does.
                ServiceProcess hasty = start(infra, watchdog, home, checkers, "checker-hasty", "1s");
                Map<UUID, CheckRequested> slow = requests(base + "10000", 20);
                probe.sendAll(Topics.CHECKS_REQUESTED, byMonitor(slow));
                await().atMost(Duration.ofSeconds(60)).until(() -> arrived("10000") >= slow.size());
                hasty.close();
                assertFalse(hasty.isAlive(), "the checker stopped");
                start(infra, watchdog, home, checkers, "checker-successor", "10s");
                Map<UUID, CheckCompleted> taken = results(probe, slow);
                taken.values().forEach(result -> {
                    assertEquals(Outcome.UP, result.outcome(), "no DOWN made up by the shutdown: " + result);
                    assertEquals("checker-successor", result.checkerId(), result.toString());
                });
            } finally {
                checkers.forEach(ServiceProcess::close);
            }
        } finally {
            target.stop(0);
            later.shutdownNow();
        }
    }

    private int arrived(String delay) {
        AtomicInteger n = arrivals.get(delay);
        return n == null ? 0 : n.get();
    }

    private static ServiceProcess start(Devstack infra, Watchdog watchdog, Path home, List<ServiceProcess> checkers,
                                        String id, String grace) {
        var env = new HashMap<>(infra.serviceEnvironment());
        env.put("PHAROS_CHECKER_ALLOW_PRIVATE_TARGETS", "true");
        env.put("PHAROS_CHECKER_ID", id);
        // All requests go to one host; let them all run at once.
        env.put("PHAROS_CHECKER_PER_HOST_CONCURRENCY", "100");
        env.put("PHAROS_CHECKER_SHUTDOWN_GRACE", grace);
        ServiceProcess checker = ServiceProcess.start(id, ProjectRoot.path().resolve(
                        "checker-service/target/quarkus-app/quarkus-run.jar"), List.of("-Xmx256m"), env, Ports.free(),
                home.resolve("logs").resolve(id + ".log"), watchdog);
        checkers.add(checker);
        checker.awaitReady(Duration.ofSeconds(120));
        return checker;
    }

    private static Map<UUID, CheckRequested> requests(String url, int count) {
        Map<UUID, CheckRequested> requests = new HashMap<>();
        for (int i = 0; i < count; i++) {
            UUID checkId = UUID.randomUUID();
            var request = new CheckRequested(1, checkId, UUID.randomUUID(), url + "?check=" + checkId, HttpMethod.GET,
                    20_000, "200-399", true, 5, Instant.now(), CheckReason.SCHEDULED);
            requests.put(request.checkId(), request);
        }
        return requests;
    }

    private static Map<String, CheckRequested> byMonitor(Map<UUID, CheckRequested> requests) {
        Map<String, CheckRequested> keyed = new HashMap<>();
        requests.values().forEach(r -> keyed.put(r.monitorId().toString(), r));
        return keyed;
    }

    /** The first result of each of these requests; fails unless every request got one. */
    private static Map<UUID, CheckCompleted> results(TopicProbe probe, Map<UUID, CheckRequested> requests) {
        Map<UUID, Integer> counts = probe.awaitAll(Topics.CHECKS_COMPLETED, new CheckCompletedDeserializer(),
                CheckCompleted::checkId, requests.keySet(), Duration.ofSeconds(90));
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        List<ConsumerRecord<String, CheckCompleted>> records = probe.await(Topics.CHECKS_COMPLETED,
                new CheckCompletedDeserializer(), r -> r.value() != null && requests.containsKey(r.value().checkId()),
                total, Duration.ofSeconds(30));
        Map<UUID, CheckCompleted> first = new HashMap<>();
        records.forEach(r -> first.putIfAbsent(r.value().checkId(), r.value()));
        assertEquals(requests.keySet(), first.keySet(), "every request got a result");
        return first;
    }
}
