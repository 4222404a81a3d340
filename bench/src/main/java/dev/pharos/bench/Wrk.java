package dev.pharos.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code wrk} with a Lua script (HEAD, {@code Connection: close}) and reads its summary. */
final class Wrk {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors:([^\\n]*)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s*(\\d+)");

    /**
     * @param requestsPerSecond wrk's "Requests/sec"
     * @param errors            wrk's socket error and non-2xx/3xx lines, or "none"
     * @param command           the command line run
     * @param output            everything wrk printed
     */
    record Result(double requestsPerSecond, long requests, String errors, String command, String output) {
    }

    private Wrk() {
    }

    static Result run(String wrk, Path script, int threads, int connections, Duration duration, String url) {
        var command = List.of(wrk, "-t" + threads, "-c" + connections, "-d" + duration.toSeconds() + "s", "--latency",
                "-s", script.toString(), url);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("wrk did not finish");
            }
            String output = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("wrk failed (exit " + process.exitValue() + "):\n" + output);
            }
            return parse(output, String.join(" ", command));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + wrk + " (install it: apt-get install -y wrk)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static Result parse(String output, String command) {
        Matcher rate = RATE.matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("no Requests/sec in wrk's output:\n" + output);
        }
        Matcher total = TOTAL.matcher(output);
        Matcher socket = SOCKET_ERRORS.matcher(output);
        Matcher non2xx = NON_2XX.matcher(output);
        var errors = new ArrayList<String>();
        if (socket.find()) {
            errors.add("socket errors: " + socket.group(1).trim());
        }
        if (non2xx.find()) {
            errors.add("non-2xx/3xx: " + non2xx.group(1));
        }
        return new Result(Double.parseDouble(rate.group(1)), total.find() ? Long.parseLong(total.group(1)) : -1,
                errors.isEmpty() ? "none" : String.join("; ", errors), command, output);
    }
}
