package dev.pharos.bench.farm;

import dev.pharos.devstack.Processes;
import dev.pharos.devstack.Watchdog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The {@link TargetFarm} running as a child JVM, so that its CPU time is its own. */
public final class FarmProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private FarmProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the farm on {@code port} and waits until host 0 accepts connections. */
    public static FarmProcess start(int port, int eventLoops, Path logFile, Watchdog watchdog) {
        try {
            Files.createDirectories(logFile.getParent());
            Process process = new ProcessBuilder(Processes.detached(List.of(Processes.javaBinary(), "-Xmx256m",
                    "-XX:+UseSerialGC", "-cp", Processes.classpath(), TargetFarm.class.getName(),
                    Integer.toString(port), Integer.toString(eventLoops))))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            watchdog.guard("TERM", process.pid());
            var farm = new FarmProcess(process, port);
            farm.awaitListening(Duration.ofSeconds(60), logFile);
            return farm;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the target farm", e);
        }
    }

    private void awaitListening(Duration timeout, Path logFile) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the target farm exited with " + process.exitValue() + ":\n"
                        + Processes.tail(logFile, 30));
            }
            try (var socket = new Socket()) {
                socket.connect(new InetSocketAddress(FarmHosts.address(0), port), 1000);
                return;
            } catch (IOException e) {
                Processes.pause(Duration.ofMillis(100));
            }
        }
        close();
        throw new IllegalStateException("the target farm did not listen on port " + port + " within " + timeout
                + ":\n" + Processes.tail(logFile, 30));
    }

    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        Processes.stop(process, "TERM", Duration.ofSeconds(10));
    }
}
