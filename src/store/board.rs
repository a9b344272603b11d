//! Read-side queries for the liaison board, the change feed and the metrics gauges.
//!
//! Every query here takes the caller's `ListScope`, the same scope the notification list uses,
//! so the board, the feed and the list never disagree about who sees what.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::dsl::{count_star, exists, min};
use diesel::prelude::*;

use super::audit::EventRow;
use super::notifications::{EscalationRow, ListScope};
use super::schema::{audit_events, escalations, notifications, outbox, reviews, stages, timers};
use super::Db;
use crate::domain::{NotificationStatus, OutboxStatus, Priority, StageStatus, TimerStatus};

// A second name for `reviews`, so a query over reviews can ask "which notifications cross
// these nations" of reviews again without the two references colliding.
diesel::alias!(reviews as crossing: CrossingReviews);

/// Whether the notification whose id is `$nid` crosses any of `$nations` (its review of that
/// nation is not withdrawn): a correlated `EXISTS`.
macro_rules! crosses {
    ($nid:expr, $nations:expr) => {
        exists(
            crossing
                .filter(crossing.field(reviews::notification_id).eq($nid))
                .filter(crossing.field(reviews::nation).eq_any($nations.clone()))
                .filter(
                    crossing
                        .field(reviews::status)
                        .ne(NotificationStatus::Withdrawn),
                ),
        )
    };
}

/// Restricts a boxed query to the notifications in `$scope`, given the query's column that
/// holds the notification id. A macro because each table's boxed query is its own type.
///
/// A correlated `EXISTS` rather than `IN (subquery)`: the subquery would list every
/// notification the scope ever saw, so the cost would grow with the history; the `EXISTS` is
/// one primary-key probe for each row the outer query already narrowed down.
macro_rules! in_scope {
    ($query:expr, $scope:expr, $nid:expr) => {{
        let mut q = $query;
        match $scope {
            ListScope::All => {}
            ListScope::Unit { nation, unit } => {
                q = q.filter(exists(
                    notifications::table
                        .filter(notifications::id.eq($nid))
                        .filter(notifications::requester_nation.eq(nation.clone()))
                        .filter(notifications::requester_unit.eq(unit.clone())),
                ));
            }
            ListScope::Crossing(nations) => q = q.filter(crosses!($nid, nations)),
        }
        q
    }};
}

/// Notification statuses, final (`true`) or still in play (`false`), as stored.
fn statuses(final_: bool) -> Vec<NotificationStatus> {
    NotificationStatus::ALL
        .iter()
        .copied()
        .filter(|s| s.is_final() == final_)
        .collect()
}

/// The notifications the board counts: those still in play however old, and those that
/// reached a final status since `$since`. Bounded by the live picture, not the history.
macro_rules! live {
    ($since:expr) => {
        notifications::status
            .eq_any(statuses(false))
            .or(notifications::status
                .eq_any(statuses(true))
                .and(notifications::updated_at.ge($since)))
    };
}

/// The identifying columns of a notification that board entries quote.
#[derive(Debug, Clone, Queryable)]
pub struct Header {
    /// Id.
    pub id: String,
    /// Human reference, e.g. `CRD-2026-000042`.
    pub reference: String,
    /// Priority.
    pub priority: Priority,
    /// Status.
    pub status: NotificationStatus,
}

/// What the board shows of an at-risk stage: its row without decision, conditions or
/// fingerprint.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = stages)]
pub struct RiskStage {
    /// UUID.
    pub id: String,
    /// Notification.
    pub notification_id: String,
    /// Nation.
    pub nation: String,
    /// Stage key.
    pub stage_key: String,
    /// Stage name.
    pub name: String,
    /// Due time.
    pub due_at: DateTime<Utc>,
    /// Highest escalation level fired.
    pub escalation_level: i32,
}

/// The at-risk stages with these ids, in the order given.
pub fn stages_by_ids(conn: &mut Db, ids: &[String]) -> QueryResult<Vec<RiskStage>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut rows: Vec<RiskStage> = stages::table
        .filter(stages::id.eq_any(ids))
        .select(RiskStage::as_select())
        .load(conn)?;
    let place = in_order(ids);
    rows.sort_by_key(|r| place.get(r.id.as_str()).copied());
    Ok(rows)
}

/// Each id's place in `ids`.
fn in_order(ids: &[String]) -> std::collections::HashMap<&str, usize> {
    ids.iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect()
}

