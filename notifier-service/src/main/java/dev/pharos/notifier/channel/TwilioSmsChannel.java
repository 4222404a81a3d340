package dev.pharos.notifier.channel;

import dev.pharos.contracts.ChannelKind;
import dev.pharos.contracts.Contact;
import dev.pharos.notifier.config.NotifierConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SMS through Twilio's Messages API: {@code POST {base}/2010-04-01/Accounts/{sid}/Messages.json} with the form
 * fields To, From and Body and basic authentication (account SID, auth token). The target is the phone number; the
 * account comes from {@code pharos.notifier.twilio.*}. Whether an unsettled attempt was accepted is read from the
 * same resource's list ({@code GET …/Messages.json?To=…&From=…}, newest first).
 */
@ApplicationScoped
public class TwilioSmsChannel implements NotificationChannel {

    /**
     * Messages listed per page, and pages read at most: far more than one contact is sent in a lease, and asking
     * stays within two time limits of the channel (the lease must outlast asking and sending).
     */
    private static final int PAGE_SIZE = 200;
    private static final int MAX_PAGES = 2;
    /** How far Twilio's clock and times may be behind ours. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(2);

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
        http.post(kind(), authorized(ProviderRequest.post(messagesUrl(account)), account).form(form));
    }

    /**
     * True when Twilio lists a message to this number from ours with this notification's text, created at
     * {@code since} or later (less {@link #CLOCK_SKEW}, Twilio's times being whole seconds of its own clock). The
     * text identifies the notification: a later one about the same monitor to the same number is never sent while
     * this one is pending.
     */
    @Override
    public boolean accepted(Notification n, Contact contact, Instant since) throws ChannelException {
        validate(contact);
        Account account = account();
        String body = Texts.sms(n);
        Instant from = since.truncatedTo(ChronoUnit.SECONDS).minus(CLOCK_SKEW);
        var query = new LinkedHashMap<String, String>();
        query.put("To", contact.target());
        query.put("From", account.from());
        query.put("PageSize", Integer.toString(PAGE_SIZE));
        String url = ProviderRequest.get(messagesUrl(account), query).url();
        for (int page = 0; page < MAX_PAGES && url != null; page++) {
            JsonObject answer = parse(http.fetch(kind(), authorized(ProviderRequest.get(url, Map.of()), account)));
            JsonArray messages = answer.getJsonArray("messages", new JsonArray());
            boolean olderReached = false;
            for (int i = 0; i < messages.size(); i++) {
                JsonObject message = messages.getJsonObject(i);
                Instant created = createdAt(message);
                if (created.isBefore(from)) {
                    olderReached = true;
                } else if (body.equals(message.getString("body"))) {
                    return true;
                }
            }
            String next = answer.getString("next_page_uri");
            // A next page is a path on the same host; anything else would take the credentials elsewhere.
            url = olderReached || next == null || !next.startsWith("/") ? null : baseUrl + next;
        }
        return false;
    }

    private String messagesUrl(Account account) {
        return baseUrl + "/2010-04-01/Accounts/" + account.sid() + "/Messages.json";
    }

    private static ProviderRequest authorized(ProviderRequest request, Account account) {
        String credentials = Base64.getEncoder().encodeToString(
                (account.sid() + ":" + account.token()).getBytes(StandardCharsets.UTF_8));
        return request.header("Authorization", "Basic " + credentials).secret(account.token()).secret(credentials);
    }

    private JsonObject parse(String json) throws ChannelException {
        try {
            return new JsonObject(json);
        } catch (RuntimeException e) {
            throw new ChannelException(kind() + ": the message list is not a JSON object");
        }
    }

    /** A listed message's {@code date_created}, RFC 2822 as Twilio writes it. */
    private Instant createdAt(JsonObject message) throws ChannelException {
        try {
            return ZonedDateTime.parse(message.getString("date_created"), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } catch (RuntimeException e) {
            throw new ChannelException(kind() + ": a listed message has no readable date_created");
        }
    }
}
