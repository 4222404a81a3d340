package dev.pharos.notifier.messaging;

import dev.pharos.contracts.Topics;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** The outgoing channels of the notifier's own events, by topic; values are the events' JSON as stored. */
@ApplicationScoped
public class EventEmitters {

    private final Map<String, Emitter<Record<String, String>>> byTopic;

    public EventEmitters(@Channel("incidents-out") Emitter<Record<String, String>> incidents,
                         @Channel("notifications-out") Emitter<Record<String, String>> notifications,
                         @Channel("notifications-dlq-out") Emitter<Record<String, String>> deadLetters) {
        this.byTopic = Map.of(Topics.INCIDENTS, incidents, Topics.NOTIFICATIONS, notifications,
                Topics.NOTIFICATIONS_DLQ, deadLetters);
    }

    /** @return the broker's acknowledgement, or empty when the notifier has no channel for that topic */
    public Optional<CompletableFuture<Void>> send(String topic, String key, String json) {
        return Optional.ofNullable(byTopic.get(topic))
                .map(emitter -> emitter.send(Record.of(key, json)).toCompletableFuture());
    }
}
