package dev.pharos.contracts.json;

import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer for every Pharos event; a null value (a tombstone) stays null. */
public class EventSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object event) {
        return event == null ? null : EventJson.write(event);
    }
}
