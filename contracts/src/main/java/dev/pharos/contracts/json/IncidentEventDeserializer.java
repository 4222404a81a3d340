package dev.pharos.contracts.json;

import dev.pharos.contracts.IncidentEvent;

/** Kafka deserializer for {@link IncidentEvent}. */
public class IncidentEventDeserializer extends EventDeserializer<IncidentEvent> {

    public IncidentEventDeserializer() {
        super(IncidentEvent.class);
    }
}
