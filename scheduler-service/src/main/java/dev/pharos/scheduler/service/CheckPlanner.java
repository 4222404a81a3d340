package dev.pharos.scheduler.service;

import dev.pharos.contracts.CheckReason;
import dev.pharos.contracts.CheckRequested;
import dev.pharos.scheduler.config.SchedulerConfig;
import dev.pharos.scheduler.domain.Monitor;
import dev.pharos.scheduler.domain.Slots;
import dev.pharos.scheduler.messaging.EventPublisher;
import dev.pharos.scheduler.repository.MonitorRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Publishes each monitor's due check to {@code pharos.checks.requested}: claim due monitors with
 * {@code FOR UPDATE SKIP LOCKED}, publish, await the broker's acknowledgement, then commit the next due time.
 * A failed publish rolls back, so the slot stays due and is retried on the next round. Each round also records
 * {@link PlannerMetrics}: what it published, how late, what it skipped, and (at most once a second) what it left due.
 * <p>
 * The rounds run on a thread of their own, {@code pharos.scheduler.tick} apart, rather than as a Quarkus
 * {@code @Scheduled} job: that scheduler looks at its triggers once a second, so a slot would wait up to a second
 * before being looked for at all.
 */
@ApplicationScoped
public class CheckPlanner {

    private static final Logger LOG = Logger.getLogger(CheckPlanner.class);
    private static final Duration BACKLOG_EVERY = Duration.ofSeconds(1);

    private final MonitorRepository monitors;
    private final EventPublisher publisher;
    private final SchedulerConfig config;
    private final PlannerMetrics metrics;
    private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(task -> {
        var thread = new Thread(task, "pharos-planner");
        thread.setDaemon(true);
        return thread;
    });
    /** Only the planner thread reads and writes it. */
    private Instant lastBacklogCount = Instant.EPOCH;

    public CheckPlanner(MonitorRepository monitors, EventPublisher publisher, SchedulerConfig config,
                        PlannerMetrics metrics) {
        this.monitors = monitors;
        this.publisher = publisher;
        this.config = config;
        this.metrics = metrics;
    }

    void onStart(@Observes StartupEvent event) {
        // A fixed delay: a round that runs long (a large backlog) is never overlapped by the next.
        rounds.scheduleWithFixedDelay(this::round, config.tick().toMillis(), config.tick().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Lets the round in progress finish, so no transaction is cut off while the service stops. */
    void onStop(@Observes ShutdownEvent event) {
        rounds.shutdown();
        try {
            if (!rounds.awaitTermination(config.publishTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                rounds.shutdownNow();
            }
        } catch (InterruptedException e) {
            rounds.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    void round() {
        Instant start = Instant.now();
        try {
            BatchLoop.drain(config.batchSize(), this::publishDueBatch);
        } catch (RuntimeException e) {
            LOG.warnf("planning checks failed, retrying on the next round: %s", e.getMessage());
        }
        if (!start.isBefore(lastBacklogCount.plus(BACKLOG_EVERY))) {
            lastBacklogCount = start;
            measureBacklog(start);
        }
    }

    /**
     * One count a second: monitors due when the round began that are still due now. Zero while the planner keeps up;
     * it grows when publishing fails or the batches cannot keep pace. Rows another replica is publishing at this
     * moment count too (their transaction has not committed yet).
     */
    private void measureBacklog(Instant roundStart) {
        try {
            metrics.backlog(QuarkusTransaction.requiringNew().call(() -> monitors.count(
                    "paused = false and deleted = false and publishedVersion > 0 and nextDueAt <= ?1", roundStart)));
        } catch (RuntimeException e) {
            LOG.debugf("counting due monitors failed, backlog gauge unchanged: %s", e.getMessage());
        }
    }

    private int publishDueBatch() {
        Instant now = Instant.now();
        List<Monitor> due = monitors.claimDue(now, config.batchSize());
        // A slot inside a maintenance window is skipped, not checked: planned work raises no alert.
        List<Monitor> toCheck = due.stream().filter(m -> !m.inMaintenance(m.nextDueAt)).toList();
        List<CompletionStage<Void>> sends = toCheck.stream().map(m -> publisher.publishCheck(request(m))).toList();
        EventPublisher.awaitAll(sends, config.publishTimeout());
        // Counted once the broker has acknowledged the batch: a failed publish counts nothing and is retried.
        Instant acknowledged = Instant.now();
        toCheck.forEach(m -> metrics.published(m.nextDueAt, acknowledged));
        metrics.skippedForMaintenance(due.size() - toCheck.size());
        var next = new HashMap<UUID, Instant>(due.size() * 2);
        for (Monitor monitor : due) {
            next.put(monitor.id, Slots.next(monitor.id, monitor.nextDueAt,
                    Duration.ofSeconds(monitor.intervalSeconds), now));
        }
        monitors.moveToNextSlots(next);
        return due.size();
    }

    static CheckRequested request(Monitor monitor) {
        return new CheckRequested(CheckRequested.VERSION, Slots.checkId(monitor.id, monitor.nextDueAt), monitor.id,
                monitor.url, monitor.method, monitor.timeoutSeconds * 1000, monitor.expectedStatuses,
                monitor.followRedirects, monitor.maxRedirects, monitor.nextDueAt, CheckReason.SCHEDULED,
                monitor.requestHeaders, monitor.regions);
    }
}
