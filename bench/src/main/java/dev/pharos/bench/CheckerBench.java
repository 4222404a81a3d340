package dev.pharos.bench;

import dev.pharos.bench.farm.FarmHosts;
import dev.pharos.bench.farm.FarmProcess;
import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.contracts.HttpMethod;
import dev.pharos.devstack.KafkaBroker;
import dev.pharos.devstack.Ports;
import dev.pharos.devstack.Processes;
import dev.pharos.devstack.ServiceProcess;
import dev.pharos.devstack.TopicSetup;
import dev.pharos.devstack.Watchdog;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The checker throughput benchmark: a real Kafka broker, the target farm and ONE checker-service process; a batch of
 * check requests published as fast as the broker takes them, timed until every result is on
 * {@code pharos.checks.completed}; then wrk against the same farm as the reference rate. See bench/README.md.
 */
public final class CheckerBench {

    static final String SECTION = "## Checker throughput";
    private static final int PARTITIONS = 12;
    private static final List<String> DEFAULT_CHECKER_JAVA_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC");

    private final BenchOptions options;
    private final PrintStream out;

    /**
     * A batch of check requests, ready to send, and each one's target; every request has a monitor of its own, and
     * the results are keyed by monitor id, so {@code keys} tell when every result has arrived.
     */
    private record Batch(Map<UUID, Targets.Target> targets, Set<String> keys,
                         List<ProducerRecord<String, byte[]>> records) {
    }

