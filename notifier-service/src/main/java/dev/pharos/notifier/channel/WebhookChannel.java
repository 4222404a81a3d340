package dev.pharos.notifier.channel;

import dev.pharos.contracts.ChannelKind;
import dev.pharos.contracts.Contact;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A signed JSON POST to the owner's URL (the target). The header {@code X-Pharos-Signature: sha256=<hex>} is the
 * HMAC-SHA256 of the exact body with the contact's {@code secret} setting, and {@code X-Pharos-Timestamp} the
 * sending time in epoch seconds, also in the body as {@code sentAt}, so a receiver can refuse replays.
 */
@ApplicationScoped
public class WebhookChannel implements NotificationChannel {


    private final ProviderClient http;
    private final Clock clock;

    @Inject
    public WebhookChannel(ProviderClient http) {
        this(http, Clock.systemUTC());
    }

    WebhookChannel(ProviderClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return "webhook";
    }

    @Override
    public void validate(Contact contact) {
        ChannelKind.validate(contact);
    }

    @Override
    public void send(Notification n, Contact contact) throws ChannelException {
        validate(contact);
        Instant now = clock.instant().with(ChronoField.NANO_OF_SECOND, 0);
        byte[] body = event(n, now).encode().getBytes(StandardCharsets.UTF_8);
        String secret = contact.setting("secret");
        http.post(kind(), ProviderRequest.post(contact.target())
                .header("X-Pharos-Event", eventName(n))
                .header("X-Pharos-Timestamp", Long.toString(now.getEpochSecond()))
                .header("X-Pharos-Signature", "sha256=" + hmacSha256Hex(secret, body))
                .secret(secret)
                .body("application/json", body));
    }

    static String eventName(Notification n) {
        return switch (n.transition()) {
            case OPENED -> "incident.opened";
            case RESOLVED -> "incident.resolved";
            case REMINDER -> "incident.reminder";
            case FLAPPING -> "monitor.flapping";
            case TEST, NONE -> "channel.test";
        };
    }

    static JsonObject event(Notification n, Instant sentAt) {
        return new JsonObject()
                .put("v", 1)
                .put("event", eventName(n))
                .put("incidentId", n.incidentId().toString())
                .put("monitor", new JsonObject()
                        .put("id", n.monitorId().toString())
                        .put("name", n.monitorName())
                        .put("url", n.monitorUrl()))
                .put("status", n.down() ? "DOWN" : "UP")
                .put("cause", n.cause())
                .put("firstFailureAt", n.firstFailureAt().toString())
                .put("downForSeconds", n.downFor().toSeconds())
                .put("sentAt", sentAt.toString());
    }

    static String hmacSha256Hex(String secret, byte[] body) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
