//! The audit trail: append-only events, each hashed with the one before it.
//!
//! Appends lock the single `audit_head` row, so sequence numbers are gapless and in commit
//! order; the change feed can use them as a cursor without ever skipping a late commit.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use diesel::sql_types::{BigInt, Nullable, Text, Timestamp};

use super::multi_row::fixed_statement;
use super::schema::{audit_events, audit_head};
use super::types::{At, Json};
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

/// A stored event, typed.
///
/// `role`, `status_before` and `status_after` stay text: the role is also `system` (the timer
/// runner, upkeep), and the statuses are a notification's, a stage's or a standing
/// authorisation's, or `new` before a submission — no one wire enum holds them all.
#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = audit_events, treat_none_as_default_value = false)]
pub struct EventRow {
    /// Position in the chain, from 1.
    pub seq: i64,
    /// The notification it concerns.
    pub notification_id: Option<String>,
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub actor: String,
    /// In which role (a role's wire name, or `system`).
    pub role: String,
    /// For which nation.
    pub nation: Option<String>,
    /// What.
    pub action: String,
    /// Status before (or `new`).
    pub status_before: Option<String>,
    /// Status after.
    pub status_after: Option<String>,
    /// Policy version.
    pub policy_version: Option<String>,
    /// Details.
    pub detail: Json<serde_json::Value>,
    /// Hash of the event before.
    pub prev_hash: String,
    /// This event's hash.
    pub hash: String,
}

/// An event as stored, with its detail as the exact text the hash is over: what the chain is
/// written and verified from. (Re-serialising a parsed `detail` could change its text, and a
/// chain over text must not depend on how JSON is printed.)
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = audit_events)]
struct ChainLink {
    seq: i64,
    notification_id: Option<String>,
    #[diesel(serialize_as = At)]
    at: DateTime<Utc>,
    actor: String,
    role: String,
    nation: Option<String>,
    action: String,
    status_before: Option<String>,
    status_after: Option<String>,
    policy_version: Option<String>,
    detail: String,
    prev_hash: String,
    hash: String,
}

impl ChainLink {
    /// The hash of the event: SHA-256 over a JSON array of every field but the hash, so no two
    /// field layouts can collide; the time to the microsecond as `2026-12-01T06:00:00.000000`.
    fn content_hash(&self) -> String {
        let canonical = serde_json::json!([
            self.prev_hash,
            self.seq,
            self.notification_id,
            self.at.format("%Y-%m-%dT%H:%M:%S%.6f").to_string(),
            self.actor,
            self.role,
            self.nation,
            self.action,
            self.status_before,
            self.status_after,
            self.policy_version,
            self.detail
        ]);
        hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
    }
}

