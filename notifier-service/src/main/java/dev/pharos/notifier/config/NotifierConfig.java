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

    /** Deliveries sent per worker run at most, each in its own transaction. */
    @WithDefault("50")
    int deliveryBatchSize();

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

    /** Twilio, for the {@code twilio} SMS channel. */
    Twilio twilio();

    /** Pushover, for the {@code pushover} channel. */
    Pushover pushover();

    /** Telegram, for the {@code telegram} channel. */
    Telegram telegram();

    /** The time limit of one call by the channel of that kind. */
    default Duration timeoutOf(String kind) {
        return channelTimeout().getOrDefault(kind, defaultChannelTimeout());
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
