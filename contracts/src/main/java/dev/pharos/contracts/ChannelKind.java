package dev.pharos.contracts;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The kinds of channel an owner can save, and what each needs from the owner: the shape of the target and which
 * settings it knows, requires and keeps secret. The scheduler checks a channel against its kind when the owner saves
 * it; the notifier checks it again before sending, together with the operator's credentials (a Twilio account, a
 * Pushover app token), which only the notifier knows.
 *
 * <p>Messages name what is wrong, never the value, which may be a secret.
 */
public enum ChannelKind {

    EMAIL("email", "an email address", false, Set.of(), Set.of()) {
        @Override
        void checkShape(Contact contact) {
            String target = contact.target();
            if (target.length() > 320 || !EMAIL_ADDRESS.matcher(target).matches()) {
                throw new IllegalArgumentException("target must be an email address, such as ops@example.com");
            }
        }
    },
    TWILIO("twilio", "a phone number in E.164 form (SMS through the operator's Twilio account)", false,
            Set.of(), Set.of()) {
        @Override
        void checkShape(Contact contact) {
            phone(contact.target(), "target");
        }
    },
    SMS_GATEWAY("sms-gateway", "a phone number in E.164 form; settings url, body (with {message}), content-type, "
            + "token", false, Set.of("url", "body", "content-type", "token"), Set.of("token")) {
        @Override
        void checkShape(Contact contact) {
            phone(contact.target(), "target");
            httpUrl(contact.setting("url"), "setting 'url'");
            String body = contact.setting("body");
            if (body != null && !body.contains("{message}")) {
                throw new IllegalArgumentException("setting 'body' must contain the placeholder {message}");
            }
            String type = contact.setting("content-type");
            if (type != null && !MEDIA_TYPE.matcher(type.trim()).matches()) {
                throw new IllegalArgumentException(
                        "setting 'content-type' is not a media type, such as application/json");
            }
        }
    },
    NTFY("ntfy", "an ntfy topic URL, such as https://ntfy.sh/my-topic; optional setting token", false,
            Set.of("token"), Set.of("token")) {
        @Override
        void checkShape(Contact contact) {
            URI uri = httpUrl(contact.target(), "target");
            if (uri.getPath() == null || uri.getPath().length() < 2) {
                throw new IllegalArgumentException("target must be a topic URL, such as https://ntfy.sh/my-topic");
            }
        }
    },
    PUSHOVER("pushover", "a Pushover user or group key", false, Set.of(), Set.of()) {
        @Override
        void checkShape(Contact contact) {
            if (!PUSHOVER_KEY.matcher(contact.target()).matches()) {
                throw new IllegalArgumentException(
                        "target must be a Pushover user or group key (30 letters and digits)");
            }
        }
    },
    WEBHOOK("webhook", "an http(s) URL; setting secret (at least 16 characters) signs each request", false,
            Set.of("secret"), Set.of("secret")) {
        @Override
        void checkShape(Contact contact) {
            httpUrl(contact.target(), "target");
            String secret = contact.setting("secret");
            if (secret == null) {
                throw new IllegalArgumentException("setting 'secret' is required");
            }
            if (secret.length() < MIN_WEBHOOK_SECRET) {
                throw new IllegalArgumentException(
                        "setting 'secret' must be at least " + MIN_WEBHOOK_SECRET + " characters");
            }
        }
    },
    SLACK("slack", "a Slack incoming-webhook URL (kept secret)", true, Set.of(), Set.of()) {
        @Override
        void checkShape(Contact contact) {
            httpUrl(contact.target(), "target");
        }
    },
    DISCORD("discord", "a Discord webhook URL (kept secret)", true, Set.of(), Set.of()) {
        @Override
        void checkShape(Contact contact) {
            httpUrl(contact.target(), "target");
        }
    },
    TEAMS("teams", "a Microsoft Teams workflow webhook URL (kept secret)", true, Set.of(), Set.of()) {
        @Override
        void checkShape(Contact contact) {
            httpUrl(contact.target(), "target");
        }
    },
    TELEGRAM("telegram", "a Telegram chat id or @channelname; optional setting bot-token", false,
            Set.of("bot-token"), Set.of("bot-token")) {
        @Override
        void checkShape(Contact contact) {
            if (!TELEGRAM_CHAT.matcher(contact.target()).matches()) {
                throw new IllegalArgumentException("target must be a Telegram chat id (a number) or @channelname");
            }
            String token = contact.setting("bot-token");
            if (token != null && !TELEGRAM_TOKEN.matcher(token).matches()) {
                throw new IllegalArgumentException("setting 'bot-token' is not a Telegram bot token (<bot id>:<secret>)");
            }
        }
    };

