//! The timers table: each notification's one durable watch (when it next needs looking at).
//! Written only here; claimed through the shared lease (`store::lease`).

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;

use super::lease::{self, TIMERS};
use super::schema::timers;
use super::types::micros;
use super::Db;

/// How long a claim holds a timer before another instance may take it.
pub const LEASE_SECONDS: i64 = 60;

/// The kind of a notification's watch timer.
pub const CHECK: &str = "check";

/// Claims up to `limit` due timers for `owner`; returns (timer id, notification id), the
/// earliest due first.
pub fn claim_due(
    conn: &mut Db,
    owner: &str,
    now: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Vec<(String, String)>> {
    let until = now + Duration::seconds(LEASE_SECONDS);
    let ids = lease::claim(conn, &TIMERS, owner, now, until, limit)?;
    let mut rows: Vec<(String, String)> = timers::table
        .filter(timers::id.eq_any(&ids))
        .select((timers::id, timers::notification_id))
        .load(conn)?;
    rows.sort_by_key(|(id, _)| ids.iter().position(|x| x == id));
    Ok(rows)
}

/// Ends the watch of a notification that reached a final state.
pub fn finish(conn: &mut Db, notification_id: &str) -> QueryResult<usize> {
    diesel::update(
        timers::table
            .filter(timers::notification_id.eq(notification_id))
            .filter(timers::status.eq("pending")),
    )
    .set((
        timers::status.eq("done"),
        timers::locked_until.eq(None::<chrono::NaiveDateTime>),
    ))
    .execute(conn)
}

/// Sets when a notification's watch fires next (creating the watch the first time), and ends
/// any lease on it; `locked_by` stays as the record of which instance fired it last.
pub fn set_due(
    conn: &mut Db,
    notification_id: &str,
    due: DateTime<Utc>,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    let due = micros(due);
    let updated = diesel::update(
        timers::table
            .filter(timers::notification_id.eq(notification_id))
            .filter(timers::status.eq("pending")),
    )
    .set((
        timers::due_at.eq(due),
        timers::locked_until.eq(None::<chrono::NaiveDateTime>),
    ))
    .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(timers::table)
            .values((
                timers::id.eq(uuid::Uuid::now_v7().to_string()),
                timers::kind.eq(CHECK),
                timers::notification_id.eq(notification_id),
                timers::due_at.eq(due),
                timers::status.eq("pending"),
                timers::attempts.eq(0),
                timers::created_at.eq(micros(now)),
            ))
            .execute(conn)?;
    }
    Ok(())
}
