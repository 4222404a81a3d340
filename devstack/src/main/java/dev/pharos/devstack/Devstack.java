package dev.pharos.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The embedded infrastructure: a real Kafka broker and a real PostgreSQL on free loopback ports, created with the
 * Pharos topics. Folders under {@code home}: {@code kafka/}, {@code postgres/}, {@code logs/}, {@code run/}.
 * A temporary devstack deletes its home when closed, and its watchdog does so when this JVM dies.
 */
public final class Devstack implements Infrastructure {

    /** Partitions per topic unless {@code PHAROS_PARTITIONS} says otherwise. */
    public static final int DEFAULT_PARTITIONS = 12;

    private final Path home;
    private final boolean temporary;
    private final Watchdog watchdog;
    private final KafkaBroker kafka;
    private final PostgresServer postgres;

    private Devstack(Path home, boolean temporary, Watchdog watchdog, KafkaBroker kafka, PostgresServer postgres) {
        this.home = home;
        this.temporary = temporary;
        this.watchdog = watchdog;
        this.kafka = kafka;
        this.postgres = postgres;
    }

    /** A throw-away devstack in a new temporary folder, as the tests use. */
    public static Devstack startTemporary() {
        try {
            Path home = Files.createTempDirectory("pharos-devstack-");
            // PostgreSQL may run as 'nobody' and must enter this folder.
            Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
            return start(home, true, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder", e);
        }
    }

    /** A devstack whose data stays in {@code home} across restarts, as {@code ./pharos up} uses. */
    public static Devstack startPersistent(Path home) {
        return start(home, false, true);
    }

    private static Devstack start(Path home, boolean temporary, boolean durable) {
        Path logs = home.resolve("logs");
        Watchdog watchdog = null;
        KafkaBroker kafka = null;
        try {
            Files.createDirectories(logs);
            watchdog = Watchdog.start(home.resolve("run").resolve("devstack-" + ProcessHandle.current().pid() + ".pids"),
                    temporary ? List.of(home) : List.of());
            kafka = KafkaBroker.start(home.resolve("kafka"), logs.resolve("kafka.log"), 0, watchdog);
            TopicSetup.ensureTopics(kafka.bootstrapServers(), partitions(), (short) 1);
            var postgres = PostgresServer.start(home.resolve("postgres"), logs.resolve("postgres.log"), 0, durable,
                    watchdog);
            return new Devstack(home, temporary, watchdog, kafka, postgres);
        } catch (IOException e) {
            cleanUpAfterFailedStart(home, temporary, watchdog, kafka);
            throw new UncheckedIOException("cannot prepare " + home, e);
        } catch (RuntimeException e) {
            cleanUpAfterFailedStart(home, temporary, watchdog, kafka);
            throw e;
        }
    }

    private static void cleanUpAfterFailedStart(Path home, boolean temporary, Watchdog watchdog, KafkaBroker kafka) {
        if (kafka != null) {
            kafka.stop();
        }
        if (watchdog != null) {
            watchdog.close();
        }
        if (temporary) {
            Processes.deleteTree(home);
        }
    }

    /** Partitions per topic: {@code PHAROS_PARTITIONS}, else {@value #DEFAULT_PARTITIONS}. */
    public static int partitions() {
        String configured = System.getenv("PHAROS_PARTITIONS");
        return configured == null || configured.isBlank() ? DEFAULT_PARTITIONS : Integer.parseInt(configured.trim());
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    @Override
    public String dbUser() {
        return PostgresServer.USER;
    }

    @Override
    public String dbPassword() {
        return PostgresServer.PASSWORD;
    }

    public Path home() {
        return home;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    @Override
    public synchronized void close() {
        kafka.stop();
        postgres.stop();
        watchdog.close();
        if (temporary) {
            Processes.deleteTree(home);
        }
    }
}
