package dev.pharos.scheduler.api;

import dev.pharos.contracts.HttpMethod;
import dev.pharos.scheduler.domain.MaintenanceWindow;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A monitor as a client writes it (POST, PUT, and PATCH after merging). Optional fields left out take their defaults.
 *
 * @param name               shown in alerts, 1–200 characters
 * @param url                http:// or https:// with a host, at most 2,048 characters
 * @param method             HEAD (default) or GET
 * @param intervalSeconds    10 s to 24 h, default 300
 * @param timeoutSeconds     1–60 s, default 10
 * @param expectedStatuses   statuses counted as up, codes and ranges, default {@code 200-399}
 * @param followRedirects    follow redirects (default true)
 * @param maxRedirects       at most this many redirects, 0–20, default 5
 * @param requestHeaders     extra request headers, at most 20
 * @param tags               labels to filter by, at most 20
 * @param paused             not checked while true (default false)
 * @param maintenanceWindows time spans without checks, at most 20
 * @param regions            checker regions, 1–10, default {@code ["default"]}
 * @param alertPolicy        when failures open an incident and successes close it
 * @param contactEmail       an email address alerts go to, without saving a channel (optional)
 * @param contacts           ids of the owner's channels alerts go to, at most 20
 */
public record MonitorRequest(
        @NotBlank @Size(max = 200)
        @Pattern(regexp = "(?U)(?=.*\\S)[^\\p{Cntrl}]*", message = "must have visible text and no control characters")
        String name,
        @NotBlank @Size(max = 2048) @HttpUrl String url,
        HttpMethod method,
        @Min(value = 10, message = "must be at least 10 seconds")
        @Max(value = 86_400, message = "must be at most 86400 seconds (24 h)") Integer intervalSeconds,
        @Min(value = 1, message = "must be at least 1 second")
        @Max(value = 60, message = "must be at most 60 seconds") Integer timeoutSeconds,
        @Size(max = 200) @StatusRanges String expectedStatuses,
        Boolean followRedirects,
        @Min(0) @Max(20) Integer maxRedirects,
        @Size(max = 20, message = "at most 20 headers") @RequestHeaders Map<String, String> requestHeaders,
        @Size(max = 20, message = "at most 20 tags")
        List<@NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.:/-]{0,49}",
                message = "tags are 1-50 letters, digits and _.:/- starting with a letter or digit") String> tags,
        Boolean paused,
        @Size(max = 20, message = "at most 20 maintenance windows")
        List<@NotNull @Valid MaintenanceWindow> maintenanceWindows,
        @Size(min = 1, max = 10, message = "1 to 10 regions")
        List<@NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,31}",
                message = "regions are 1-32 lowercase letters, digits and - ") String> regions,
        @Valid AlertPolicyRequest alertPolicy,
        @Email @Size(max = 320) @Pattern(regexp = "(?U).*\\S.*", message = "must not be blank") String contactEmail,
        @Size(max = 20, message = "at most 20 contacts") List<@NotNull UUID> contacts) {

    /**
     * When a monitor's failures become an incident.
     *
     * @param failuresToOpen   consecutive failed checks before DOWN, 1–10, default 2
     * @param successesToClose consecutive good checks before UP again, 1–10, default 1
     * @param reminderMinutes  remind every this many minutes while DOWN, 5–10080, or null for never
     */
    public record AlertPolicyRequest(
            @Min(1) @Max(10) Integer failuresToOpen,
            @Min(1) @Max(10) Integer successesToClose,
            @Min(5) @Max(10_080) Integer reminderMinutes) {
    }
}
