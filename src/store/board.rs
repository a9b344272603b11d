//! Read-side queries for the liaison board, the change feed and the metrics gauges.
//!
//! Every query here takes the caller's `ListScope`, the same scope the notification list uses,
//! so the board, the feed and the list never disagree about who sees what.

use chrono::NaiveDateTime;
use diesel::dsl::{count_star, min};
use diesel::prelude::*;

use super::audit::EventRow;
use super::notifications::{EscalationRow, ListScope, StageRow};
use super::schema::{audit_events, escalations, notifications, outbox, reviews, stages, timers};
use super::Db;

// A second name for `reviews`, so a query over reviews can ask "which notifications cross
// these nations" of reviews again without the two references colliding.
diesel::alias!(reviews as crossing: CrossingReviews);

/// Restricts a boxed query to the notifications in `$scope`, given the query's column that
/// holds the notification id. A macro because each table's boxed query is its own type.
macro_rules! in_scope {
    ($query:expr, $scope:expr, $nid:expr) => {{
        let mut q = $query;
        match $scope {
            ListScope::All => {}
            ListScope::Unit { nation, unit } => {
                let own = notifications::table
                    .filter(notifications::requester_nation.eq(nation.clone()))
                    .filter(notifications::requester_unit.eq(unit.clone()))
                    .select(notifications::id);
                q = q.filter($nid.eq_any(own));
            }
            ListScope::Crossing(nations) => {
                let crossing_ids = crossing
                    .filter(crossing.field(reviews::nation).eq_any(nations.clone()))
                    .filter(crossing.field(reviews::status).ne("withdrawn"))
                    .select(crossing.field(reviews::notification_id));
                q = q.filter($nid.eq_any(crossing_ids));
            }
        }
        q
    }};
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

/// Notifications in scope, counted by status.
pub fn counts_by_status(conn: &mut Db, scope: &ListScope) -> QueryResult<Vec<(String, i64)>> {
    let mut q = notifications::table
        .group_by(notifications::status)
        .select((notifications::status, count_star()))
        .order(notifications::status.asc())
        .into_boxed();
    // Not `in_scope!`: a notifications query cannot take a subselect of notifications.
    match scope {
        ListScope::All => {}
        ListScope::Unit { nation, unit } => {
            q = q
                .filter(notifications::requester_nation.eq(nation.clone()))
                .filter(notifications::requester_unit.eq(unit.clone()));
        }
        ListScope::Crossing(nations) => {
            let crossing_ids = reviews::table
                .filter(reviews::nation.eq_any(nations.clone()))
                .filter(reviews::status.ne("withdrawn"))
                .select(reviews::notification_id);
            q = q.filter(notifications::id.eq_any(crossing_ids));
        }
    }
    q.load(conn)
}

/// National reviews of notifications in scope (nations still on the route), counted by
/// nation and review status.
pub fn counts_by_nation(
    conn: &mut Db,
    scope: &ListScope,
) -> QueryResult<Vec<(String, String, i64)>> {
    let q = in_scope!(
        reviews::table
            .filter(reviews::status.ne("withdrawn"))
            .group_by((reviews::nation, reviews::status))
            .select((reviews::nation, reviews::status, count_star()))
            .order((reviews::nation.asc(), reviews::status.asc()))
            .into_boxed(),
        scope,
        reviews::notification_id
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
    let in_review = notifications::table
        .filter(notifications::status.eq("in_review"))
        .select(notifications::id);
    let q = in_scope!(
        stages::table
            .filter(stages::status.eq("pending"))
            .filter(stages::opened_at.is_not_null())
            .filter(
                stages::escalation_level
                    .gt(0)
                    .or(stages::due_at.le(horizon)),
            )
            .filter(stages::notification_id.eq_any(in_review))
            .into_boxed(),
        scope,
        stages::notification_id
    );
    q.order((stages::due_at.asc(), stages::id.asc()))
        .limit(limit)
        .select(StageRow::as_select())
        .load(conn)
}

/// Ids of stages still waiting for a decision: an escalation is open only while its stage
/// waits (a decision settles it even if nobody acknowledged it).
fn waiting_stages() -> diesel::dsl::Select<
    diesel::dsl::Filter<stages::table, diesel::dsl::Eq<stages::status, &'static str>>,
    diesel::dsl::Nullable<stages::id>,
> {
    stages::table
        .filter(stages::status.eq("pending"))
        .select(stages::id.nullable())
}

/// Escalations in scope that nobody has acknowledged, most urgent due time first.
pub fn open_escalations(
    conn: &mut Db,
    scope: &ListScope,
    limit: i64,
) -> QueryResult<Vec<EscalationRow>> {
    let q = in_scope!(
        escalations::table
            .filter(escalations::acknowledged_at.is_null())
            .filter(escalations::stage_id.eq_any(waiting_stages()))
            .into_boxed(),
        scope,
        escalations::notification_id
    );
    q.order((
        escalations::due_at.asc(),
        escalations::level.desc(),
        escalations::id.asc(),
    ))
    .limit(limit)
    .select(EscalationRow::as_select())
    .load(conn)
}

/// The last `limit` stage decisions in scope, newest first.
pub fn recent_decisions(
    conn: &mut Db,
    scope: &ListScope,
    limit: i64,
) -> QueryResult<Vec<EventRow>> {
    let q = in_scope!(
        audit_events::table
            .filter(audit_events::action.eq("decided"))
            .into_boxed(),
        scope,
        audit_events::notification_id.assume_not_null()
    );
    q.order(audit_events::seq.desc())
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
        .filter(escalations::acknowledged_at.is_null())
        .filter(escalations::stage_id.eq_any(waiting_stages()))
        .select(count_star())
        .first(conn)?;
    let oldest_due_timer = timers::table
        .filter(timers::status.eq("pending"))
        .filter(timers::due_at.le(now))
        .select(min(timers::due_at))
        .first(conn)?;
    let outbox_backlog = outbox::table
        .filter(outbox::status.eq(crate::jobs::outbox::PENDING))
        .select(count_star())
        .first(conn)?;
    Ok(Gauges {
        notifications,
        escalations_open,
        oldest_due_timer,
        outbox_backlog,
    })
}
