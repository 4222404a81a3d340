package dev.pharos.scheduler.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/**
 * A status page as a client writes it (POST and PUT).
 *
 * @param slug       its address, {@code /status/<slug>}: 3–64 lowercase letters, digits and dashes; unique
 * @param title      shown on top of the page, 1–200 characters
 * @param enabled    whether anyone may see it (default false: a page is opt-in)
 * @param monitorIds the caller's monitors to show, in order, at most 200
 */
public record StatusPageRequest(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{2,63}",
                message = "3–64 lowercase letters, digits and dashes, not starting with a dash") String slug,
        @NotBlank @Size(max = 200)
        @Pattern(regexp = "(?U)(?=.*\\S)[^\\p{Cntrl}]*", message = "must have visible text and no control characters")
        String title,
        Boolean enabled,
        @Size(max = 200, message = "at most 200 monitors") List<@NotNull UUID> monitorIds) {
}
