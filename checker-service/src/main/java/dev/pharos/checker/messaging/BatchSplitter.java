package dev.pharos.checker.messaging;

import dev.pharos.contracts.CheckRequested;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Turns one polled batch of requests into one message per request. The batch is acknowledged when every one of its
 * requests is (so its offsets are committed only once all their results are published), and negatively acknowledged
 * with the first failure. Consuming whole polls spares each request the connector's per-record hand-offs between
 * threads, which limited a checker to under 2,000 requests a second while its cores were idle.
 */
final class BatchSplitter {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private BatchSplitter() {
    }

    static List<Message<CheckRequested>> split(Message<List<CheckRequested>> batch) {
        if (batch instanceof KafkaRecordBatch<?, ?> kafkaBatch) {
            @SuppressWarnings("unchecked")
            var records = (List<KafkaRecord<?, CheckRequested>>) (List<?>) kafkaBatch.getRecords();
            var outcome = new Outcome(batch, records.size());
            var messages = new ArrayList<Message<CheckRequested>>(records.size());
            for (KafkaRecord<?, CheckRequested> record : records) {
                messages.add(outcome.part(record.getPayload(), record.getMetadata()));
            }
            return messages;
        }
        List<CheckRequested> payloads = batch.getPayload();
        var outcome = new Outcome(batch, payloads.size());
        var messages = new ArrayList<Message<CheckRequested>>(payloads.size());
        for (CheckRequested payload : payloads) {
            messages.add(outcome.part(payload, Metadata.empty()));
        }
        return messages;
    }

    /** Counts down the batch's requests; the last acknowledgement acknowledges the batch. */
    private static final class Outcome {
        private final Message<?> batch;
        private final AtomicInteger left;
        private final AtomicBoolean failed = new AtomicBoolean();

        Outcome(Message<?> batch, int size) {
            this.batch = batch;
            this.left = new AtomicInteger(size);
            if (size == 0) {
                batch.ack();
            }
        }

        Message<CheckRequested> part(CheckRequested payload, Metadata metadata) {
            return Message.of(payload, metadata, this::ack, this::nack);
        }

        private CompletionStage<Void> ack() {
            return left.decrementAndGet() == 0 && !failed.get() ? batch.ack() : DONE;
        }

        private CompletionStage<Void> nack(Throwable failure) {
            return failed.compareAndSet(false, true) ? batch.nack(failure) : DONE;
        }
    }
}
