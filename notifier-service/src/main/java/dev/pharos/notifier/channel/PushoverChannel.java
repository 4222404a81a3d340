package dev.pharos.notifier.channel;

import dev.pharos.contracts.ChannelKind;
import dev.pharos.contracts.Contact;
import dev.pharos.notifier.config.NotifierConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;

/**
 * Push through Pushover: {@code POST {base}/1/messages.json} with the form fields token (the operator's application
 * token, {@code pharos.notifier.pushover.app-token}), user (the target, a user or group key), title, message and
 * priority (1 when down, 0 when recovered).
 */
@ApplicationScoped
public class PushoverChannel implements NotificationChannel {

    /** Pushover's limits. */
    static final int MAX_TITLE = 250;
    static final int MAX_MESSAGE = 1024;

    private final ProviderClient http;
    private final NotifierConfig.Pushover pushover;
    private final String baseUrl;

    public PushoverChannel(ProviderClient http, NotifierConfig config) {
        this.http = http;
        this.pushover = config.pushover();
        this.baseUrl = Check.baseUrl(pushover.baseUrl(), "pharos.notifier.pushover.base-url");
    }

    @Override
    public String kind() {
        return "pushover";
    }

    @Override
    public void validate(Contact contact) {
        ChannelKind.validate(contact);
        appToken();
    }

    private String appToken() {
        return Check.operator(pushover.appToken(), kind(), "pharos.notifier.pushover.app-token");
    }

    @Override
    public void send(Notification n, Contact contact) throws ChannelException {
        validate(contact);
        String token = appToken();
        var form = new LinkedHashMap<String, String>();
        form.put("token", token);
        form.put("user", contact.target());
        form.put("title", Texts.cut(Texts.title(n), MAX_TITLE));
        form.put("message", Texts.cut(Texts.message(n), MAX_MESSAGE));
        form.put("priority", n.down() ? "1" : "0");
        http.post(kind(), ProviderRequest.post(baseUrl + "/1/messages.json").secret(token).form(form));
    }
}
