//! The board kept current in the write transaction (issue 18): counts by route and unit, the
//! at-risk candidates and open escalations per scope, and a version per scope. A board then
//! costs the same at 1,000 and 100,000 live notifications, and its ETag moves only with the
//! writes its scope can see.
//!
//! `footprint` (pure) says what one notification adds to the board; `restate` stores the
//! difference from what it added before, inside the transaction of the change; `rebuild` fills
//! the tables from scratch (a database migrated from before, or rows loaded in bulk).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, NaiveDateTime};
use diesel::dsl::{max, min};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::board_lanes::{self as lanes, Card, OpenEscalation, OpenStage, Subject};
use super::multi_row::{fixed_statement, upsert_each, Statement, Together};
use super::notifications::{ListScope, Origin, StageRow, Stored};
use super::schema::{
    board_counts, board_items, board_lanes, board_marks, board_versions, escalations,
    notifications, reviews, stages,
};
use super::types::Json;
use super::Db;
use crate::domain::{NotificationStatus, Priority, StageStatus};

/// The scope key every notification shows in (administrators, liaison cells watching all).
pub const ALL: &str = "*";
/// The row of `board_versions` that says the board tables hold every notification.
const BUILT: &str = "#built";
/// `settled_hour` of a notification still in play.
pub const IN_PLAY: i64 = -1;
/// Hours a settled notification's count rows are kept past the board's window.
const KEEP_HOURS: i64 = 48;
/// The count scope of single movements by reviewing nation and hour submitted (the standing
/// share's denominator: reviews not withdrawn).
pub const SINGLES: &str = "s:single";
/// The count scope of clearances under a standing authorisation by nation and hour used.
pub const CLEARED: &str = "s:cleared";

/// The scope key of the notifications crossing `nation`.
pub fn nation_key(nation: &str) -> String {
    format!("n:{nation}")
}

/// The scope key of one requesting unit's notifications.
pub fn unit_key(nation: &str, unit: &str) -> String {
    format!("u:{nation}/{unit}")
}

/// The count scope of the notifications whose route is exactly `route` (sorted nations).
fn route_key(route: &[String]) -> String {
    format!("r:{}", route.join(","))
}

/// The scope keys a caller's scope reads: one for all or a unit, one per nation crossed.
pub fn scope_keys(scope: &ListScope) -> Vec<String> {
    match scope {
        ListScope::All => vec![ALL.to_string()],
        ListScope::Unit { nation, unit } => vec![unit_key(nation, unit)],
        ListScope::Crossing(nations) => {
            let set: BTreeSet<String> = nations.iter().map(|n| nation_key(n)).collect();
            set.into_iter().collect()
        }
    }
}

/// The Unix hour of a stored time.
pub fn hour_of(t: NaiveDateTime) -> i64 {
    t.and_utc().timestamp().div_euclid(3600)
}

/// The start of Unix hour `h`.
pub fn hour_start(h: i64) -> NaiveDateTime {
    DateTime::from_timestamp(h * 3600, 0)
        .unwrap_or_default()
        .naive_utc()
}

/// The columns of a notification the board needs.
#[derive(Debug, Clone, Queryable)]
pub struct Facts {
    /// Id.
    pub id: String,
    /// Reference.
    pub reference: String,
    /// Priority.
    pub priority: Priority,
    /// Status.
    pub status: NotificationStatus,
    /// Requesting nation.
    pub requester_nation: String,
    /// Requesting unit.
    pub requester_unit: String,
    /// Last change.
    pub updated_at: NaiveDateTime,
    /// `single` or `standing` (an application for a standing authorisation).
    pub kind: String,
    /// Submitted.
    pub submitted_at: NaiveDateTime,
}

/// An open stage (`s`: pending and opened) or an open escalation (`e`: unacknowledged, its
/// stage pending), as the board lists it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Item {
    /// `s` or `e`.
    pub kind: char,
    /// Stage or escalation id.
    pub id: String,
    /// Due time.
    pub due_at: NaiveDateTime,
    /// Escalation level (of the stage, or of the escalation).
    pub level: i32,
}

/// One count row a notification adds 1 to: (scope, nation or '' for the notification itself,
/// status, settled hour or `IN_PLAY`).
pub type CountKey = (String, String, String, i64);

/// What a notification adds to the board: its count rows and the scope keys it shows in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Share {
    /// Count rows, one each.
    pub counts: Vec<CountKey>,
    /// Scope keys (`*`, `n:XX` per nation on the route, `u:XX/unit`).
    pub keys: Vec<String>,
    /// Lane count rows (issue 16), one each; absent in marks written before lanes.
    #[serde(default)]
    pub lanes: Vec<lanes::LaneCountKey>,
}

/// Everything the board shows of one notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footprint {
    /// Its share of the counts and its scope keys.
    pub share: Share,
    /// The at-risk candidates and open escalations it lists.
    pub items: Vec<Item>,
    /// A digest of all of it and the header the board quotes (reference, priority, status).
    pub digest: String,
}

