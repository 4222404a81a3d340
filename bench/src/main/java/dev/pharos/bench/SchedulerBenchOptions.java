package dev.pharos.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The scheduler benchmark's settings, from its command line.
 *
 * @param projectRoot       the repository root
 * @param schedulerJar      the scheduler's {@code quarkus-run.jar}
 * @param monitors          monitors to create
 * @param interval          every monitor's interval
 * @param measured          how long the measured window lasts
 * @param chunk             monitors per import request (the API takes bodies up to 256 KB)
 * @param monitorsPerOwner  monitors per owner; each owner imports its own monitors with its own API key
 * @param results           the markdown file whose "Scheduler at ..." section is replaced, or null for none
 * @param command           the command line to record in the results
 * @param logs              where the broker's, database's and scheduler's logs go
 */
record SchedulerBenchOptions(Path projectRoot, Path schedulerJar, int monitors, Duration interval, Duration measured,
                             int chunk, int monitorsPerOwner, Path results, String command, Path logs) {

    static final String USAGE = """
            usage: SchedulerBench [--project-root DIR] [--scheduler-jar JAR] [--monitors N] [--minutes N]
                                  [--interval-seconds N] [--chunk N] [--monitors-per-owner N] [--results FILE]
                                  [--command TEXT] [--logs DIR]""";

    static SchedulerBenchOptions parse(String[] args) {
        Path root = Path.of("").toAbsolutePath();
        Path jar = null;
        int monitors = 100_000;
        int minutes = 10;
        int intervalSeconds = 60;
        int chunk = 2_000;
        int perOwner = 2_000;
        Path results = null;
        String command = "";
        Path logs = null;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--project-root" -> root = Path.of(value).toAbsolutePath();
                case "--scheduler-jar" -> jar = Path.of(value).toAbsolutePath();
                case "--monitors" -> monitors = positive(name, value);
                case "--minutes" -> minutes = positive(name, value);
                case "--interval-seconds" -> intervalSeconds = positive(name, value);
                case "--chunk" -> chunk = positive(name, value);
                case "--monitors-per-owner" -> perOwner = positive(name, value);
                case "--results" -> results = Path.of(value).toAbsolutePath();
                case "--command" -> command = value;
                case "--logs" -> logs = Path.of(value).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (intervalSeconds < 10) {
            throw new IllegalArgumentException("--interval-seconds must be at least 10 (the API's minimum)");
        }
        if (chunk > 2_000) {
            throw new IllegalArgumentException("--chunk must be at most 2000: larger documents pass the API's 256 KB"
                    + " body limit");
        }
        return new SchedulerBenchOptions(root,
                jar != null ? jar : root.resolve("scheduler-service/target/quarkus-app/quarkus-run.jar"),
                monitors, Duration.ofSeconds(intervalSeconds), Duration.ofMinutes(minutes), chunk, perOwner, results,
                command, logs != null ? logs : root.resolve("bench/target/logs/scheduler"));
    }

    private static int positive(String name, String value) {
        int n = Integer.parseInt(value);
        if (n <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
        return n;
    }
}
