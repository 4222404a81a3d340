package dev.pharos.contracts.json;

import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for one event type; a null value (a tombstone) stays null, malformed bytes throw
 * {@link EventJson.MalformedEventException}. Kafka needs a no-argument class per type: see the subclasses.
 */
public abstract class EventDeserializer<T> implements Deserializer<T> {

    private final Class<T> type;

    protected EventDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return data == null ? null : EventJson.read(data, type);
    }
}
