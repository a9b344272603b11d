//! Rows of notifications, their versions, national reviews and stages.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;

use super::schema::{
    decision_times, escalations, notification_versions, notifications, reviews, stages,
};
use super::types::{At, Json, MaybeAt};
use super::Db;
use crate::domain::{Finding, MovementInput, NotificationStatus, Priority, StageStatus, Waiver};

/// A stored timestamp as UTC: rows hold `DateTime<Utc>` already (see `store::types`); a bare
/// `Timestamp` column selected by hand is a `NaiveDateTime` in UTC.
pub fn utc(t: impl StoredTime) -> DateTime<Utc> {
    t.utc()
}

/// A timestamp as a row or a hand-written select holds it.
pub trait StoredTime {
    /// The same instant as UTC.
    fn utc(self) -> DateTime<Utc>;
}

impl StoredTime for NaiveDateTime {
    fn utc(self) -> DateTime<Utc> {
        self.and_utc()
    }
}

impl StoredTime for DateTime<Utc> {
    fn utc(self) -> DateTime<Utc> {
        self
    }
}

/// A notification row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = notifications, treat_none_as_default_value = false)]
pub struct NotificationRow {
    /// UUID v7 (time-ordered, so keyset pages stay stable as rows are added).
    pub id: String,
    /// Human reference, e.g. `CRD-2026-000042`.
    pub reference: String,
    /// Status.
    pub status: NotificationStatus,
    /// Movement version (1 + amendments).
    pub version: i32,
    /// Bumped by every change; the ETag.
    pub revision: i32,
    /// Priority.
    pub priority: Priority,
    /// Kind wire name.
    pub kind: String,
    /// Requesting nation.
    pub requester_nation: String,
    /// Requesting unit.
    pub requester_unit: String,
    /// User id of the submitter.
    pub created_by: String,
    /// Planned departure.
    #[diesel(serialize_as = At)]
    pub departure_at: DateTime<Utc>,
    /// Planned arrival.
    #[diesel(serialize_as = At)]
    pub arrival_at: DateTime<Utc>,
    /// Overall due time.
    #[diesel(serialize_as = At)]
    pub due_at: DateTime<Utc>,
    /// Highest escalation level fired and not yet resolved.
    pub escalation_level: i32,
    /// Current movement as submitted.
    pub movement: Json<MovementInput>,
    /// First submission.
    #[diesel(serialize_as = At)]
    pub submitted_at: DateTime<Utc>,
    /// Last change.
    #[diesel(serialize_as = At)]
    pub updated_at: DateTime<Utc>,
}

