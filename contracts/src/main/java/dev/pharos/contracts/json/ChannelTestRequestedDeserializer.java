package dev.pharos.contracts.json;

import dev.pharos.contracts.ChannelTestRequested;

/** Kafka deserializer for {@link ChannelTestRequested}. */
public class ChannelTestRequestedDeserializer extends EventDeserializer<ChannelTestRequested> {

    public ChannelTestRequestedDeserializer() {
        super(ChannelTestRequested.class);
    }
}