/// What notification `n` adds to the board, given its reviews as (nation, status), its open
/// stages and its open escalations. Pure.
pub fn footprint(
    n: &Facts,
    reviews: &[(String, NotificationStatus)],
    stages: &[Item],
    escalations: &[Item],
) -> Footprint {
    let settled = n.status.is_final();
    let settled_hour = if settled {
        hour_of(n.updated_at)
    } else {
        IN_PLAY
    };
    let on_route: Vec<&(String, NotificationStatus)> = reviews
        .iter()
        .filter(|(_, s)| *s != NotificationStatus::Withdrawn)
        .collect();
    let route: Vec<String> = on_route
        .iter()
        .map(|(nation, _)| nation.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let scopes = [
        route_key(&route),
        unit_key(&n.requester_nation, &n.requester_unit),
    ];
    let mut counts = Vec::new();
    for scope in &scopes {
        counts.push((
            scope.clone(),
            String::new(),
            n.status.to_string(),
            settled_hour,
        ));
        for (nation, rs) in &on_route {
            // A review left undecided when its notification was withdrawn or expired is
            // nobody's work and no one's decision: not counted.
            if !settled || rs.is_final() {
                counts.push((scope.clone(), nation.clone(), rs.to_string(), settled_hour));
            }
        }
    }
    // The standing share counts each nation's reviews of single movements by the hour they
    // were submitted, whatever became of them but withdrawal.
    if n.kind == "single" {
        let hour = hour_of(n.submitted_at);
        for (nation, _) in &on_route {
            counts.push((SINGLES.to_string(), nation.clone(), String::new(), hour));
        }
    }
    counts.sort();
    let mut keys = vec![ALL.to_string()];
    keys.extend(route.iter().map(|r| nation_key(r)));
    keys.push(unit_key(&n.requester_nation, &n.requester_unit));
    let mut items = Vec::new();
    if n.status == NotificationStatus::InReview {
        items.extend(stages.iter().cloned());
    }
    if !settled {
        items.extend(escalations.iter().cloned());
    }
    items.sort();
    let share = Share {
        counts,
        keys,
        lanes: Vec::new(),
    };
    let whole = serde_json::json!([share, items, n.reference, n.priority, n.status]);
    let digest = hex::encode(&Sha256::digest(whole.to_string().as_bytes())[..12]);
    Footprint {
        share,
        items,
        digest,
    }
}

/// The difference between two shares' count rows: +1 for each row of `new`, -1 for each of
/// `old`, rows that cancel left out. Pure.
pub fn count_delta(old: &[CountKey], new: &[CountKey]) -> BTreeMap<CountKey, i64> {
    let mut d: BTreeMap<CountKey, i64> = BTreeMap::new();
    for k in old {
        *d.entry(k.clone()).or_default() -= 1;
    }
    for k in new {
        *d.entry(k.clone()).or_default() += 1;
    }
    d.retain(|_, v| *v != 0);
    d
}

/// The footprint with the notification's lane cards (issue 16): their count rows join its
/// share and their content its digest, so a change to a card restates the board. Pure.
pub fn with_lanes(mut fp: Footprint, n: &Facts, cards: &[Card]) -> Footprint {
    fp.share.lanes = lanes::count_keys(&lane_subject(n), cards);
    let whole = serde_json::json!([fp.digest, cards, n.requester_nation, n.requester_unit]);
    fp.digest = hex::encode(&Sha256::digest(whole.to_string().as_bytes())[..12]);
    fp
}

/// The notification as the lanes take it: its cards stored for every nation's lanes and for
/// its requesting unit's.
pub fn lane_subject(n: &Facts) -> Subject {
    Subject {
        id: n.id.clone(),
        reference: n.reference.clone(),
        priority: n.priority,
        status: n.status,
        requester_nation: n.requester_nation.clone(),
        requester_unit: n.requester_unit.clone(),
        scopes: vec![
            ALL.to_string(),
            unit_key(&n.requester_nation, &n.requester_unit),
        ],
    }
}

/// The difference between two lists of lane count rows (as `count_delta`). Pure.
pub fn lane_delta(
    old: &[lanes::LaneCountKey],
    new: &[lanes::LaneCountKey],
) -> BTreeMap<lanes::LaneCountKey, i64> {
    let mut d: BTreeMap<lanes::LaneCountKey, i64> = BTreeMap::new();
    for k in old {
        *d.entry(k.clone()).or_default() -= 1;
    }
    for k in new {
        *d.entry(k.clone()).or_default() += 1;
    }
    d.retain(|_, v| *v != 0);
    d
}

type StageItemRow = (String, String, NaiveDateTime, i32);
type LaneStageRow = (String, String, String, String, NaiveDateTime, i32);
type LaneEscalationRow = (
    String,
    String,
    String,
    Option<String>,
    i32,
    String,
    NaiveDateTime,
    NaiveDateTime,
);

fn open_stage((_, _, nation, stage_key, due_at, level): LaneStageRow) -> OpenStage {
    OpenStage {
        nation,
        stage_key,
        due_at,
        level,
    }
}

fn open_escalation(
    (_, id, nation, stage_key, level, reason, due_at, fired_at): LaneEscalationRow,
) -> OpenEscalation {
    OpenEscalation {
        id,
        nation,
        stage_key,
        level,
        reason,
        due_at,
        fired_at,
    }
}

/// Open stages with what a lane needs, of one notification or (`None`) of all.
fn lane_stages(conn: &mut Db, id: Option<&str>) -> QueryResult<Vec<LaneStageRow>> {
    let mut q = stages::table
        .filter(stages::status.eq(StageStatus::Pending))
        .filter(stages::opened_at.is_not_null())
        .into_boxed();
    if let Some(id) = id {
        q = q.filter(stages::notification_id.eq(id.to_string()));
    }
    q.select((
        stages::notification_id,
        stages::id,
        stages::nation,
        stages::stage_key,
        stages::due_at,
        stages::escalation_level,
    ))
    .load(conn)
}

/// Open escalations with what a lane groups, of one notification or (`None`) of all.
fn lane_escalations(conn: &mut Db, id: Option<&str>) -> QueryResult<Vec<LaneEscalationRow>> {
    let mut q = escalations::table
        .inner_join(stages::table.on(stages::id.nullable().eq(escalations::stage_id)))
        .filter(escalations::acknowledged_at.is_null())
        .filter(stages::status.eq(StageStatus::Pending))
        .into_boxed();
    if let Some(id) = id {
        q = q.filter(escalations::notification_id.eq(id.to_string()));
    }
    q.select((
        escalations::notification_id,
        escalations::id,
        escalations::nation,
        escalations::stage_key,
        escalations::level,
        escalations::reason,
        escalations::due_at,
        escalations::fired_at,
    ))
    .load(conn)
}

/// What the board shows of one notification: its footprint, its lane subject and cards.
type Shown = (Footprint, Subject, Vec<Card>);

/// Loads what `footprint` and `lanes::cards` need of notification `id`.
fn load_one(conn: &mut Db, id: &str) -> QueryResult<Option<Shown>> {
    let Some(n) = notifications::table
        .find(id)
        .select(facts_columns())
        .first::<Facts>(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let rv: Vec<(String, NotificationStatus)> = reviews::table
        .filter(reviews::notification_id.eq(id))
        .select((reviews::nation, reviews::status))
        .load(conn)?;
    // The open stages and escalations, read once for the board's items and the lanes' cards.
    let st = lane_stages(conn, Some(id))?;
    let es = lane_escalations(conn, Some(id))?;
    Ok(Some(shown(n, &rv, st, es)))
}

/// `load_one` of a notification the caller holds as it stands in this transaction: the same
/// rows, taken from `s` instead of read again. Pure.
pub fn shown_of_stored(s: &Stored) -> Shown {
    let n = &s.notification;
    let facts = Facts {
        id: n.id.clone(),
        reference: n.reference.clone(),
        priority: n.priority,
        status: n.status,
        requester_nation: n.requester_nation.clone(),
        requester_unit: n.requester_unit.clone(),
        updated_at: n.updated_at.naive_utc(),
        kind: n.kind.clone(),
        submitted_at: n.submitted_at.naive_utc(),
    };
    let rv: Vec<(String, NotificationStatus)> = s
        .reviews
        .iter()
        .map(|r| (r.nation.clone(), r.status))
        .collect();
    // As `lane_stages` and `lane_escalations` select them.
    let pending = |st: &&StageRow| st.status == StageStatus::Pending;
    let st: Vec<LaneStageRow> = s
        .stages
        .iter()
        .filter(pending)
        .filter(|st| st.opened_at.is_some())
        .map(|st| {
            (
                st.notification_id.clone(),
                st.id.clone(),
                st.nation.clone(),
                st.stage_key.clone(),
                st.due_at.naive_utc(),
                st.escalation_level,
            )
        })
        .collect();
    let pending_ids: BTreeSet<&str> = s
        .stages
        .iter()
        .filter(pending)
        .map(|st| st.id.as_str())
        .collect();
    let es: Vec<LaneEscalationRow> = s
        .escalations
        .iter()
        .filter(|e| e.acknowledged_at.is_none())
        .filter(|e| {
            e.stage_id
                .as_deref()
                .is_some_and(|id| pending_ids.contains(id))
        })
        .map(|e| {
            (
                e.notification_id.clone(),
                e.id.clone(),
                e.nation.clone(),
                e.stage_key.clone(),
                e.level,
                e.reason.clone(),
                e.due_at.naive_utc(),
                e.fired_at.naive_utc(),
            )
        })
        .collect();
    shown(facts, &rv, st, es)
}

/// The footprint and cards of a notification from its facts, reviews, open stages and open
/// escalations. Pure.
fn shown(
    n: Facts,
    rv: &[(String, NotificationStatus)],
    st: Vec<LaneStageRow>,
    es: Vec<LaneEscalationRow>,
) -> Shown {
    let fp = footprint(
        &n,
        rv,
        &st.iter()
            .map(|(nid, sid, _, _, due_at, level)| {
                item('s', (nid.clone(), sid.clone(), *due_at, *level))
            })
            .collect::<Vec<_>>(),
        &es.iter()
            .map(|(nid, eid, _, _, level, _, due_at, _)| {
                item('e', (nid.clone(), eid.clone(), *due_at, *level))
            })
            .collect::<Vec<_>>(),
    );
    let subject = lane_subject(&n);
    let cards = lanes::cards(
        &subject,
        rv,
        &st.into_iter().map(open_stage).collect::<Vec<_>>(),
        &es.into_iter().map(open_escalation).collect::<Vec<_>>(),
    );
    (with_lanes(fp, &n, &cards), subject, cards)
}

fn item(kind: char, (_, id, due_at, level): StageItemRow) -> Item {
    Item {
        kind,
        id,
        due_at,
        level,
    }
}

#[allow(clippy::type_complexity)]
fn facts_columns() -> (
    notifications::id,
    notifications::reference,
    notifications::priority,
    notifications::status,
    notifications::requester_nation,
    notifications::requester_unit,
    notifications::updated_at,
    notifications::kind,
    notifications::submitted_at,
) {
    (
        notifications::id,
        notifications::reference,
        notifications::priority,
        notifications::status,
        notifications::requester_nation,
        notifications::requester_unit,
        notifications::updated_at,
        notifications::kind,
        notifications::submitted_at,
    )
}

/// Brings the board tables up to date with notification `id` as it now stands, inside the
/// caller's write transaction; does nothing when nothing the board shows of it changed.
/// Called at the end of every change to a notification (`notification::watch::schedule`).
pub fn restate(conn: &mut Db, id: &str, now: DateTime<chrono::Utc>) -> QueryResult<()> {
    let loaded = load_one(conn, id)?;
    restate_as(conn, id, loaded, Origin::Existing, now)
}

/// `restate` of a notification the caller holds as it stands in this transaction (loaded
/// after its last change, or inserted by it: `Origin::New` has no mark to read).
pub fn restate_stored(
    conn: &mut Db,
    s: &Stored,
    origin: Origin,
    now: DateTime<chrono::Utc>,
) -> QueryResult<()> {
    restate_as(
        conn,
        &s.notification.id,
        Some(shown_of_stored(s)),
        origin,
        now,
    )
}

/// `restate` with what the board is to show of notification `id` (`None`: it is gone).
fn restate_as(
    conn: &mut Db,
    id: &str,
    loaded: Option<Shown>,
    origin: Origin,
    now: DateTime<chrono::Utc>,
) -> QueryResult<()> {
    // Count and version rows are upserts that add, so two writers never both insert one and
    // need not queue on a lock of their own; one notification's writers queue on its row lock.
    let fp = loaded.as_ref().map(|(fp, _, _)| fp);
    let old: Option<(String, Json<Share>)> = match origin {
        Origin::New => None,
        Origin::Existing => board_marks::table
            .find(id)
            .select((board_marks::digest, board_marks::share))
            .first(conn)
            .optional()?,
    };
    if let (Some(fp), Some((digest, _))) = (fp, &old) {
        if &fp.digest == digest {
            return Ok(());
        }
    }
    // A mark that does not read as a share fails the write: counts restated from a guess
    // would drift for good.
    // Items and lanes are written with a mark: without one there are none to delete.
    let shown_before = old.is_some();
    let old_share: Share = old.map(|(_, s)| s.0).unwrap_or_default();
    let empty = Share::default();
    let new_share = fp.map(|f| &f.share).unwrap_or(&empty);
    let counts = count_delta(&old_share.counts, &new_share.counts);
    let lane_counts = lane_delta(&old_share.lanes, &new_share.lanes);
    let keys: BTreeSet<&String> = old_share.keys.iter().chain(&new_share.keys).collect();
    match conn {
        Db::Pg(c) => write_pg(c, id, &loaded, shown_before, &counts, &lane_counts, &keys)?,
        Db::Sqlite(_) => {
            add_counts(conn, &counts)?;
            lanes::add_counts(conn, &lane_counts)?;
            if shown_before {
                diesel::delete(board_items::table.filter(board_items::notification_id.eq(id)))
                    .execute(conn)?;
                lanes::delete(conn, id)?;
            }
            if let Some((_, n, cards)) = &loaded {
                lanes::insert(conn, n, cards)?;
            }
            bump(conn, keys)?;
            match fp {
                Some(fp) => {
                    insert_items(conn, &item_rows(id, fp))?;
                    set_mark(conn, id, &fp.digest, &fp.share)?;
                }
                None => {
                    diesel::delete(board_marks::table.find(id)).execute(conn)?;
                }
            }
        }
    }
    // Count rows of hours long past the window are read by nobody. Only a write that counts
    // a settled notification makes such rows, so only such a write clears the old ones (the
    // standing share's rows, of every single movement, are cleared with them).
    let settles = old_share
        .counts
        .iter()
        .chain(&new_share.counts)
        .any(|(scope, _, _, hour)| *hour != IN_PLAY && !scope.starts_with("s:"));
    if !settles {
        return Ok(());
    }
    diesel::delete(
        board_counts::table
            .filter(board_counts::settled_hour.ge(0))
            .filter(board_counts::settled_hour.lt(hour_of(now.naive_utc()) - KEEP_HOURS)),
    )
    .execute(conn)?;
    Ok(())
}

/// The restatement's writes on PostgreSQL, where each statement is a round trip: the old items
/// and cards deleted (one statement, when there were any), then every count, card, version,
/// item and the mark in one statement (`Together`), then the count rows that came to zero
/// dropped (one statement, when a count went down).
fn write_pg(
    c: &mut diesel::PgConnection,
    id: &str,
    loaded: &Option<Shown>,
    shown_before: bool,
    counts: &BTreeMap<CountKey, i64>,
    lane_counts: &BTreeMap<lanes::LaneCountKey, i64>,
    keys: &BTreeSet<&String>,
) -> QueryResult<()> {
    use diesel::upsert::excluded;
    let id = id.to_string();
    if shown_before {
        let mut gone = Together::default();
        gone.add(diesel::delete(
            board_items::table.filter(board_items::notification_id.eq(id.clone())),
        ));
        gone.add(diesel::delete(
            board_lanes::table.filter(board_lanes::notification_id.eq(id.clone())),
        ));
        gone.run(c)?;
    }
    let mut writes = Together::default();
    if let Some(upsert) = add_counts_pg(counts) {
        writes.add(upsert);
    }
    if let Some(upsert) = lanes::add_counts_pg(lane_counts) {
        writes.add(upsert);
    }
    if !keys.is_empty() {
        use board_versions::dsl::{scope, version};
        let rows: Vec<_> = keys
            .iter()
            .map(|k| (scope.eq((*k).clone()), version.eq(1i64)))
            .collect();
        writes.add(
            diesel::insert_into(board_versions::table)
                .values(rows)
                .on_conflict(scope)
                .do_update()
                .set(version.eq(version + 1)),
        );
    }
    match loaded {
        Some((fp, n, cards)) => {
            if let Some(insert) = lanes::insert_pg(n, cards) {
                writes.add(insert);
            }
            let items: Vec<_> = item_rows(&id, fp)
                .into_iter()
                .map(|r| {
                    (
                        board_items::scope.eq(r.0),
                        board_items::kind.eq(r.1),
                        board_items::item_id.eq(r.2),
                        board_items::notification_id.eq(r.3),
                        board_items::escalated.eq(r.4),
                        board_items::due_at.eq(r.5),
                        board_items::level.eq(r.6),
                    )
                })
                .collect();
            if !items.is_empty() {
                writes.add(diesel::insert_into(board_items::table).values(items));
            }
            use board_marks::dsl::{digest, notification_id, share};
            writes.add(
                diesel::insert_into(board_marks::table)
                    .values((
                        notification_id.eq(id.clone()),
                        digest.eq(fp.digest.clone()),
                        share.eq(Json(fp.share.clone())),
                    ))
                    .on_conflict(notification_id)
                    .do_update()
                    .set((digest.eq(excluded(digest)), share.eq(excluded(share)))),
            );
        }
        None => writes.add(diesel::delete(board_marks::table.find(id.clone()))),
    }
    writes.run(c)?;
    // Only a count that went down can have come to zero.
    let mut zero = Together::with(drop_zeros(counts));
    lanes::drop_zeros(lane_counts)
        .into_iter()
        .for_each(|d| zero.add(d));
    zero.run(c)
}

fixed_statement! {
    /// Adds `n` to a count row, made when missing.
    AddCount(scope: Text = String, nation: Text = String, status: Text = String,
        settled_hour: BigInt = i64, n: BigInt = i64) -> (Text, Text, Text, BigInt, BigInt) =
        "INSERT INTO board_counts (scope, nation, status, settled_hour, n) VALUES (?, ?, ?, ?, ?) \
         ON CONFLICT (scope, nation, status, settled_hour) DO UPDATE SET n = n + excluded.n \
         RETURNING scope, nation, status, settled_hour, n"
}

fixed_statement! {
    /// Moves a scope's version, made at 1 when missing.
    BumpVersion(scope: Text = String) -> (Text, BigInt) =
        "INSERT INTO board_versions (scope, version) VALUES (?, 1) \
         ON CONFLICT (scope) DO UPDATE SET version = version + 1 RETURNING scope, version"
}

fixed_statement! {
    /// Sets a notification's mark (digest and share), made when missing.
    SetMark(notification_id: Text = String, digest: Text = String, share: Text = Json<Share>)
        -> Text =
        "INSERT INTO board_marks (notification_id, digest, share) VALUES (?, ?, ?) \
         ON CONFLICT (notification_id) DO UPDATE SET digest = excluded.digest, \
         share = excluded.share RETURNING notification_id"
}

/// Adds each delta to its count row, made when missing; rows that come to zero are dropped.
fn add_counts(conn: &mut Db, deltas: &BTreeMap<CountKey, i64>) -> QueryResult<()> {
    match conn {
        Db::Pg(c) => {
            Together::with(add_counts_pg(deltas)).run(c)?;
            Together::with(drop_zeros(deltas)).run(c)
        }
        Db::Sqlite(c) => {
            for ((sc, na, st, h), d) in deltas {
                AddCount {
                    scope: sc,
                    nation: na,
                    status: st,
                    settled_hour: h,
                    n: d,
                }
                .get_result::<(String, String, String, i64, i64)>(c)?;
            }
            drop_zeros(deltas)
                .into_iter()
                .try_for_each(|d| diesel::query_dsl::methods::ExecuteDsl::execute(d, c).map(|_| ()))
        }
    }
}

/// The upsert adding each delta to its count row, for `Together` (PostgreSQL); `None` when
/// there is none.
fn add_counts_pg<'a>(
    deltas: &BTreeMap<CountKey, i64>,
) -> Option<impl diesel::query_builder::QueryFragment<diesel::pg::Pg> + 'a> {
    use board_counts::dsl::{n, nation, scope, settled_hour, status};
    let rows: Vec<_> = deltas
        .iter()
        .map(|((sc, na, st, h), d)| {
            (
                scope.eq(sc.clone()),
                nation.eq(na.clone()),
                status.eq(st.clone()),
                settled_hour.eq(*h),
                n.eq(*d),
            )
        })
        .collect();
    (!rows.is_empty()).then(|| {
        diesel::insert_into(board_counts::table)
            .values(rows)
            .on_conflict((scope, nation, status, settled_hour))
            .do_update()
            .set(n.eq(n + diesel::upsert::excluded(n)))
    })
}