/// A notification as a list shows it: the row without its movement, which a page of fifty
/// would otherwise read and parse only to drop.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = notifications)]
pub struct ListedNotification {
    /// Id.
    pub id: String,
    /// Human reference.
    pub reference: String,
    /// Status.
    pub status: NotificationStatus,
    /// Movement version.
    pub version: i32,
    /// Priority.
    pub priority: Priority,
    /// Kind wire name.
    pub kind: String,
    /// Requesting nation.
    pub requester_nation: String,
    /// Requesting unit.
    pub requester_unit: String,
    /// Planned departure.
    pub departure_at: DateTime<Utc>,
    /// Planned arrival.
    pub arrival_at: DateTime<Utc>,
    /// Overall due time.
    pub due_at: DateTime<Utc>,
    /// Highest escalation level in force.
    pub escalation_level: i32,
    /// First submission.
    pub submitted_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// A nation's review as a list shows it: without its findings and waiver.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = reviews)]
pub struct ListedReview {
    /// Notification.
    pub notification_id: String,
    /// Nation.
    pub nation: String,
    /// Status.
    pub status: NotificationStatus,
    /// Issued permit number.
    pub permit_number: Option<String>,
    /// Review due time.
    pub due_at: DateTime<Utc>,
}

/// A national review row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = reviews, treat_none_as_default_value = false)]
pub struct ReviewRow {
    /// Notification.
    pub notification_id: String,
    /// Nation.
    pub nation: String,
    /// Order on the itinerary.
    pub position: i32,
    /// Status (`withdrawn` when an amendment took the nation off the route).
    pub status: NotificationStatus,
    /// Issued permit number.
    pub permit_number: Option<String>,
    /// Review due time.
    #[diesel(serialize_as = At)]
    pub due_at: DateTime<Utc>,
    /// Policy content hash the findings came from.
    pub policy_version: String,
    /// What the nation's rules found.
    pub findings: Json<Vec<Finding>>,
    /// Coordinator's waiver of block findings.
    pub waiver: Option<Json<Waiver>>,
}

/// A stage row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = stages, treat_none_as_default_value = false)]
pub struct StageRow {
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
    /// Step (stages of one step run in parallel).
    pub step: i32,
    /// Notification version it was planned for.
    pub round: i32,
    /// Status.
    pub status: StageStatus,
    /// When it opened.
    #[diesel(serialize_as = MaybeAt)]
    pub opened_at: Option<DateTime<Utc>>,
    /// Due time (projected while not open).
    #[diesel(serialize_as = At)]
    pub due_at: DateTime<Utc>,
    /// Who decided.
    pub decided_by: Option<String>,
    /// When.
    #[diesel(serialize_as = MaybeAt)]
    pub decided_at: Option<DateTime<Utc>>,
    /// Conditions attached to the permit.
    pub conditions: Json<Vec<String>>,
    /// Reason given.
    pub reason: Option<String>,
    /// Hash of the inputs it decided on (an amendment that leaves it unchanged keeps it).
    pub fingerprint: String,
    /// Highest escalation level fired.
    pub escalation_level: i32,
    /// Bumped by every change; part of the stage's ETag.
    pub revision: i32,
}

/// An escalation row.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = escalations, treat_none_as_default_value = false)]
pub struct EscalationRow {
    /// UUID.
    pub id: String,
    /// Notification.
    pub notification_id: String,
    /// Nation.
    pub nation: String,
    /// Stage row id.
    pub stage_id: Option<String>,
    /// Stage key.
    pub stage_key: Option<String>,
    /// 1 officers, 2 coordinator, 3 liaison.
    pub level: i32,
    /// Why.
    pub reason: String,
    /// The due time at risk.
    #[diesel(serialize_as = At)]
    pub due_at: DateTime<Utc>,
    /// When it fired.
    #[diesel(serialize_as = At)]
    pub fired_at: DateTime<Utc>,
    /// Who acknowledged it.
    pub acknowledged_by: Option<String>,
    /// When.
    #[diesel(serialize_as = MaybeAt)]
    pub acknowledged_at: Option<DateTime<Utc>>,
}

/// Whether the notification a change finishes was inserted by that change's own transaction:
/// then nothing else is stored of it yet (no permit, board mark or timer) and none is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Inserted by this transaction (a submission).
    New,
    /// Stored before this transaction.
    Existing,
}

/// Everything stored about one notification.
#[derive(Debug, Clone)]
pub struct Stored {
    /// The notification.
    pub notification: NotificationRow,
    /// Its reviews in itinerary order.
    pub reviews: Vec<ReviewRow>,
    /// All its stages (every round), by nation, round, step.
    pub stages: Vec<StageRow>,
    /// Its escalations, oldest first.
    pub escalations: Vec<EscalationRow>,
}

impl Stored {
    /// Loads a notification with its reviews, stages and escalations.
    pub fn load(conn: &mut Db, id: &str) -> QueryResult<Option<Stored>> {
        let Some(notification) = notifications::table
            .find(id)
            .select(NotificationRow::as_select())
            .first(conn)
            .optional()?
        else {
            return Ok(None);
        };
        let reviews = reviews::table
            .filter(reviews::notification_id.eq(id))
            .order(reviews::position.asc())
            .select(ReviewRow::as_select())
            .load(conn)?;
        let stages = stages::table
            .filter(stages::notification_id.eq(id))
            .order((
                stages::nation.asc(),
                stages::round.asc(),
                stages::step.asc(),
                stages::id.asc(),
            ))
            .select(StageRow::as_select())
            .load(conn)?;
        let escalations = escalations::table
            .filter(escalations::notification_id.eq(id))
            .order((escalations::fired_at.asc(), escalations::level.asc()))
            .select(EscalationRow::as_select())
            .load(conn)?;
        Ok(Some(Stored {
            notification,
            reviews,
            stages,
            escalations,
        }))
    }

    /// Nations of the reviews still on the route.
    pub fn nations(&self) -> Vec<String> {
        self.reviews
            .iter()
            .filter(|r| r.status != NotificationStatus::Withdrawn)
            .map(|r| r.nation.clone())
            .collect()
    }
}

