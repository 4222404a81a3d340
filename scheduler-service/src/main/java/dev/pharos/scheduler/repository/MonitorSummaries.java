package dev.pharos.scheduler.repository;

import dev.pharos.contracts.CheckCompleted;
import dev.pharos.contracts.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Each monitor's last 90 days and 24 hours in one row ({@code monitor_summary}, see V7): ring buffers of daily checks
 * and good checks, and of hourly checks, good checks, answered checks and their summed durations. Written with each
 * new result, read by the overview, so the overview never reads the rollups.
 */
@ApplicationScoped
public class MonitorSummaries {

    /** Days and hours the summary keeps. */
    public static final int DAYS = 90;
    public static final int HOURS = 24;

    private final EntityManager em;

    public MonitorSummaries(EntityManager em) {
        this.em = em;
    }

    /**
     * Counts one new result into its day and its hour; call once per result (the caller deduplicates). A slot that
     * still holds an older day (or hour) starts over; a result older than what its slot holds now (more than 90 days,
     * or 24 hours, late) no longer shows and is left out.
     */
    public void add(CheckCompleted result) {
        // The monitor's row exists from its first result on: create it only when the update found none.
        if (count(result) == 0) {
            em.createNativeQuery("""
                    INSERT INTO monitor_summary (monitor_id, day_stamp, day_checks, day_up, hour_stamp, hour_checks,
                                                 hour_up, hour_answered, hour_duration_ms)
                    VALUES (:monitor, array_fill(-1, ARRAY[90]), array_fill(0, ARRAY[90]), array_fill(0, ARRAY[90]),
                            array_fill(-1, ARRAY[24]), array_fill(0, ARRAY[24]), array_fill(0, ARRAY[24]),
                            array_fill(0, ARRAY[24]), array_fill(0::BIGINT, ARRAY[24]))
                    ON CONFLICT (monitor_id) DO NOTHING""")
                    .setParameter("monitor", result.monitorId())
                    .executeUpdate();
            count(result);
        }
    }

    /** Counts the result into its monitor's row; the number of rows updated (0 when the monitor has none yet). */
    private int count(CheckCompleted result) {
        long epochSecond = result.startedAt().getEpochSecond();
        int day = (int) Math.floorDiv(epochSecond, 86_400L);
        int hour = (int) Math.floorDiv(epochSecond, 3_600L);
        boolean answered = result.httpStatus() != null;
        return em.createNativeQuery("""
                UPDATE monitor_summary SET
                    day_checks[:d] = CASE WHEN day_stamp[:d] = :day THEN day_checks[:d] + 1
                                          WHEN day_stamp[:d] < :day THEN 1 ELSE day_checks[:d] END,
                    day_up[:d] = CASE WHEN day_stamp[:d] = :day THEN day_up[:d] + :up
                                      WHEN day_stamp[:d] < :day THEN :up ELSE day_up[:d] END,
                    day_stamp[:d] = GREATEST(day_stamp[:d], :day),
                    hour_checks[:h] = CASE WHEN hour_stamp[:h] = :hour THEN hour_checks[:h] + 1
                                           WHEN hour_stamp[:h] < :hour THEN 1 ELSE hour_checks[:h] END,
                    hour_up[:h] = CASE WHEN hour_stamp[:h] = :hour THEN hour_up[:h] + :up
                                       WHEN hour_stamp[:h] < :hour THEN :up ELSE hour_up[:h] END,
                    hour_answered[:h] = CASE WHEN hour_stamp[:h] = :hour THEN hour_answered[:h] + :answered
                                             WHEN hour_stamp[:h] < :hour THEN :answered ELSE hour_answered[:h] END,
                    hour_duration_ms[:h] = CASE WHEN hour_stamp[:h] = :hour THEN hour_duration_ms[:h] + :duration
                                                WHEN hour_stamp[:h] < :hour THEN :duration
                                                ELSE hour_duration_ms[:h] END,
                    hour_stamp[:h] = GREATEST(hour_stamp[:h], :hour)
                WHERE monitor_id = :monitor""")
                .setParameter("d", Math.floorMod(day, DAYS) + 1)
                .setParameter("day", day)
                .setParameter("h", Math.floorMod(hour, HOURS) + 1)
                .setParameter("hour", hour)
                .setParameter("up", result.outcome() == Outcome.UP ? 1 : 0)
                .setParameter("answered", answered ? 1 : 0)
                .setParameter("duration", answered ? result.durationMs() : 0L)
                .setParameter("monitor", result.monitorId())
                .executeUpdate();
    }
}
