//! The timers table: each notification's one durable watch (when it next needs looking at).
//! Written only here; claimed through the shared lease (`store::lease`).

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;

use super::lease::{self, TIMERS};
use super::schema::timers;
use super::types::{At, MaybeAt};
use super::Db;
use crate::domain::{Nation, TimerKind, TimerStatus};

/// How long a claim holds a timer before another instance may take it.
pub const LEASE_SECONDS: i64 = 60;

/// A stored timer.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = timers, treat_none_as_default_value = false)]
pub struct TimerRow {
    /// UUID v7.
    pub id: String,
    /// What it is for.
    pub kind: TimerKind,
    /// The notification it watches.
    pub notification_id: String,
    /// A nation it is about (unused by the watch: always empty).
    pub nation: Option<Nation>,
    /// A stage it is about (unused by the watch: always empty).
    pub stage_id: Option<String>,
    /// When it fires next.
    #[diesel(serialize_as = At)]
    pub due_at: DateTime<Utc>,
    /// Pending or done.
    pub status: TimerStatus,
    /// Claims so far.
    pub attempts: i32,
    /// The instance that claimed it last.
    pub locked_by: Option<String>,
    /// Until when the last claim holds it.
    #[diesel(serialize_as = MaybeAt)]
    pub locked_until: Option<DateTime<Utc>>,
    /// When the watch was made.
    #[diesel(serialize_as = At)]
    pub created_at: DateTime<Utc>,
    /// When it last fired (not recorded by the watch).
    #[diesel(serialize_as = MaybeAt)]
    pub fired_at: Option<DateTime<Utc>>,
}

/// What one claim took: the due timers, earliest first, and those whose stored row does not
/// read (their id and why), so that one bad row is named each lease and never holds up the rest.
#[derive(Debug, Default)]
pub struct Claimed {
    /// Due timers, the earliest due first.
    pub due: Vec<TimerRow>,
    /// Claimed timers whose rows failed to load: id and the load error.
    pub unreadable: Vec<(String, String)>,
}