/// The delete of each count row a delta below zero may have brought to zero (only such a row
/// can have; the delete removes it when it did).
fn drop_zeros(deltas: &BTreeMap<CountKey, i64>) -> Vec<impl Statement> {
    use board_counts::dsl::{n, nation, scope, settled_hour, status};
    deltas
        .iter()
        .filter(|(_, d)| **d < 0)
        .map(|((sc, na, st, h), _)| {
            diesel::delete(
                board_counts::table
                    .filter(scope.eq(sc.clone()))
                    .filter(nation.eq(na.clone()))
                    .filter(status.eq(st.clone()))
                    .filter(settled_hour.eq(*h))
                    .filter(n.eq(0)),
            )
        })
        .collect()
}

/// Moves the version of every scope in `keys`, made at 1 when missing.
fn bump<'k>(conn: &mut Db, keys: impl IntoIterator<Item = &'k String>) -> QueryResult<()> {
    use board_versions::dsl::{scope, version};
    let values: Vec<String> = keys.into_iter().cloned().collect();
    upsert_each!(
        conn,
        values,
        (String, i64),
        |vs: &Vec<String>| {
            let rows: Vec<_> = vs
                .iter()
                .map(|k| (scope.eq(k.clone()), version.eq(1i64)))
                .collect();
            diesel::insert_into(board_versions::table)
                .values(rows)
                .on_conflict(scope)
                .do_update()
                .set(version.eq(version + 1))
                .returning((scope, version))
        },
        |k| BumpVersion { scope: k }
    )?;
    Ok(())
}

