-- Daily rollups ('d', UTC days) beside the minute and hour ones: the dashboard's 90 daily bars and 30-day uptime of
-- every monitor read 90 rows per monitor instead of 2,160.
ALTER TABLE result_rollup DROP CONSTRAINT result_rollup_resolution_check;
ALTER TABLE result_rollup ADD CONSTRAINT result_rollup_resolution_check CHECK (resolution IN ('m', 'h', 'd'));

INSERT INTO result_rollup (monitor_id, resolution, bucket_start, checks, up, answered, duration_sum_ms,
                           latency_buckets)
SELECT d.monitor_id, 'd', d.day, d.checks, d.up, d.answered, d.duration_sum_ms, l.buckets
FROM (SELECT monitor_id, date_trunc('day', bucket_start, 'UTC') AS day, SUM(checks) AS checks, SUM(up) AS up,
             SUM(answered) AS answered, SUM(duration_sum_ms) AS duration_sum_ms
      FROM result_rollup WHERE resolution = 'h'
      GROUP BY monitor_id, date_trunc('day', bucket_start, 'UTC')) d
CROSS JOIN LATERAL (
    SELECT array_agg(t.total ORDER BY t.i) AS buckets
    FROM (SELECT b.i, SUM(b.v)::INTEGER AS total
          FROM result_rollup h, unnest(h.latency_buckets) WITH ORDINALITY AS b(v, i)
          WHERE h.monitor_id = d.monitor_id AND h.resolution = 'h'
            AND h.bucket_start >= d.day AND h.bucket_start < d.day + INTERVAL '1 day'
          GROUP BY b.i) t) l;

-- Public status pages: opt-in, one or more per owner, each showing the monitors it names to anyone, without a key.
CREATE TABLE status_page (
    id          UUID PRIMARY KEY,
    owner_id    UUID         NOT NULL REFERENCES owner (id),
    slug        VARCHAR(64)  NOT NULL UNIQUE,
    title       VARCHAR(200) NOT NULL,
    enabled     BOOLEAN      NOT NULL,
    monitor_ids JSONB        NOT NULL DEFAULT '[]',
    created_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);

CREATE INDEX status_page_owner ON status_page (owner_id, created_at);
-- Is this monitor on an enabled page (its badge is public)?
CREATE INDEX status_page_monitors ON status_page USING GIN (monitor_ids) WHERE enabled;