/// Takes the notification's row lock and bumps its revision; returns the revision before.
/// Every change starts here, so two writers of one notification queue instead of racing.
pub fn lock_for_change(conn: &mut Db, id: &str, now: DateTime<Utc>) -> QueryResult<Option<i32>> {
    let n = diesel::update(notifications::table.find(id))
        .set((
            notifications::revision.eq(notifications::revision + 1),
            notifications::updated_at.eq(At::from(now)),
        ))
        .execute(conn)?;
    if n == 0 {
        return Ok(None);
    }
    let rev: i32 = notifications::table
        .find(id)
        .select(notifications::revision)
        .first(conn)?;
    Ok(Some(rev - 1))
}

/// Inserts a version row.
pub fn insert_version(
    conn: &mut Db,
    id: &str,
    version: i32,
    movement: &str,
    by: &str,
    now: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::insert_into(notification_versions::table)
        .values((
            notification_versions::notification_id.eq(id),
            notification_versions::version.eq(version),
            notification_versions::movement.eq(movement),
            notification_versions::created_by.eq(by),
            notification_versions::created_at.eq(At::from(now)),
        ))
        .execute(conn)
        .map(|_| ())
}

/// One version of a notification: (version, movement as submitted, by, at).
pub type Version = (i32, Json<serde_json::Value>, String, DateTime<Utc>);

/// Every version of a notification, oldest first.
pub fn versions(conn: &mut Db, id: &str) -> QueryResult<Vec<Version>> {
    notification_versions::table
        .filter(notification_versions::notification_id.eq(id))
        .order(notification_versions::version.asc())
        .select((
            notification_versions::version,
            notification_versions::movement,
            notification_versions::created_by,
            notification_versions::created_at,
        ))
        .load(conn)
}

