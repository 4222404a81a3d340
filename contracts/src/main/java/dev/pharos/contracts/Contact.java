package dev.pharos.contracts;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Where a monitor's alerts go.
 *
 * @param channel  the channel kind, for example {@code email}, {@code webhook} or {@code telegram}
 * @param target   the channel's address, for example an email address, a phone number or a URL
 * @param settings what else the channel needs, for example a webhook's signing secret; never null (absent or null
 *                 reads as empty). Values may be secrets: {@link #toString()} does not show them.
 * @param channelId the owner's saved channel this contact comes from, or null for a contact given inline
 */
public record Contact(String channel, String target, Map<String, String> settings, UUID channelId) {

    public Contact {
        settings = copyOf(settings);
    }

    public Contact(String channel, String target) {
        this(channel, target, Map.of(), null);
    }

    public Contact(String channel, String target, Map<String, String> settings) {
        this(channel, target, settings, null);
    }

    public static Contact email(String address) {
        return new Contact("email", address);
    }

    /** The setting's value, or null when it is absent or blank. */
    public String setting(String key) {
        String value = settings.get(key);
        return value == null || value.isBlank() ? null : value;
    }

    /** Names the settings but not their values, which may be secrets. */
    @Override
    public String toString() {
        return "Contact[channel=" + channel + ", target=" + target + ", settings=" + settings.keySet()
                + (channelId == null ? "" : ", channelId=" + channelId) + "]";
    }

    /** A sorted, unmodifiable copy without null keys or values (JSON may carry them). */
    private static Map<String, String> copyOf(Map<String, String> settings) {
        if (settings == null || settings.isEmpty()) {
            return Map.of();
        }
        var copy = new TreeMap<String, String>();
        settings.forEach((key, value) -> {
            if (key != null && value != null) {
                copy.put(key, value);
            }
        });
        return Collections.unmodifiableMap(copy);
    }
}