/// Sets the mark of notification `id`, made when missing.
fn set_mark(conn: &mut Db, id: &str, fp_digest: &str, fp_share: &Share) -> QueryResult<()> {
    use board_marks::dsl::{digest, notification_id, share};
    let values = vec![(
        id.to_string(),
        fp_digest.to_string(),
        Json(fp_share.clone()),
    )];
    upsert_each!(
        conn,
        values,
        String,
        |vs: &Vec<(String, String, Json<Share>)>| {
            let rows: Vec<_> = vs
                .iter()
                .map(|(i, d, s)| {
                    (
                        notification_id.eq(i.clone()),
                        digest.eq(d.clone()),
                        share.eq(s.clone()),
                    )
                })
                .collect();
            diesel::insert_into(board_marks::table)
                .values(rows)
                .on_conflict(notification_id)
                .do_update()
                .set((
                    digest.eq(diesel::upsert::excluded(digest)),
                    share.eq(diesel::upsert::excluded(share)),
                ))
                .returning(notification_id)
        },
        |(i, d, s)| SetMark {
            notification_id: i,
            digest: d,
            share: s,
        }
    )?;
    Ok(())
}

type ItemRow = (String, String, String, String, i32, NaiveDateTime, i32);

fn item_rows(id: &str, fp: &Footprint) -> Vec<ItemRow> {
    let mut rows = Vec::new();
    for k in &fp.share.keys {
        for it in &fp.items {
            let escalated = i32::from(it.kind == 'e' || it.level > 0);
            rows.push((
                k.clone(),
                it.kind.to_string(),
                it.id.clone(),
                id.to_string(),
                escalated,
                it.due_at,
                it.level,
            ));
        }
    }
    rows
}

fn insert_items(conn: &mut Db, rows: &[ItemRow]) -> QueryResult<()> {
    let values = |r: &ItemRow| {
        (
            board_items::scope.eq(r.0.clone()),
            board_items::kind.eq(r.1.clone()),
            board_items::item_id.eq(r.2.clone()),
            board_items::notification_id.eq(r.3.clone()),
            board_items::escalated.eq(r.4),
            board_items::due_at.eq(r.5),
            board_items::level.eq(r.6),
        )
    };
    match conn {
        Db::Pg(c) => {
            for chunk in rows.chunks(5000) {
                let v: Vec<_> = chunk.iter().map(values).collect();
                diesel::insert_into(board_items::table)
                    .values(v)
                    .execute(c)?;
            }
            Ok(())
        }
        Db::Sqlite(_) => rows.iter().try_for_each(|r| {
            diesel::insert_into(board_items::table)
                .values(values(r))
                .execute(conn)
                .map(|_| ())
        }),
    }
}

