//! Idempotency-Key records: the first answer to a POST, kept per caller and key in the
//! database so that a retry reaches the same answer on any instance.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use sha2::{Digest, Sha256};

use super::schema::idempotency_keys;
use super::types::At;
use super::Db;

/// A stored first answer.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = idempotency_keys)]
pub struct StoredAnswer {
    /// Fingerprint of the first request (method, path, body).
    pub request_hash: String,
    /// Its status code.
    pub status: i32,
    /// Its body.
    pub body: String,
    /// Its Location header.
    pub location: Option<String>,
    /// Its ETag header.
    pub etag: Option<String>,
}

/// The fingerprint of a request: a retry must send the same method, path and body.
pub fn fingerprint(method: &str, path: &str, body: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(method.as_bytes());
    h.update([0]);
    h.update(path.as_bytes());
    h.update([0]);
    h.update(body);
    hex::encode(h.finalize())
}

/// The stored answer for (principal, key), if any.
pub fn find(conn: &mut Db, principal: &str, key: &str) -> QueryResult<Option<StoredAnswer>> {
    idempotency_keys::table
        .filter(
            idempotency_keys::principal
                .eq(principal)
                .and(idempotency_keys::idem_key.eq(key)),
        )
        .select(StoredAnswer::as_select())
        .first(conn)
        .optional()
}

/// Records the answer inside the same transaction as the change it answers for. A
/// concurrent request with the same key waits on the key's unique index and then fails.
pub fn record(
    conn: &mut Db,
    principal: &str,
    key: &str,
    answer: &StoredAnswer,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::insert_into(idempotency_keys::table)
        .values((
            idempotency_keys::principal.eq(principal),
            idempotency_keys::idem_key.eq(key),
            idempotency_keys::request_hash.eq(&answer.request_hash),
            idempotency_keys::status.eq(answer.status),
            idempotency_keys::body.eq(&answer.body),
            idempotency_keys::location.eq(&answer.location),
            idempotency_keys::etag.eq(&answer.etag),
            idempotency_keys::created_at.eq(At::from(now)),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Forgets keys older than `before` (kept at least 24 hours).
pub fn purge(conn: &mut Db, before: DateTime<Utc>) -> QueryResult<usize> {
    diesel::delete(
        idempotency_keys::table.filter(idempotency_keys::created_at.lt(At::from(before))),
    )
    .execute(conn)
}
