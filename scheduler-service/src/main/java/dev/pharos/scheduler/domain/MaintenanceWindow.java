package dev.pharos.scheduler.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/**
 * A time span in which a monitor is not checked, so planned work raises no alert.
 *
 * @param start when it begins
 * @param end   when it ends, after {@code start}
 */
public record MaintenanceWindow(@NotNull Instant start, @NotNull Instant end) {

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    /** For validation only; not part of the JSON. */
    @JsonIgnore
    @AssertTrue(message = "must end after it starts")
    public boolean isOrdered() {
        return start == null || end == null || end.isAfter(start);
    }
}