/// Appends `e` to the chain inside the caller's transaction; returns its sequence number.
pub fn append(conn: &mut Db, e: NewEvent) -> QueryResult<i64> {
    // A no-op update takes the head row's lock on PostgreSQL (SQLite's IMMEDIATE
    // transaction already holds the write lock): appends are strictly one after another. It
    // reads the head in the same statement (one round trip fewer on PostgreSQL).
    let (last, prev): (i64, String) =
        diesel::update(audit_head::table.filter(audit_head::id.eq(1)))
            .set(audit_head::seq.eq(audit_head::seq))
            .returning((audit_head::seq, audit_head::hash))
            .get_result(conn)?;
    let mut row = ChainLink {
        seq: last + 1,
        notification_id: e.notification_id,
        // As stored (to the microsecond), so the hash is over what is read back.
        at: At::from(e.at).stored(),
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
    row.hash = row.content_hash();
    match conn {
        // One round trip: the event and the head it becomes, in one statement.
        Db::Pg(c) => {
            let at = At::from(row.at);
            AppendLink {
                seq: &row.seq,
                notification_id: &row.notification_id,
                at: &at,
                actor: &row.actor,
                role: &row.role,
                nation: &row.nation,
                action: &row.action,
                status_before: &row.status_before,
                status_after: &row.status_after,
                policy_version: &row.policy_version,
                detail: &row.detail,
                prev_hash: &row.prev_hash,
                hash: &row.hash,
                head_seq: &row.seq,
                head_hash: &row.hash,
            }
            .execute(c)?;
        }
        Db::Sqlite(_) => {
            diesel::insert_into(audit_events::table)
                .values(row.clone())
                .execute(conn)?;
            diesel::update(audit_head::table.filter(audit_head::id.eq(1)))
                .set((audit_head::seq.eq(row.seq), audit_head::hash.eq(&row.hash)))
                .execute(conn)?;
        }
    }
    Ok(row.seq)
}

fixed_statement! {
    /// Inserts an event and moves the head to it (PostgreSQL only: a data-modifying `WITH`).
    AppendLink(seq: BigInt = i64, notification_id: Nullable<Text> = Option<String>,
        at: Timestamp = At, actor: Text = String, role: Text = String,
        nation: Nullable<Text> = Option<String>, action: Text = String,
        status_before: Nullable<Text> = Option<String>,
        status_after: Nullable<Text> = Option<String>,
        policy_version: Nullable<Text> = Option<String>, detail: Text = String,
        prev_hash: Text = String, hash: Text = String, head_seq: BigInt = i64,
        head_hash: Text = String) -> BigInt =
        "WITH link AS (INSERT INTO audit_events (seq, notification_id, at, actor, role, nation, \
         action, status_before, status_after, policy_version, detail, prev_hash, hash) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)) \
         UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1"
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
        let batch: Vec<ChainLink> = audit_events::table
            .filter(audit_events::seq.gt(expected_seq - 1))
            .order(audit_events::seq.asc())
            .limit(1000)
            .select(ChainLink::as_select())
            .load(conn)?;
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
            if r.content_hash() != r.hash {
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

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use diesel::RunQueryDsl;

    use super::*;
    use crate::store::types::error_chain;

    use crate::store::migrated_temp_store as store;

    fn decided() -> NewEvent {
        NewEvent {
            notification_id: Some("n1".into()),
            at: Utc.with_ymd_and_hms(2026, 12, 1, 6, 0, 0).unwrap()
                + chrono::Duration::nanoseconds(123_456_789),
            actor: "anna".into(),
            role: "officer".into(),
            nation: Some("DE".into()),
            action: "decided".into(),
            status_before: Some("pending".into()),
            status_after: Some("approved".into()),
            policy_version: Some("v1".into()),
            detail: serde_json::json!({"stage": "movcon", "outcome": "approve"}),
        }
    }

    #[test]
    fn the_chain_is_over_the_stored_text_and_a_whitespace_edit_breaks_it() {
        let (_dir, store) = store();
        let mut c = store.conn().unwrap();
        assert_eq!(append(&mut c, decided()).unwrap(), 1);
        let stored: (String, String) = audit_events::table
            .select((audit_events::detail, audit_events::hash))
            .first(&mut c)
            .unwrap();
        // Pinned: the hash of this event as the chain has always computed it (SHA-256 of the
        // compact JSON array [GENESIS, 1, "n1", "2026-12-01T06:00:00.123456", "anna", …,
        // detail text]), so a change to how events are read or written cannot change the
        // chain unseen.
        assert_eq!(
            stored,
            (
                r#"{"outcome":"approve","stage":"movcon"}"#.to_string(),
                "e6eacd1e2ff35923b946cecafbe0398268a910d8e3da9f5c67e42e57acfaf499".to_string()
            )
        );
        assert_eq!(verify(&mut c).unwrap(), Ok(1));
        let read = &for_notification(&mut c, "n1").unwrap()[0];
        assert_eq!(read.at, decided().at - chrono::Duration::nanoseconds(789));
        assert_eq!(*read.detail, decided().detail);
        // The same JSON value, other text: the chain no longer verifies.
        diesel::sql_query(
            r#"UPDATE audit_events SET detail = '{"outcome": "approve", "stage": "movcon"}'"#,
        )
        .execute(&mut c)
        .unwrap();
        assert_eq!(
            verify(&mut c).unwrap(),
            Err(BrokenLink {
                seq: 1,
                reason: "its content does not match its hash".into()
            })
        );
    }

    #[test]
    fn a_corrupt_detail_fails_the_load_by_name_and_breaks_the_chain() {
        let (_dir, store) = store();
        let mut c = store.conn().unwrap();
        append(&mut c, decided()).unwrap();
        diesel::sql_query("UPDATE audit_events SET detail = '{\"stage\": '")
            .execute(&mut c)
            .unwrap();
        let e = error_chain(&for_notification(&mut c, "n1").unwrap_err());
        assert!(
            e.contains("stored JSON is not a serde_json::value::Value"),
            "{e}"
        );
        assert!(after(&mut c, 0, 10).is_err(), "the change feed too");
        // Verification reads the text, so it reports the broken link rather than failing.
        assert_eq!(verify(&mut c).unwrap().unwrap_err().seq, 1);
    }
}