/// Fills the board tables from every stored notification, unless they already hold them
/// (`force` rebuilds anyway: after rows were loaded in bulk). One pass over each table.
pub fn rebuild(conn: &mut Db, force: bool) -> QueryResult<bool> {
    let built = board_versions::table
        .find(BUILT)
        .select(board_versions::version)
        .first::<i64>(conn)
        .optional()?
        .is_some();
    if built && !force {
        return Ok(false);
    }
    super::write(conn, |conn| {
        diesel::delete(board_marks::table).execute(conn)?;
        diesel::delete(board_counts::table).execute(conn)?;
        diesel::delete(board_items::table).execute(conn)?;
        lanes::clear(conn)?;
        let facts: Vec<Facts> = notifications::table.select(facts_columns()).load(conn)?;
        let mut rv: HashMap<String, Vec<(String, NotificationStatus)>> = HashMap::new();
        for (id, nation, status) in reviews::table
            .select((reviews::notification_id, reviews::nation, reviews::status))
            .load::<(String, String, NotificationStatus)>(conn)?
        {
            rv.entry(id).or_default().push((nation, status));
        }
        let mut st: HashMap<String, Vec<Item>> = HashMap::new();
        for r in stages::table
            .filter(stages::status.eq(StageStatus::Pending))
            .filter(stages::opened_at.is_not_null())
            .select((
                stages::notification_id,
                stages::id,
                stages::due_at,
                stages::escalation_level,
            ))
            .load::<StageItemRow>(conn)?
        {
            st.entry(r.0.clone()).or_default().push(item('s', r));
        }
        let mut es: HashMap<String, Vec<Item>> = HashMap::new();
        for r in escalations::table
            .inner_join(stages::table.on(stages::id.nullable().eq(escalations::stage_id)))
            .filter(escalations::acknowledged_at.is_null())
            .filter(stages::status.eq(StageStatus::Pending))
            .select((
                escalations::notification_id,
                escalations::id,
                escalations::due_at,
                escalations::level,
            ))
            .load::<StageItemRow>(conn)?
        {
            es.entry(r.0.clone()).or_default().push(item('e', r));
        }
        let mut lane_st: HashMap<String, Vec<OpenStage>> = HashMap::new();
        for r in lane_stages(conn, None)? {
            lane_st.entry(r.0.clone()).or_default().push(open_stage(r));
        }
        let mut lane_es: HashMap<String, Vec<OpenEscalation>> = HashMap::new();
        for r in lane_escalations(conn, None)? {
            lane_es
                .entry(r.0.clone())
                .or_default()
                .push(open_escalation(r));
        }
        let mut lane_counts: BTreeMap<lanes::LaneCountKey, i64> = BTreeMap::new();
        let mut counts: BTreeMap<CountKey, i64> = BTreeMap::new();
        let mut items = Vec::new();
        let mut marks = Vec::new();
        let mut keys: BTreeSet<String> = BTreeSet::new();
        for n in &facts {
            let none = Vec::new();
            let fp = footprint(
                n,
                rv.get(&n.id).unwrap_or(&none),
                st.get(&n.id).map(Vec::as_slice).unwrap_or_default(),
                es.get(&n.id).map(Vec::as_slice).unwrap_or_default(),
            );
            let subject = lane_subject(n);
            let cards = lanes::cards(
                &subject,
                rv.get(&n.id).unwrap_or(&none),
                lane_st.get(&n.id).map(Vec::as_slice).unwrap_or_default(),
                lane_es.get(&n.id).map(Vec::as_slice).unwrap_or_default(),
            );
            let fp = with_lanes(fp, n, &cards);
            lanes::insert(conn, &subject, &cards)?;
            for k in &fp.share.lanes {
                *lane_counts.entry(k.clone()).or_default() += 1;
            }
            for k in &fp.share.counts {
                *counts.entry(k.clone()).or_default() += 1;
            }
            items.extend(item_rows(&n.id, &fp));
            keys.extend(fp.share.keys.iter().cloned());
            let share = Json(fp.share.clone());
            marks.push((n.id.clone(), fp.digest, share));
        }
        for ((scope, nation, status, hour), n) in counts {
            diesel::insert_into(board_counts::table)
                .values((
                    board_counts::scope.eq(scope),
                    board_counts::nation.eq(nation),
                    board_counts::status.eq(status),
                    board_counts::settled_hour.eq(hour),
                    board_counts::n.eq(n),
                ))
                .execute(conn)?;
        }
        insert_items(conn, &items)?;
        lanes::add_counts(conn, &lane_counts)?;
        for (id, digest, share) in marks {
            diesel::insert_into(board_marks::table)
                .values((
                    board_marks::notification_id.eq(id),
                    board_marks::digest.eq(digest),
                    board_marks::share.eq(share),
                ))
                .execute(conn)?;
        }
        let cleared = cleared_counts(conn)?;
        add_counts(conn, &cleared)?;
        keys.insert(BUILT.to_string());
        bump(conn, &keys)?;
        Ok(true)
    })
}

/// The `CLEARED` count rows of every recorded use of a standing authorisation.
fn cleared_counts(conn: &mut Db) -> QueryResult<BTreeMap<CountKey, i64>> {
    use super::standing::standing_uses;
    let mut counts: BTreeMap<CountKey, i64> = BTreeMap::new();
    for (nation, at) in standing_uses::table
        .select((standing_uses::nation, standing_uses::used_at))
        .load::<(String, DateTime<chrono::Utc>)>(conn)?
    {
        *counts.entry(cleared_key(&nation, at)).or_default() += 1;
    }
    Ok(counts)
}

/// Counts one clearance by `nation` under a standing authorisation at `at`, in the write
/// transaction that records it (`store::standing::record_use`).
pub fn count_clearance(conn: &mut Db, nation: &str, at: DateTime<chrono::Utc>) -> QueryResult<()> {
    add_counts(conn, &BTreeMap::from([(cleared_key(nation, at), 1)]))
}

/// The count row a clearance by `nation` under a standing authorisation at `at` adds 1 to.
fn cleared_key(nation: &str, at: DateTime<chrono::Utc>) -> CountKey {
    (
        CLEARED.to_string(),
        nation.to_string(),
        String::new(),
        hour_of(at.naive_utc()),
    )
}

/// Per nation (all, or those given) that reviews single movements submitted in hour
/// `since_hour` or later: (nation, how many it cleared under a standing authorisation in
/// those hours, how many single movements it reviews). Reads count rows: a board costs the
/// same however many movements the window holds.
pub fn standing_share(
    conn: &mut Db,
    nations: Option<&[String]>,
    since_hour: i64,
) -> QueryResult<Vec<(String, i64, i64)>> {
    // Two static queries rather than one boxed: prepared once (see `at_risk_ids`).
    let base = board_counts::table
        .filter(board_counts::scope.eq_any([SINGLES, CLEARED]))
        .filter(board_counts::settled_hour.ge(since_hour))
        .select((board_counts::scope, board_counts::nation, board_counts::n));
    let rows: Vec<(String, String, i64)> = match nations {
        Some(n) => base
            .filter(board_counts::nation.eq_any(n.to_vec()))
            .load(conn)?,
        None => base.load(conn)?,
    };
    let mut by_nation: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for (scope, nation, n) in rows {
        let e = by_nation.entry(nation).or_default();
        if scope == CLEARED {
            e.0 += n;
        } else {
            e.1 += n;
        }
    }
    Ok(by_nation
        .into_iter()
        .filter(|(_, (_, total))| *total > 0)
        .map(|(nation, (cleared, total))| (nation, cleared, total))
        .collect())
}

