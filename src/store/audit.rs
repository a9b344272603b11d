//! The audit trail: append-only events, each hashed with the one before it.
//!
//! Appends lock the single `audit_head` row, so sequence numbers are gapless and in commit
//! order; the change feed can use them as a cursor without ever skipping a late commit.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::schema::{audit_events, audit_head};
use super::types::micros;
use super::Db;

/// The hash before the first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An event to append.
#[derive(Debug, Clone)]
pub struct NewEvent {
    /// The notification it concerns, if any.
    pub notification_id: Option<String>,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Username, or `system` for the timer runner.
    pub actor: String,
    /// The actor's role.
    pub role: String,
    /// The nation acted for, if any.
    pub nation: Option<String>,
    /// What happened (`submitted`, `decided`, `amended`, `escalated`, …).
    pub action: String,
    /// Status before.
    pub status_before: Option<String>,
    /// Status after.
    pub status_after: Option<String>,
    /// Policy set version in force.
    pub policy_version: Option<String>,
    /// Details (stage, outcome, reason, …).
    pub detail: serde_json::Value,
}

/// A stored event.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = audit_events)]
pub struct EventRow {
    /// Position in the chain, from 1.
    pub seq: i64,
    /// The notification it concerns.
    pub notification_id: Option<String>,
    /// When.
    pub at: NaiveDateTime,
    /// Who.
    pub actor: String,
    /// In which role.
    pub role: String,
    /// For which nation.
    pub nation: Option<String>,
    /// What.
    pub action: String,
    /// Status before.
    pub status_before: Option<String>,
    /// Status after.
    pub status_after: Option<String>,
    /// Policy version.
    pub policy_version: Option<String>,
    /// Details as JSON text.
    pub detail: String,
    /// Hash of the event before.
    pub prev_hash: String,
    /// This event's hash.
    pub hash: String,
}

/// The hash of an event: SHA-256 over a JSON array of every field, so no two field
/// layouts can collide.
#[allow(clippy::too_many_arguments)]
fn event_hash(
    prev: &str,
    seq: i64,
    notification_id: Option<&str>,
    at: &NaiveDateTime,
    actor: &str,
    role: &str,
    nation: Option<&str>,
    action: &str,
    before: Option<&str>,
    after: Option<&str>,
    policy: Option<&str>,
    detail: &str,
) -> String {
    let canonical = serde_json::json!([
        prev,
        seq,
        notification_id,
        at.format("%Y-%m-%dT%H:%M:%S%.6f").to_string(),
        actor,
        role,
        nation,
        action,
        before,
        after,
        policy,
        detail
    ]);
    hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
}

fn row_hash(r: &EventRow) -> String {
    event_hash(
        &r.prev_hash,
        r.seq,
        r.notification_id.as_deref(),
        &r.at,
        &r.actor,
        &r.role,
        r.nation.as_deref(),
        &r.action,
        r.status_before.as_deref(),
        r.status_after.as_deref(),
        r.policy_version.as_deref(),
        &r.detail,
    )
}

/// Appends `e` to the chain inside the caller's transaction; returns its sequence number.
pub fn append(conn: &mut Db, e: NewEvent) -> QueryResult<i64> {
    // A no-op update takes the head row's lock on PostgreSQL (SQLite's IMMEDIATE
    // transaction already holds the write lock): appends are strictly one after another.
    diesel::update(audit_head::table.filter(audit_head::id.eq(1)))
        .set(audit_head::seq.eq(audit_head::seq))
        .execute(conn)?;
    let (last, prev): (i64, String) = audit_head::table
        .filter(audit_head::id.eq(1))
        .select((audit_head::seq, audit_head::hash))
        .first(conn)?;
    let row = EventRow {
        seq: last + 1,
        notification_id: e.notification_id,
        at: micros(e.at),
        actor: e.actor,
        role: e.role,
        nation: e.nation,
        action: e.action,
        status_before: e.status_before,
        status_after: e.status_after,
        policy_version: e.policy_version,
        detail: e.detail.to_string(),
        prev_hash: prev,
        hash: String::new(),
    };
    let hash = row_hash(&row);
    diesel::insert_into(audit_events::table)
        .values((
            audit_events::seq.eq(row.seq),
            audit_events::notification_id.eq(&row.notification_id),
            audit_events::at.eq(row.at),
            audit_events::actor.eq(&row.actor),
            audit_events::role.eq(&row.role),
            audit_events::nation.eq(&row.nation),
            audit_events::action.eq(&row.action),
            audit_events::status_before.eq(&row.status_before),
            audit_events::status_after.eq(&row.status_after),
            audit_events::policy_version.eq(&row.policy_version),
            audit_events::detail.eq(&row.detail),
            audit_events::prev_hash.eq(&row.prev_hash),
            audit_events::hash.eq(&hash),
        ))
        .execute(conn)?;
    diesel::update(audit_head::table.filter(audit_head::id.eq(1)))
        .set((audit_head::seq.eq(row.seq), audit_head::hash.eq(&hash)))
        .execute(conn)?;
    Ok(row.seq)
}

/// The events of one notification, oldest first.
pub fn for_notification(conn: &mut Db, id: &str) -> QueryResult<Vec<EventRow>> {
    audit_events::table
        .filter(audit_events::notification_id.eq(id))
        .order(audit_events::seq.asc())
        .select(EventRow::as_select())
        .load(conn)
}

/// Events after `seq`, oldest first, at most `limit`.
pub fn after(conn: &mut Db, seq: i64, limit: i64) -> QueryResult<Vec<EventRow>> {
    audit_events::table
        .filter(audit_events::seq.gt(seq))
        .order(audit_events::seq.asc())
        .limit(limit)
        .select(EventRow::as_select())
        .load(conn)
}

/// The last sequence number (0 before the first event); one indexed row.
pub fn head(conn: &mut Db) -> QueryResult<i64> {
    audit_head::table
        .filter(audit_head::id.eq(1))
        .select(audit_head::seq)
        .first(conn)
}

/// Where the chain breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The first event that does not verify.
    pub seq: i64,
    /// Why.
    pub reason: String,
}

/// Recomputes the whole chain; returns the number of events, or the first broken link.
pub fn verify(conn: &mut Db) -> QueryResult<Result<i64, BrokenLink>> {
    let mut expected_seq = 1;
    let mut prev = GENESIS.to_string();
    loop {
        let batch = after(conn, expected_seq - 1, 1000)?;
        if batch.is_empty() {
            break;
        }
        for r in &batch {
            let broken = |reason: String| Ok(Err(BrokenLink { seq: r.seq, reason }));
            if r.seq != expected_seq {
                return broken(format!(
                    "event {expected_seq} is missing (next is {})",
                    r.seq
                ));
            }
            if r.prev_hash != prev {
                return broken("does not link to the event before it".into());
            }
            if row_hash(r) != r.hash {
                return broken("its content does not match its hash".into());
            }
            prev = r.hash.clone();
            expected_seq += 1;
        }
    }
    let (head_seq, head_hash): (i64, String) = audit_head::table
        .filter(audit_head::id.eq(1))
        .select((audit_head::seq, audit_head::hash))
        .first(conn)?;
    if head_seq != expected_seq - 1 || head_hash != prev {
        return Ok(Err(BrokenLink {
            seq: head_seq,
            reason: format!(
                "the chain head says event {head_seq}, the events end at {}",
                expected_seq - 1
            ),
        }));
    }
    Ok(Ok(expected_seq - 1))
}
