package dev.pharos.contracts.json;

import dev.pharos.contracts.NotificationAttempt;

/** Kafka deserializer for {@link NotificationAttempt}. */
public class NotificationAttemptDeserializer extends EventDeserializer<NotificationAttempt> {

    public NotificationAttemptDeserializer() {
        super(NotificationAttempt.class);
    }
}
