package dev.pharos.notifier.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The notifier's settings. Provider credentials are operator-wide and optional: a channel whose credentials are
 * missing rejects its contacts with a message naming the property. They come from the environment or Secrets, never
 * from application.properties.
 */
@ConfigMapping(prefix = "pharos.notifier")
public interface NotifierConfig {

    /** How often pending deliveries are looked for, as a Quarkus scheduler period. */
    @WithDefault("1s")
    String deliverEvery();

    /**
     * Deliveries of one channel kind sent at once, unless {@code channel-concurrency.<kind>} sets another; a
     * provider that hangs holds at most these, never another kind's.
     */
    @WithDefault("4")
    int defaultChannelConcurrency();

    /** Concurrency per channel kind, for example {@code pharos.notifier.channel-concurrency.email=8}. */
    Map<String, Integer> channelConcurrency();

    /**
     * How long a claimed delivery is reserved for its send; must be longer than any send takes. A notifier that dies
     * mid-send leaves the delivery to be retried after this.
     */
    @WithDefault("2m")
    Duration deliveryLease();

    /** Failed sends in a row, of one channel kind, that open its circuit breaker. */
    @WithDefault("5")
    int circuitFailureThreshold();

    /** How long an open circuit sends nothing of its kind before one probe delivery is tried. */
    @WithDefault("30s")
    Duration circuitOpenFor();

    /** How often stored events are published to pharos.incidents and pharos.notifications(.dlq). */
    @WithDefault("500ms")
    String publishEvery();

    /** Events published per transaction at most. */
    @WithDefault("100")
    int publishBatchSize();

    /** How long to wait for the broker's acknowledgement of a batch before retrying it. */
    @WithDefault("10s")
    Duration publishTimeout();

    /** Attempts per delivery before it is given up. */
    @WithDefault("10")
    int maxAttempts();

    /** Wait before the first retry; doubled per attempt, with jitter. */
    @WithDefault("5s")
    Duration retryInitialBackoff();

    /** The longest wait between two attempts. */
    @WithDefault("10m")
    Duration retryMaxBackoff();

    /** Time limit of one call to a provider over HTTP, unless {@code channel-timeout.<kind>} sets another. */
    @WithDefault("10s")
    Duration defaultChannelTimeout();

    /** Time limit per channel kind, for example {@code pharos.notifier.channel-timeout.telegram=5s}. */
    Map<String, Duration> channelTimeout();

    /** When a monitor counts as flapping, and its OPENED/RESOLVED notifications are held back. */
    Flapping flapping();

    /** How often due reminders are looked for, as a Quarkus scheduler period. */
    @WithDefault("5s")
    String remindEvery();

    /**
     * How long one of an alert policy's {@code reminderMinutes} lasts. A minute; only tests make it shorter, so that
     * reminders can be seen without waiting minutes.
     */
    @WithDefault("1m")
    Duration reminderMinute();

    /** Email beyond {@code quarkus.mailer.*}: the journal. */
    Email email();

    /** Twilio, for the {@code twilio} SMS channel. */
    Twilio twilio();

    /** Pushover, for the {@code pushover} channel. */
    Pushover pushover();

    /** Telegram, for the {@code telegram} channel. */
    Telegram telegram();

    /** Fault injection for the crash tests. Never set it in production. */
    Fault fault();

    /** How many deliveries of that kind are sent at once. */
    default int concurrencyOf(String kind) {
        return channelConcurrency().getOrDefault(kind, defaultChannelConcurrency());
    }

    /** The time limit of one call by the channel of that kind. */
    default Duration timeoutOf(String kind) {
        return channelTimeout().getOrDefault(kind, defaultChannelTimeout());
    }

    interface Fault {

        /** Where the crash tests stop the notifier as {@code kill -9} would (exit 137); see FaultPoints. */
        enum HaltAt { AFTER_STATE_STORED, AFTER_DELIVERY_RECORDED, AFTER_PROVIDER_ACCEPTED }

        /**
         * For tests only, empty by default: halt the JVM at this point ({@code after-state-stored},
         * {@code after-delivery-recorded} or {@code after-provider-accepted}) the first time it is reached.
         */
        Optional<HaltAt> haltAt();
    }

    interface Flapping {
        /** Changes between UP and DOWN inside the window that make a monitor flapping; at least 2. */
        @WithDefault("5")
        int transitions();

        /** The sliding window; a flapping monitor is stable again once it has not changed for this long. */
        @WithDefault("10m")
        Duration window();
    }

    interface Email {
        /**
         * A mailbox that receives a blind copy of every alert email, read over IMAP: before an email whose sending was
         * not recorded (the notifier stopped mid-send) is sent again, the journal is searched for its Message-ID.
         */
        Journal journal();
    }

    interface Journal {
        /** The journal's address, added as Bcc to every alert email; the journal is off while unset. */
        Optional<String> address();

        /** The IMAP server of the journal's mailbox; required with {@code address}. */
        Optional<String> imapHost();

        /** The IMAP server's port. */
        @WithDefault("993")
        int imapPort();

        /** The IMAP login; required with {@code address}. */
        Optional<String> imapUser();

        /** The IMAP password; required with {@code address}. Secret. */
        Optional<String> imapPassword();

        /** IMAP over TLS ({@code imaps}); plain IMAP only for a server on the same host or network. */
        @WithDefault("true")
        boolean imapSsl();

        /** The folder the copies arrive in. */
        @WithDefault("INBOX")
        String imapFolder();

        /** Time limit of connecting to the IMAP server, and of each of its answers. */
        @WithDefault("10s")
        Duration imapTimeout();
    }

    interface Twilio {
        /** The account SID, {@code AC…}; also the user name of HTTP basic authentication. */
        Optional<String> accountSid();

        /** The account's auth token. Secret. */
        Optional<String> authToken();

        /** The sending phone number in E.164 form, for example {@code +15005550006}. */
        Optional<String> from();

        /** The API's base URL. */
        @WithDefault("https://api.twilio.com")
        String baseUrl();
    }

    interface Pushover {
        /** The application's API token. Secret. */
        Optional<String> appToken();

        /** The API's base URL. */
        @WithDefault("https://api.pushover.net")
        String baseUrl();
    }

    interface Telegram {
        /** The bot token used for contacts that name no {@code bot-token} of their own. Secret. */
        Optional<String> botToken();

        /** The Bot API's base URL. */
        @WithDefault("https://api.telegram.org")
        String baseUrl();
    }
}
