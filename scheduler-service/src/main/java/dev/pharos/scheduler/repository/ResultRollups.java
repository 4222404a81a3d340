package dev.pharos.scheduler.repository;

import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Results rolled up per minute, per hour and per (UTC) day: checks, good checks, and a histogram of answered checks'
 * durations from which response-time percentiles are read (to the resolution of the buckets).
 */
@ApplicationScoped
public class ResultRollups {

    /** Upper bounds (inclusive, ms) of the latency buckets; one more bucket holds anything slower. */
    public static final long[] BOUNDS_MS = {50, 100, 200, 300, 500, 750, 1_000, 1_500, 2_000, 3_000, 5_000, 10_000,
            30_000, 60_000};

    /** Uptime and response times over some span. */
    public record Summary(long checks, long up, long answered, Double meanMs, Long p50Ms, Long p95Ms) {

        public Double uptimePercent() {
            return checks == 0 ? null : Math.round(up * 100_000.0 / checks) / 1000.0;
        }
    }

    private final EntityManager em;

    public ResultRollups(EntityManager em) {
        this.em = em;
    }

    /** Counts one new result into its minute and its hour; call once per result (the caller deduplicates). */
    public void add(CheckCompleted result) {
        boolean answered = result.httpStatus() != null;
        int bucket = bucketOf(result.durationMs());
        for (String resolution : List.of("m", "h", "d")) {
            Instant start = result.startedAt().truncatedTo(switch (resolution) {
                case "m" -> ChronoUnit.MINUTES;
                case "h" -> ChronoUnit.HOURS;
                default -> ChronoUnit.DAYS;
            });
            em.createNativeQuery("""
                    INSERT INTO result_rollup (monitor_id, resolution, bucket_start, checks, up, answered,
                                               duration_sum_ms, latency_buckets)
                    VALUES (:monitor, :resolution, :start, 1, :up, :answered, :duration,
                            array_fill(0, ARRAY[:buckets]))
                    ON CONFLICT (monitor_id, resolution, bucket_start) DO UPDATE
                    SET checks = result_rollup.checks + 1,
                        up = result_rollup.up + :up,
                        answered = result_rollup.answered + :answered,
                        duration_sum_ms = result_rollup.duration_sum_ms + :duration""")
                    .setParameter("monitor", result.monitorId())
                    .setParameter("resolution", resolution)
                    .setParameter("start", start)
                    .setParameter("up", result.outcome() == Outcome.UP ? 1 : 0)
                    .setParameter("answered", answered ? 1 : 0)
                    .setParameter("duration", answered ? result.durationMs() : 0L)
                    .setParameter("buckets", BOUNDS_MS.length + 1)
                    .executeUpdate();
            if (answered) {
                em.createNativeQuery("""
                        UPDATE result_rollup SET latency_buckets[:i] = latency_buckets[:i] + 1
                        WHERE monitor_id = :monitor AND resolution = :resolution AND bucket_start = :start""")
                        .setParameter("i", bucket + 1)
                        .setParameter("monitor", result.monitorId())
                        .setParameter("resolution", resolution)
                        .setParameter("start", start)
                        .executeUpdate();
            }
        }
    }

    /** Uptime and response times of the monitor from {@code from} on, read from the hourly rollups. */
    public Summary summary(UUID monitorId, Instant from) {
        List<Object[]> rows = em.createNativeQuery("""
                SELECT checks, up, answered, duration_sum_ms, latency_buckets FROM result_rollup
                WHERE monitor_id = :monitor AND resolution = 'h' AND bucket_start >= :from""", Object[].class)
                .setParameter("monitor", monitorId)
                .setParameter("from", from.truncatedTo(ChronoUnit.HOURS))
                .getResultList();
        long checks = 0;
        long up = 0;
        long answered = 0;
        long durationSum = 0;
        long[] histogram = new long[BOUNDS_MS.length + 1];
        for (Object[] row : rows) {
            checks += ((Number) row[0]).longValue();
            up += ((Number) row[1]).longValue();
            answered += ((Number) row[2]).longValue();
            durationSum += ((Number) row[3]).longValue();
            Object[] counts = toArray(row[4]);
            for (int i = 0; i < histogram.length && i < counts.length; i++) {
                histogram[i] += ((Number) counts[i]).longValue();
            }
        }
        return new Summary(checks, up, answered, answered == 0 ? null : Math.round(durationSum * 10.0 / answered) / 10.0,
                percentile(histogram, answered, 0.50), percentile(histogram, answered, 0.95));
    }

    static int bucketOf(long durationMs) {
        for (int i = 0; i < BOUNDS_MS.length; i++) {
            if (durationMs <= BOUNDS_MS[i]) {
                return i;
            }
        }
        return BOUNDS_MS.length;
    }

    /** The upper bound of the bucket holding the quantile; for the last, open bucket its lower bound. */
    static Long percentile(long[] histogram, long total, double quantile) {
        if (total == 0) {
            return null;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < histogram.length; i++) {
            seen += histogram[i];
            if (seen >= rank) {
                return BOUNDS_MS[Math.min(i, BOUNDS_MS.length - 1)];
            }
        }
        return BOUNDS_MS[BOUNDS_MS.length - 1];
    }

    private static Object[] toArray(Object column) {
        try {
            if (column instanceof Array sql) {
                return (Object[]) sql.getArray();
            }
            if (column instanceof Object[] array) {
                return array;
            }
            if (column instanceof int[] ints) {
                return java.util.Arrays.stream(ints).boxed().toArray();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("unreadable latency buckets", e);
        }
        throw new IllegalStateException("unexpected latency buckets type " + column.getClass());
    }
}
