package dev.pharos.scheduler.service;

import dev.pharos.scheduler.config.SchedulerConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Deletes raw results older than {@code pharos.scheduler.result-retention} (30 days), minute rollups older than
 * {@code minute-rollup-retention} (7 days) and hourly rollups older than 400 days, in small batches so no
 * transaction grows large.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);
    static final Duration HOURLY_RETENTION = Duration.ofDays(400);
    private static final int BATCH = 5_000;

    private final EntityManager em;
    private final SchedulerConfig config;

    public Retention(EntityManager em, SchedulerConfig config) {
        this.em = em;
        this.config = config;
    }

    @Scheduled(every = "${pharos.scheduler.retention-every:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            purge(Instant.now());
        } catch (RuntimeException e) {
            LOG.warnf("deleting old results failed, retrying later: %s", e.getMessage());
        }
    }

    /** Deletes what is older than its retention at {@code now}; returns how many rows went. */
    public long purge(Instant now) {
        long deleted = 0;
        deleted += drain("DELETE FROM check_result WHERE ctid IN (SELECT ctid FROM check_result "
                + "WHERE started_at < :before LIMIT " + BATCH + ")", now.minus(config.resultRetention()));
        deleted += drain("DELETE FROM result_rollup WHERE ctid IN (SELECT ctid FROM result_rollup "
                + "WHERE resolution = 'm' AND bucket_start < :before LIMIT " + BATCH + ")",
                now.minus(config.minuteRollupRetention()));
        deleted += drain("DELETE FROM result_rollup WHERE ctid IN (SELECT ctid FROM result_rollup "
                + "WHERE resolution IN ('h', 'd') AND bucket_start < :before LIMIT " + BATCH + ")",
                now.minus(HOURLY_RETENTION));
        return deleted;
    }

    private long drain(String sql, Instant before) {
        long total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() ->
                    em.createNativeQuery(sql).setParameter("before", before).executeUpdate());
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
