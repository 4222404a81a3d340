package dev.pharos.notifier.channel;

import dev.pharos.contracts.Contact;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every {@link NotificationChannel} bean, by kind. Created at start, so a channel's bad configuration (a base URL
 * that is not a URL) stops the notifier with a message naming the property.
 */
@Startup
@ApplicationScoped
public class ChannelRegistry {

    static final int MAX_TARGET = 500;
    static final int MAX_SETTINGS = 20;
    static final int MAX_SETTING_KEY = 64;
    static final int MAX_SETTING_VALUE = 2000;

    private final Map<String, NotificationChannel> channels;

    @Inject
    public ChannelRegistry(@Any Instance<NotificationChannel> channels) {
        this(channels.stream().toList());
    }

    ChannelRegistry(Iterable<NotificationChannel> channels) {
        var byKind = new TreeMap<String, NotificationChannel>();
        channels.forEach(c -> byKind.merge(c.kind(), c, (a, b) -> {
            throw new IllegalStateException("two channels of kind '" + a.kind() + "'");
        }));
        this.channels = Collections.unmodifiableMap(byKind);
    }

    public Optional<NotificationChannel> find(String kind) {
        return Optional.ofNullable(kind == null ? null : channels.get(kind));
    }

    /**
     * Checks that some channel can deliver to the contact.
     *
     * @return that channel
     * @throws IllegalArgumentException saying what is wrong (never repeating a secret)
     */
    public NotificationChannel accept(Contact contact) {
        if (contact == null || contact.channel() == null || contact.channel().isBlank()) {
            throw new IllegalArgumentException("a contact needs a channel");
        }
        NotificationChannel channel = find(contact.channel()).orElseThrow(() -> new IllegalArgumentException(
                "no channel '" + contact.channel() + "'; known: " + String.join(", ", channels.keySet())));
        if (contact.target() == null || contact.target().isBlank()) {
            throw new IllegalArgumentException(contact.channel() + ": target is required");
        }
        if (contact.target().length() > MAX_TARGET) {
            throw new IllegalArgumentException(contact.channel() + ": target is longer than " + MAX_TARGET
                    + " characters");
        }
        if (contact.settings().size() > MAX_SETTINGS) {
            throw new IllegalArgumentException(contact.channel() + ": more than " + MAX_SETTINGS + " settings");
        }
        contact.settings().forEach((key, value) -> {
            if (key.length() > MAX_SETTING_KEY || value.length() > MAX_SETTING_VALUE) {
                throw new IllegalArgumentException(contact.channel() + ": setting '" + Texts.cut(key, MAX_SETTING_KEY)
                        + "' is too long (keys up to " + MAX_SETTING_KEY + ", values up to " + MAX_SETTING_VALUE
                        + " characters)");
            }
        });
        try {
            channel.validate(contact);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(contact.channel() + ": " + e.getMessage());
        }
        return channel;
    }

    /** The kinds, in order. */
    public Set<String> kinds() {
        return channels.keySet();
    }
}
