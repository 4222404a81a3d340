-- What the notifier now takes from a monitor's spec: its regions and their DOWN quorum (a majority), maintenance
-- windows, the request settings a confirmation check repeats, and the reminder interval. Rows stored before this
-- column set existed read as one region "default", no maintenance, redirects followed up to 5, no extra headers,
-- no reminders: what those specs meant.
ALTER TABLE monitor_spec
    ADD COLUMN regions          TEXT    NOT NULL DEFAULT '["default"]', -- JSON array
    ADD COLUMN down_quorum      INTEGER NOT NULL DEFAULT 1,
    ADD COLUMN maintenance      TEXT    NOT NULL DEFAULT '[]',          -- JSON array of {start, end}
    ADD COLUMN follow_redirects BOOLEAN NOT NULL DEFAULT TRUE,
    ADD COLUMN max_redirects    INTEGER NOT NULL DEFAULT 5,
    ADD COLUMN request_headers  TEXT    NOT NULL DEFAULT '{}',          -- JSON object
    ADD COLUMN reminder_minutes INTEGER;

-- The alert state of each region of a monitor. Until now the only region was "default", whose counters lived in
-- monitor_state: they move here.
CREATE TABLE region_state (
    monitor_id            UUID        NOT NULL,
    region                VARCHAR(64) NOT NULL,
    status                VARCHAR(8)  NOT NULL,
    consecutive_failures  INTEGER     NOT NULL,
    consecutive_successes INTEGER     NOT NULL,
    first_failure_at      TIMESTAMPTZ,
    updated_at            TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (monitor_id, region)
);

INSERT INTO region_state (monitor_id, region, status, consecutive_failures, consecutive_successes, first_failure_at,
                          updated_at)
SELECT monitor_id, 'default', status, consecutive_failures, consecutive_successes, first_failure_at, updated_at
FROM monitor_state;

-- The monitor-level state: what the owner was last told (UP until an OPENED is sent), the latest incident (open or
-- resolved, which a FLAPPING notice or a late RESOLVED refers to), the flapping guard with the times of recent
-- changes (JSON array), and the reminder plan with the number of reminders sent for the open incident.
ALTER TABLE monitor_state
    DROP COLUMN consecutive_failures,
    DROP COLUMN consecutive_successes,
    ADD COLUMN notified_status  VARCHAR(8)  NOT NULL DEFAULT 'UP',
    ADD COLUMN last_incident_id UUID,
    ADD COLUMN flapping         BOOLEAN     NOT NULL DEFAULT FALSE,
    ADD COLUMN recent_changes   TEXT        NOT NULL DEFAULT '[]',
    ADD COLUMN next_reminder_at TIMESTAMPTZ,
    ADD COLUMN reminders_sent   INTEGER     NOT NULL DEFAULT 0;

UPDATE monitor_state SET notified_status = 'DOWN', last_incident_id = open_incident_id
WHERE open_incident_id IS NOT NULL;

CREATE INDEX monitor_state_reminder_due ON monitor_state (next_reminder_at) WHERE next_reminder_at IS NOT NULL;

-- The contact's saved channel (null for an inline contact), published with each attempt; and what a message says
-- instead of the incident's cause and first failure (a FLAPPING notice: how often it changed, and since when).
ALTER TABLE delivery
    ADD COLUMN channel_id    UUID,
    ADD COLUMN message_cause VARCHAR(300),
    ADD COLUMN message_since TIMESTAMPTZ;
