package dev.pharos.bench;

import dev.pharos.devstack.KafkaBroker;
import dev.pharos.devstack.Ports;
import dev.pharos.devstack.PostgresServer;
import dev.pharos.devstack.Processes;
import dev.pharos.devstack.ServiceProcess;
import dev.pharos.devstack.TopicSetup;
import dev.pharos.devstack.Watchdog;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scheduler benchmark: a real Kafka broker, a real PostgreSQL and ONE scheduler-service process; monitors created
 * through the admin API's import, then every request on {@code pharos.checks.requested} counted against each
 * monitor's slot grid over a measured window. See bench/README.md.
 */
public final class SchedulerBench {

    static final String SECTION = "## Scheduler at 100,000 monitors";
    private static final int PARTITIONS = 12;

    private final SchedulerBenchOptions options;
    private final PrintStream out;

    private SchedulerBench(SchedulerBenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        SchedulerBenchOptions options;
        try {
            options = SchedulerBenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("scheduler-bench: " + e.getMessage());
            System.err.println(SchedulerBenchOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            new SchedulerBench(options, System.out).run();
        } catch (Exception e) {
            System.err.println("scheduler-bench: failed: " + e.getMessage());
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
        Path home = Files.createTempDirectory("pharos-scheduler-bench-");
        // PostgreSQL may run as 'nobody' and must enter this folder.
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        long self = ProcessHandle.current().pid();
        try (var watchdog = Watchdog.start(home.resolve("run").resolve("bench-" + self + ".pids"), List.of(home));
             var broker = KafkaBroker.start(home.resolve("kafka"), logs.resolve("kafka.log"), 0, watchdog);
             // Durable (fsync on), as ./pharos up runs it: each planner commit is a real one.
             var postgres = PostgresServer.start(home.resolve("postgres"), logs.resolve("postgres.log"), 0, true,
                     watchdog)) {
            step("Kafka broker on " + broker.bootstrapServers() + ", PostgreSQL on " + postgres.jdbcUrl());
            TopicSetup.ensureTopics(broker.bootstrapServers(), PARTITIONS, (short) 1);
            String adminKey = "pharos_bench_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            try (var tap = new RequestTap(broker.bootstrapServers());
                 var scheduler = startScheduler(broker.bootstrapServers(), postgres, adminKey, logs, watchdog)) {
                step("scheduler pid " + scheduler.pid() + " on " + scheduler.baseUrl() + ", JVM options "
                        + String.join(" ", javaOptions()) + ", RSS "
                        + CpuMeter.rssKib(scheduler.pid()) / 1024 + " MiB");
                Instant importStart = Instant.now();
                int created = new MonitorImport(scheduler.baseUrl(), adminKey).createMonitors(options.monitors(),
                        (int) options.interval().toSeconds(), options.chunk(), options.monitorsPerOwner());
                Duration importTime = Duration.between(importStart, Instant.now());
                step(String.format("created %,d monitors through the import API in %.1f s; scheduler RSS %,d MiB,"
                        + " peak %,d MiB", created, importTime.toMillis() / 1000.0,
                        CpuMeter.rssKib(scheduler.pid()) / 1024, CpuMeter.peakRssKib(scheduler.pid()) / 1024));
                if (created != options.monitors()) {
                    throw new IllegalStateException("the API created " + created + " monitors, not "
                            + options.monitors());
                }
                Instant start = settle(tap);
                var window = measure(tap, scheduler, broker, postgres, start);

                var analysis = SlotAnalysis.of(tap.roster(), tap.requests(), window.start(), window.end());
                String section = new SchedulerReport(Instant.now(), machine, options,
                        javaOptions(), importTime, window, analysis, tap.notScheduled(),
                        tap.malformed()).markdown();
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

    /**
     * Waits until every monitor is on {@code pharos.monitors} and has had its first check (made at creation, off
     * its grid); the window starts one interval after the last of those, when every monitor is on its grid and the
     * scheduler's JIT is warm. Slots follow a first check by at least half an interval, so every grid slot from
     * there on is due.
     */
    private Instant settle(RequestTap tap) {
        step("settling: waiting for every monitor's spec and first check");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(15));
        while (tap.rostered() < options.monitors() || tap.monitorsRequested() < options.monitors()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("after 15 minutes only " + tap.rostered() + " specs and "
                        + tap.monitorsRequested() + " first checks of " + options.monitors() + " monitors");
            }
            Processes.pause(Duration.ofMillis(500));
        }
        Instant start = tap.lastFirstRequest().plus(options.interval()).plusMillis(999)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        step("every monitor had its first check by " + tap.lastFirstRequest() + "; the window starts at " + start);
        sleepUntil(start);
        return start;
    }

    /** The measured window: its bounds, the CPU used in it, the scheduler's memory and the load average after. */
    record Window(Instant start, Instant end, CpuMeter.Usage usage, List<CpuMeter.ThreadCpu> busiestThreads,
                  long peakRssKib, long windowPeakRssKib, long rssAtEndKib, String loadAverageAfter) {
    }

    private Window measure(RequestTap tap, ServiceProcess scheduler, KafkaBroker broker, PostgresServer postgres,
                           Instant start) {
        var pids = new LinkedHashMap<String, Long>();
        pids.put("scheduler", scheduler.pid());
        pids.put("Kafka broker", broker.pid());
        pids.put("PostgreSQL (server and backends)", postgres.pid());
        pids.put("bench JVM (consumer)", ProcessHandle.current().pid());
        var meter = new CpuMeter(pids, Set.of("PostgreSQL (server and backends)"));
        var before = meter.sample();
        var threadsBefore = CpuMeter.threads(scheduler.pid());
        long peakBefore = CpuMeter.peakRssKib(scheduler.pid());
        boolean reset = CpuMeter.resetPeakRss(scheduler.pid());
        Instant end = start.plus(options.measured());
        step("measuring until " + end);
        int seen = tap.requestCount();
        for (Instant next = start.plusSeconds(60); next.isBefore(end); next = next.plusSeconds(60)) {
            sleepUntil(next);
            int now = tap.requestCount();
            step(String.format("%,d requests in the last minute; scheduler RSS %,d MiB", now - seen,
                    CpuMeter.rssKib(scheduler.pid()) / 1024));
            seen = now;
        }
        sleepUntil(end);
        var usage = CpuMeter.between(before, meter.sample());
        var busiest = CpuMeter.busiest(threadsBefore, CpuMeter.threads(scheduler.pid()), 6);
        long windowPeak = CpuMeter.peakRssKib(scheduler.pid());
        long rss = CpuMeter.rssKib(scheduler.pid());
        String loadAfter = Machine.current().loadAverage();
        // A slot due just before the end is published a moment later: give it time, then read to the end.
        Processes.pause(Duration.ofSeconds(10));
        tap.catchUp(Duration.ofSeconds(60));
        return new Window(start, end, usage, busiest, Math.max(peakBefore, windowPeak), reset ? windowPeak : -1, rss,
                loadAfter);
    }

    private ServiceProcess startScheduler(String bootstrapServers, PostgresServer postgres, String adminKey,
                                          Path logs, Watchdog watchdog) {
        var env = new LinkedHashMap<String, String>(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER,
                "QUARKUS_DATASOURCE_PASSWORD", PostgresServer.PASSWORD,
                "PHAROS_SCHEDULER_BOOTSTRAP_ADMIN_KEY", adminKey));
        var scheduler = ServiceProcess.start("scheduler-service", options.schedulerJar(),
                javaOptions(), env, Ports.free(), logs.resolve("scheduler-service.log"),
                watchdog);
        try {
            scheduler.awaitReady(Duration.ofSeconds(120));
            return scheduler;
        } catch (RuntimeException e) {
            scheduler.close();
            throw e;
        }
    }

    /**
     * {@code PHAROS_JAVA_OPTS} when set, else a fixed 256 MiB heap and the serial GC. The scheduler's live heap at
     * 100,000 monitors is about 40 MiB (GC log); {@code ./pharos up}'s {@code -Xmx384m} leaves the heap to grow to
     * 384 MiB of garbage, which with ~130 MiB outside the heap (metaspace, code, threads) passes 512 MB of RSS.
     */
    static List<String> javaOptions() {
        String configured = System.getenv("PHAROS_JAVA_OPTS");
        return configured == null || configured.isBlank() ? List.of("-Xms256m", "-Xmx256m", "-XX:+UseSerialGC")
                : List.of(configured.trim().split("\\s+"));
    }

    private static void sleepUntil(Instant when) {
        long ms = Duration.between(Instant.now(), when).toMillis();
        if (ms > 0) {
            Processes.pause(Duration.ofMillis(ms));
        }
    }

    private void step(String what) {
        out.printf("[%s] %s%n", Instant.now(), what);
    }
}