    public static final int MAX_TARGET = 500;
    public static final int MAX_SETTING_VALUE = 2000;
    public static final int MIN_WEBHOOK_SECRET = 16;

    private static final Pattern EMAIL_ADDRESS = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
    private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");
    private static final Pattern PUSHOVER_KEY = Pattern.compile("^[A-Za-z0-9]{30}$");
    private static final Pattern TELEGRAM_CHAT = Pattern.compile("^(-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$");
    private static final Pattern TELEGRAM_TOKEN = Pattern.compile("^[0-9]{1,20}:[A-Za-z0-9_-]{20,100}$");
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "^[\\w.+-]+/[\\w.+-]+(\\s*;\\s*[\\w.+-]+=[\\w.+\"-]+)*$");
    private static final Map<String, ChannelKind> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ChannelKind::kindName, Function.identity()));

    private final String kindName;
    private final String description;
    private final boolean secretTarget;
    private final Set<String> settings;
    private final Set<String> secretSettings;

    ChannelKind(String kindName, String description, boolean secretTarget, Set<String> settings,
                Set<String> secretSettings) {
        this.kindName = kindName;
        this.description = description;
        this.secretTarget = secretTarget;
        this.settings = settings;
        this.secretSettings = secretSettings;
    }

    /** The name used in contacts and the API, for example {@code sms-gateway}. */
    public String kindName() {
        return kindName;
    }

    /** What the target is, for people. */
    public String description() {
        return description;
    }

    /** Whether the target itself is a credential (a chat webhook URL), so it is never shown again. */
    public boolean secretTarget() {
        return secretTarget;
    }

    /** The settings this kind knows; any other is refused. */
    public Set<String> settings() {
        return settings;
    }

    /** The settings that are secrets: written, never returned or logged. */
    public Set<String> secretSettings() {
        return secretSettings;
    }

    public static Optional<ChannelKind> find(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }

    /** The kinds' names, in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(ChannelKind::kindName).toList();
    }

    /**
     * Checks what the owner gave: a known kind, a target of the kind's shape, only known settings, none too long.
     *
     * @return the contact's kind
     * @throws IllegalArgumentException saying what is wrong, never repeating a value
     */
    public static ChannelKind validate(Contact contact) {
        ChannelKind kind = find(contact.channel()).orElseThrow(() -> new IllegalArgumentException(
                "unknown channel kind; known: " + String.join(", ", names())));
        if (contact.target() == null || contact.target().isBlank()) {
            throw new IllegalArgumentException("target is required: " + kind.description);
        }
        if (contact.target().length() > MAX_TARGET) {
            throw new IllegalArgumentException("target is longer than " + MAX_TARGET + " characters");
        }
        for (var setting : contact.settings().entrySet()) {
            if (!kind.settings.contains(setting.getKey())) {
                throw new IllegalArgumentException("unknown setting for " + kind.kindName + "; known: "
                        + (kind.settings.isEmpty() ? "none" : String.join(", ", kind.settings.stream().sorted()
                        .toList())));
            }
            if (setting.getValue().length() > MAX_SETTING_VALUE) {
                throw new IllegalArgumentException("setting '" + setting.getKey() + "' is longer than "
                        + MAX_SETTING_VALUE + " characters");
            }
        }
        kind.checkShape(contact);
        return kind;
    }

    abstract void checkShape(Contact contact);

    /** An absolute http or https URL with a host and without user info. */
    public static URI httpUrl(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (value.length() > MAX_TARGET) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_TARGET + " characters");
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

    /** A phone number in E.164 form, such as {@code +41791234567}. */
    public static String phone(String value, String what) {
        if (value == null || !E164.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be a phone number in E.164 form, such as +41791234567");
        }
        return value;
    }
}
