package dev.pharos.devstack;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** When the JVM that started the devstack is killed, nothing it started survives and its folder is removed. */
class WatchdogTest {

    @Test
    void killingTheStartingJvmStopsKafkaAndPostgresAndRemovesTheFolder() throws Exception {
        Process launcher = new ProcessBuilder(Processes.javaBinary(), "-cp", Processes.classpath(),
                Launcher.class.getName(), "infra", "--temporary").redirectErrorStream(true).start();
        try {
            Path home = CompletableFuture.supplyAsync(() -> dataFolderPrintedBy(launcher)).get(120, TimeUnit.SECONDS);
            Path pidFile;
            try (var files = Files.list(home.resolve("run"))) {
                pidFile = files.filter(f -> f.getFileName().toString().startsWith("devstack-")).findFirst()
                        .orElseThrow();
            }
            List<Long> pids = Files.readAllLines(pidFile).stream()
                    .map(line -> Long.parseLong(line.split(" ")[1])).toList();
            assertTrue(pids.size() >= 2, "Kafka and PostgreSQL are guarded: " + pids);
            pids.forEach(pid -> assertTrue(isAlive(pid), "running before the kill: " + pid));

            launcher.destroyForcibly();

            await().atMost(Duration.ofSeconds(60)).until(() -> pids.stream().noneMatch(WatchdogTest::isAlive));
            await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(home));
            assertFalse(Files.exists(home));
        } finally {
            launcher.destroyForcibly();
        }
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Reads the launcher's output up to "Press Ctrl-C" and returns the folder it printed as "Data:". */
    private static Path dataFolderPrintedBy(Process launcher) {
        // Not closed: the pipe stays open until the launcher is killed, and it prints nothing more.
        var reader = new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
        var out = new StringBuilder();
        Path home = null;
        try {
            for (String line; (line = reader.readLine()) != null; ) {
                out.append(line).append('\n');
                if (line.startsWith("Data: ")) {
                    home = Path.of(line.substring("Data: ".length()).trim());
                }
                if (line.startsWith("Press Ctrl-C") && home != null) {
                    return home;
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("the launcher ended before it was up:\n" + out);
    }
}