/// Saves a stage row as it now is (bumping its revision).
pub fn save_stage(conn: &mut Db, s: &StageRow) -> QueryResult<()> {
    diesel::update(stages::table.find(&s.id))
        .set((
            stages::status.eq(s.status),
            stages::step.eq(s.step),
            stages::opened_at.eq(MaybeAt::from(s.opened_at)),
            stages::due_at.eq(At::from(s.due_at)),
            stages::decided_by.eq(&s.decided_by),
            stages::decided_at.eq(MaybeAt::from(s.decided_at)),
            stages::conditions.eq(&s.conditions),
            stages::reason.eq(&s.reason),
            stages::fingerprint.eq(&s.fingerprint),
            stages::escalation_level.eq(s.escalation_level),
            stages::revision.eq(stages::revision + 1),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Saves a review row as it now is.
pub fn save_review(conn: &mut Db, r: &ReviewRow) -> QueryResult<()> {
    diesel::update(reviews::table.find((&r.notification_id, &r.nation)))
        .set((
            reviews::position.eq(r.position),
            reviews::status.eq(r.status),
            reviews::permit_number.eq(&r.permit_number),
            reviews::due_at.eq(At::from(r.due_at)),
            reviews::policy_version.eq(&r.policy_version),
            reviews::findings.eq(&r.findings),
            reviews::waiver.eq(&r.waiver),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Saves the notification's mutable columns (the revision was bumped by `lock_for_change`).
pub fn save_notification(conn: &mut Db, n: &NotificationRow) -> QueryResult<()> {
    diesel::update(notifications::table.find(&n.id))
        .set((
            notifications::status.eq(n.status),
            notifications::version.eq(n.version),
            notifications::priority.eq(n.priority),
            notifications::kind.eq(&n.kind),
            notifications::departure_at.eq(At::from(n.departure_at)),
            notifications::arrival_at.eq(At::from(n.arrival_at)),
            notifications::due_at.eq(At::from(n.due_at)),
            notifications::escalation_level.eq(n.escalation_level),
            notifications::movement.eq(&n.movement),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Inserts a submitted notification with its first version (`movement` as submitted, by `by`
/// at `now`), its reviews and its stages: on PostgreSQL in one statement (one round trip; the
/// foreign keys are checked at its end), on SQLite one after another.
pub fn insert_submitted(
    conn: &mut Db,
    n: &NotificationRow,
    movement: &str,
    by: &str,
    now: DateTime<Utc>,
    reviews: &[ReviewRow],
    stages: &[StageRow],
) -> QueryResult<()> {
    let Db::Pg(c) = conn else {
        insert_notification(conn, n)?;
        insert_version(conn, &n.id, 1, movement, by, now)?;
        insert_reviews(conn, reviews)?;
        return insert_stages(conn, stages);
    };
    let mut all = super::multi_row::Together::default();
    all.add(diesel::insert_into(notifications::table).values(n.clone()));
    all.add(diesel::insert_into(notification_versions::table).values((
        notification_versions::notification_id.eq(&n.id),
        notification_versions::version.eq(1),
        notification_versions::movement.eq(movement),
        notification_versions::created_by.eq(by),
        notification_versions::created_at.eq(At::from(now)),
    )));
    if !reviews.is_empty() {
        all.add(diesel::insert_into(reviews::table).values(reviews.to_vec()));
    }
    if !stages.is_empty() {
        all.add(diesel::insert_into(stages::table).values(stages.to_vec()));
    }
    all.run(c)
}

/// Inserts a new notification row.
pub fn insert_notification(conn: &mut Db, n: &NotificationRow) -> QueryResult<()> {
    diesel::insert_into(notifications::table)
        .values(n.clone())
        .execute(conn)
        .map(|_| ())
}

/// Inserts review rows.
pub fn insert_reviews(conn: &mut Db, rows: &[ReviewRow]) -> QueryResult<()> {
    super::multi_row::insert_rows!(conn, reviews::table, rows)
}

/// Inserts stage rows.
pub fn insert_stages(conn: &mut Db, rows: &[StageRow]) -> QueryResult<()> {
    super::multi_row::insert_rows!(conn, stages::table, rows)
}

/// Who may see what in a list: the caller's scope as SQL conditions.
#[derive(Debug, Clone)]
pub enum ListScope {
    /// Everything (admin, liaison watching all).
    All,
    /// One unit's notifications.
    Unit {
        /// Its nation.
        nation: String,
        /// The unit.
        unit: String,
    },
    /// Notifications crossing any of these nations.
    Crossing(Vec<String>),
}

/// List filters.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// Status wire name.
    pub status: Option<String>,
    /// Crossing this nation.
    pub nation: Option<String>,
    /// Priority wire name.
    pub priority: Option<String>,
    /// Only those with an escalation in force.
    pub at_risk: Option<bool>,
    /// Ids below this one (keyset cursor: ids are UUID v7, newest largest).
    pub before: Option<String>,
    /// Page size.
    pub limit: i64,
}

/// A page of notifications, newest first, with their reviews (in itinerary order).
pub fn list(
    conn: &mut Db,
    scope: &ListScope,
    f: &ListFilter,
) -> QueryResult<Vec<(ListedNotification, Vec<ListedReview>)>> {
    let mut q = notifications::table
        .select(ListedNotification::as_select())
        .into_boxed();
    match scope {
        ListScope::All => {}
        ListScope::Unit { nation, unit } => {
            q = q
                .filter(notifications::requester_nation.eq(nation.clone()))
                .filter(notifications::requester_unit.eq(unit.clone()))
        }
        ListScope::Crossing(nations) => {
            let crossing = reviews::table
                .filter(reviews::nation.eq_any(nations.clone()))
                .filter(reviews::status.ne(NotificationStatus::Withdrawn))
                .select(reviews::notification_id);
            q = q.filter(notifications::id.eq_any(crossing));
        }
    }
    if let Some(s) = &f.status {
        q = q.filter(notifications::status.eq(s.clone()));
    }
    if let Some(p) = &f.priority {
        q = q.filter(notifications::priority.eq(p.clone()));
    }
    if let Some(n) = &f.nation {
        let crossing = reviews::table
            .filter(reviews::nation.eq(n.clone()))
            .filter(reviews::status.ne(NotificationStatus::Withdrawn))
            .select(reviews::notification_id);
        q = q.filter(notifications::id.eq_any(crossing));
    }
    match f.at_risk {
        Some(true) => {
            q = q
                .filter(notifications::escalation_level.gt(0))
                .filter(notifications::status.eq(NotificationStatus::InReview))
        }
        Some(false) => {
            q = q.filter(
                notifications::escalation_level
                    .eq(0)
                    .or(notifications::status.ne(NotificationStatus::InReview)),
            )
        }
        None => {}
    }
    if let Some(b) = &f.before {
        q = q.filter(notifications::id.lt(b.clone()));
    }
    let page: Vec<ListedNotification> = q
        .order(notifications::id.desc())
        .limit(f.limit)
        .load(conn)?;
    let ids: Vec<String> = page.iter().map(|n| n.id.clone()).collect();
    let all_reviews: Vec<ListedReview> = reviews::table
        .filter(reviews::notification_id.eq_any(ids))
        .order((reviews::notification_id.asc(), reviews::position.asc()))
        .select(ListedReview::as_select())
        .load(conn)?;
    let mut by_notification: HashMap<String, Vec<ListedReview>> = HashMap::new();
    for r in all_reviews {
        by_notification
            .entry(r.notification_id.clone())
            .or_default()
            .push(r);
    }
    Ok(page
        .into_iter()
        .map(|n| {
            let rs = by_notification.remove(&n.id).unwrap_or_default();
            (n, rs)
        })
        .collect())
}

/// Takes the notification's row lock without changing it (the timer runner's re-check).
pub fn lock(conn: &mut Db, id: &str) -> QueryResult<bool> {
    let n = diesel::update(notifications::table.find(id))
        .set(notifications::revision.eq(notifications::revision))
        .execute(conn)?;
    Ok(n == 1)
}

/// Bumps the revision (the ETag) after a change made without `lock_for_change`.
pub fn bump_revision(conn: &mut Db, id: &str, now: DateTime<Utc>) -> QueryResult<()> {
    diesel::update(notifications::table.find(id))
        .set((
            notifications::revision.eq(notifications::revision + 1),
            notifications::updated_at.eq(At::from(now)),
        ))
        .execute(conn)
        .map(|_| ())
}

/// How long people took on `key` stages of `nation`, most recent first (at most `limit`):
/// (opened_at, decided_at) of stages decided by a person.
pub fn decision_times(
    conn: &mut Db,
    nation: &str,
    key: &str,
    limit: i64,
) -> QueryResult<Vec<(DateTime<Utc>, DateTime<Utc>)>> {
    decision_times::table
        .filter(decision_times::nation.eq(nation))
        .filter(decision_times::stage_key.eq(key))
        .order(decision_times::decided_at.desc())
        .limit(limit)
        .select((decision_times::opened_at, decision_times::decided_at))
        .load(conn)
}

/// Records how long a person took to decide `stage` (one opened and now decided).
pub fn record_decision_time(
    conn: &mut Db,
    stage: &StageRow,
    opened_at: DateTime<Utc>,
    decided_at: DateTime<Utc>,
) -> QueryResult<()> {
    diesel::insert_into(decision_times::table)
        .values((
            decision_times::stage_id.eq(&stage.id),
            decision_times::nation.eq(&stage.nation),
            decision_times::stage_key.eq(&stage.stage_key),
            decision_times::opened_at.eq(At::from(opened_at)),
            decision_times::decided_at.eq(At::from(decided_at)),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Inserts an escalation.
pub fn insert_escalation(conn: &mut Db, e: &EscalationRow) -> QueryResult<()> {
    diesel::insert_into(escalations::table)
        .values(e.clone())
        .execute(conn)
        .map(|_| ())
}

/// Marks an escalation acknowledged; false when it was already.
pub fn acknowledge_escalation(
    conn: &mut Db,
    id: &str,
    by: &str,
    now: DateTime<Utc>,
) -> QueryResult<bool> {
    let n = diesel::update(
        escalations::table
            .find(id)
            .filter(escalations::acknowledged_at.is_null()),
    )
    .set((
        escalations::acknowledged_by.eq(by),
        escalations::acknowledged_at.eq(At::from(now)),
    ))
    .execute(conn)?;
    Ok(n == 1)
}

/// What a conditional GET needs and nothing more.
#[derive(Debug, Clone)]
pub struct NotificationHead {
    /// The revision (the ETag).
    pub revision: i32,
    /// Requesting nation.
    pub requester_nation: String,
    /// Requesting unit.
    pub requester_unit: String,
    /// Nations of its reviews.
    pub nations: Vec<String>,
}

/// Revision, requesting unit and nations on the route: enough to scope and answer a 304.
pub fn head(conn: &mut Db, id: &str) -> QueryResult<Option<NotificationHead>> {
    let Some((revision, nation, unit)) = notifications::table
        .find(id)
        .select((
            notifications::revision,
            notifications::requester_nation,
            notifications::requester_unit,
        ))
        .first::<(i32, String, String)>(conn)
        .optional()?
    else {
        return Ok(None);
    };
    // The nations on the route, as `notification::readable` counts them (a nation taken off the
    // route no longer reads it): the same scope as a full GET and as the lists.
    let nations = reviews::table
        .filter(reviews::notification_id.eq(id))
        .filter(reviews::status.ne(NotificationStatus::Withdrawn))
        .select(reviews::nation)
        .load(conn)?;
    Ok(Some(NotificationHead {
        revision,
        requester_nation: nation,
        requester_unit: unit,
        nations,
    }))
}
