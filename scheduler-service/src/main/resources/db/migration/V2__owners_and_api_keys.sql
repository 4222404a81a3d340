-- Who may use the admin API. An owner has monitors (and later channels); its role says what else it may do.
CREATE TABLE owner (
    id         UUID PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    role       VARCHAR(8)   NOT NULL CHECK (role IN ('ADMIN', 'OWNER')),
    created_at TIMESTAMPTZ  NOT NULL
);

-- API keys, stored as SHA-256 hashes; the key itself is shown once, when it is made. The prefix identifies a key in
-- lists without revealing it.
CREATE TABLE api_key (
    id           UUID PRIMARY KEY,
    owner_id     UUID         NOT NULL REFERENCES owner (id),
    name         VARCHAR(200) NOT NULL,
    prefix       VARCHAR(32)  NOT NULL,
    key_hash     CHAR(64)     NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ  NOT NULL,
    last_used_at TIMESTAMPTZ,
    revoked_at   TIMESTAMPTZ
);

CREATE INDEX api_key_owner ON api_key (owner_id);

-- Monitors made before owners existed are given to the bootstrap admin on first start.
ALTER TABLE monitor ADD COLUMN owner_id UUID REFERENCES owner (id);
CREATE INDEX monitor_owner ON monitor (owner_id, created_at, id) WHERE NOT deleted;
