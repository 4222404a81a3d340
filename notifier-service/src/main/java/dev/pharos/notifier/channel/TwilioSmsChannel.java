package dev.pharos.notifier.channel;

import dev.pharos.contracts.ChannelKind;
import dev.pharos.contracts.Contact;
import dev.pharos.notifier.config.NotifierConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;

/**
 * SMS through Twilio's Messages API: {@code POST {base}/2010-04-01/Accounts/{sid}/Messages.json} with the form
 * fields To, From and Body and basic authentication (account SID, auth token). The target is the phone number; the
 * account comes from {@code pharos.notifier.twilio.*}.
 */
@ApplicationScoped
public class TwilioSmsChannel implements NotificationChannel {

    private final ProviderClient http;
    private final NotifierConfig.Twilio twilio;
    private final String baseUrl;

    public TwilioSmsChannel(ProviderClient http, NotifierConfig config) {
        this.http = http;
        this.twilio = config.twilio();
        this.baseUrl = Check.baseUrl(twilio.baseUrl(), "pharos.notifier.twilio.base-url");
    }

    @Override
    public String kind() {
        return "twilio";
    }

    @Override
    public void validate(Contact contact) {
        ChannelKind.validate(contact);
        account();
    }

    private Account account() {
        String sid = Check.operator(twilio.accountSid(), kind(), "pharos.notifier.twilio.account-sid");
        if (!sid.matches("^AC[0-9a-fA-F]{32}$")) {
            throw new IllegalArgumentException("pharos.notifier.twilio.account-sid must be AC followed by 32 hex digits");
        }
        String token = Check.operator(twilio.authToken(), kind(), "pharos.notifier.twilio.auth-token");
        String from = Check.phone(Check.operator(twilio.from(), kind(), "pharos.notifier.twilio.from"),
                "pharos.notifier.twilio.from");
        return new Account(sid, token, from);
    }

    private record Account(String sid, String token, String from) {
    }

    @Override
    public void send(Notification n, Contact contact) throws ChannelException {
        validate(contact);
        Account account = account();
        var form = new LinkedHashMap<String, String>();
        form.put("To", contact.target());
        form.put("From", account.from());
        form.put("Body", Texts.sms(n));
        String credentials = Base64.getEncoder().encodeToString(
                (account.sid() + ":" + account.token()).getBytes(StandardCharsets.UTF_8));
        http.post(kind(), ProviderRequest.post(baseUrl + "/2010-04-01/Accounts/" + account.sid() + "/Messages.json")
                .header("Authorization", "Basic " + credentials)
                .secret(account.token())
                .secret(credentials)
                .form(form));
    }
}
