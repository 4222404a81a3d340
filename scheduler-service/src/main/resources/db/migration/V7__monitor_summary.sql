-- One row per monitor with what the dashboard's overview shows of its history, kept up to date as each result is
-- recorded (MonitorSummaries), so the overview of 5,000 monitors reads 5,000 rows instead of 570,000 rollups.
-- Ring buffers: slot (epoch day % 90) + 1 counts the UTC day whose epoch day number is in day_stamp at that slot,
-- slot (epoch hour % 24) + 1 the hour in hour_stamp. A slot whose stamp is older than the window is empty; nothing
-- has to shift as days pass.
CREATE TABLE monitor_summary (
    monitor_id       UUID PRIMARY KEY,
    day_stamp        INTEGER[] NOT NULL,
    day_checks       INTEGER[] NOT NULL,
    day_up           INTEGER[] NOT NULL,
    hour_stamp       INTEGER[] NOT NULL,
    hour_checks      INTEGER[] NOT NULL,
    hour_up          INTEGER[] NOT NULL,
    hour_answered    INTEGER[] NOT NULL,
    hour_duration_ms BIGINT[]  NOT NULL
);

-- Rebuilds every monitor's summary from the daily and hourly rollups of the last 90 days and 24 hours (the
-- backfill below; also for repairs and for data written straight into the rollups). Returns the rows written.
CREATE FUNCTION rebuild_monitor_summaries() RETURNS BIGINT LANGUAGE sql SET search_path FROM CURRENT AS $$
    WITH clock AS (SELECT (floor(extract(EPOCH FROM now()) / 86400))::INTEGER AS today,
                          (floor(extract(EPOCH FROM now()) / 3600))::INTEGER AS hour),
    days AS (
        SELECT m.id AS monitor_id, array_agg(w.day ORDER BY w.day % 90) AS stamp,
               array_agg(COALESCE(r.checks, 0) ORDER BY w.day % 90) AS checks,
               array_agg(COALESCE(r.up, 0) ORDER BY w.day % 90) AS up
        FROM monitor m
        CROSS JOIN (SELECT d AS day FROM clock, generate_series(clock.today - 89, clock.today) d) w
        LEFT JOIN result_rollup r ON r.monitor_id = m.id AND r.resolution = 'd'
                                 AND r.bucket_start = to_timestamp(w.day * 86400.0)
        WHERE NOT m.deleted
        GROUP BY m.id),
    hours AS (
        SELECT m.id AS monitor_id, array_agg(w.hour ORDER BY w.hour % 24) AS stamp,
               array_agg(COALESCE(r.checks, 0) ORDER BY w.hour % 24) AS checks,
               array_agg(COALESCE(r.up, 0) ORDER BY w.hour % 24) AS up,
               array_agg(COALESCE(r.answered, 0) ORDER BY w.hour % 24) AS answered,
               array_agg(COALESCE(r.duration_sum_ms, 0) ORDER BY w.hour % 24) AS duration_ms
        FROM monitor m
        CROSS JOIN (SELECT h AS hour FROM clock, generate_series(clock.hour - 23, clock.hour) h) w
        LEFT JOIN result_rollup r ON r.monitor_id = m.id AND r.resolution = 'h'
                                 AND r.bucket_start = to_timestamp(w.hour * 3600.0)
        WHERE NOT m.deleted
        GROUP BY m.id),
    written AS (
        INSERT INTO monitor_summary (monitor_id, day_stamp, day_checks, day_up, hour_stamp, hour_checks, hour_up,
                                     hour_answered, hour_duration_ms)
        SELECT d.monitor_id, d.stamp, d.checks, d.up, h.stamp, h.checks, h.up, h.answered, h.duration_ms
        FROM days d JOIN hours h USING (monitor_id)
        ON CONFLICT (monitor_id) DO UPDATE
        SET day_stamp = EXCLUDED.day_stamp, day_checks = EXCLUDED.day_checks, day_up = EXCLUDED.day_up,
            hour_stamp = EXCLUDED.hour_stamp, hour_checks = EXCLUDED.hour_checks, hour_up = EXCLUDED.hour_up,
            hour_answered = EXCLUDED.hour_answered, hour_duration_ms = EXCLUDED.hour_duration_ms
        RETURNING 1)
    SELECT count(*) FROM written
$$;

SELECT rebuild_monitor_summaries();
