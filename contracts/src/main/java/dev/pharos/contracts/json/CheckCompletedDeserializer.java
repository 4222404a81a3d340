package dev.pharos.contracts.json;

import dev.pharos.contracts.CheckCompleted;

/** Kafka deserializer for {@link CheckCompleted}. */
public class CheckCompletedDeserializer extends EventDeserializer<CheckCompleted> {

    public CheckCompletedDeserializer() {
        super(CheckCompleted.class);
    }
}
