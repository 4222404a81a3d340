package dev.pharos.contracts.json;

import dev.pharos.contracts.CheckRequested;

/** Kafka deserializer for {@link CheckRequested}. */
public class CheckRequestedDeserializer extends EventDeserializer<CheckRequested> {

    public CheckRequestedDeserializer() {
        super(CheckRequested.class);
    }
}
