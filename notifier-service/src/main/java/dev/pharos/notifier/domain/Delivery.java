package dev.pharos.notifier.domain;

import dev.pharos.contracts.Contact;
import dev.pharos.contracts.json.EventJson;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One notification to one contact about one transition of one incident. Its idempotency key is unique, so the
 * same notification is never queued twice; PENDING rows are the outbox the delivery worker drains.
 */
@Entity
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {

    public enum Status { PENDING, SENT, DEAD }

    @Id
    public UUID id;
    @Column(name = "idempotency_key")
    public String idempotencyKey;
    @Column(name = "incident_id")
    public UUID incidentId;
    @Enumerated(EnumType.STRING)
    public Transition transition;
    public String channel;
    public String target;
    /** The owner's saved channel the contact came from, or null for an inline contact. */
    @Column(name = "channel_id")
    public UUID channelId;
    /** What the message gives as its cause instead of the incident's (a FLAPPING notice's count), or null. */
    @Column(name = "message_cause")
    public String messageCause;
    /** What the message gives as its start instead of the incident's first failure, or null. */
    @Column(name = "message_since")
    public Instant messageSince;
    /** The contact's settings as a JSON object; may hold secrets. Null for rows queued before it existed. */
    public String settings;
    @Enumerated(EnumType.STRING)
    public Status status;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "sent_at")
    public Instant sentAt;
    /** Set while one worker holds the delivery for a send; only that worker records the outcome. */
    @Column(name = "claim_token")
    public UUID claimToken;
    /** When the delivery was last claimed for a send; null until then. */
    @Column(name = "claimed_at")
    public Instant claimedAt;
    /**
     * When an attempt began whose outcome was never recorded (the provider may have accepted it), until the channel
     * has answered whether it did; null otherwise.
     */
    @Column(name = "unsettled_since")
    public Instant unsettledSince;

    /** The contact this delivery goes to, with its settings. */
    public Contact contact() {
        return new Contact(channel, target, readSettings(settings), channelId);
    }

    public static String writeSettings(Contact contact) {
        return EventJson.writeString(contact.settings());
    }

    static Map<String, String> readSettings(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        var settings = new TreeMap<String, String>();
        EventJson.readString(json, Map.class).forEach((key, value) -> {
            if (key != null && value != null) {
                settings.put(key.toString(), value.toString());
            }
        });
        return settings;
    }

    /**
     * The target as it may be published: an HTTP target (a webhook URL, which often is itself the secret) is cut to
     * its scheme and host.
     */
    public String publicTarget() {
        if (target.startsWith("http://") || target.startsWith("https://")) {
            try {
                URI uri = URI.create(target);
                return uri.getScheme() + "://" + uri.getHost() + "/…";
            } catch (IllegalArgumentException e) {
                return "(not a URL)";
            }
        }
        return target;
    }

    public static String idempotencyKey(UUID incidentId, Transition transition, String channel, String target) {
        return idempotencyKey(incidentId, transition, 0, channel, target);
    }

    /**
     * One key per (incident, transition, channel, target); a REMINDER's key also names its sequence number
     * ({@code REMINDER#3}), so each reminder is sent once and a restart never repeats one.
     */
    public static String idempotencyKey(UUID incidentId, Transition transition, int sequence, String channel,
                                        String target) {
        String what = sequence > 0 ? transition + "#" + sequence : transition.name();
        return incidentId + ":" + what + ":" + channel + ":" + target;
    }
}
