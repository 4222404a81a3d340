package dev.pharos.notifier.channel;

import dev.pharos.contracts.Contact;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Validation shared by the channels. Messages name what is wrong, never the value, which may be a secret. */
final class Check {

    /** Also the width of {@code delivery.target}. */
    static final int MAX_URL = 500;
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");

    private Check() {
    }

    /** An absolute http or https URL with a host, without user info. */
    static URI httpUrl(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (value.length() > MAX_URL) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(what + " must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException(what + " has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(what + " must not contain a user name or password");
        }
        return uri;
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

    /** A phone number in E.164 form, such as {@code +41791234567}. */
    static String phone(String value, String what) {
        if (value == null || !E164.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be a phone number in E.164 form, such as +41791234567");
        }
        return value;
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
