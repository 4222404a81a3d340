package dev.pharos.notifier.channel;

import dev.pharos.contracts.ChannelKind;
import dev.pharos.contracts.Contact;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A Microsoft Teams incoming webhook (a Workflows "when a webhook request is received" URL, the target): a POST of a
 * message with one Adaptive Card, a bold title and the message text.
 */
@ApplicationScoped
public class TeamsChannel implements NotificationChannel {

    private final ProviderClient http;

    public TeamsChannel(ProviderClient http) {
        this.http = http;
    }

    @Override
    public String kind() {
        return "teams";
    }

    @Override
    public void validate(Contact contact) {
        ChannelKind.validate(contact);
    }

    @Override
    public void send(Notification n, Contact contact) throws ChannelException {
        validate(contact);
        http.post(kind(), ProviderRequest.post(contact.target()).secret(contact.target()).json(card(n)));
    }

    static JsonObject card(Notification n) {
        var card = new JsonObject()
                .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard")
                .put("version", "1.4")
                .put("body", new JsonArray()
                        .add(new JsonObject().put("type", "TextBlock").put("text", "[Pharos] " + Texts.title(n))
                                .put("weight", "Bolder").put("size", "Medium")
                                .put("color", n.down() ? "Attention" : "Good").put("wrap", true))
                        .add(new JsonObject().put("type", "TextBlock").put("text", Texts.message(n).replace("\n", "\n\n"))
                                .put("wrap", true)));
        return new JsonObject()
                .put("type", "message")
                .put("attachments", new JsonArray().add(new JsonObject()
                        .put("contentType", "application/vnd.microsoft.card.adaptive")
                        .put("content", card)));
    }
}
