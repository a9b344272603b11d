-- Accounts. Stage keys and watched nations are comma-separated upper/lower-case codes.
CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    nation TEXT,
    unit TEXT,
    stages TEXT NOT NULL DEFAULT '',
    watch_nations TEXT NOT NULL DEFAULT '',
    email TEXT,
    created_at TIMESTAMP NOT NULL
);

-- One movement notification; `movement` is the current version as JSON.
CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL,
    version INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    priority TEXT NOT NULL,
    kind TEXT NOT NULL,
    requester_nation TEXT NOT NULL,
    requester_unit TEXT NOT NULL,
    created_by TEXT NOT NULL,
    departure_at TIMESTAMP NOT NULL,
    arrival_at TIMESTAMP NOT NULL,
    due_at TIMESTAMP NOT NULL,
    escalation_level INTEGER NOT NULL DEFAULT 0,
    movement TEXT NOT NULL,
    submitted_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX notifications_status ON notifications (status, id);
CREATE INDEX notifications_unit ON notifications (requester_nation, requester_unit, id);
CREATE INDEX notifications_departure ON notifications (status, departure_at);

-- Every version a requester submitted, kept for ever.
CREATE TABLE notification_versions (
    notification_id TEXT NOT NULL REFERENCES notifications (id),
    version INTEGER NOT NULL,
    movement TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (notification_id, version)
);

-- One national review per nation on the itinerary.
CREATE TABLE reviews (
    notification_id TEXT NOT NULL REFERENCES notifications (id),
    nation TEXT NOT NULL,
    position INTEGER NOT NULL,
    status TEXT NOT NULL,
    permit_number TEXT UNIQUE,
    due_at TIMESTAMP NOT NULL,
    policy_version TEXT NOT NULL,
    findings TEXT NOT NULL,
    waiver TEXT,
    PRIMARY KEY (notification_id, nation)
);
CREATE INDEX reviews_nation ON reviews (nation, notification_id);

-- Approval stages; `round` is the notification version a stage was planned for.
CREATE TABLE stages (
    id TEXT PRIMARY KEY,
    notification_id TEXT NOT NULL REFERENCES notifications (id),
    nation TEXT NOT NULL,
    stage_key TEXT NOT NULL,
    name TEXT NOT NULL,
    step INTEGER NOT NULL,
    round INTEGER NOT NULL,
    status TEXT NOT NULL,
    opened_at TIMESTAMP,
    due_at TIMESTAMP NOT NULL,
    decided_by TEXT,
    decided_at TIMESTAMP,
    conditions TEXT NOT NULL DEFAULT '[]',
    reason TEXT,
    fingerprint TEXT NOT NULL,
    escalation_level INTEGER NOT NULL DEFAULT 0,
    revision INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX stages_notification ON stages (notification_id, nation, step);
CREATE INDEX stages_open ON stages (status, due_at);
-- Observed decision times per nation and stage (the escalation ladder's medians).
CREATE INDEX stages_history ON stages (nation, stage_key, decided_at);

-- Numbering series per year: permit numbers per nation (DE-2026-000123), notification
-- references. Numbers are taken inside the transaction that uses them and never reused.
CREATE TABLE sequences (
    series TEXT NOT NULL,
    year INTEGER NOT NULL,
    last_value BIGINT NOT NULL,
    PRIMARY KEY (series, year)
);

-- Idempotency-Key: the first answer to a POST, per caller and key.
CREATE TABLE idempotency_keys (
    principal TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    location TEXT,
    etag TEXT,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (principal, idem_key)
);

-- The audit chain. Appends lock the head row, so `seq` is gapless and in commit order:
-- the change feed can use it as a cursor without missing a late commit.
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_events (
    seq BIGINT PRIMARY KEY,
    notification_id TEXT,
    at TIMESTAMP NOT NULL,
    actor TEXT NOT NULL,
    role TEXT NOT NULL,
    nation TEXT,
    action TEXT NOT NULL,
    status_before TEXT,
    status_after TEXT,
    policy_version TEXT,
    detail TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_events_notification ON audit_events (notification_id, seq);

-- Durable timers, claimed with a lease so several instances never fire one twice.
CREATE TABLE timers (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    notification_id TEXT NOT NULL,
    nation TEXT,
    stage_id TEXT,
    due_at TIMESTAMP NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    locked_by TEXT,
    locked_until TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    fired_at TIMESTAMP
);
CREATE INDEX timers_due ON timers (status, due_at);
CREATE INDEX timers_notification ON timers (notification_id, status);

CREATE TABLE escalations (
    id TEXT PRIMARY KEY,
    notification_id TEXT NOT NULL REFERENCES notifications (id),
    nation TEXT NOT NULL,
    stage_id TEXT,
    stage_key TEXT,
    level INTEGER NOT NULL,
    reason TEXT NOT NULL,
    due_at TIMESTAMP NOT NULL,
    fired_at TIMESTAMP NOT NULL,
    acknowledged_by TEXT,
    acknowledged_at TIMESTAMP
);
CREATE UNIQUE INDEX escalations_once ON escalations (stage_id, level);
CREATE INDEX escalations_notification ON escalations (notification_id);
CREATE INDEX escalations_open ON escalations (acknowledged_at, nation);

-- Mail outbox: written in the same transaction as its event, sent by the outbox sender.
CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    locked_until TIMESTAMP,
    sent_at TIMESTAMP,
    last_error TEXT
);
CREATE INDEX outbox_pending ON outbox (status, next_attempt_at);