/// Claims up to `limit` due timers for `owner`, the earliest due first.
pub fn claim_due(
    conn: &mut Db,
    owner: &str,
    now: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Claimed> {
    let until = now + Duration::seconds(LEASE_SECONDS);
    let ids = lease::claim(conn, &TIMERS, owner, now, until, limit)?;
    let load = |conn: &mut Db, ids: &[String]| {
        timers::table
            .filter(timers::id.eq_any(ids))
            .select(TimerRow::as_select())
            .load::<TimerRow>(conn)
    };
    let mut claimed = Claimed::default();
    match load(conn, &ids) {
        Ok(rows) => claimed.due = rows,
        // A row that does not read: load one by one to find it and keep the others going.
        Err(diesel::result::Error::DeserializationError(_)) => {
            for id in &ids {
                match load(conn, std::slice::from_ref(id)) {
                    Ok(rows) => claimed.due.extend(rows),
                    Err(e @ diesel::result::Error::DeserializationError(_)) => claimed
                        .unreadable
                        .push((id.clone(), super::types::error_chain(&e))),
                    Err(e) => return Err(e),
                }
            }
        }
        Err(e) => return Err(e),
    }
    claimed
        .due
        .sort_by_key(|t| ids.iter().position(|x| *x == t.id));
    Ok(claimed)
}

/// Ends the watch of a notification that reached a final state.
pub fn finish(conn: &mut Db, notification_id: &str) -> QueryResult<usize> {
    diesel::update(
        timers::table
            .filter(timers::notification_id.eq(notification_id))
            .filter(timers::status.eq(TimerStatus::Pending)),
    )
    .set((
        timers::status.eq(TimerStatus::Done),
        timers::locked_until.eq(MaybeAt::from(None)),
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
    let updated = diesel::update(
        timers::table
            .filter(timers::notification_id.eq(notification_id))
            .filter(timers::status.eq(TimerStatus::Pending)),
    )
    .set((
        timers::due_at.eq(At::from(due)),
        timers::locked_until.eq(MaybeAt::from(None)),
    ))
    .execute(conn)?;
    if updated == 0 {
        start(conn, notification_id, due, now)?;
    }
    Ok(())
}

/// Makes the watch of a notification that has none yet (one inserted by this transaction),
/// due at `due`.
pub fn start(
    conn: &mut Db,
    notification_id: &str,
    due: DateTime<Utc>,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::insert_into(timers::table)
        .values(TimerRow {
            id: uuid::Uuid::now_v7().to_string(),
            kind: TimerKind::Check,
            notification_id: notification_id.to_string(),
            nation: None,
            stage_id: None,
            due_at: due,
            status: TimerStatus::Pending,
            attempts: 0,
            locked_by: None,
            locked_until: None,
            created_at: now,
            fired_at: None,
        })
        .execute(conn)
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use diesel::RunQueryDsl;

    use super::*;

    use crate::store::migrated_temp_store as store;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2030, 1, 2, 3, 4, 5).unwrap()
    }

    fn statuses(c: &mut Db) -> Vec<String> {
        timers::table
            .order(timers::notification_id)
            .select(timers::status)
            .load(c)
            .unwrap()
    }

    #[test]
    fn a_watch_is_claimed_typed_and_finished() {
        let (_dir, store) = store();
        let mut c = store.conn().unwrap();
        let due = t0() + Duration::nanoseconds(7_000_900);
        set_due(&mut c, "n1", due, t0()).unwrap();
        assert!(
            claim_due(&mut c, "a", t0(), 10).unwrap().due.is_empty(),
            "not due"
        );
        let now = t0() + Duration::minutes(1);
        let claimed = claim_due(&mut c, "a", now, 10).unwrap();
        assert!(claimed.unreadable.is_empty());
        assert_eq!(claimed.due.len(), 1);
        let t = &claimed.due[0];
        assert_eq!(
            (t.kind, t.status, t.notification_id.as_str(), t.attempts),
            (TimerKind::Check, TimerStatus::Pending, "n1", 1)
        );
        assert_eq!(t.due_at, due - Duration::nanoseconds(900));
        assert_eq!(t.locked_by.as_deref(), Some("a"));
        assert_eq!(t.locked_until, Some(now + Duration::seconds(LEASE_SECONDS)));
        assert_eq!(t.created_at, t0());
        assert!(
            claim_due(&mut c, "b", now, 10).unwrap().due.is_empty(),
            "leased"
        );
        assert_eq!(finish(&mut c, "n1").unwrap(), 1);
        assert_eq!(statuses(&mut c), ["done"]);
        set_due(&mut c, "n2", due, t0()).unwrap();
        assert_eq!(statuses(&mut c), ["done", "pending"]);
    }

    #[test]
    fn a_corrupt_timer_is_named_and_does_not_hold_up_the_others() {
        let (_dir, store) = store();
        let mut c = store.conn().unwrap();
        set_due(&mut c, "n1", t0(), t0()).unwrap();
        set_due(&mut c, "n2", t0() + Duration::seconds(1), t0()).unwrap();
        diesel::sql_query("UPDATE timers SET kind = 'remind' WHERE notification_id = 'n1'")
            .execute(&mut c)
            .unwrap();
        let claimed = claim_due(&mut c, "a", t0() + Duration::seconds(5), 10).unwrap();
        let due: Vec<&str> = claimed
            .due
            .iter()
            .map(|t| t.notification_id.as_str())
            .collect();
        assert_eq!(due, ["n2"]);
        assert_eq!(claimed.unreadable.len(), 1);
        assert!(
            claimed.unreadable[0]
                .1
                .contains("stored TimerKind: `remind` is not one of check"),
            "{:?}",
            claimed.unreadable
        );
    }
}
