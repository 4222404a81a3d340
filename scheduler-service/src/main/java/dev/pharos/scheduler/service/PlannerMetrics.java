package dev.pharos.scheduler.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The planner's metrics on {@code /q/metrics} (Prometheus): {@code pharos_scheduler_due_backlog},
 * {@code pharos_scheduler_lateness_seconds} (a histogram), {@code pharos_scheduler_published_total} and
 * {@code pharos_scheduler_skipped_total{reason="maintenance"}}. Each replica reports its own; sum them.
 */
@ApplicationScoped
public class PlannerMetrics {

    // Micrometer holds a gauge's number weakly: this field keeps it alive.
    private final AtomicLong backlog = new AtomicLong();
    private final Timer lateness;
    private final Counter published;
    private final Counter skippedForMaintenance;

    public PlannerMetrics(MeterRegistry registry) {
        registry.gauge("pharos.scheduler.due.backlog", backlog);
        this.lateness = Timer.builder("pharos.scheduler.lateness")
                .description("Time from a slot's due time to the broker's acknowledgement of its check request")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        this.published = Counter.builder("pharos.scheduler.published")
                .description("Scheduled check requests the broker acknowledged")
                .register(registry);
        this.skippedForMaintenance = Counter.builder("pharos.scheduler.skipped")
                .description("Due slots not checked, by reason")
                .tag("reason", "maintenance")
                .register(registry);
    }

    /** A slot due at {@code dueAt} whose request the broker acknowledged at {@code ackedAt}. */
    void published(Instant dueAt, Instant ackedAt) {
        published.increment();
        // A slot published before its due time (never expected) counts as on time, not as negative lateness.
        lateness.record(Duration.between(dueAt, ackedAt).isNegative() ? Duration.ZERO
                : Duration.between(dueAt, ackedAt));
    }

    void skippedForMaintenance(int slots) {
        skippedForMaintenance.increment(slots);
    }

    /** Monitors that were due at the start of a tick and still are at its end. */
    void backlog(long dueNotPublished) {
        backlog.set(dueNotPublished);
    }
}
