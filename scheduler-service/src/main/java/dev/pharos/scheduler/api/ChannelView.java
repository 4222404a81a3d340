package dev.pharos.scheduler.api;

import dev.pharos.contracts.ChannelKind;
import dev.pharos.scheduler.domain.Channel;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A channel as the API returns it: never a secret. Secret settings are named in {@code secretSettings} but their
 * values are left out; a target that is itself a credential (a chat webhook URL) is shown as its scheme and host.
 *
 * @param lastAttempt the latest delivery attempt the notifier reported, or null
 */
public record ChannelView(UUID id, UUID ownerId, String name, String kind, String target, Map<String, String> settings,
                          List<String> secretSettings, Instant createdAt, Instant updatedAt, Attempt lastAttempt) {

    /** A delivery attempt: SENT, FAILED (retried) or DEAD (given up), and why it failed. */
    public record Attempt(Instant at, String status, String error) {
    }

    public static ChannelView of(Channel c) {
        ChannelKind kind = ChannelKind.find(c.kind).orElseThrow();
        var visible = new TreeMap<String, String>();
        c.settings.forEach((key, value) -> {
            if (!kind.secretSettings().contains(key)) {
                visible.put(key, value);
            }
        });
        List<String> secrets = c.settings.keySet().stream().filter(kind.secretSettings()::contains).sorted().toList();
        Attempt last = c.lastAttemptAt == null ? null
                : new Attempt(c.lastAttemptAt, c.lastAttemptStatus, c.lastAttemptError);
        return new ChannelView(c.id, c.ownerId, c.name, c.kind, kind.secretTarget() ? masked(c.target) : c.target,
                visible, secrets, c.createdAt, c.updatedAt, last);
    }

    /** {@code https://hooks.slack.com/…}: enough to recognise, not enough to use. */
    static String masked(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + "/\u2026";
    }
}
