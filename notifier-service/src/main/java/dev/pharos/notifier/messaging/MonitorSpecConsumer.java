package dev.pharos.notifier.messaging;

import dev.pharos.contracts.MonitorSpec;
import dev.pharos.notifier.domain.WatchedMonitor;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Keeps the notifier's copy of every monitor's spec from the compacted {@code pharos.monitors} topic. */
@ApplicationScoped
public class MonitorSpecConsumer {

    private static final Logger LOG = Logger.getLogger(MonitorSpecConsumer.class);

    @Incoming("monitors")
    @Blocking
    @Transactional
    public void onSpec(ConsumerRecord<String, MonitorSpec> record) {
        MonitorSpec spec = record.value();
        if (spec == null && record.headers().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON)
                != null) {
            LOG.warnf("skipping a malformed monitor spec at %s-%d offset %d (key %s)", record.topic(),
                    record.partition(), record.offset(), record.key());
            return;
        }
        if (spec == null) {
            WatchedMonitor.deleteById(UUID.fromString(record.key()));
            return;
        }
        WatchedMonitor monitor = WatchedMonitor.findById(spec.monitorId());
        if (monitor == null) {
            monitor = new WatchedMonitor();
            monitor.apply(spec);
            monitor.persist();
        } else {
            monitor.apply(spec);
        }
    }
}
