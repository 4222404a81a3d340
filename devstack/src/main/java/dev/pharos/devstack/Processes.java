package dev.pharos.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

/** Helpers for child processes: the java binary, this JVM's classpath, signals, stopping, log tails. */
public final class Processes {

    private Processes() {
    }

    /** The java executable running this JVM. */
    public static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * This JVM's classpath with manifest-only jars (as Surefire uses) expanded, so a child JVM can be started
     * with it after those jars are gone.
     */
    public static String classpath() {
        var entries = new LinkedHashSet<String>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            entries.add(entry);
            if (entry.endsWith(".jar")) {
                entries.addAll(manifestClassPath(Path.of(entry)));
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    private static List<String> manifestClassPath(Path jar) {
        try (var file = new JarFile(jar.toFile())) {
            var manifest = file.getManifest();
            String cp = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (cp == null || cp.isBlank()) {
                return List.of();
            }
            var result = new ArrayList<String>();
            for (String ref : cp.trim().split("\\s+")) {
                Path resolved = ref.startsWith("file:")
                        ? Path.of(java.net.URI.create(ref))
                        : jar.toAbsolutePath().getParent().resolve(ref);
                result.add(resolved.toString());
            }
            return result;
        } catch (IOException | IllegalArgumentException e) {
            return List.of();
        }
    }

    /**
     * The command run in a session of its own (through {@code setsid}, where installed), so that Ctrl-C in the
     * launcher's terminal reaches only the launcher, which then stops its children in order. {@code setsid} execs the
     * command in place, so the process id stays the command's own.
     */
    public static List<String> detached(List<String> command) {
        if (!Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            return command;
        }
        var result = new ArrayList<String>(command.size() + 1);
        result.add("/usr/bin/setsid");
        result.addAll(command);
        return result;
    }

    /** Sends a signal by name ({@code INT}, {@code TERM}, {@code KILL}) to a process. */
    public static void signal(long pid, String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Signals the process politely, waits for it to end, and kills it when it does not. */
    public static void stop(Process process, String signal, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        signal(process.pid(), signal);
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Waits between two polls of something that is starting; an interrupt ends the wait with an exception. */
    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The last lines of a log file, for error messages. */
    public static String tail(Path log, int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no log at " + log + ")";
            }
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Runs a short command to completion, failing with its output when it exits non-zero. */
    public static void run(List<String> command, Path log, Duration timeout) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeout + ": " + describe(command)
                        + "\n" + tail(log, 20));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("failed (exit " + p.exitValue() + "): " + describe(command)
                        + "\n" + tail(log, 20));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + describe(command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The start of a command line, short enough for an error message (classpaths are long). */
    private static String describe(List<String> command) {
        return String.join(" ", command.subList(0, Math.min(command.size(), 6)));
    }

    /** Deletes a folder tree; what cannot be deleted is left without error. */
    public static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover file is reported by the caller's checks, not here
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
