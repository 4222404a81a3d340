package dev.pharos.bench;

import dev.pharos.bench.alert.AdminClient;
import dev.pharos.bench.alert.SmtpArrivals;
import dev.pharos.bench.alert.Trial;
import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.IncidentOpened;
import dev.pharos.contracts.Outcome;
import dev.pharos.contracts.Topics;
import dev.pharos.contracts.json.CheckCompletedDeserializer;
import dev.pharos.contracts.json.IncidentEventDeserializer;
import dev.pharos.devstack.Devstack;
import dev.pharos.devstack.PharosStack;
import dev.pharos.devstack.Ports;
import dev.pharos.devstack.Processes;
import dev.pharos.devstack.SwitchableTarget;
import dev.pharos.devstack.TopicProbe;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The time-to-alert benchmark: the whole of Pharos as {@code ./pharos up} runs it (broker, PostgreSQL, the three
 * services with their default settings) and a local SMTP server. Each trial creates a monitor of a local site, breaks
 * the site (503) at a random moment while the monitor is UP and measures until the DOWN email is accepted by the SMTP
 * server; then the site recovers, the RECOVERED email is awaited and the monitor deleted. See bench/README.md.
 */
public final class TimeToAlertBench {

    static final String SECTION = "## Time to alert";
    static final String MONITOR = "time-to-alert";
    static final String ADMIN_KEY = "pharos-bench-admin-key-0123456789";
    private static final Duration EMAIL_DEADLINE = Duration.ofSeconds(120);

    /**
     * @param projectRoot the repository root, whose service builds are started
     * @param trials      how many times the site breaks
     * @param interval    the monitor's interval
     * @param seed        the random waits' seed
     * @param results     the markdown file whose "Time to alert" section is replaced, or null
     * @param command     the command line to record there
     * @param home        logs of the services and the broker
     */
    record Options(Path projectRoot, int trials, int interval, long seed, Path results, String command, Path home) {

        static final String USAGE = "usage: TimeToAlertBench [--project-root DIR] [--trials N] [--interval SECONDS] "
                + "[--seed N] [--results FILE] [--command TEXT] [--home DIR]";

        static Options parse(String[] args) {
            Path root = Path.of("").toAbsolutePath();
            int trials = 20;
            int interval = 10;
            long seed = System.currentTimeMillis();
            Path results = null;
            String command = "";
            Path home = null;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--project-root" -> root = Path.of(value).toAbsolutePath();
                    case "--trials" -> trials = Integer.parseInt(value);
                    case "--interval" -> interval = Integer.parseInt(value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--results" -> results = Path.of(value).toAbsolutePath();
                    case "--command" -> command = value;
                    case "--home" -> home = Path.of(value).toAbsolutePath();
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (trials < 1 || interval < 10) {
                throw new IllegalArgumentException("--trials must be at least 1 and --interval at least 10 s");
            }
            return new Options(root, trials, interval, seed, results, command,
                    home != null ? home : root.resolve("bench/target/time-to-alert"));
        }
    }

    private final Options options;
    private final PrintStream out;

