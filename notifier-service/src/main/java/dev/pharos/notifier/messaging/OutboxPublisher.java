package dev.pharos.notifier.messaging;

import dev.pharos.notifier.config.NotifierConfig;
import dev.pharos.notifier.domain.OutboxEvent;
import dev.pharos.notifier.repository.OutboxRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Publishes the stored events ({@code event_outbox}) in the order they were stored, and deletes each batch only
 * after the broker acknowledged all of it. A failed or unacknowledged batch stays and is published again on the next
 * run, so nothing is lost; an event may then reach its topic twice, recognisable by its ids. One replica at a time
 * publishes (a PostgreSQL advisory lock), so one monitor's events keep their order.
 */
@ApplicationScoped
public class OutboxPublisher {

    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);

    private final OutboxRepository outbox;
    private final NotifierConfig config;
    private final EventEmitters emitters;
    /** Set once the outgoing channels are connected, which happens in an earlier start-up observer. */
    private volatile boolean started;

    public OutboxPublisher(OutboxRepository outbox, NotifierConfig config, EventEmitters emitters) {
        this.outbox = outbox;
        this.config = config;
        this.emitters = emitters;
    }

    void onStart(@Observes StartupEvent event) {
        started = true;
    }

    @Scheduled(every = "${pharos.notifier.publish-every:500ms}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void publishPending() {
        if (!started) {
            return;
        }
        try {
            int published;
            do {
                published = QuarkusTransaction.requiringNew().call(this::publishBatch);
            } while (published == config.publishBatchSize());
        } catch (RuntimeException e) {
            LOG.warnf("publishing events failed, retrying on the next run: %s", e.getMessage());
        }
    }

    /** @return how many events were published; 0 when none were stored or another replica is publishing */
    private int publishBatch() {
        if (!outbox.tryLockForPublishing()) {
            return 0;
        }
        List<OutboxEvent> batch = outbox.oldest(config.publishBatchSize());
        if (batch.isEmpty()) {
            return 0;
        }
        CompletableFuture<?>[] acks = batch.stream().map(this::send).toArray(CompletableFuture[]::new);
        awaitAll(acks);
        outbox.delete(batch);
        return batch.size();
    }

    private CompletableFuture<Void> send(OutboxEvent event) {
        return emitters.send(event.topic, event.recordKey, event.payload).orElseGet(() -> {
            // Only a newer version's code could store one; retrying it would block every event behind it.
            LOG.errorf("dropping stored event %d for unknown topic %s", event.id, event.topic);
            return CompletableFuture.completedFuture(null);
        });
    }

    private void awaitAll(CompletableFuture<?>[] acks) {
        try {
            CompletableFuture.allOf(acks).get(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker refused an event: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not acknowledge within " + config.publishTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        }
    }
}
