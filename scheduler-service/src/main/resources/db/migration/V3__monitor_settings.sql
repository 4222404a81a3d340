-- Everything a monitor can say about how it is checked and alerted on; existing monitors get the defaults.
ALTER TABLE monitor
    ADD COLUMN expected_statuses   VARCHAR(200) NOT NULL DEFAULT '200-399',
    ADD COLUMN follow_redirects    BOOLEAN      NOT NULL DEFAULT TRUE,
    ADD COLUMN max_redirects       INTEGER      NOT NULL DEFAULT 5 CHECK (max_redirects BETWEEN 0 AND 20),
    ADD COLUMN request_headers     JSONB        NOT NULL DEFAULT '{}',
    ADD COLUMN tags                JSONB        NOT NULL DEFAULT '[]',
    ADD COLUMN maintenance_windows JSONB        NOT NULL DEFAULT '[]',
    ADD COLUMN regions             JSONB        NOT NULL DEFAULT '["default"]',
    ADD COLUMN failures_to_open    INTEGER      NOT NULL DEFAULT 2 CHECK (failures_to_open BETWEEN 1 AND 10),
    ADD COLUMN successes_to_close  INTEGER      NOT NULL DEFAULT 1 CHECK (successes_to_close BETWEEN 1 AND 10),
    ADD COLUMN reminder_minutes    INTEGER CHECK (reminder_minutes BETWEEN 5 AND 10080);

-- Filtering a list by tag.
CREATE INDEX monitor_tags ON monitor USING GIN (tags);
