-- Permit bundles (signed JWS, issue 14) and the Ed25519 keys that signed them.
-- A key's public half stays published until the last permit it signed has expired
-- (`signed_until`); `private_pem` is kept only for keys development mode generated.
CREATE TABLE permit_keys (
    kid TEXT PRIMARY KEY,
    public_x TEXT NOT NULL,
    private_pem TEXT,
    created_at TIMESTAMP NOT NULL,
    retired_at TIMESTAMP,
    signed_until TIMESTAMP
);

-- One row per issued bundle; a bundle is revoked (never deleted) on withdrawal or amendment.
CREATE TABLE permits (
    jti TEXT PRIMARY KEY,
    notification_id TEXT NOT NULL REFERENCES notifications (id),
    version INTEGER NOT NULL,
    kid TEXT NOT NULL REFERENCES permit_keys (kid),
    token TEXT NOT NULL,
    claims TEXT NOT NULL,
    issued_at TIMESTAMP NOT NULL,
    not_before TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP,
    revoked_reason TEXT,
    revocation_seq BIGINT
);
CREATE INDEX permits_notification ON permits (notification_id, issued_at);
CREATE INDEX permits_revoked ON permits (expires_at) WHERE revoked_at IS NOT NULL;
