package dev.pharos.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller), run as a child JVM
 * from the Kafka jars on this JVM's classpath. Its data lives in {@code dataDir}, so stopping and starting it
 * again on the same folder keeps the topics and offsets.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Path dataDir;
    private final Path logFile;
    private final int port;
    private final Watchdog watchdog;
    private Process process;

    private KafkaBroker(Path dataDir, Path logFile, int port, Watchdog watchdog) {
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.port = port;
        this.watchdog = watchdog;
    }

    /**
     * Formats the storage when new, starts the broker and waits until it answers.
     *
     * @param port the client port, 0 for a free one
     */
    public static KafkaBroker start(Path dataDir, Path logFile, int port, Watchdog watchdog) {
        var broker = new KafkaBroker(dataDir, logFile, port == 0 ? Ports.free() : port, watchdog);
        broker.start();
        return broker;
    }

    /** Starts the broker again on the same data and port after {@link #stop()}. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Files.createDirectories(dataDir.resolve("logs"));
            Path config = writeConfig(Ports.free());
            if (!Files.exists(dataDir.resolve("logs").resolve("meta.properties"))) {
                Processes.run(List.of(Processes.javaBinary(), "-Xmx256m", "-cp", Processes.classpath(),
                        "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                        "-c", config.toString()), logFile, Duration.ofMinutes(2));
            }
            process = new ProcessBuilder(Processes.detached(List.of(Processes.javaBinary(), "-Xms128m", "-Xmx512m",
                    "-XX:+UseG1GC", "-Djava.awt.headless=true", "-cp", Processes.classpath(), "kafka.Kafka",
                    config.toString())))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            watchdog.guard("TERM", process.pid());
            try {
                awaitReady();
            } catch (RuntimeException e) {
                stop();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Kafka in " + dataDir, e);
        }
    }

    private Path writeConfig(int controllerPort) throws IOException {
        var props = new Properties();
        props.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"),
                Map.entry("log.dirs", dataDir.resolve("logs").toString()),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "12"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // Topics are created explicitly with the configured partitions; a typo must fail, not invent one.
                Map.entry("auto.create.topics.enable", "false")));
        Path config = dataDir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(config)) {
            props.store(out, "Pharos devstack broker");
        }
        return config;
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        Exception last = null;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Kafka exited with " + process.exitValue() + ":\n"
                            + Processes.tail(logFile, 30));
                }
                try {
                    admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    last = e;
                }
            }
        }
        throw new IllegalStateException("Kafka did not answer on " + bootstrapServers() + " within " + READY_TIMEOUT
                + " (" + last + "):\n" + Processes.tail(logFile, 30));
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the broker gracefully (it keeps its data). */
    public synchronized void stop() {
        if (process != null) {
            Processes.stop(process, "TERM", Duration.ofSeconds(30));
        }
    }

    @Override
    public void close() {
        stop();
    }
}