/// The escalation rows with these ids, in the order given.
pub fn escalations_by_ids(conn: &mut Db, ids: &[String]) -> QueryResult<Vec<EscalationRow>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut rows: Vec<EscalationRow> = escalations::table
        .filter(escalations::id.eq_any(ids))
        .select(EscalationRow::as_select())
        .load(conn)?;
    let place = in_order(ids);
    rows.sort_by_key(|r| place.get(r.id.as_str()).copied());
    Ok(rows)
}

/// The last `limit` stage decisions in scope made since `since` on notifications the board
/// counts, newest first.
pub fn recent_decisions(
    conn: &mut Db,
    scope: &ListScope,
    since: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<EventRow>> {
    // The decisions within the window lead (by their action and time), each checked against
    // its notification; led by the live notifications instead, every event of each would be
    // read.
    let counted = notifications::table
        .filter(
            notifications::id
                .nullable()
                .eq(audit_events::notification_id),
        )
        .filter(live!(since));
    let q = in_scope!(
        audit_events::table
            .filter(audit_events::action.eq("decided"))
            .filter(audit_events::at.ge(since))
            .filter(exists(counted))
            .into_boxed(),
        scope,
        audit_events::notification_id.assume_not_null()
    );
    // Newest by time, then by sequence: the same order as by sequence alone (events are
    // appended in time order), and the one the (action, at) index gives without a sort.
    q.order((audit_events::at.desc(), audit_events::seq.desc()))
        .limit(limit)
        .select(EventRow::as_select())
        .load(conn)
}

/// Audit events after `after` in scope, oldest first. Events that concern no notification
/// are shown only when `unbound_too` (to administrators).
pub fn events_after(
    conn: &mut Db,
    scope: &ListScope,
    unbound_too: bool,
    after: i64,
    limit: i64,
) -> QueryResult<Vec<EventRow>> {
    let mut q = in_scope!(
        audit_events::table
            .filter(audit_events::seq.gt(after))
            .into_boxed(),
        scope,
        audit_events::notification_id.assume_not_null()
    );
    if !unbound_too {
        q = q.filter(audit_events::notification_id.is_not_null());
    }
    q.order(audit_events::seq.asc())
        .limit(limit)
        .select(EventRow::as_select())
        .load(conn)
}

/// Reference, priority and status of the given notifications.
pub fn headers(conn: &mut Db, ids: &[String]) -> QueryResult<Vec<Header>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    notifications::table
        .filter(notifications::id.eq_any(ids))
        .select((
            notifications::id,
            notifications::reference,
            notifications::priority,
            notifications::status,
        ))
        .load(conn)
}

/// Service-wide numbers for `/metrics` (not scoped: the operator's view).
#[derive(Debug, Clone, Default)]
pub struct Gauges {
    /// Notifications by status.
    pub notifications: Vec<(NotificationStatus, i64)>,
    /// Escalations nobody has acknowledged.
    pub escalations_open: i64,
    /// Due time of the oldest pending timer that is already due, if any.
    pub oldest_due_timer: Option<NaiveDateTime>,
    /// Outbox messages not yet sent.
    pub outbox_backlog: i64,
}

/// Reads the gauges at `now`.
pub fn gauges(conn: &mut Db, now: NaiveDateTime) -> QueryResult<Gauges> {
    let notifications = notifications::table
        .group_by(notifications::status)
        .select((notifications::status, count_star()))
        .order(notifications::status.asc())
        .load(conn)?;
    let escalations_open = escalations::table
        .inner_join(notifications::table.on(notifications::id.eq(escalations::notification_id)))
        .inner_join(stages::table.on(stages::id.nullable().eq(escalations::stage_id)))
        .filter(notifications::status.eq_any(statuses(false)))
        .filter(stages::status.eq(StageStatus::Pending))
        .filter(escalations::acknowledged_at.is_null())
        .select(count_star())
        .first(conn)?;
    let oldest_due_timer = timers::table
        .filter(timers::status.eq(TimerStatus::Pending))
        .filter(timers::due_at.le(now))
        .select(min(timers::due_at))
        .first(conn)?;
    let outbox_backlog = outbox::table
        .filter(outbox::status.eq(OutboxStatus::Pending))
        .select(count_star())
        .first(conn)?;
    Ok(Gauges {
        notifications,
        escalations_open,
        oldest_due_timer,
        outbox_backlog,
    })
}
