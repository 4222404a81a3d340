package dev.pharos.scheduler.service;

import dev.pharos.scheduler.config.SchedulerConfig;
import dev.pharos.scheduler.domain.Channel;
import dev.pharos.scheduler.domain.Monitor;
import dev.pharos.scheduler.messaging.EventPublisher;
import dev.pharos.scheduler.repository.MonitorRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Publishes every monitor whose spec changed to {@code pharos.monitors} (a tombstone for a deleted one), marking
 * it published only after the broker's acknowledgement. The API calls it right after a change; the timer catches
 * whatever a failed publish or a crash left behind.
 */
@ApplicationScoped
public class SpecSync {

    private static final Logger LOG = Logger.getLogger(SpecSync.class);

    private final MonitorRepository monitors;
    private final EventPublisher publisher;
    private final SchedulerConfig config;

    public SpecSync(MonitorRepository monitors, EventPublisher publisher, SchedulerConfig config) {
        this.monitors = monitors;
        this.publisher = publisher;
        this.config = config;
    }

    @Scheduled(every = "${pharos.scheduler.spec-sync-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onTimer() {
        publishPending();
    }

    /**
     * Publishes one monitor's changed spec right away, so the API's caller sees it on the topic at once. When that
     * fails (or another publisher holds the row) the timer publishes it later.
     */
    public void publishNow(UUID monitorId) {
        try {
            QuarkusTransaction.requiringNew().call(() -> publish(monitors.claimUnpublished(monitorId).stream()
                    .toList()));
        } catch (RuntimeException e) {
            LOG.warnf("publishing the spec of monitor %s failed, retrying later: %s", monitorId, e.getMessage());
        }
    }

    /** Publishes pending specs; failures are logged and retried by the timer. */
    public void publishPending() {
        try {
            BatchLoop.drain(config.batchSize(), this::publishBatch);
        } catch (RuntimeException e) {
            LOG.warnf("publishing monitor specs failed, retrying later: %s", e.getMessage());
        }
    }

    private int publishBatch() {
        return publish(monitors.claimUnpublished(config.batchSize()));
    }

    private int publish(List<Monitor> batch) {
        List<UUID> channelIds = batch.stream().flatMap(m -> m.contacts().stream()).distinct().toList();
        Map<UUID, Channel> channels = channelIds.isEmpty() ? Map.of() : Channel.<Channel>list("id in ?1", channelIds)
                .stream().collect(Collectors.toMap(c -> c.id, c -> c));
        List<CompletionStage<Void>> sends = batch.stream().map(m -> publisher.publishSpec(m, channels)).toList();
        EventPublisher.awaitAll(sends, config.publishTimeout());
        for (Monitor monitor : batch) {
            if (monitor.deleted) {
                monitors.delete(monitor);
            } else {
                monitor.publishedVersion = monitor.specVersion;
            }
        }
        return batch.size();
    }
}
