package dev.pharos.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** One Pharos service running as its own JVM process from its Quarkus build, logging to a file. */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int httpPort;
    private final Path logFile;
    private final Process process;

    private ServiceProcess(String name, int httpPort, Path logFile, Process process) {
        this.name = name;
        this.httpPort = httpPort;
        this.logFile = logFile;
        this.process = process;
    }

    /**
     * Starts {@code java -jar <jar>} with this JVM's environment plus {@code env}, and registers it with the watchdog.
     *
     * @param javaOptions JVM options such as {@code -Xmx256m}
     */
    public static ServiceProcess start(String name, Path jar, List<String> javaOptions, Map<String, String> env,
                                       int httpPort, Path logFile, Watchdog watchdog) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build Pharos first (./mvnw package -DskipTests)");
        }
        var command = new ArrayList<String>();
        command.add(Processes.javaBinary());
        command.addAll(javaOptions);
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(logFile.getParent());
            var builder = new ProcessBuilder(Processes.detached(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(env);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
            Process process = builder.start();
            watchdog.guard("TERM", process.pid());
            return new ServiceProcess(name, httpPort, logFile, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits until {@code /q/health/ready} answers 200; fails early with the log's tail if the process exits. */
    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        var request = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; last lines of "
                        + logFile + ":\n" + Processes.tail(logFile, 40));
            }
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            Processes.pause(Duration.ofMillis(250));
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + " (" + last + "); last lines of "
                + logFile + ":\n" + Processes.tail(logFile, 40));
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process's exit code once it has ended; empty while it runs. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /** Kills the process at once, as a crash would. */
    public void kill() {
        process.destroyForcibly();
    }

    /** Stops the process gracefully. */
    @Override
    public void close() {
        Processes.stop(process, "TERM", Duration.ofSeconds(30));
    }
}