    private CheckerBench(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("checker-bench: " + e.getMessage());
            System.err.println(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            new CheckerBench(options, System.out).run();
        } catch (Exception e) {
            System.err.println("checker-bench: failed: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private void run() throws Exception {
        Machine machine = Machine.current(); // before anything starts, so the load average is the machine's own
        Path logs = options.logs();
        Processes.deleteTree(logs);
        Files.createDirectories(logs);
        Path home = Files.createTempDirectory("pharos-bench-");
        long self = ProcessHandle.current().pid();
        try (var watchdog = Watchdog.start(home.resolve("run").resolve("bench-" + self + ".pids"), List.of(home));
             var broker = KafkaBroker.start(home.resolve("kafka"), logs.resolve("kafka.log"), 0, watchdog)) {
            step("Kafka broker on " + broker.bootstrapServers());
            TopicSetup.ensureTopics(broker.bootstrapServers(), PARTITIONS, (short) 1);
            int farmPort = Ports.free();
            int refusedPort = Ports.free(); // nothing listens there
            var targets = new Targets(options.hosts(), farmPort, refusedPort);
            try (var farm = FarmProcess.start(farmPort, machine.cores(), logs.resolve("farm.log"), watchdog);
                 var checker = startChecker(broker.bootstrapServers(), logs, watchdog);
                 var collector = new Collector(broker.bootstrapServers());
                 var publisher = new Publisher(broker.bootstrapServers())) {
                step("target farm on port " + farmPort + " (refused port " + refusedPort + "), checker pid "
                        + checker.pid());

                step("warm-up: " + options.warmup() + " checks, not counted");
                var warmup = batch(options.warmup(), targets);
                publisher.publish(warmup.records());
                // 3 minutes per 10,000 warm-up checks: a cold checker on a busy machine is slow.
                var warmupLimit = Duration.ofMinutes(3).multipliedBy(Math.max(1, options.warmup() / 10_000));
                collector.await(warmup.keys(), warmupLimit);

                var pids = new LinkedHashMap<String, Long>();
                pids.put("checker", checker.pid());
                pids.put("target farm", farm.pid());
                pids.put("Kafka broker", broker.pid());
                pids.put("bench JVM (feeder, collector)", self);
                var meter = new CpuMeter(pids);
                var rounds = new ArrayList<Round>();
                for (int r = 1; r <= options.rounds(); r++) {
                    step("measuring, round " + r + " of " + options.rounds() + ": " + options.checks()
                            + " checks over " + options.hosts() + " hosts");
                    rounds.add(measure(batch(options.checks(), targets), checker, meter, collector, publisher));
                }
                long checkerPeakRssKib = CpuMeter.peakRssKib(checker.pid());

                checker.close(); // wrk gets the machine without an idle checker polling Kafka
                step("wrk against " + targetUrl(farmPort) + " for " + options.wrkDuration().toSeconds() + " s");
                var farmMeter = new CpuMeter(Map.of("target farm", farm.pid()));
                var wrkBefore = farmMeter.sample();
                var wrk = Wrk.run(options.wrk(), options.wrkScript(), options.wrkThreads(), options.wrkConnections(),
                        options.wrkDuration(), targetUrl(farmPort));
                var wrkUsage = CpuMeter.between(wrkBefore, farmMeter.sample());

                String section = new Report(Instant.now(), machine, options, checkerJavaOptions(), rounds,
                        checkerPeakRssKib, wrk, wrkUsage, collector.malformed()).markdown();
                out.println();
                out.println(section);
                if (options.results() != null) {
                    ResultsFile.update(options.results(), SECTION, section);
                    step("results written to " + options.results());
                }
            }
        } finally {
            Processes.deleteTree(home);
        }
    }

    /** One measured batch: what the checker did with it, and what every process spent meanwhile. */
    record Round(Analysis analysis, double publishSeconds, CpuMeter.Usage cpu,
                 List<CpuMeter.ThreadCpu> busiestCheckerThreads) {
    }

    /**
     * Publishes the batch and times it to its last result; then waits 2 s more for duplicates, so that the next round
     * starts on a quiet checker.
     */
    private Round measure(Batch measured, ServiceProcess checker, CpuMeter meter, Collector collector,
                          Publisher publisher) throws Exception {
        var before = meter.sample();
        var checkerThreadsBefore = CpuMeter.threads(checker.pid());
        Instant startWall = Instant.now();
        long start = System.nanoTime();
        publisher.publish(measured.records());
        double publishSeconds = (System.nanoTime() - start) / 1e9;
        var raws = collector.await(measured.keys(), Duration.ofMinutes(5));
        var usage = CpuMeter.between(before, meter.sample());
        var busiestCheckerThreads = CpuMeter.busiest(checkerThreadsBefore, CpuMeter.threads(checker.pid()), 5);
        collector.drain(measured.keys(), Duration.ofSeconds(2), raws);
        var analysis = Analysis.of(measured.targets(), collector.results(raws), start, startWall);
        return new Round(analysis, publishSeconds, usage, busiestCheckerThreads);
    }

    private ServiceProcess startChecker(String bootstrapServers, Path logs, Watchdog watchdog) {
        var env = Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "PHAROS_CHECKER_ALLOW_PRIVATE_TARGETS", "true");
        var checker = ServiceProcess.start("checker-service", options.checkerJar(), checkerJavaOptions(), env,
                Ports.free(), logs.resolve("checker-service.log"), watchdog);
        try {
            checker.awaitReady(Duration.ofSeconds(120));
            return checker;
        } catch (RuntimeException e) {
            checker.close();
            throw e;
        }
    }

    /** As {@code ./pharos up} runs the services: {@code PHAROS_JAVA_OPTS}, else a small heap and the serial GC. */
    static List<String> checkerJavaOptions() {
        String configured = System.getenv("PHAROS_JAVA_OPTS");
        return configured == null || configured.isBlank() ? DEFAULT_CHECKER_JAVA_OPTIONS
                : List.of(configured.trim().split("\\s+"));
    }

    private Batch batch(int count, Targets targets) {
        var byId = new LinkedHashMap<UUID, Targets.Target>();
        var keys = new HashSet<String>();
        var requests = new ArrayList<CheckRequested>(count);
        Instant now = Instant.now();
        for (int n = 0; n < count; n++) {
            var target = targets.forCheck(n);
            var request = new CheckRequested(CheckRequested.VERSION, UUID.randomUUID(), UUID.randomUUID(),
                    target.url(), HttpMethod.HEAD, options.timeoutMs(), "200-399", true, 5, now,
                    CheckReason.SCHEDULED);
            byId.put(request.checkId(), target);
            keys.add(request.monitorId().toString());
            requests.add(request);
        }
        return new Batch(byId, keys, Publisher.records(requests));
    }

    /** Host 0 of the farm, which answers 200. */
    private static String targetUrl(int farmPort) {
        return "http://" + FarmHosts.address(0) + ":" + farmPort + "/";
    }

    private void step(String what) {
        out.printf("[%s] %s%n", Instant.now(), what);
    }
}
