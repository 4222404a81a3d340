package dev.pharos.scheduler.api;

import dev.pharos.contracts.HttpMethod;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a client sends to create a monitor. Optional fields left out take their defaults.
 *
 * @param name            shown in alerts, 1–200 characters
 * @param url             http:// or https:// with a host, at most 2,048 characters
 * @param intervalSeconds 10 s to 24 h, default 300
 * @param timeoutSeconds  1–60 s, default 10
 * @param method          HEAD (default) or GET
 * @param contactEmail    where alerts go
 */
public record MonitorRequest(
        @NotBlank @Size(max = 200)
        @Pattern(regexp = "(?U)(?=.*\\S)[^\\p{Cntrl}]*", message = "must have visible text and no control characters")
        String name,
        @NotBlank @Size(max = 2048) @HttpUrl String url,
        @Min(value = 10, message = "must be at least 10 seconds")
        @Max(value = 86_400, message = "must be at most 86400 seconds (24 h)") Integer intervalSeconds,
        @Min(value = 1, message = "must be at least 1 second")
        @Max(value = 60, message = "must be at most 60 seconds") Integer timeoutSeconds,
        HttpMethod method,
        @NotBlank @Email @Size(max = 320) String contactEmail) {
}
