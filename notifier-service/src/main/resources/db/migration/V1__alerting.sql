-- The monitors as published on pharos.monitors (compacted): what the notifier needs to judge and to alert.
CREATE TABLE monitor_spec (
    monitor_id         UUID PRIMARY KEY,
    name               VARCHAR(200)  NOT NULL,
    url                VARCHAR(2048) NOT NULL,
    method             VARCHAR(8)    NOT NULL,
    timeout_seconds    INTEGER       NOT NULL,
    expected_statuses  VARCHAR(200)  NOT NULL,
    paused             BOOLEAN       NOT NULL,
    failures_to_open   INTEGER       NOT NULL,
    successes_to_close INTEGER       NOT NULL,
    contacts           TEXT          NOT NULL, -- JSON array of {channel, target}
    updated_at         TIMESTAMPTZ   NOT NULL
);

-- The alert state machine's state per monitor; survives restarts.
CREATE TABLE monitor_state (
    monitor_id            UUID PRIMARY KEY,
    status                VARCHAR(8)  NOT NULL,
    consecutive_failures  INTEGER     NOT NULL,
    consecutive_successes INTEGER     NOT NULL,
    first_failure_at      TIMESTAMPTZ,
    open_incident_id      UUID,
    updated_at            TIMESTAMPTZ NOT NULL
);

-- Results already applied, so a redelivered result changes nothing.
CREATE TABLE processed_check (
    check_id     UUID PRIMARY KEY,
    processed_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE incident (
    id             UUID PRIMARY KEY,
    monitor_id     UUID          NOT NULL,
    monitor_name   VARCHAR(200)  NOT NULL,
    monitor_url    VARCHAR(2048) NOT NULL,
    cause          VARCHAR(300)  NOT NULL,
    http_status    INTEGER,
    error_kind     VARCHAR(32),
    first_failure_at TIMESTAMPTZ NOT NULL,
    opened_at      TIMESTAMPTZ   NOT NULL,
    resolved_at    TIMESTAMPTZ
);

CREATE INDEX incident_monitor ON incident (monitor_id, opened_at DESC);

-- One row per (incident, transition, channel, target): the unique key is what keeps a notification from being
-- sent twice. PENDING rows are the outbox the delivery worker drains.
CREATE TABLE delivery (
    id              UUID PRIMARY KEY,
    idempotency_key VARCHAR(600) NOT NULL UNIQUE,
    incident_id     UUID         NOT NULL REFERENCES incident (id),
    transition      VARCHAR(16)  NOT NULL,
    channel         VARCHAR(32)  NOT NULL,
    target          VARCHAR(500) NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ  NOT NULL,
    last_error      VARCHAR(500),
    created_at      TIMESTAMPTZ  NOT NULL,
    sent_at         TIMESTAMPTZ
);

CREATE INDEX delivery_pending ON delivery (next_attempt_at) WHERE status = 'PENDING';
