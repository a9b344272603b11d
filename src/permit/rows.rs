//! Tables of permit bundles and their keys (migration `2026-12-01-000001_permits`).

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::claims::PermitClaims;
use crate::store::types::{At, Json, MaybeAt};
use crate::store::Db;

diesel::table! {
    permit_keys (kid) {
        kid -> Text,
        public_x -> Text,
        private_pem -> Nullable<Text>,
        created_at -> Timestamp,
        retired_at -> Nullable<Timestamp>,
        signed_until -> Nullable<Timestamp>,
    }
}

diesel::table! {
    permits (jti) {
        jti -> Text,
        notification_id -> Text,
        version -> Integer,
        kid -> Text,
        token -> Text,
        claims -> Text,
        issued_at -> Timestamp,
        not_before -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        revoked_reason -> Nullable<Text>,
        revocation_seq -> Nullable<BigInt>,
    }
}

/// One issued bundle.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = permits, treat_none_as_default_value = false)]
pub struct PermitRow {
    /// Bundle id.
    pub jti: String,
    /// Notification.
    pub notification_id: String,
    /// Notification version it was issued for.
    pub version: i32,
    /// Key that signed it.
    pub kid: String,
    /// The compact JWS.
    pub token: String,
    /// Its claims (stored as JSON).
    pub claims: Json<PermitClaims>,
    /// When.
    #[diesel(serialize_as = At)]
    pub issued_at: DateTime<Utc>,
    /// `nbf`.
    #[diesel(serialize_as = At)]
    pub not_before: DateTime<Utc>,
    /// `exp`.
    #[diesel(serialize_as = At)]
    pub expires_at: DateTime<Utc>,
    /// When it was revoked.
    #[diesel(serialize_as = MaybeAt)]
    pub revoked_at: Option<DateTime<Utc>>,
    /// Why (`withdrawn`, `amended`, …).
    pub revoked_reason: Option<String>,
    /// Position in the revocation series.
    pub revocation_seq: Option<i64>,
}

/// The bundle of a notification that stands (not revoked), if any.
pub fn active(conn: &mut Db, notification_id: &str) -> QueryResult<Option<PermitRow>> {
    permits::table
        .filter(permits::notification_id.eq(notification_id))
        .filter(permits::revoked_at.is_null())
        .order(permits::issued_at.desc())
        .select(PermitRow::as_select())
        .first(conn)
        .optional()
}

/// Stores a new bundle.
pub fn insert(conn: &mut Db, row: &PermitRow) -> QueryResult<()> {
    diesel::insert_into(permits::table)
        .values(row.clone())
        .execute(conn)?;
    Ok(())
}

/// Marks a bundle revoked.
pub fn revoke(
    conn: &mut Db,
    jti: &str,
    at: DateTime<Utc>,
    reason: &str,
    seq: i64,
) -> QueryResult<()> {
    diesel::update(permits::table.find(jti))
        .set((
            permits::revoked_at.eq(MaybeAt::from(Some(at))),
            permits::revoked_reason.eq(Some(reason)),
            permits::revocation_seq.eq(Some(seq)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Revoked bundles that have not expired at `now` (expired ones are refused anyway), oldest
/// revocation first; and the highest revocation number ever given.
pub fn revoked(conn: &mut Db, now: DateTime<Utc>) -> QueryResult<(Vec<PermitRow>, i64)> {
    let rows = permits::table
        .filter(permits::revoked_at.is_not_null())
        .filter(permits::expires_at.gt(At::from(now)))
        .order(permits::revocation_seq.asc())
        .select(PermitRow::as_select())
        .load(conn)?;
    let seq: Option<i64> = permits::table
        .select(diesel::dsl::max(permits::revocation_seq))
        .first(conn)?;
    Ok((rows, seq.unwrap_or(0)))
}
