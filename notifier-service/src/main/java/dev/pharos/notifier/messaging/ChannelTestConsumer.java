package dev.pharos.notifier.messaging;

import dev.pharos.contracts.ChannelTestRequested;
import dev.pharos.contracts.NotificationAttempt;
import dev.pharos.contracts.Topics;
import dev.pharos.contracts.json.EventJson;
import dev.pharos.notifier.channel.ChannelRegistry;
import dev.pharos.notifier.channel.Notification;
import dev.pharos.notifier.channel.NotificationChannel;
import dev.pharos.notifier.channel.Texts;
import dev.pharos.notifier.domain.Transition;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Sends the test messages owners ask for (from {@code pharos.channels.tests}) and reports each on
 * {@code pharos.notifications} with transition TEST: SENT, or DEAD with the reason. A test is tried once, right away;
 * one that waited longer than {@code pharos.notifier.channel-test-max-age} (the notifier was down) is reported DEAD
 * unsent, as its owner has stopped waiting. The offset is committed after the report is acknowledged, so a crash
 * before that may send a test twice, never lose its report.
 */
@ApplicationScoped
public class ChannelTestConsumer {

    private static final Logger LOG = Logger.getLogger(ChannelTestConsumer.class);

    private final ChannelRegistry channels;
    private final EventEmitters emitters;
    private final Duration maxAge;

    public ChannelTestConsumer(ChannelRegistry channels, EventEmitters emitters,
                               @ConfigProperty(name = "pharos.notifier.channel-test-max-age", defaultValue = "10m")
                               Duration maxAge) {
        this.channels = channels;
        this.emitters = emitters;
        this.maxAge = maxAge;
    }

    @Incoming("channel-tests")
    @Blocking
    public void onTest(ConsumerRecord<String, ChannelTestRequested> record) throws Exception {
        ChannelTestRequested test = record.value();
        if (test == null) {
            LOG.warnf("skipping a malformed channel test at %s-%d offset %d", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        String error = send(test);
        var attempt = new NotificationAttempt(NotificationAttempt.VERSION, UUID.randomUUID(), test.testId(), null,
                Transition.TEST.name(), test.contact().channel(), 1, error == null ? "SENT" : "DEAD", error,
                Instant.now(), test.contact().channelId());
        String key = test.contact().channelId().toString();
        emitters.send(Topics.NOTIFICATIONS, key, EventJson.writeString(attempt))
                .orElseThrow(() -> new IllegalStateException("no emitter for " + Topics.NOTIFICATIONS))
                .get(30, TimeUnit.SECONDS);
    }

    /** @return null when the provider accepted the message, otherwise why not (never a secret) */
    private String send(ChannelTestRequested test) {
        if (test.requestedAt().plus(maxAge).isBefore(Instant.now())) {
            return "not sent: asked for at " + Texts.time(test.requestedAt()) + ", more than " + maxAge.toMinutes()
                    + " min ago";
        }
        try {
            NotificationChannel channel = channels.accept(test.contact());
            channel.send(Notification.test(test.testId(), test.contact().channelId(), test.channelName(),
                    test.requestedAt()), test.contact());
            LOG.infof("test message %s sent through channel %s (%s)", test.testId(), test.contact().channelId(),
                    test.contact().channel());
            return null;
        } catch (Exception e) {
            // Channels word their errors without secrets (ChannelException, IllegalArgumentException).
            String reason = Texts.cut(String.valueOf(e.getMessage()), 500);
            LOG.infof("test message %s through channel %s failed: %s", test.testId(), test.contact().channelId(),
                    reason);
            return reason;
        }
    }
}
