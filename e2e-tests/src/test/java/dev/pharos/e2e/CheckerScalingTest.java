package dev.pharos.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.HttpMethod;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.junit.jupiter.api.Test;

/**
 * Three checker processes in one consumer group share the partitions of pharos.checks.requested; when one is killed
 * with SIGKILL mid-run, the others take over its partitions and every request still gets a result. The only requests
 * checked twice are the killed checker's: those it had published but not yet committed.
 */
class CheckerScalingTest {

    private static final int REQUESTS = 3000;

    @Test
    void threeCheckersShareTheWorkAndSurviveTheLossOfOne() throws Exception {
        var answered = new AtomicInteger();
        HttpServer target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        target.setExecutor(Executors.newFixedThreadPool(16));
        target.createContext("/", exchange -> {
            answered.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        target.start();
        Path home = Path.of("target", "e2e-scaling").toAbsolutePath();
        var checkers = new ArrayList<ServiceProcess>();
        // A devstack of its own: thousands of results must not become a backlog for the other tests' services.
        try (Devstack infra = Devstack.startTemporary();
             Watchdog watchdog = Watchdog.start(home.resolve("run").resolve("checkers-"
                     + ProcessHandle.current().pid() + ".pids"), List.of())) {
            try {
                runAndKillOne(infra, watchdog, home, checkers, target, answered);
            } finally {
                // the checkers stop before the broker they are connected to
                checkers.forEach(ServiceProcess::close);
            }
        } finally {
            target.stop(0);
        }
    }

    private void runAndKillOne(Devstack infra, Watchdog watchdog, Path home, List<ServiceProcess> checkers,
                               HttpServer target, AtomicInteger answered) {
        for (int i = 1; i <= 3; i++) {
            var env = new HashMap<>(infra.serviceEnvironment());
            env.put("PHAROS_CHECKER_ALLOW_PRIVATE_TARGETS", "true");
            env.put("PHAROS_CHECKER_ID", "checker-" + i);
            checkers.add(ServiceProcess.start("checker-" + i, ProjectRoot.path().resolve(
                    "checker-service/target/quarkus-app/quarkus-run.jar"), List.of("-Xmx256m"), env,
                    Ports.free(), home.resolve("logs").resolve("checker-" + i + ".log"), watchdog));
        }
        for (ServiceProcess checker : checkers) {
            checker.awaitReady(Duration.ofSeconds(120));
        }
        awaitBalanced(infra.kafkaBootstrapServers());

        // Distinct monitor ids spread the requests over all partitions; many requests per target host wait on
        // the per-host limit, so the run lasts long enough to kill a checker in the middle of it.
        String url = "http://127.0.0.1:" + target.getAddress().getPort() + "/";
        Map<String, CheckRequested> requests = new HashMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            UUID monitor = UUID.randomUUID();
            requests.put(monitor.toString(), new CheckRequested(1, UUID.randomUUID(), monitor, url,
                    HttpMethod.HEAD, 5000, "200-399", true, 5, Instant.now(), CheckReason.SCHEDULED));
        }
        Set<UUID> checkIds = new java.util.HashSet<>();
        requests.values().forEach(r -> checkIds.add(r.checkId()));
        var probe = new TopicProbe(infra.kafkaBootstrapServers());
        probe.sendAll(Topics.CHECKS_REQUESTED, requests);

        await().atMost(Duration.ofSeconds(120)).until(() -> answered.get() >= REQUESTS / 4);
        ServiceProcess victim = checkers.get(0);
        victim.kill();
        await().atMost(Duration.ofSeconds(30)).until(() -> !victim.isAlive());

        // Which checkers published a result of each check, noted as the results are counted.
        Map<UUID, Set<String>> checkedBy = new HashMap<>();
        Map<UUID, Integer> results = probe.awaitAll(Topics.CHECKS_COMPLETED, new CheckCompletedDeserializer(),
                result -> {
                    checkedBy.computeIfAbsent(result.checkId(), id -> new HashSet<>()).add(result.checkerId());
                    return result.checkId();
                }, checkIds, Duration.ofSeconds(180));
        assertEquals(REQUESTS, results.size(), "every request got a result");
        List<UUID> duplicated = results.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .toList();
        System.out.printf("checker scaling: %d requests, %d checked more than once (around the kill)%n",
                REQUESTS, duplicated.size());
        for (UUID check : duplicated) {
            // The survivors kept their own partitions (cooperative assignment): a check they both did, or one did
            // twice, would be a duplicate away from the failure.
            Set<String> by = checkedBy.get(check);
            assertTrue(by.contains("checker-1") && by.size() == 2, "check " + check + " was checked by " + by
                    + ": a duplicate not caused by the killed checker-1");
        }
    }

    /**
     * Waits until the group has settled with all three checkers holding all the partitions: requests sent while partitions
     * still move between live checkers could be checked twice for that reason, not the kill's.
     */
    private static void awaitBalanced(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("checker-default"))
                        .describedGroups().get("checker-default").get();
                return group.groupState() == GroupState.STABLE && group.members().size() == 3
                        && group.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty())
                        && group.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum()
                        == Devstack.partitions();
            });
        }
    }
}
