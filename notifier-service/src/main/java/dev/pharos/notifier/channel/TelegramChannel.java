package dev.pharos.notifier.channel;

import dev.pharos.contracts.ChannelKind;
import dev.pharos.contracts.Contact;
import dev.pharos.notifier.config.NotifierConfig;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;

/**
 * Telegram: {@code POST {base}/bot<token>/sendMessage} with the JSON fields chat_id (the target) and text. The bot
 * token is the contact's {@code bot-token} setting, or else the operator's {@code pharos.notifier.telegram.bot-token}.
 * The token is part of the URL's path, so it is kept out of every error message.
 */
@ApplicationScoped
public class TelegramChannel implements NotificationChannel {

    /** Telegram's limit for a message's text. */
    static final int MAX_TEXT = 4096;
    private static final Pattern TOKEN = Pattern.compile("^[0-9]{1,20}:[A-Za-z0-9_-]{20,100}$");

    private final ProviderClient http;
    private final NotifierConfig.Telegram telegram;
    private final String baseUrl;

    public TelegramChannel(ProviderClient http, NotifierConfig config) {
        this.http = http;
        this.telegram = config.telegram();
        this.baseUrl = Check.baseUrl(telegram.baseUrl(), "pharos.notifier.telegram.base-url");
    }

    @Override
    public String kind() {
        return "telegram";
    }

    @Override
    public void validate(Contact contact) {
        ChannelKind.validate(contact);
        token(contact);
    }

    private String token(Contact contact) {
        String token = contact.setting("bot-token");
        if (token == null) {
            token = telegram.botToken().filter(t -> !t.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                    "setting 'bot-token' is required, as pharos.notifier.telegram.bot-token is not set"));
        }
        if (!TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("the bot token is not a Telegram bot token (<bot id>:<secret>)");
        }
        return token;
    }

    @Override
    public void send(Notification n, Contact contact) throws ChannelException {
        validate(contact);
        String token = token(contact);
        http.post(kind(), ProviderRequest.post(baseUrl + "/bot" + token + "/sendMessage")
                .secret(token)
                .json(new JsonObject()
                        .put("chat_id", contact.target())
                        .put("text", Texts.cut(Texts.subject(n) + "\n" + Texts.message(n), MAX_TEXT))));
    }
}
