package dev.pharos.notifier.channel;

import dev.pharos.contracts.ChannelKind;
import dev.pharos.contracts.Contact;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * SMS through any HTTP gateway: a POST to the contact's {@code url} setting with a body made from its {@code body}
 * template, in which {@code {to}} becomes the target phone number and {@code {message}} the SMS text (at most 160
 * characters). Values are escaped for the {@code content-type} setting: JSON string escapes for JSON, URL encoding
 * for forms. An optional {@code token} setting is sent as {@code Authorization: Bearer <token>}.
 */
@ApplicationScoped
public class SmsGatewayChannel implements NotificationChannel {

    static final String DEFAULT_BODY = "{\"to\":\"{to}\",\"message\":\"{message}\"}";
    static final String DEFAULT_CONTENT_TYPE = "application/json";

    private final ProviderClient http;

    public SmsGatewayChannel(ProviderClient http) {
        this.http = http;
    }

    @Override
    public String kind() {
        return "sms-gateway";
    }

    @Override
    public void validate(Contact contact) {
        ChannelKind.validate(contact);
    }

    @Override
    public void send(Notification n, Contact contact) throws ChannelException {
        validate(contact);
        String contentType = contentType(contact);
        String body = template(contact)
                .replace("{to}", escape(contact.target(), contentType))
                .replace("{message}", escape(Texts.sms(n), contentType));
        var request = ProviderRequest.post(contact.setting("url")).body(contentType, body);
        String token = contact.setting("token");
        if (token != null) {
            request.header("Authorization", "Bearer " + token).secret(token);
        }
        http.post(kind(), request);
    }

    private static String template(Contact contact) {
        String body = Check.optionalSetting(contact, "body", 2000);
        return body == null ? DEFAULT_BODY : body;
    }

    private static String contentType(Contact contact) {
        String type = Check.optionalSetting(contact, "content-type", 200);
        return type == null ? DEFAULT_CONTENT_TYPE : type.trim();
    }

    static String escape(String value, String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.contains("json")) {
            String quoted = new JsonObject().put("v", value).encode();
            // {"v":"..."} -> the escaped characters between the quotes
            return quoted.substring(6, quoted.length() - 2);
        }
        if (type.startsWith("application/x-www-form-urlencoded")) {
            return ProviderRequest.urlEncode(value);
        }
        return value;
    }
}
