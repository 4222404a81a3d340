package dev.pharos.contracts.json;

import dev.pharos.contracts.MonitorSpec;

/** Kafka deserializer for {@link MonitorSpec}. */
public class MonitorSpecDeserializer extends EventDeserializer<MonitorSpec> {

    public MonitorSpecDeserializer() {
        super(MonitorSpec.class);
    }
}
