package dev.pharos.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a notifier halted at a fault point, as its last log line says: the monitor, and the partition and offset of
 * the check result it was handling (for the delivery point, only the monitor is known from the database).
 */
record Halt(UUID monitorId, int partition, long offset) {

    private static final Pattern RESULT = Pattern.compile(
            "fault point (\\S+) reached: .* of monitor (\\S+) at pharos\\.checks\\.completed-(\\d+)@(\\d+)");
    private static final Pattern DELIVERY = Pattern.compile(
            "fault point (\\S+) reached: .*delivery \\S+ \\(.*\\) for monitor (\\S+)");

    /** The log's length now, so that {@link #read} looks only at what is written after. */
    static long logSize(Path log) {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The halt at {@code point} logged after {@code from}; fails when there is none. */
    static Halt read(Path log, long from, String point) {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(log);
            text = new String(bytes, (int) Math.min(from, bytes.length), (int) Math.max(0, bytes.length - from),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Matcher result = RESULT.matcher(text);
        if (result.find() && result.group(1).equals(point)) {
            return new Halt(UUID.fromString(result.group(2)), Integer.parseInt(result.group(3)),
                    Long.parseLong(result.group(4)));
        }
        Matcher delivery = DELIVERY.matcher(text);
        if (delivery.find() && delivery.group(1).equals(point)) {
            return new Halt(UUID.fromString(delivery.group(2)), -1, -1);
        }
        throw new AssertionError("no halt at " + point + " in " + log + " after byte " + from + ":\n" + text);
    }
}