    private TimeToAlertBench(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("time-to-alert: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        try {
            new TimeToAlertBench(options, System.out).run();
        } catch (Exception e) {
            System.err.println("time-to-alert: failed: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private void run() throws Exception {
        Machine machine = Machine.current(); // before anything starts, so the load average is the machine's own
        Processes.deleteTree(options.home());
        Files.createDirectories(options.home());
        step("starting the broker, PostgreSQL, an SMTP server and the three services");
        try (var devstack = Devstack.startTemporary();
             var smtp = SmtpArrivals.start();
             var site = new SwitchableTarget();
             var pharos = PharosStack.start(devstack, new PharosStack.Options(options.projectRoot(), options.home(),
                     Ports.free(), "127.0.0.1", smtp.port(), ADMIN_KEY, Map.of()))) {
            var api = new AdminClient(pharos.apiUrl(), ADMIN_KEY);
            var probe = new TopicProbe(devstack.kafkaBootstrapServers());
            var random = new Random(options.seed());
            var trials = new ArrayList<Trial>();
            long extraDown = 0;
            for (int n = 1; n <= options.trials(); n++) {
                // A new monitor per trial: one that changed state 5 times within 10 minutes would be held back as
                // flapping (the notifier's default), and its alerts with it.
                String name = MONITOR + "-" + n;
                site.answer(200);
                String monitorId = api.createMonitor(name, site.url(), options.interval(), "owner@example.com");
                awaitUp(api, monitorId);
                // The check made at creation is off the monitor's slot grid, and the next slot may come up to 1.5
                // intervals later; from the second check on the slots are one interval apart, as they run for good.
                awaitResults(probe, UUID.fromString(monitorId), 2);
                Duration wait = Duration.ofMillis(random.nextInt(options.interval() * 1000 + 1));
                Thread.sleep(wait.toMillis());
                site.answer(503);
                Instant brokeAt = Instant.now();
                Instant emailAt = smtp.await("[Pharos] DOWN: " + name, 1, EMAIL_DEADLINE).at();
                Trial trial = phases(probe, UUID.fromString(monitorId), n, wait, brokeAt, emailAt);
                trials.add(trial);
                step(String.format("trial %d: waited %.1f s, then alert after %.2f s (slot %.2f + confirmation %.2f "
                                + "+ delivery %.2f)", n, seconds(wait), seconds(trial.timeToAlert()),
                        seconds(trial.slotWait()), seconds(trial.confirmation()), seconds(trial.delivery())));
                site.answer(200);
                smtp.await("[Pharos] RECOVERED: " + name, 1, EMAIL_DEADLINE);
                extraDown += smtp.count("[Pharos] DOWN: " + name) - 1;
                api.deleteMonitor(monitorId);
            }
            String section = new TimeToAlertReport(Instant.now(), machine, options, trials, extraDown).markdown();
            out.println();
            out.println(section);
            if (options.results() != null) {
                ResultsFile.update(options.results(), SECTION, section);
                step("results written to " + options.results());
            }
        }
    }

    private static void awaitUp(AdminClient api, String monitorId) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!"UP".equals(api.status(monitorId))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the monitor was not UP within 60 s");
            }
            Thread.sleep(100);
        }
    }

    private static void awaitResults(TopicProbe probe, UUID monitorId, int count) {
        probe.await(Topics.CHECKS_COMPLETED, new CheckCompletedDeserializer(),
                r -> r.value() != null && r.value().monitorId().equals(monitorId), count, Duration.ofSeconds(60));
    }

    /** When the first failing check started and when the incident opened, from the topics. */
    private static Trial phases(TopicProbe probe, UUID monitorId, int n, Duration wait, Instant brokeAt,
                                Instant emailAt) {
        // One monitor's records share a key, so a partition, and are read in order: the first match is the first.
        CheckCompleted firstFailure = probe.awaitOne(Topics.CHECKS_COMPLETED, new CheckCompletedDeserializer(),
                r -> r.value() != null && r.value().monitorId().equals(monitorId)
                        && r.value().outcome() == Outcome.DOWN && r.timestamp() >= brokeAt.toEpochMilli(),
                Duration.ofSeconds(30)).value();
        var opened = (IncidentOpened) probe.awaitOne(Topics.INCIDENTS, new IncidentEventDeserializer(),
                r -> r.value() instanceof IncidentOpened o && o.monitorId().equals(monitorId)
                        && !o.openedAt().isBefore(brokeAt), Duration.ofSeconds(30)).value();
        return new Trial(n, wait, brokeAt, firstFailure.startedAt(), opened.openedAt(), emailAt);
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private void step(String what) {
        out.printf("[%s] %s%n", Instant.now(), what);
    }
}