/// Every scope's version.
pub fn versions(conn: &mut Db) -> QueryResult<Vec<(String, i64)>> {
    board_versions::table
        .select((board_versions::scope, board_versions::version))
        .load(conn)
}

/// The versions of `keys` (0 for a scope nothing was ever written in), in that order.
pub fn versions_of(conn: &mut Db, keys: &[String]) -> QueryResult<Vec<i64>> {
    let found: HashMap<String, i64> = board_versions::table
        .filter(board_versions::scope.eq_any(keys))
        .select((board_versions::scope, board_versions::version))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect();
    Ok(keys
        .iter()
        .map(|k| found.get(k).copied().unwrap_or(0))
        .collect())
}

/// Notifications by status, and reviews by nation and status.
pub type Counts = (Vec<(String, i64)>, Vec<(String, String, i64)>);

/// Notifications by status and reviews by (nation, status) in `scope`: those in play, and
/// those settled in hour `since_hour` or later. Reads count rows, never notifications.
pub fn counts(conn: &mut Db, scope: &ListScope, since_hour: i64) -> QueryResult<Counts> {
    let window = board_counts::settled_hour
        .eq(IN_PLAY)
        .or(board_counts::settled_hour.ge(since_hour));
    let cols = (
        board_counts::scope,
        board_counts::nation,
        board_counts::status,
        board_counts::n,
    );
    let rows: Vec<(String, String, String, i64)> = match scope {
        ListScope::Unit { nation, unit } => board_counts::table
            .filter(board_counts::scope.eq(unit_key(nation, unit)))
            .filter(window)
            .select(cols)
            .load(conn)?,
        // Routes: `r:` up to, not including, `r;` (the next character).
        _ => board_counts::table
            .filter(board_counts::scope.ge("r:"))
            .filter(board_counts::scope.lt("r;"))
            .filter(window)
            .select(cols)
            .load(conn)?,
    };
    let seen = |route_scope: &str| match scope {
        ListScope::Crossing(nations) => route_scope
            .trim_start_matches("r:")
            .split(',')
            .any(|n| nations.iter().any(|x| x == n)),
        _ => true,
    };
    let mut by_status: BTreeMap<String, i64> = BTreeMap::new();
    let mut by_nation: BTreeMap<(String, String), i64> = BTreeMap::new();
    for (s, nation, status, n) in rows {
        if !seen(&s) {
            continue;
        }
        if nation.is_empty() {
            *by_status.entry(status).or_default() += n;
        } else {
            *by_nation.entry((nation, status)).or_default() += n;
        }
    }
    Ok((
        by_status.into_iter().collect(),
        by_nation
            .into_iter()
            .map(|((nation, status), n)| (nation, status, n))
            .collect(),
    ))
}

/// Merges per-key pages of (sort key, id) into the first `limit` distinct ids.
fn first_distinct<K: Ord + Clone>(mut all: Vec<(K, String)>, limit: i64) -> Vec<String> {
    all.sort();
    let mut seen = BTreeSet::new();
    all.into_iter()
        .filter(|(_, id)| seen.insert(id.clone()))
        .take(usize::try_from(limit).unwrap_or(0))
        .map(|(_, id)| id)
        .collect()
}

