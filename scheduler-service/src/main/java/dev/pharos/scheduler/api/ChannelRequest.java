package dev.pharos.scheduler.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * A channel as a client writes it (POST and PUT).
 *
 * @param name     what the owner calls it, 1–100 characters
 * @param kind     one of the channel kinds, for example {@code email}, {@code webhook} or {@code telegram}
 * @param target   where it goes: an address, a phone number or a URL, as the kind says. On PUT it may be left out
 *                 to keep the current one (a chat webhook URL is never shown again, so a client cannot resend it)
 * @param settings what else the kind takes; on PUT, a secret setting left out keeps its value and one set to null
 *                 removes it
 */
public record ChannelRequest(
        @NotBlank @Size(max = 100)
        @Pattern(regexp = "(?U)(?=.*\\S)[^\\p{Cntrl}]*", message = "must have visible text and no control characters")
        String name,
        @NotBlank @Size(max = 32) String kind,
        @Size(max = 500) String target,
        @Size(max = 20, message = "at most 20 settings") Map<String, String> settings) {
}
