//! Read-side queries for the liaison board, the change feed and the metrics gauges.
//!
//! Every query here takes the caller's `ListScope`, the same scope the notification list uses,
//! so the board, the feed and the list never disagree about who sees what.

use chrono::NaiveDateTime;
use diesel::dsl::{count_star, exists, min};
use diesel::prelude::*;

use super::audit::EventRow;
use super::notifications::{EscalationRow, ListScope, StageRow};
use super::schema::{audit_events, escalations, notifications, outbox, reviews, stages, timers};
use super::Db;
use crate::domain::NotificationStatus;

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
                .filter(crossing.field(reviews::status).ne("withdrawn")),
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

/// Restricts a boxed query that has `notifications` in its FROM to the notifications in
/// `$scope` (a correlated `EXISTS`, as in `in_scope!`).
macro_rules! notifications_in_scope {
    ($query:expr, $scope:expr) => {{
        let mut q = $query;
        match $scope {
            ListScope::All => {}
            ListScope::Unit { nation, unit } => {
                q = q
                    .filter(notifications::requester_nation.eq(nation.clone()))
                    .filter(notifications::requester_unit.eq(unit.clone()));
            }
            ListScope::Crossing(nations) => q = q.filter(crosses!(notifications::id, nations)),
        }
        q
    }};
}

/// Notification statuses, final (`true`) or still in play (`false`), as stored.
fn statuses(final_: bool) -> Vec<String> {
    NotificationStatus::ALL
        .iter()
        .filter(|s| s.is_final() == final_)
        .map(|s| s.to_string())
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
    /// Priority wire name.
    pub priority: String,
    /// Status wire name.
    pub status: String,
}

/// Notifications in scope that the board counts (see `live!`), by status.
pub fn counts_by_status(
    conn: &mut Db,
    scope: &ListScope,
    since: NaiveDateTime,
) -> QueryResult<Vec<(String, i64)>> {
    // Two range reads rather than `live!`'s OR: grouped by status, PostgreSQL preferred to
    // filter the whole status index, which grew with the history.
    let open = notifications_in_scope!(
        notifications::table
            .filter(notifications::status.eq_any(statuses(false)))
            .group_by(notifications::status)
            .select((notifications::status, count_star()))
            .into_boxed(),
        scope
    );
    let settled = notifications_in_scope!(
        notifications::table
            .filter(notifications::status.eq_any(statuses(true)))
            .filter(notifications::updated_at.ge(since))
            .group_by(notifications::status)
            .select((notifications::status, count_star()))
            .into_boxed(),
        scope
    );
    let mut counts: Vec<(String, i64)> = open.load(conn)?;
    counts.extend(settled.load::<(String, i64)>(conn)?);
    counts.sort();
    Ok(counts)
}

/// National reviews (nations still on the route) of the notifications `counts_by_status`
/// counts, by nation and review status: every review of an open notification, and the
/// decided reviews of settled ones.
pub fn counts_by_nation(
    conn: &mut Db,
    scope: &ListScope,
    since: NaiveDateTime,
) -> QueryResult<Vec<(String, String, i64)>> {
    let q = notifications_in_scope!(
        reviews::table
            .inner_join(notifications::table.on(notifications::id.eq(reviews::notification_id)))
            .filter(live!(since))
            .filter(reviews::status.ne("withdrawn"))
            // A review left undecided when its notification was withdrawn or expired is
            // nobody's work and no one's decision: not counted.
            .filter(
                notifications::status
                    .eq_any(statuses(false))
                    .or(reviews::status.eq_any(statuses(true))),
            )
            .group_by((reviews::nation, reviews::status))
            .select((reviews::nation, reviews::status, count_star()))
            .order((reviews::nation.asc(), reviews::status.asc()))
            .into_boxed(),
        scope
    );
    q.load(conn)
}

/// Open stages (opened, still pending) of notifications in review that have escalated or are
/// due before `horizon`, soonest first.
pub fn at_risk(
    conn: &mut Db,
    scope: &ListScope,
    horizon: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<StageRow>> {
    // The soonest `limit` by id first (a narrow sort over every candidate), then their rows.
    let q = notifications_in_scope!(
        stages::table
            .inner_join(notifications::table.on(notifications::id.eq(stages::notification_id)))
            .filter(notifications::status.eq(NotificationStatus::InReview.to_string()))
            // `|| ''` keeps the planner off the stage-status index: stages left pending on
            // notifications that were rejected, withdrawn or expired stay pending for ever,
            // so the in-review notifications must lead the join, not the pending stages.
            .filter(stages::status.concat("").eq("pending"))
            .filter(stages::opened_at.is_not_null())
            .filter(
                stages::escalation_level
                    .gt(0)
                    .or(stages::due_at.le(horizon)),
            )
            .select(stages::id)
            .into_boxed(),
        scope
    );
    let ids: Vec<String> = q
        .order((stages::due_at.asc(), stages::id.asc()))
        .limit(limit)
        .load(conn)?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut rows: Vec<StageRow> = stages::table
        .filter(stages::id.eq_any(&ids))
        .select(StageRow::as_select())
        .load(conn)?;
    rows.sort_by(|a, b| (a.due_at, &a.id).cmp(&(b.due_at, &b.id)));
    Ok(rows)
}

/// Escalations in scope that nobody has acknowledged while their stage still waits (a
/// decision settles an escalation even if nobody acknowledged it), most urgent due time first.
pub fn open_escalations(
    conn: &mut Db,
    scope: &ListScope,
    limit: i64,
) -> QueryResult<Vec<EscalationRow>> {
    let q = notifications_in_scope!(
        escalations::table
            .inner_join(
                notifications::table.on(notifications::id.eq(escalations::notification_id)),
            )
            .inner_join(stages::table.on(stages::id.nullable().eq(escalations::stage_id)))
            .filter(notifications::status.eq_any(statuses(false)))
            // Not by the stage-status index (see `at_risk`).
            .filter(stages::status.concat("").eq("pending"))
            .filter(escalations::acknowledged_at.is_null())
            .select(EscalationRow::as_select())
            .into_boxed(),
        scope
    );
    q.order((
        escalations::due_at.asc(),
        escalations::level.desc(),
        escalations::id.asc(),
    ))
    .limit(limit)
    .load(conn)
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
    pub notifications: Vec<(String, i64)>,
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
        .filter(stages::status.eq("pending"))
        .filter(escalations::acknowledged_at.is_null())
        .select(count_star())
        .first(conn)?;
    let oldest_due_timer = timers::table
        .filter(timers::status.eq("pending"))
        .filter(timers::due_at.le(now))
        .select(min(timers::due_at))
        .first(conn)?;
    let outbox_backlog = outbox::table
        .filter(outbox::status.eq(super::outbox::PENDING))
        .select(count_star())
        .first(conn)?;
    Ok(Gauges {
        notifications,
        escalations_open,
        oldest_due_timer,
        outbox_backlog,
    })
}