/// Ids of the open stages in scope that escalated or fall due by `horizon`, soonest first
/// (then higher escalation level): for each scope key, two bounded scans of one index, read in
/// its order (`board_items_due`: due time, level descending, id).
pub fn at_risk_ids(
    conn: &mut Db,
    keys: &[String],
    horizon: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<String>> {
    let mut all: Vec<((NaiveDateTime, i32, String), String)> = Vec::new();
    // Written out rather than built on a boxed base: a boxed query is parsed and planned by
    // PostgreSQL on every run (two round trips), a static one prepared once per connection.
    for k in keys {
        let due: Vec<(NaiveDateTime, i32, String)> = board_items::table
            .filter(board_items::scope.eq(k.clone()))
            .filter(board_items::kind.eq("s"))
            .filter(board_items::escalated.eq(0))
            .filter(board_items::due_at.le(horizon))
            .order((
                board_items::due_at.asc(),
                board_items::level.desc(),
                board_items::item_id.asc(),
            ))
            .select((
                board_items::due_at,
                board_items::level,
                board_items::item_id,
            ))
            .limit(limit)
            .load(conn)?;
        let escalated = escalated_page(conn, k, "s", limit)?;
        all.extend(
            due.into_iter()
                .chain(escalated)
                .map(|(d, l, id)| ((d, -l, id.clone()), id)),
        );
    }
    Ok(first_distinct(all, limit))
}

/// Ids of the open escalations in scope, most urgent due time first (then higher level): for
/// each scope key, the first rows of one index scan (`board_items_due`), however many are open.
pub fn escalation_ids(conn: &mut Db, keys: &[String], limit: i64) -> QueryResult<Vec<String>> {
    let mut all: Vec<((NaiveDateTime, i32, String), String)> = Vec::new();
    for k in keys {
        let page = escalated_page(conn, k, "e", limit)?;
        all.extend(page.into_iter().map(|(d, l, id)| ((d, -l, id.clone()), id)));
    }
    Ok(first_distinct(all, limit))
}

/// The first `limit` escalated items of `kind` (`s` stages, `e` escalations) under scope key
/// `key`, soonest due first, then higher level: the first rows of `board_items_due`. One
/// statement for both kinds (the kind is a bound value), prepared once per connection.
fn escalated_page(
    conn: &mut Db,
    key: &str,
    kind: &str,
    limit: i64,
) -> QueryResult<Vec<(NaiveDateTime, i32, String)>> {
    board_items::table
        .filter(board_items::scope.eq(key.to_string()))
        .filter(board_items::kind.eq(kind.to_string()))
        .filter(board_items::escalated.eq(1))
        .order((
            board_items::due_at.asc(),
            board_items::level.desc(),
            board_items::item_id.asc(),
        ))
        .select((
            board_items::due_at,
            board_items::level,
            board_items::item_id,
        ))
        .limit(limit)
        .load(conn)
}

/// Where the clock stands against the at-risk horizon in scope: the latest due time of a
/// stage already within `horizon` (not escalated), and the earliest one still beyond it.
/// The board changes by the clock alone only when `horizon` passes the second.
pub fn horizon_marks(
    conn: &mut Db,
    keys: &[String],
    horizon: NaiveDateTime,
) -> QueryResult<(Option<NaiveDateTime>, Option<NaiveDateTime>)> {
    let mut entered: Option<NaiveDateTime> = None;
    let mut next: Option<NaiveDateTime> = None;
    // Static queries, prepared once per connection (see `at_risk_ids`).
    for k in keys {
        // Both marks in one statement: one round trip, each a one-row index scan.
        let entered_here = board_items::table
            .filter(board_items::scope.eq(k.clone()))
            .filter(board_items::kind.eq("s"))
            .filter(board_items::escalated.eq(0))
            .filter(board_items::due_at.le(horizon))
            .select(max(board_items::due_at))
            .single_value();
        let next_here = board_items::table
            .filter(board_items::scope.eq(k.clone()))
            .filter(board_items::kind.eq("s"))
            .filter(board_items::escalated.eq(0))
            .filter(board_items::due_at.gt(horizon))
            .select(min(board_items::due_at))
            .single_value();
        let (e, n): (Option<NaiveDateTime>, Option<NaiveDateTime>) =
            diesel::select((entered_here, next_here)).get_result(conn)?;
        entered = entered.max(e);
        next = match (next, n) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    Ok((entered, next))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: i64) -> NaiveDateTime {
        hour_start(483_000 + h)
    }

    fn facts(status: &str) -> Facts {
        Facts {
            id: "n1".into(),
            reference: "CRD-2027-000001".into(),
            priority: Priority::Crisis,
            status: status.parse().expect("a status"),
            requester_nation: "NL".into(),
            requester_unit: "43 Bde".into(),
            updated_at: t(5) + chrono::Duration::minutes(30),
            kind: "single".into(),
            submitted_at: t(2) + chrono::Duration::minutes(59),
        }
    }

    fn rv(list: &[(&str, &str)]) -> Vec<(String, NotificationStatus)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.parse().expect("a status")))
            .collect()
    }

    fn stage(id: &str, level: i32) -> Item {
        Item {
            kind: 's',
            id: id.into(),
            due_at: t(7),
            level,
        }
    }

    /// The statements SQLite put in its statement cache on `conn` from now on.
    fn cached_statements(conn: &mut Db) -> std::sync::Arc<std::sync::Mutex<Vec<String>>> {
        use diesel::connection::{Instrumentation, InstrumentationEvent};
        struct Seen(std::sync::Arc<std::sync::Mutex<Vec<String>>>);
        impl Instrumentation for Seen {
            fn on_connection_event(&mut self, event: InstrumentationEvent<'_>) {
                if let InstrumentationEvent::CacheQuery { sql, .. } = event {
                    self.0.lock().unwrap().push(sql.to_string());
                }
            }
        }
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        match conn {
            Db::Sqlite(c) => c.set_instrumentation(Seen(seen.clone())),
            Db::Pg(_) => unreachable!("a temporary store is SQLite"),
        }
        seen
    }

    fn count_of(conn: &mut Db, (sc, na, st, h): &CountKey) -> Option<i64> {
        board_counts::table
            .filter(board_counts::scope.eq(sc))
            .filter(board_counts::nation.eq(na))
            .filter(board_counts::status.eq(st))
            .filter(board_counts::settled_hour.eq(h))
            .select(board_counts::n)
            .first(conn)
            .optional()
            .unwrap()
    }

    #[test]
    fn counts_and_versions_add_up_and_sqlite_prepares_each_statement_once() {
        let (dir, migrated) = crate::store::migrated_temp_store();
        drop(migrated);
        // A connection that has run nothing yet (the migration's rebuild bumped versions).
        let url = format!("sqlite://{}", dir.path().join("c.db").display());
        let store = crate::store::Store::open(&url, 1).unwrap();
        let mut conn = store.conn().unwrap();
        let conn = &mut *conn;
        let cached = cached_statements(conn);
        let de = (
            "n:DE".to_string(),
            "DE".to_string(),
            "in_review".to_string(),
            IN_PLAY,
        );
        let pl = (
            "n:PL".to_string(),
            "PL".to_string(),
            "in_review".to_string(),
            IN_PLAY,
        );
        add_counts(conn, &BTreeMap::from([(de.clone(), 2), (pl.clone(), 1)])).unwrap();
        add_counts(conn, &BTreeMap::from([(de.clone(), 3)])).unwrap();
        assert_eq!(count_of(conn, &de), Some(5), "made, then added to");
        add_counts(conn, &BTreeMap::from([(de.clone(), -5), (pl.clone(), -1)])).unwrap();
        assert_eq!(
            count_of(conn, &de),
            None,
            "a row that comes to zero is dropped"
        );
        assert_eq!(count_of(conn, &pl), None);

        let scopes = ["*".to_string(), "n:DE".to_string()];
        bump(conn, &scopes).unwrap();
        bump(conn, &scopes[..1]).unwrap();
        let versions: Vec<(String, i64)> = board_versions::table
            .filter(board_versions::scope.ne(BUILT))
            .order(board_versions::scope)
            .load(conn)
            .unwrap();
        assert_eq!(versions, [("*".to_string(), 2), ("n:DE".to_string(), 1)]);

        let cached = cached.lock().unwrap();
        for table in ["board_counts (", "board_versions ("] {
            let n = cached
                .iter()
                .filter(|sql| sql.starts_with(&format!("INSERT INTO {table}")))
                .count();
            assert_eq!(n, 1, "{table}: prepared {n} times in {cached:#?}");
        }
    }

    #[test]
    fn the_board_shows_a_held_notification_as_it_shows_the_same_one_read_from_the_store() {
        use crate::store::notifications::{
            self as rows, EscalationRow, NotificationRow, ReviewRow,
        };
        use chrono::TimeZone;
        let (_dir, store) = crate::store::migrated_temp_store();
        let mut c = store.conn().unwrap();
        let at = chrono::Utc.with_ymd_and_hms(2030, 5, 6, 7, 8, 9).unwrap();
        let h = chrono::Duration::hours;
        let n = NotificationRow {
            id: "n1".into(),
            reference: "CRD-2030-000001".into(),
            status: NotificationStatus::InReview,
            version: 1,
            revision: 3,
            priority: Priority::Crisis,
            kind: "single".into(),
            requester_nation: "NL".into(),
            requester_unit: "43 Mechanised Brigade".into(),
            created_by: "u1".into(),
            departure_at: at + h(48),
            arrival_at: at + h(60),
            due_at: at + h(24),
            escalation_level: 1,
            movement: Json(serde_json::from_value(crate::domain::sample_json()).unwrap()),
            submitted_at: at,
            updated_at: at + h(1),
        };
        let review = |nation: &str, position, status| ReviewRow {
            notification_id: "n1".into(),
            nation: nation.into(),
            position,
            status,
            permit_number: None,
            due_at: at + h(20),
            policy_version: "v".into(),
            findings: Json(Vec::new()),
            waiver: None,
        };
        let reviews = vec![
            review("PL", 0, NotificationStatus::InReview),
            review("DE", 1, NotificationStatus::Approved),
            review("CZ", 2, NotificationStatus::Withdrawn),
        ];
        let stage = |id: &str, nation: &str, key: &str, status, opened: bool, level| StageRow {
            id: id.into(),
            notification_id: "n1".into(),
            nation: nation.into(),
            stage_key: key.into(),
            name: key.into(),
            step: 1,
            round: 1,
            status,
            opened_at: opened.then_some(at),
            due_at: at + h(6),
            decided_by: None,
            decided_at: None,
            conditions: Json(Vec::new()),
            reason: None,
            fingerprint: "f".into(),
            escalation_level: level,
            revision: 1,
        };
        let stages = vec![
            stage("s1", "PL", "movcon", StageStatus::Pending, true, 2),
            stage("s2", "PL", "police", StageStatus::Pending, false, 0),
            stage("s3", "DE", "movcon", StageStatus::Approved, true, 1),
        ];
        let escalation = |id: &str, stage_id: &str, level, acknowledged: bool| EscalationRow {
            id: id.into(),
            notification_id: "n1".into(),
            nation: if stage_id == "s3" { "DE" } else { "PL" }.into(),
            stage_id: Some(stage_id.into()),
            stage_key: Some("movcon".into()),
            level,
            reason: "at risk".into(),
            due_at: at + h(6),
            fired_at: at + h(2),
            acknowledged_by: acknowledged.then(|| "u2".into()),
            acknowledged_at: acknowledged.then_some(at + h(3)),
        };
        let escalations = vec![
            escalation("e1", "s1", 1, true),
            escalation("e2", "s1", 2, false),
            escalation("e3", "s3", 1, false),
        ];
        rows::insert_notification(&mut c, &n).unwrap();
        rows::insert_reviews(&mut c, &reviews).unwrap();
        rows::insert_stages(&mut c, &stages).unwrap();
        for e in &escalations {
            rows::insert_escalation(&mut c, e).unwrap();
        }
        let held = Stored {
            notification: n,
            reviews,
            stages,
            escalations,
        };
        let (fp, subject, cards) = shown_of_stored(&held);
        let (read_fp, read_subject, read_cards) = load_one(&mut c, "n1").unwrap().unwrap();
        assert_eq!(fp, read_fp);
        assert_eq!(subject, read_subject);
        assert_eq!(cards, read_cards);
        // What the comparison is over: the open stage and the unacknowledged escalation of a
        // pending stage are listed; the unopened stage, the acknowledged escalation and the
        // one of a decided stage are not.
        let ids: Vec<&str> = fp.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["e2", "s1"]);
        assert_eq!(cards.len(), 2, "{cards:?}");
    }

    #[test]
    fn a_notification_in_play_counts_every_review_on_its_route_in_route_and_unit_scopes() {
        let f = footprint(
            &facts("in_review"),
            &rv(&[("PL", "in_review"), ("DE", "approved"), ("CZ", "withdrawn")]),
            &[stage("s1", 0)],
            &[],
        );
        let k = |s: &str, n: &str, st: &str| (s.to_string(), n.to_string(), st.to_string(), -1);
        let submitted = |n: &str| (SINGLES.to_string(), n.to_string(), String::new(), 483_002);
        assert_eq!(
            f.share.counts,
            vec![
                k("r:DE,PL", "", "in_review"),
                k("r:DE,PL", "DE", "approved"),
                k("r:DE,PL", "PL", "in_review"),
                submitted("DE"),
                submitted("PL"),
                k("u:NL/43 Bde", "", "in_review"),
                k("u:NL/43 Bde", "DE", "approved"),
                k("u:NL/43 Bde", "PL", "in_review"),
            ]
        );
        assert_eq!(f.share.keys, ["*", "n:DE", "n:PL", "u:NL/43 Bde"]);
        assert_eq!(f.items, vec![stage("s1", 0)]);
    }

    #[test]
    fn a_settled_notification_counts_in_its_hour_with_only_decided_reviews_and_lists_nothing() {
        let e = Item {
            kind: 'e',
            id: "e1".into(),
            due_at: t(7),
            level: 1,
        };
        let f = footprint(
            &facts("withdrawn"),
            &rv(&[("PL", "in_review"), ("DE", "approved")]),
            &[stage("s1", 1)],
            &[e],
        );
        let hour = 483_005;
        let (share, board): (Vec<_>, Vec<_>) = f.share.counts.iter().partition(|c| c.0 == SINGLES);
        assert!(board.iter().all(|c| c.3 == hour));
        assert!(!board.iter().any(|c| c.1 == "PL"), "{f:?}");
        assert!(board.iter().any(|c| c.1 == "DE"));
        assert!(f.items.is_empty());
        // The standing share keeps every review not withdrawn in the hour it was submitted.
        let share: Vec<(&str, i64)> = share.iter().map(|c| (c.1.as_str(), c.3)).collect();
        assert_eq!(share, [("DE", 483_002), ("PL", 483_002)]);
    }

    #[test]
    fn an_application_for_a_standing_authorisation_is_no_single_movement_of_the_share() {
        let mut n = facts("in_review");
        n.kind = "standing".into();
        let f = footprint(&n, &rv(&[("DE", "in_review")]), &[], &[]);
        assert!(f.share.counts.iter().all(|c| c.0 != SINGLES), "{f:?}");
    }

    #[test]
    fn the_standing_share_reads_the_hours_of_the_window_and_the_nations_asked() {
        let (_dir, store) = crate::store::migrated_temp_store();
        let mut conn = store.conn().unwrap();
        let conn = &mut *conn;
        let row = |scope: &str, nation: &str, hour: i64| {
            (scope.to_string(), nation.to_string(), String::new(), hour)
        };
        add_counts(
            conn,
            &BTreeMap::from([
                (row(SINGLES, "DE", 99), 40),
                (row(SINGLES, "DE", 100), 3),
                (row(SINGLES, "DE", 101), 2),
                (row(CLEARED, "DE", 99), 30),
                (row(CLEARED, "DE", 101), 4),
                (row(SINGLES, "PL", 100), 1),
                (row(CLEARED, "LT", 100), 1),
            ]),
        )
        .unwrap();
        let de = ("DE".to_string(), 4, 5);
        let pl = ("PL".to_string(), 0, 1);
        assert_eq!(
            standing_share(conn, None, 100).unwrap(),
            [de.clone(), pl.clone()],
            "hour 99 is before the window; LT reviews no single movement in it"
        );
        assert_eq!(
            standing_share(conn, Some(&["PL".to_string(), "LT".to_string()]), 100).unwrap(),
            [pl]
        );
        assert_eq!(standing_share(conn, None, 102).unwrap(), []);
    }

    #[test]
    fn changes_requested_lists_escalations_but_no_at_risk_stages() {
        let e = Item {
            kind: 'e',
            id: "e1".into(),
            due_at: t(7),
            level: 2,
        };
        let f = footprint(
            &facts("changes_requested"),
            &rv(&[("PL", "changes_requested")]),
            &[stage("s1", 2)],
            std::slice::from_ref(&e),
        );
        assert_eq!(f.items, vec![e]);
    }

    #[test]
    fn the_digest_moves_with_what_the_board_shows_and_only_then() {
        let a = footprint(
            &facts("in_review"),
            &rv(&[("PL", "in_review")]),
            &[stage("s1", 0)],
            &[],
        );
        let same = footprint(
            &facts("in_review"),
            &rv(&[("PL", "in_review")]),
            &[stage("s1", 0)],
            &[],
        );
        assert_eq!(a.digest, same.digest);
        let escalated = footprint(
            &facts("in_review"),
            &rv(&[("PL", "in_review")]),
            &[stage("s1", 1)],
            &[],
        );
        assert_ne!(a.digest, escalated.digest);
        let mut other = facts("in_review");
        other.priority = Priority::Routine;
        assert_ne!(
            a.digest,
            footprint(&other, &rv(&[("PL", "in_review")]), &[stage("s1", 0)], &[]).digest
        );
    }

    #[test]
    fn the_count_delta_takes_the_old_share_away_and_adds_the_new() {
        let k = |st: &str| ("r:PL".to_string(), String::new(), st.to_string(), -1);
        let d = count_delta(&[k("in_review"), k("x")], &[k("approved"), k("x")]);
        assert_eq!(
            d.into_iter().collect::<Vec<_>>(),
            vec![(k("approved"), 1), (k("in_review"), -1)]
        );
    }

    #[test]
    fn scope_keys_follow_the_list_scope() {
        assert_eq!(scope_keys(&ListScope::All), ["*"]);
        assert_eq!(
            scope_keys(&ListScope::Crossing(vec![
                "PL".into(),
                "DE".into(),
                "PL".into()
            ])),
            ["n:DE", "n:PL"]
        );
        assert_eq!(
            scope_keys(&ListScope::Unit {
                nation: "NL".into(),
                unit: "43 Bde".into()
            }),
            ["u:NL/43 Bde"]
        );
    }

    #[test]
    fn pages_merge_into_distinct_ids_in_order() {
        let page = vec![
            ((2, "b".to_string()), "b".to_string()),
            ((1, "a".to_string()), "a".to_string()),
            ((2, "b".to_string()), "b".to_string()),
            ((3, "c".to_string()), "c".to_string()),
        ];
        assert_eq!(first_distinct(page, 2), ["a", "b"]);
    }
}
