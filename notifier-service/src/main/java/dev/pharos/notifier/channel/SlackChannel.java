package dev.pharos.notifier.channel;

import dev.pharos.contracts.ChannelKind;
import dev.pharos.contracts.Contact;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A Slack incoming webhook: a POST of {@code {"text": ...}} to the webhook URL (the target, itself a secret). The
 * text escapes Slack's control characters {@code & < >}, so a monitor's name cannot mention or link.
 */
@ApplicationScoped
public class SlackChannel implements NotificationChannel {

    private final ProviderClient http;

    public SlackChannel(ProviderClient http) {
        this.http = http;
    }

    @Override
    public String kind() {
        return "slack";
    }

    @Override
    public void validate(Contact contact) {
        ChannelKind.validate(contact);
    }

    @Override
    public void send(Notification n, Contact contact) throws ChannelException {
        validate(contact);
        String text = (n.down() ? ":rotating_light: " : ":white_check_mark: ") + escape(Texts.message(n));
        http.post(kind(), ProviderRequest.post(contact.target()).secret(contact.target())
                .json(new JsonObject().put("text", text)));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
