package dev.pharos.notifier.channel;

import dev.pharos.contracts.ChannelKind;
import dev.pharos.contracts.Contact;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Push through ntfy: a POST of the message to the topic URL (the target, for example {@code https://ntfy.sh/ops})
 * with the headers Title, Priority ({@code urgent} when down, {@code default} when recovered) and Tags. An optional
 * {@code token} setting is sent as {@code Authorization: Bearer <token>}.
 */
@ApplicationScoped
public class NtfyChannel implements NotificationChannel {

    private final ProviderClient http;

    public NtfyChannel(ProviderClient http) {
        this.http = http;
    }

    @Override
    public String kind() {
        return "ntfy";
    }

    @Override
    public void validate(Contact contact) {
        ChannelKind.validate(contact);
    }

    @Override
    public void send(Notification n, Contact contact) throws ChannelException {
        validate(contact);
        var request = ProviderRequest.post(contact.target())
                .header("Title", headerValue(Texts.title(n)))
                .header("Priority", n.down() ? "urgent" : "default")
                .header("Tags", n.down() ? "rotating_light" : "white_check_mark")
                .body("text/plain; charset=utf-8", Texts.message(n));
        String token = contact.setting("token");
        if (token != null) {
            request.header("Authorization", "Bearer " + token).secret(token);
        }
        http.post(kind(), request);
    }

    /** HTTP headers are ASCII; ntfy decodes RFC 2047 encoded words, so other text is sent that way. */
    static String headerValue(String text) {
        if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return text;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)) + "?=";
    }
}
