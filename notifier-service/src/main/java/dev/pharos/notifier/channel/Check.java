package dev.pharos.notifier.channel;

import dev.pharos.contracts.ChannelKind;
import dev.pharos.contracts.Contact;
import java.net.URI;
import java.util.Optional;

/** Validation shared by the channels. Messages name what is wrong, never the value, which may be a secret. */
final class Check {

    private Check() {
    }

    static URI httpUrl(String value, String what) {
        return ChannelKind.httpUrl(value, what);
    }

    /** An operator's base URL from configuration; a bad one stops the notifier at start. */
    static String baseUrl(String value, String property) {
        try {
            httpUrl(value, property);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("configuration: " + e.getMessage());
        }
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    static String phone(String value, String what) {
        return ChannelKind.phone(value, what);
    }

    /** The setting's value, at most {@code max} characters; absent or blank is an error. */
    static String requiredSetting(Contact contact, String key, int max) {
        String value = contact.setting(key);
        if (value == null) {
            throw new IllegalArgumentException("setting '" + key + "' is required");
        }
        return bounded(value, "setting '" + key + "'", max);
    }

    /** The setting's value, at most {@code max} characters, or null when absent. */
    static String optionalSetting(Contact contact, String key, int max) {
        String value = contact.setting(key);
        return value == null ? null : bounded(value, "setting '" + key + "'", max);
    }

    /** An operator-wide value from configuration; absent means this channel is not set up. */
    static String operator(Optional<String> value, String kind, String property) {
        return value.filter(v -> !v.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                "the " + kind + " channel is not configured: " + property + " is not set"));
    }

    static String bounded(String value, String what, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " is longer than " + max + " characters");
        }
        return value;
    }
}
