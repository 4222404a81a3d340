-- Events for pharos.incidents, pharos.notifications and pharos.notifications.dlq, written in the same transaction as
-- the change they report and deleted once the broker has acknowledged them: a crash between the commit and the
-- publish leaves the row here, to be published by the next run. Published in id order.
CREATE TABLE event_outbox (
    id         BIGSERIAL PRIMARY KEY,
    topic      VARCHAR(100) NOT NULL,
    record_key VARCHAR(100) NOT NULL,
    payload    TEXT         NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL
);

-- A delivery is claimed for one send: claim_token names the claim, and next_attempt_at is moved past the send's
-- lease, so no other worker or replica picks the row while it is being sent. The outcome is recorded only by the
-- holder of the claim.
ALTER TABLE delivery ADD COLUMN claim_token UUID;

CREATE INDEX delivery_pending_channel ON delivery (channel, next_attempt_at) WHERE status = 'PENDING';
