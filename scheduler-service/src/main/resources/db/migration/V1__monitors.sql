-- Monitors, with an embedded outbox for their spec on pharos.monitors:
-- spec_version grows on every change, published_version is the last version the broker acknowledged.
CREATE TABLE monitor (
    id                UUID PRIMARY KEY,
    name              VARCHAR(200)  NOT NULL,
    url               VARCHAR(2048) NOT NULL,
    method            VARCHAR(8)    NOT NULL,
    interval_seconds  INTEGER       NOT NULL CHECK (interval_seconds BETWEEN 10 AND 86400),
    timeout_seconds   INTEGER       NOT NULL CHECK (timeout_seconds BETWEEN 1 AND 60),
    contact_email     VARCHAR(320)  NOT NULL,
    paused            BOOLEAN       NOT NULL DEFAULT FALSE,
    deleted           BOOLEAN       NOT NULL DEFAULT FALSE,
    next_due_at       TIMESTAMPTZ   NOT NULL,
    created_at        TIMESTAMPTZ   NOT NULL,
    updated_at        TIMESTAMPTZ   NOT NULL,
    spec_version      BIGINT        NOT NULL DEFAULT 1,
    published_version BIGINT        NOT NULL DEFAULT 0,
    -- read model: the latest result
    last_checked_at   TIMESTAMPTZ,
    last_outcome      VARCHAR(8),
    last_http_status  INTEGER,
    last_error_kind   VARCHAR(32),
    last_duration_ms  BIGINT
);

CREATE INDEX monitor_due ON monitor (next_due_at) WHERE NOT paused AND NOT deleted;
CREATE INDEX monitor_unpublished ON monitor (id) WHERE published_version < spec_version;

-- Raw results, one row per check id: a redelivered result is recognised and ignored.
CREATE TABLE check_result (
    check_id     UUID PRIMARY KEY,
    monitor_id   UUID        NOT NULL,
    reason       VARCHAR(16) NOT NULL,
    region       TEXT        NOT NULL,
    checker_id   TEXT        NOT NULL,
    started_at   TIMESTAMPTZ NOT NULL,
    duration_ms  BIGINT      NOT NULL,
    http_status  INTEGER,
    outcome      VARCHAR(8)  NOT NULL,
    error_kind   VARCHAR(32),
    error_message VARCHAR(512)
);

CREATE INDEX check_result_monitor_time ON check_result (monitor_id, started_at DESC);
