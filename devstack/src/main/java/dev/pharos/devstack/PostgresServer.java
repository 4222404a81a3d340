package dev.pharos.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An embedded PostgreSQL 17 server from the zonky binaries, listening on 127.0.0.1 only. PostgreSQL refuses to run
 * as root, so when this JVM is root the server runs as {@code nobody} through {@code setpriv}.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String DATABASE = "pharos";
    public static final String USER = "pharos";
    public static final String PASSWORD = "pharos";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private final Path logFile;
    private final int port;
    private final boolean durable;
    private final Watchdog watchdog;
    private final Path binaries;
    private Process process;

    private PostgresServer(Path dataDir, Path logFile, int port, boolean durable, Watchdog watchdog) {
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.port = port;
        this.durable = durable;
        this.watchdog = watchdog;
        this.binaries = PostgresBinaries.install();
    }

    /**
     * Initialises the data folder when new, starts the server and creates the {@value #DATABASE} database.
     *
     * @param port    0 for a free port
     * @param durable false turns fsync off, for throw-away test databases
     */
    public static PostgresServer start(Path dataDir, Path logFile, int port, boolean durable, Watchdog watchdog) {
        var server = new PostgresServer(dataDir, logFile, port == 0 ? Ports.free() : port, durable, watchdog);
        server.start();
        return server;
    }

    /** Starts the server again on the same data and port after {@link #stop()}. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
                initdb();
            }
            var command = Processes.detached(asDatabaseUser(List.of(bin("postgres"), "-D", dataDir.toString(), "-p",
                    Integer.toString(port), "-h", "127.0.0.1", "-k", "", "-c", "fsync=" + (durable ? "on" : "off"),
                    "-c", "max_connections=200")));
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            // INT is PostgreSQL's "fast shutdown": it does not wait for clients to disconnect.
            watchdog.guard("INT", process.pid());
            try {
                awaitReadyAndCreateDatabase();
            } catch (RuntimeException e) {
                stop();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + dataDir, e);
        }
    }

    private void initdb() throws IOException {
        Files.createDirectories(dataDir);
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
        Path pwFile = Files.createTempFile(dataDir.getParent(), "pw-", ".txt");
        try {
            Files.writeString(pwFile, PASSWORD + "\n");
            if (RunAs.isRoot()) {
                RunAs.requireReachableByNobody(dataDir);
                Files.setPosixFilePermissions(pwFile, PosixFilePermissions.fromString("rw-r--r--"));
                RunAs.chownToNobody(dataDir);
            }
            var initdb = new ArrayList<>(List.of(bin("initdb"), "-D", dataDir.toString(), "-U", USER,
                    "--pwfile=" + pwFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C"));
            if (!durable) {
                initdb.add("--no-sync");
            }
            Processes.run(asDatabaseUser(initdb), logFile, Duration.ofMinutes(2));
        } finally {
            Files.deleteIfExists(pwFile);
        }
    }

    private List<String> asDatabaseUser(List<String> command) {
        if (!RunAs.isRoot()) {
            return command;
        }
        var wrapped = new ArrayList<>(RunAs.nobodyPrefix());
        wrapped.addAll(command);
        return wrapped;
    }

    private String bin(String name) {
        return binaries.resolve("bin").resolve(name).toString();
    }

    private void awaitReadyAndCreateDatabase() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        SQLException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited with " + process.exitValue() + ":\n"
                        + Processes.tail(logFile, 30));
            }
            try (var connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
                 var statement = connection.createStatement()) {
                try (var rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                    if (!rs.next()) {
                        statement.execute("CREATE DATABASE " + DATABASE);
                    }
                }
                return;
            } catch (SQLException e) {
                last = e;
                Processes.pause(Duration.ofMillis(100));
            }
        }
        throw new IllegalStateException("PostgreSQL did not accept connections on port " + port + " within "
                + READY_TIMEOUT + " (" + last + "):\n" + Processes.tail(logFile, 30));
    }

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the server with a fast shutdown (it keeps its data). */
    public synchronized void stop() {
        if (process != null) {
            Processes.stop(process, "INT", Duration.ofSeconds(30));
        }
    }

    @Override
    public void close() {
        stop();
    }
}
