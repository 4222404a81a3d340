package dev.pharos.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The checker benchmark's settings, from its command line.
 *
 * @param projectRoot  the repository root
 * @param checkerJar   the checker's {@code quarkus-run.jar}
 * @param checks       check requests in the measured batch
 * @param hosts        distinct farm hosts; a multiple of 100 that divides {@code checks}
 * @param warmup       check requests before the measurement, whose results are awaited and not counted
 * @param rounds       measured batches, one after another; the report gives the median one and lists them all
 * @param timeoutMs    each check's timeout
 * @param wrk          the wrk executable
 * @param wrkDuration  how long wrk runs
 * @param wrkThreads   wrk's threads
 * @param wrkConnections wrk's connections
 * @param results      the markdown file whose "Checker throughput" section is replaced, or null for none
 * @param command      the command line to record in the results
 * @param logs         where the broker's, farm's and checker's logs go
 */
record BenchOptions(Path projectRoot, Path checkerJar, int checks, int hosts, int warmup, int rounds, int timeoutMs,
                    String wrk, Duration wrkDuration, int wrkThreads, int wrkConnections, Path results, String command,
                    Path logs) {

    static final String USAGE = """
            usage: CheckerBench [--project-root DIR] [--checker-jar JAR] [--checks N] [--hosts N] [--warmup N] [--rounds N]
                                [--timeout-ms MS] [--wrk PATH] [--wrk-duration SECONDS] [--wrk-threads N]
                                [--wrk-connections N] [--results FILE] [--command TEXT] [--logs DIR]""";

    static BenchOptions parse(String[] args) {
        Path root = Path.of("").toAbsolutePath();
        Path checkerJar = null;
        int checks = 20_000;
        int hosts = 5_000;
        int warmup = 120_000;
        int rounds = 3;
        int timeoutMs = 5_000;
        String wrk = "wrk";
        int wrkSeconds = 15;
        int wrkThreads = 2;
        int wrkConnections = 256;
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
                case "--checker-jar" -> checkerJar = Path.of(value).toAbsolutePath();
                case "--checks" -> checks = Integer.parseInt(value);
                case "--hosts" -> hosts = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--timeout-ms" -> timeoutMs = Integer.parseInt(value);
                case "--wrk" -> wrk = value;
                case "--wrk-duration" -> wrkSeconds = Integer.parseInt(value);
                case "--wrk-threads" -> wrkThreads = Integer.parseInt(value);
                case "--wrk-connections" -> wrkConnections = Integer.parseInt(value);
                case "--results" -> results = Path.of(value).toAbsolutePath();
                case "--command" -> command = value;
                case "--logs" -> logs = Path.of(value).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, not " + rounds);
        }
        if (hosts % 100 != 0 || checks % hosts != 0) {
            throw new IllegalArgumentException("--hosts must be a multiple of 100 that divides --checks (" + checks
                    + "), so that every behaviour gets exactly its share; not " + hosts);
        }
        return new BenchOptions(root,
                checkerJar != null ? checkerJar
                        : root.resolve("checker-service/target/quarkus-app/quarkus-run.jar"),
                checks, hosts, warmup, rounds, timeoutMs, wrk, Duration.ofSeconds(wrkSeconds), wrkThreads, wrkConnections,
                results, command, logs != null ? logs : root.resolve("bench/target/logs"));
    }

    Path wrkScript() {
        return projectRoot.resolve("bench/wrk/head.lua");
    }
}
