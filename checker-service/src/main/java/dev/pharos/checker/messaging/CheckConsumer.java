package dev.pharos.checker.messaging;

import dev.pharos.checker.config.CheckerConfig;
import dev.pharos.checker.http.HttpChecker;
import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.CheckRequested;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

/**
 * Consumes check requests and publishes their results, at most {@code pharos.checker.max-in-flight} at once. A
 * request is acknowledged (and its offset becomes committable) only when its result has been acknowledged by the
 * broker; when all slots are busy, demand stops and the Kafka consumer pauses until a check finishes.
 */
@ApplicationScoped
public class CheckConsumer {

    private static final Logger LOG = Logger.getLogger(CheckConsumer.class);

    private final HttpChecker checker;
    private final CheckerConfig config;
    private final CheckMetrics metrics;

    public CheckConsumer(HttpChecker checker, CheckerConfig config, CheckMetrics metrics) {
        this.checker = checker;
        this.config = config;
        this.metrics = metrics;
    }

    @Incoming("checks-requested")
    @Outgoing("checks-completed-out")
    public Multi<Message<Record<String, CheckCompleted>>> process(Multi<Message<CheckRequested>> requests) {
        return requests
                .select().where(this::isWellFormed)
                .onItem().transformToUni(message -> checker.check(message.getPayload())
                        .onSubscription().invoke(subscription -> metrics.started())
                        .invoke(metrics::finished)
                        .map(result -> Message.of(Record.of(result.monitorId().toString(), result),
                                () -> message.ack(), failure -> message.nack(failure))))
                .merge(config.maxInFlight());
    }

    /** A request that could not be read is acknowledged and skipped: retrying it would never succeed. */
    private boolean isWellFormed(Message<CheckRequested> message) {
        if (message.getPayload() != null) {
            return true;
        }
        message.getMetadata(IncomingKafkaRecordMetadata.class).ifPresentOrElse(
                kafka -> LOG.warnf("skipping a malformed check request at %s-%d offset %d", kafka.getTopic(),
                        kafka.getPartition(), kafka.getOffset()),
                () -> LOG.warn("skipping a malformed check request"));
        message.ack();
        return false;
    }
}
