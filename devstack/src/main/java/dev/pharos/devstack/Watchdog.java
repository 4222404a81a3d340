package dev.pharos.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A small shell process that outlives the JVM that started it: when that JVM dies, even by {@code kill -9}, it
 * signals every process registered with {@link #guard} (waiting up to 10 s before {@code SIGKILL}) and deletes
 * the given folders. A normal shutdown closes it first, so it then does nothing.
 */
public final class Watchdog implements AutoCloseable {

    private static final String SCRIPT = """
            trap '' INT HUP
            parent=$1; pids=$2; shift 2
            while kill -0 "$parent" 2>/dev/null; do sleep 1; done
            if [ -f "$pids" ]; then
              while read -r sig pid; do kill -"$sig" "$pid" 2>/dev/null; done < "$pids"
              i=0
              while [ $i -lt 20 ]; do
                alive=0
                while read -r sig pid; do kill -0 "$pid" 2>/dev/null && alive=1; done < "$pids"
                [ $alive = 0 ] && break
                sleep 0.5; i=$((i+1))
              done
              while read -r sig pid; do kill -KILL "$pid" 2>/dev/null; done < "$pids"
            fi
            for d in "$@"; do rm -rf "$d"; done
            """;

    private final Path pidFile;
    private final Process process;

    private Watchdog(Path pidFile, Process process) {
        this.pidFile = pidFile;
        this.process = process;
    }

    /**
     * Starts a watchdog for the current JVM.
     *
     * @param pidFile       where the guarded process ids are kept (created empty); name it per JVM, so that a
     *                      watchdog still cleaning up after a killed run never reads the next run's processes
     * @param dirsToDelete  folders removed after the guarded processes ended, when the JVM died
     */
    public static Watchdog start(Path pidFile, List<Path> dirsToDelete) {
        try {
            Files.createDirectories(pidFile.getParent());
            Files.writeString(pidFile, "");
            var command = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, "pharos-watchdog",
                    Long.toString(ProcessHandle.current().pid()), pidFile.toString()));
            dirsToDelete.forEach(d -> command.add(d.toAbsolutePath().toString()));
            Process process = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return new Watchdog(pidFile, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the devstack watchdog", e);
        }
    }

    /**
     * Registers a process to stop when this JVM dies.
     *
     * @param signal the polite signal it understands, for example {@code TERM} or {@code INT}
     */
    public synchronized void guard(String signal, long pid) {
        try {
            Files.writeString(pidFile, signal + " " + pid + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + pidFile, e);
        }
    }

    /** The watchdog's own process id. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // a leftover file names processes that have ended; harmless
        }
    }
}
