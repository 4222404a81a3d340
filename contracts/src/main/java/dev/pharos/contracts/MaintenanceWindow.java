package dev.pharos.contracts;

import java.time.Instant;
import java.util.Objects;

/**
 * A span of planned work on a monitored site: no checks are planned in it and no result in it raises an alert.
 *
 * @param start when it begins (inclusive)
 * @param end   when it ends (exclusive)
 */
public record MaintenanceWindow(Instant start, Instant end) {

    public MaintenanceWindow {
        Objects.requireNonNull(start, "start is required");
        Objects.requireNonNull(end, "end is required");
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
