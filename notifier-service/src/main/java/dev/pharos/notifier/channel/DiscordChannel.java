package dev.pharos.notifier.channel;

import dev.pharos.contracts.ChannelKind;
import dev.pharos.contracts.Contact;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A Discord webhook: a POST of {@code {"content": ...}} to the webhook URL (the target, itself a secret). Mentions
 * are disabled, so a monitor named {@code @everyone} pings no one.
 */
@ApplicationScoped
public class DiscordChannel implements NotificationChannel {

    /** Discord's limit for {@code content}. */
    static final int MAX_CONTENT = 2000;

    private final ProviderClient http;

    public DiscordChannel(ProviderClient http) {
        this.http = http;
    }

    @Override
    public String kind() {
        return "discord";
    }

    @Override
    public void validate(Contact contact) {
        ChannelKind.validate(contact);
    }

    @Override
    public void send(Notification n, Contact contact) throws ChannelException {
        validate(contact);
        String content = Texts.cut("**" + Texts.title(n) + "**\n" + Texts.message(n), MAX_CONTENT);
        http.post(kind(), ProviderRequest.post(contact.target()).secret(contact.target())
                .json(new JsonObject()
                        .put("content", content)
                        .put("allowed_mentions", new JsonObject().put("parse", new JsonArray()))));
    }
}
