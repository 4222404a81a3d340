-- An owner's saved places to alert: email addresses, phones, push topics, webhooks and chats. Monitors name them by
-- id in `contacts`. Settings may hold secrets (a signing secret, a bot token); the API writes them but never returns
-- them.
CREATE TABLE channel (
    id                   UUID PRIMARY KEY,
    owner_id             UUID         NOT NULL REFERENCES owner (id),
    name                 VARCHAR(100) NOT NULL,
    kind                 VARCHAR(32)  NOT NULL,
    target               VARCHAR(500) NOT NULL,
    settings             JSONB        NOT NULL DEFAULT '{}',
    created_at           TIMESTAMPTZ  NOT NULL,
    updated_at           TIMESTAMPTZ  NOT NULL,
    -- The latest delivery attempt the notifier reported for this channel (pharos.notifications).
    last_attempt_at      TIMESTAMPTZ,
    last_attempt_status  VARCHAR(16),
    last_attempt_error   VARCHAR(500)
);

CREATE INDEX channel_owner ON channel (owner_id, created_at, id);

-- A monitor's contacts: channel ids, all of the monitor's owner. The inline contact_email stays for quick setups.
ALTER TABLE monitor ADD COLUMN contacts JSONB NOT NULL DEFAULT '[]';
ALTER TABLE monitor ALTER COLUMN contact_email DROP NOT NULL;
CREATE INDEX monitor_contacts ON monitor USING GIN (contacts) WHERE NOT deleted;

-- Test messages asked for through the API; the notifier's report on pharos.notifications (transition TEST, the
-- test's id as incident id) settles them.
CREATE TABLE channel_test (
    id           UUID PRIMARY KEY,
    channel_id   UUID        NOT NULL REFERENCES channel (id) ON DELETE CASCADE,
    requested_at TIMESTAMPTZ NOT NULL,
    status       VARCHAR(16) NOT NULL,
    error        VARCHAR(500),
    finished_at  TIMESTAMPTZ
);

CREATE INDEX channel_test_channel ON channel_test (channel_id, requested_at DESC);

-- Every delivery attempt the notifier reported, once per (delivery, attempt) however often it is redelivered.
CREATE TABLE notification_log (
    delivery_id UUID         NOT NULL,
    attempt     INTEGER      NOT NULL,
    incident_id UUID,
    monitor_id  UUID,
    channel_id  UUID,
    channel     VARCHAR(32)  NOT NULL,
    transition  VARCHAR(16)  NOT NULL,
    status      VARCHAR(16)  NOT NULL,
    error       VARCHAR(500),
    at          TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);

CREATE INDEX notification_log_monitor ON notification_log (monitor_id, at DESC);
CREATE INDEX notification_log_channel ON notification_log (channel_id, at DESC);
