-- Issue 17 (signing in and tokens). A token names the generation of its user: disabling,
-- re-enabling or a new password moves the generation on, and every older token is refused.
-- A disabled user (disabled_at set) signs in no more and their tokens are refused.
ALTER TABLE users ADD COLUMN token_generation BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN disabled_at TIMESTAMP;

-- Failed-login counters shared by every instance: one row per (username, client address)
-- and one per client address, keyed by a SHA-256 of the pair (no usernames stored, and no
-- length or character a database could refuse). An attempt is counted before its password is
-- checked, in the same transaction that decides whether it may be checked at all.
CREATE TABLE login_attempts (
    throttle_key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL DEFAULT 0,
    last_failure_at TIMESTAMP
);
CREATE INDEX login_attempts_last_failure ON login_attempts (last_failure_at);
