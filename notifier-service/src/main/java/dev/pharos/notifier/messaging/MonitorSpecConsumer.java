package dev.pharos.notifier.messaging;

import dev.pharos.contracts.MonitorSpec;
import dev.pharos.notifier.service.MonitorSpecStore;
import dev.pharos.support.UntilStored;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Keeps the notifier's copy of every monitor's spec from the compacted {@code pharos.monitors} topic. */
@ApplicationScoped
public class MonitorSpecConsumer {

    private static final Logger LOG = Logger.getLogger(MonitorSpecConsumer.class);

    private final MonitorSpecStore store;

    public MonitorSpecConsumer(MonitorSpecStore store) {
        this.store = store;
    }

    @Incoming("monitors")
    @Blocking
    public void onSpec(ConsumerRecord<String, MonitorSpec> record) throws InterruptedException {
        MonitorSpec spec = record.value();
        if (spec != null) {
            UntilStored.run("spec of monitor " + spec.monitorId(), () -> store.save(spec));
            return;
        }
        UUID monitorId = tombstoneKey(record);
        if (monitorId != null) {
            UntilStored.run("deletion of monitor " + monitorId, () -> store.delete(monitorId));
        }
    }

    /** The monitor a tombstone deletes, or null (logged) for a malformed record, which must not delete anything. */
    private static UUID tombstoneKey(ConsumerRecord<String, MonitorSpec> record) {
        boolean malformed = record.headers()
                .lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON) != null;
        try {
            if (!malformed && record.key() != null) {
                return UUID.fromString(record.key());
            }
        } catch (IllegalArgumentException e) {
            // falls through to the warning
        }
        LOG.warnf("skipping a malformed monitor spec at %s-%d offset %d (key %s)", record.topic(), record.partition(),
                record.offset(), record.key());
        return null;
    }
}
