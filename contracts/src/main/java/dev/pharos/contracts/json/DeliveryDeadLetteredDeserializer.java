package dev.pharos.contracts.json;

import dev.pharos.contracts.DeliveryDeadLettered;

/** Kafka deserializer for {@link DeliveryDeadLettered}. */
public class DeliveryDeadLetteredDeserializer extends EventDeserializer<DeliveryDeadLettered> {

    public DeliveryDeadLetteredDeserializer() {
        super(DeliveryDeadLettered.class);
    }
}
