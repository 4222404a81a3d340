-- More of each result: where it ended, its certificate and its phases.
ALTER TABLE check_result
    ADD COLUMN final_url      VARCHAR(2048),
    ADD COLUMN tls_expires_at TIMESTAMPTZ,
    ADD COLUMN dns_ms         BIGINT,
    ADD COLUMN connect_ms     BIGINT,
    ADD COLUMN first_byte_ms  BIGINT;
ALTER TABLE monitor ADD COLUMN last_tls_expires_at TIMESTAMPTZ;

CREATE INDEX check_result_time ON check_result (started_at);

-- Results rolled up per minute ('m') and per hour ('h'), so uptime over 90 days reads at most 2,160 rows.
-- latency_buckets counts answered checks by duration, bucket i holding durations up to the i-th bound in
-- ResultRollups.BOUNDS_MS (the last bucket: anything longer).
CREATE TABLE result_rollup (
    monitor_id      UUID        NOT NULL,
    resolution      CHAR(1)     NOT NULL CHECK (resolution IN ('m', 'h')),
    bucket_start    TIMESTAMPTZ NOT NULL,
    checks          INTEGER     NOT NULL,
    up              INTEGER     NOT NULL,
    answered        INTEGER     NOT NULL,
    duration_sum_ms BIGINT      NOT NULL,
    latency_buckets INTEGER[]   NOT NULL,
    PRIMARY KEY (monitor_id, resolution, bucket_start)
);

CREATE INDEX result_rollup_time ON result_rollup (resolution, bucket_start);

-- Incidents as the notifier reports them on pharos.incidents.
CREATE TABLE incident (
    id               UUID PRIMARY KEY,
    monitor_id       UUID        NOT NULL,
    cause            VARCHAR(512),
    http_status      INTEGER,
    error_kind       VARCHAR(32),
    first_failure_at TIMESTAMPTZ,
    opened_at        TIMESTAMPTZ,
    resolved_at      TIMESTAMPTZ,
    duration_seconds BIGINT
);

CREATE INDEX incident_monitor ON incident (monitor_id, opened_at DESC);
CREATE INDEX incident_open ON incident (opened_at DESC) WHERE resolved_at IS NULL;
