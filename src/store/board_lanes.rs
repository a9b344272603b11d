//! The board's lanes (issue 16): per nation, the notifications still in play that cross it,
//! most urgent first, with counts by review status, priority and escalation level, and the
//! open escalations grouped per notification and nation.
//!
//! Kept in the write transaction with the other board tables: `cards` (pure) says what one
//! notification shows in the lanes; `board_tally::restate` stores it through `replace` and
//! `add_count`. Reads are bounded index scans (a lane's page, the escalated cards) and sums of
//! count rows; only a search reads every card of the lanes it searches.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Text};
use serde::{Deserialize, Serialize};

use super::multi_row::{fixed_statement, Statement, Together};
use super::schema::{board_lane_counts, board_lanes};
use super::types::Json;
use super::Db;
use crate::domain::{NotificationStatus, Priority};

/// The urgency of a card with no open stage in its nation: after every card that has one.
const NO_DUE: &str = "9999-12-31T23:59:59.999999";

/// An open stage (pending and opened) of a notification in review, as a lane needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenStage {
    /// Nation.
    pub nation: String,
    /// Stage key.
    pub stage_key: String,
    /// Due time.
    pub due_at: NaiveDateTime,
    /// The stage's escalation level (0 to 3).
    pub level: i32,
}

/// An open escalation (unacknowledged, its stage pending), as a lane groups it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenEscalation {
    /// Escalation id.
    pub id: String,
    /// Nation.
    pub nation: String,
    /// Stage key.
    pub stage_key: Option<String>,
    /// Level (1 to 3).
    pub level: i32,
    /// Why it fired.
    pub reason: String,
    /// The due time at risk.
    pub due_at: NaiveDateTime,
    /// When it fired.
    pub fired_at: NaiveDateTime,
}

/// One stage's open escalations, grouped: its highest open level and every escalation id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EscalatedStage {
    /// Stage key.
    pub stage: Option<String>,
    /// Highest open level on it.
    pub level: i32,
    /// Its due time.
    pub due_at: NaiveDateTime,
    /// When its highest level fired.
    pub fired_at: NaiveDateTime,
    /// Why its highest level fired.
    pub reason: String,
    /// The open escalations on it, lowest level first.
    pub escalation_ids: Vec<String>,
}

/// What a notification shows in one nation's lane.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Card {
    /// The lane's nation.
    pub nation: String,
    /// That nation's review status.
    pub review_status: NotificationStatus,
    /// Due time of the nation's soonest open stage.
    pub due_at: Option<NaiveDateTime>,
    /// Key of that stage.
    pub stage_key: Option<String>,
    /// How many of the nation's stages are open.
    pub open_stages: i32,
    /// The highest escalation level of the nation's open stages.
    pub level: i32,
    /// The highest open (unacknowledged) escalation level in the nation, 0 for none.
    pub escalation_level: i32,
    /// Open escalations by stage, most urgent first.
    pub escalations: Vec<EscalatedStage>,
}

/// The notification whose cards are made or stored, and the scope keys they are stored under
/// (every nation's lanes, and its requesting unit's): given by `board_tally`, which owns both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
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
    /// Scope keys its cards are stored under.
    pub scopes: Vec<String>,
}

/// One count row a card adds 1 to: (scope, nation, review status, priority, level).
pub type LaneCountKey = (String, String, String, String, i32);

/// The cards notification `n` shows, one per nation on its route, while it is in play: its
/// open stages only while in review (with the requester, nobody's clock runs), its open
/// escalations until it settles. Pure.
pub fn cards(
    n: &Subject,
    reviews: &[(String, NotificationStatus)],
    stages: &[OpenStage],
    escalations: &[OpenEscalation],
) -> Vec<Card> {
    if n.status.is_final() {
        return Vec::new();
    }
    let in_review = n.status == NotificationStatus::InReview;
    let mut out: Vec<Card> = reviews
        .iter()
        .filter(|(_, s)| *s != NotificationStatus::Withdrawn)
        .map(|(nation, review_status)| {
            let mine: Vec<&OpenStage> = stages
                .iter()
                .filter(|s| in_review && &s.nation == nation)
                .collect();
            let soonest = mine
                .iter()
                .min_by(|a, b| (a.due_at, &a.stage_key).cmp(&(b.due_at, &b.stage_key)));
            let mut by_stage: BTreeMap<Option<String>, Vec<&OpenEscalation>> = BTreeMap::new();
            for e in escalations.iter().filter(|e| &e.nation == nation) {
                by_stage.entry(e.stage_key.clone()).or_default().push(e);
            }
            let mut grouped: Vec<EscalatedStage> = by_stage
                .into_iter()
                .map(|(stage, mut es)| {
                    es.sort_by(|a, b| (a.level, &a.id).cmp(&(b.level, &b.id)));
                    let top = es[es.len() - 1];
                    EscalatedStage {
                        stage,
                        level: top.level,
                        due_at: es.iter().map(|e| e.due_at).min().unwrap_or(top.due_at),
                        fired_at: top.fired_at,
                        reason: top.reason.clone(),
                        escalation_ids: es.iter().map(|e| e.id.clone()).collect(),
                    }
                })
                .collect();
            grouped.sort_by(|a, b| {
                (a.due_at, -a.level, &a.stage).cmp(&(b.due_at, -b.level, &b.stage))
            });
            Card {
                nation: nation.clone(),
                review_status: *review_status,
                due_at: soonest.map(|s| s.due_at),
                stage_key: soonest.map(|s| s.stage_key.clone()),
                open_stages: i32::try_from(mine.len()).unwrap_or(i32::MAX),
                level: mine.iter().map(|s| s.level).max().unwrap_or(0),
                escalation_level: grouped.iter().map(|g| g.level).max().unwrap_or(0),
                escalations: grouped,
            }
        })
        .collect();
    out.sort_by(|a, b| a.nation.cmp(&b.nation));
    out
}

/// A card's place in its lane, as text that sorts the way the lane does: the soonest open
/// stage first (overdue ones before all others, none last), then the higher escalation level,
/// then the reference. Time left orders the same as due time, so the order never changes with
/// the clock. Also the cursor a page continues after. Pure.
pub fn urgency(due_at: Option<NaiveDateTime>, level: i32, reference: &str) -> String {
    let due = due_at.map_or_else(
        || NO_DUE.to_string(),
        |d| d.format("%Y-%m-%dT%H:%M:%S%.6f").to_string(),
    );
    format!("{due}|{}|{reference}", 9 - level.clamp(0, 9))
}

/// Whether `s` has the shape of an urgency key (what a cursor must be).
pub fn is_urgency(s: &str) -> bool {
    let mut parts = s.splitn(3, '|');
    let (Some(due), Some(level), Some(reference)) = (parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let due_ok =
        due == NO_DUE || NaiveDateTime::parse_from_str(due, "%Y-%m-%dT%H:%M:%S%.6f").is_ok();
    due_ok
        && level.len() == 1
        && level.chars().all(|c| c.is_ascii_digit())
        && !reference.is_empty()
        && reference.len() <= 64
        && !reference.chars().any(char::is_control)
}

/// The count rows the cards of `n` add to. Pure.
pub fn count_keys(n: &Subject, cards: &[Card]) -> Vec<LaneCountKey> {
    let mut keys: Vec<LaneCountKey> = n
        .scopes
        .iter()
        .flat_map(|scope| {
            cards.iter().map(move |c| {
                (
                    scope.clone(),
                    c.nation.clone(),
                    c.review_status.to_string(),
                    n.priority.to_string(),
                    c.level,
                )
            })
        })
        .collect();
    keys.sort();
    keys
}

/// What a search looks in: the reference and the unit, lowercased.
fn search_text(n: &Subject) -> String {
    format!(
        "{}\n{}/{}",
        n.reference.to_lowercase(),
        n.requester_nation.to_lowercase(),
        n.requester_unit.to_lowercase()
    )
}

/// A stored card.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = board_lanes)]
pub struct LaneRow {
    /// Scope key.
    pub scope: String,
    /// The lane's nation.
    pub nation: String,
    /// Notification.
    pub notification_id: String,
    /// Reference.
    pub reference: String,
    /// Priority.
    pub priority: Priority,
    /// The notification's status.
    pub status: NotificationStatus,
    /// The nation's review status.
    pub review_status: NotificationStatus,
    /// Requesting nation.
    pub requester_nation: String,
    /// Requesting unit.
    pub requester_unit: String,
    /// Lowercased reference and unit.
    pub search: String,
    /// Due time of the nation's soonest open stage.
    pub due_at: Option<NaiveDateTime>,
    /// Its key.
    pub stage_key: Option<String>,
    /// Open stages in the nation.
    pub open_stages: i32,
    /// Highest escalation level of those stages.
    pub level: i32,
    /// 1 when an escalation is open.
    pub escalated: i32,
    /// Highest open escalation level.
    pub escalation_level: i32,
    /// Open escalations by stage.
    pub escalations: Json<Vec<EscalatedStage>>,
    /// Place in the lane (and cursor).
    pub urgency: String,
}

/// Deletes the stored cards of notification `id` (inside the write transaction).
pub fn delete(conn: &mut Db, id: &str) -> QueryResult<()> {
    diesel::delete(board_lanes::table.filter(board_lanes::notification_id.eq(id)))
        .execute(conn)
        .map(|_| ())
}

/// Stores the cards of notification `n` (inside the write transaction, its old ones deleted).
pub fn insert(conn: &mut Db, n: &Subject, cards: &[Card]) -> QueryResult<()> {
    let rows = card_rows(n, cards);
    super::multi_row::insert_rows!(conn, board_lanes::table, rows)
}

/// `insert` as a statement for `Together` (PostgreSQL); `None` when there is no card.
pub fn insert_pg<'a>(
    n: &Subject,
    cards: &[Card],
) -> Option<impl diesel::query_builder::QueryFragment<diesel::pg::Pg> + 'a> {
    let rows = card_rows(n, cards);
    (!rows.is_empty()).then(|| diesel::insert_into(board_lanes::table).values(rows))
}

/// The rows of notification `n`'s cards: each card in every scope it is stored under.
fn card_rows(n: &Subject, cards: &[Card]) -> Vec<LaneRow> {
    let search = search_text(n);
    n.scopes
        .iter()
        .flat_map(|scope| cards.iter().map(move |c| (scope, c)))
        .map(|(scope, c)| LaneRow {
            scope: scope.clone(),
            nation: c.nation.clone(),
            notification_id: n.id.clone(),
            reference: n.reference.clone(),
            priority: n.priority,
            status: n.status,
            review_status: c.review_status,
            requester_nation: n.requester_nation.clone(),
            requester_unit: n.requester_unit.clone(),
            search: search.clone(),
            due_at: c.due_at,
            stage_key: c.stage_key.clone(),
            open_stages: c.open_stages,
            level: c.level,
            escalated: i32::from(c.escalation_level > 0),
            escalation_level: c.escalation_level,
            escalations: Json(c.escalations.clone()),
            urgency: urgency(c.due_at, c.level, &n.reference),
        })
        .collect()
}

fixed_statement! {
    /// Adds `n` to a lane count row, made when missing.
    AddLaneCount(scope: Text = String, nation: Text = String, status: Text = String,
        priority: Text = String, level: Integer = i32, n: BigInt = i64)
        -> (Text, Text, Text, Text, Integer, BigInt) =
        "INSERT INTO board_lane_counts (scope, nation, status, priority, level, n) \
         VALUES (?, ?, ?, ?, ?, ?) \
         ON CONFLICT (scope, nation, status, priority, level) DO UPDATE SET n = n + excluded.n \
         RETURNING scope, nation, status, priority, level, n"
}

type LaneCountRow = (String, String, String, String, i32, i64);

/// Adds each delta to its count row, made when missing; rows that come to zero are dropped.
pub fn add_counts(conn: &mut Db, deltas: &BTreeMap<LaneCountKey, i64>) -> QueryResult<()> {
    match conn {
        Db::Pg(c) => {
            Together::with(add_counts_pg(deltas)).run(c)?;
            Together::with(drop_zeros(deltas)).run(c)
        }
        Db::Sqlite(c) => {
            for ((sc, na, st, pr, lv), d) in deltas {
                AddLaneCount {
                    scope: sc,
                    nation: na,
                    status: st,
                    priority: pr,
                    level: lv,
                    n: d,
                }
                .get_result::<LaneCountRow>(c)?;
            }
            drop_zeros(deltas)
                .into_iter()
                .try_for_each(|d| diesel::query_dsl::methods::ExecuteDsl::execute(d, c).map(|_| ()))
        }
    }
}

/// The upsert adding each delta to its lane count row, for `Together` (PostgreSQL); `None`
/// when there is none.
pub(crate) fn add_counts_pg<'a>(
    deltas: &BTreeMap<LaneCountKey, i64>,
) -> Option<impl diesel::query_builder::QueryFragment<diesel::pg::Pg> + 'a> {
    use board_lane_counts::dsl::{level, n, nation, priority, scope, status};
    use diesel::upsert::excluded;
    let rows: Vec<_> = deltas
        .iter()
        .map(|((sc, na, st, pr, lv), d)| {
            (
                scope.eq(sc.clone()),
                nation.eq(na.clone()),
                status.eq(st.clone()),
                priority.eq(pr.clone()),
                level.eq(*lv),
                n.eq(*d),
            )
        })
        .collect();
    (!rows.is_empty()).then(|| {
        diesel::insert_into(board_lane_counts::table)
            .values(rows)
            .on_conflict((scope, nation, status, priority, level))
            .do_update()
            .set(n.eq(n + excluded(n)))
    })
}

/// The delete of each lane count row a delta below zero may have brought to zero (only such a
/// row can have; the delete removes it when it did).
pub(crate) fn drop_zeros(deltas: &BTreeMap<LaneCountKey, i64>) -> Vec<impl Statement> {
    use board_lane_counts::dsl::{level, n, nation, priority, scope, status};
    deltas
        .iter()
        .filter(|(_, d)| **d < 0)
        .map(|((sc, na, st, pr, lv), _)| {
            diesel::delete(
                board_lane_counts::table
                    .filter(scope.eq(sc.clone()))
                    .filter(nation.eq(na.clone()))
                    .filter(status.eq(st.clone()))
                    .filter(priority.eq(pr.clone()))
                    .filter(level.eq(*lv))
                    .filter(n.eq(0)),
            )
        })
        .collect()
}

/// Empties both lane tables (before a rebuild).
pub fn clear(conn: &mut Db) -> QueryResult<()> {
    diesel::delete(board_lanes::table).execute(conn)?;
    diesel::delete(board_lane_counts::table).execute(conn)?;
    Ok(())
}

/// What a lane read keeps: every part optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LaneFilter {
    /// Review status.
    pub status: Option<NotificationStatus>,
    /// Priority.
    pub priority: Option<Priority>,
    /// At least this escalation level.
    pub level: Option<i32>,
    /// Lowercased text the reference or the unit contains.
    pub q: Option<String>,
}

/// The nations with a card in scope key `scope` (any filter aside): sums of count rows.
pub fn nations(conn: &mut Db, scope: &str) -> QueryResult<Vec<String>> {
    board_lane_counts::table
        .filter(board_lane_counts::scope.eq(scope))
        .select(board_lane_counts::nation)
        .distinct()
        .order(board_lane_counts::nation.asc())
        .load(conn)
}

/// `%text%` for LIKE, its wildcards taken literally (escaped with `\`).
fn contains_pattern(text: &str) -> String {
    let mut p = String::from("%");
    for ch in text.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(ch);
    }
    p.push('%');
    p
}

/// The true counts of `nations`' lanes in scope key `scope` under `f`, by (nation, review
/// status). Without a search: sums of count rows; with one, a count over the cards of those
/// lanes (a search reads what it searches).
pub fn counts(
    conn: &mut Db,
    scope: &str,
    nations: &[String],
    f: &LaneFilter,
) -> QueryResult<Vec<(String, String, i64)>> {
    if nations.is_empty() {
        return Ok(Vec::new());
    }
    if f.q.is_some() {
        return Ok(hit_counts(&search(conn, scope, nations, f)?));
    }
    let mut query = board_lane_counts::table
        .filter(board_lane_counts::scope.eq(scope))
        .filter(board_lane_counts::nation.eq_any(nations))
        .into_boxed();
    if let Some(s) = &f.status {
        query = query.filter(board_lane_counts::status.eq(*s));
    }
    if let Some(p) = &f.priority {
        query = query.filter(board_lane_counts::priority.eq(*p));
    }
    if let Some(l) = f.level {
        query = query.filter(board_lane_counts::level.ge(l));
    }
    // A bounded number of rows (statuses × priorities × levels per nation), summed here.
    let rows: Vec<(String, String, i64)> = query
        .select((
            board_lane_counts::nation,
            board_lane_counts::status,
            board_lane_counts::n,
        ))
        .load(conn)?;
    let mut out: BTreeMap<(String, String), i64> = BTreeMap::new();
    for (a, b, n) in rows {
        *out.entry((a, b)).or_default() += n;
    }
    Ok(out.into_iter().map(|((a, b), n)| (a, b, n)).collect())
}

/// A card a search found: where it stands, not what it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The lane's nation.
    pub nation: String,
    /// The nation's review status.
    pub review_status: String,
    /// Place in the lane.
    pub urgency: String,
    /// Notification.
    pub notification_id: String,
}

/// The cards of `nations`' lanes in scope key `scope` that match `f` with its search: one scan
/// of those lanes (a search cannot use an index), from which counts and pages are then drawn.
pub fn search(
    conn: &mut Db,
    scope: &str,
    nations: &[String],
    f: &LaneFilter,
) -> QueryResult<Vec<Hit>> {
    if nations.is_empty() {
        return Ok(Vec::new());
    }
    let mut query = board_lanes::table
        .filter(board_lanes::scope.eq(scope))
        .filter(board_lanes::nation.eq_any(nations))
        .into_boxed();
    if let Some(q) = &f.q {
        query = query.filter(board_lanes::search.like(contains_pattern(q)).escape('\\'));
    }
    if let Some(s) = &f.status {
        query = query.filter(board_lanes::review_status.eq(*s));
    }
    if let Some(p) = &f.priority {
        query = query.filter(board_lanes::priority.eq(*p));
    }
    if let Some(l) = f.level {
        query = query.filter(board_lanes::level.ge(l));
    }
    let rows: Vec<(String, String, String, String)> = query
        .select((
            board_lanes::nation,
            board_lanes::review_status,
            board_lanes::urgency,
            board_lanes::notification_id,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(nation, review_status, urgency, notification_id)| Hit {
            nation,
            review_status,
            urgency,
            notification_id,
        })
        .collect())
}

/// Hits counted by (nation, review status). Pure.
pub fn hit_counts(hits: &[Hit]) -> Vec<(String, String, i64)> {
    let mut out: BTreeMap<(String, String), i64> = BTreeMap::new();
    for h in hits {
        *out.entry((h.nation.clone(), h.review_status.clone()))
            .or_default() += 1;
    }
    out.into_iter().map(|((a, b), n)| (a, b, n)).collect()
}

/// The next `limit` of `nation`'s hits after urgency `after`, most urgent first. Pure.
pub fn hits_after<'a>(
    hits: &'a [Hit],
    nation: &str,
    after: Option<&str>,
    limit: usize,
) -> Vec<&'a Hit> {
    let mut mine: Vec<&Hit> = hits
        .iter()
        .filter(|h| h.nation == nation && after.is_none_or(|a| h.urgency.as_str() > a))
        .collect();
    mine.sort_by(|a, b| a.urgency.cmp(&b.urgency));
    mine.truncate(limit);
    mine
}

/// The stored cards of these hits of one lane, in the hits' order: primary-key reads.
pub fn cards_of(
    conn: &mut Db,
    scope: &str,
    nation: &str,
    hits: &[&Hit],
) -> QueryResult<Vec<LaneRow>> {
    if hits.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<&str> = hits.iter().map(|h| h.notification_id.as_str()).collect();
    let mut rows: Vec<LaneRow> = board_lanes::table
        .filter(board_lanes::scope.eq(scope))
        .filter(board_lanes::nation.eq(nation))
        .filter(board_lanes::notification_id.eq_any(&ids))
        .select(LaneRow::as_select())
        .load(conn)?;
    rows.sort_by(|a, b| a.urgency.cmp(&b.urgency));
    Ok(rows)
}

/// The next `limit` cards of `nation`'s lane in scope key `scope` under `f`, after the card
/// whose urgency is `after`: one scan of the lane's index, in order.
pub fn page(
    conn: &mut Db,
    scope: &str,
    nation: &str,
    f: &LaneFilter,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<LaneRow>> {
    let mut query = board_lanes::table
        .filter(board_lanes::scope.eq(scope))
        .filter(board_lanes::nation.eq(nation))
        .into_boxed();
    if let Some(a) = after {
        query = query.filter(board_lanes::urgency.gt(a.to_string()));
    }
    if let Some(s) = &f.status {
        query = query.filter(board_lanes::review_status.eq(*s));
    }
    if let Some(p) = &f.priority {
        query = query.filter(board_lanes::priority.eq(*p));
    }
    if let Some(l) = f.level {
        query = query.filter(board_lanes::level.ge(l));
    }
    if let Some(q) = &f.q {
        query = query.filter(board_lanes::search.like(contains_pattern(q)).escape('\\'));
    }
    query
        .order(board_lanes::urgency.asc())
        .limit(limit)
        .select(LaneRow::as_select())
        .load(conn)
}

/// The cards with an open escalation in scope key `scope` (in `nations`' lanes, or all),
/// most urgent first, at most `limit`: one bounded index scan per nation, merged.
pub fn escalated(
    conn: &mut Db,
    scope: &str,
    nations: Option<&[String]>,
    limit: i64,
) -> QueryResult<Vec<LaneRow>> {
    // Static queries (not a boxed base): PostgreSQL prepares them once per connection
    // instead of parsing and planning each on every board.
    let mut rows: Vec<LaneRow> = match nations {
        None => board_lanes::table
            .filter(board_lanes::scope.eq(scope.to_string()))
            .filter(board_lanes::escalated.eq(1))
            .order(board_lanes::urgency.asc())
            .limit(limit)
            .select(LaneRow::as_select())
            .load(conn)?,
        Some(list) => {
            let mut all = Vec::new();
            for n in list {
                all.extend(
                    board_lanes::table
                        .filter(board_lanes::scope.eq(scope.to_string()))
                        .filter(board_lanes::escalated.eq(1))
                        .filter(board_lanes::nation.eq(n.clone()))
                        .order(board_lanes::urgency.asc())
                        .limit(limit)
                        .select(LaneRow::as_select())
                        .load(conn)?,
                );
            }
            all
        }
    };
    rows.sort_by(|a, b| (&a.urgency, &a.nation).cmp(&(&b.urgency, &b.nation)));
    rows.truncate(usize::try_from(limit).unwrap_or(0));
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: i64) -> NaiveDateTime {
        chrono::DateTime::from_timestamp((483_000 + h) * 3600, 0)
            .unwrap()
            .naive_utc()
    }

    fn facts(status: &str) -> Subject {
        Subject {
            id: "n1".into(),
            reference: "CRD-2027-000001".into(),
            priority: Priority::Crisis,
            status: status.parse().expect("a status"),
            requester_nation: "NL".into(),
            requester_unit: "43 Bde".into(),
            scopes: vec!["*".into(), "u:NL/43 Bde".into()],
        }
    }

    fn rv(list: &[(&str, &str)]) -> Vec<(String, NotificationStatus)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.parse().expect("a status")))
            .collect()
    }

    fn st(nation: &str, key: &str, h: i64, level: i32) -> OpenStage {
        OpenStage {
            nation: nation.into(),
            stage_key: key.into(),
            due_at: t(h),
            level,
        }
    }

    fn esc(id: &str, nation: &str, key: &str, level: i32) -> OpenEscalation {
        OpenEscalation {
            id: id.into(),
            nation: nation.into(),
            stage_key: Some(key.into()),
            level,
            reason: format!("level {level}"),
            due_at: t(3),
            fired_at: t(level.into()),
        }
    }

    #[test]
    fn one_card_per_nation_on_the_route_with_its_soonest_open_stage() {
        let c = cards(
            &facts("in_review"),
            &rv(&[("PL", "in_review"), ("DE", "approved"), ("CZ", "withdrawn")]),
            &[
                st("PL", "movcon", 9, 0),
                st("PL", "mildg", 7, 1),
                st("PL", "host", 8, 0),
            ],
            &[],
        );
        assert_eq!(c.len(), 2);
        assert_eq!(
            (c[0].nation.as_str(), c[0].due_at, c[0].open_stages),
            ("DE", None, 0)
        );
        assert_eq!(c[1].nation, "PL");
        assert_eq!(c[1].due_at, Some(t(7)));
        assert_eq!(c[1].stage_key.as_deref(), Some("mildg"));
        assert_eq!((c[1].open_stages, c[1].level), (3, 1));
    }

    #[test]
    fn a_settled_notification_has_no_cards_and_one_with_the_requester_no_clock() {
        assert!(cards(&facts("approved"), &rv(&[("PL", "approved")]), &[], &[]).is_empty());
        let c = cards(
            &facts("changes_requested"),
            &rv(&[("PL", "changes_requested")]),
            &[st("PL", "movcon", 9, 2)],
            &[esc("e1", "PL", "movcon", 2)],
        );
        assert_eq!(
            (c[0].due_at, c[0].level, c[0].escalation_level),
            (None, 0, 2)
        );
    }

    #[test]
    fn escalations_group_per_stage_with_the_highest_open_level() {
        let c = cards(
            &facts("in_review"),
            &rv(&[("PL", "in_review"), ("DE", "in_review")]),
            &[st("PL", "movcon", 3, 3), st("PL", "host", 4, 1)],
            &[
                esc("e1", "PL", "movcon", 1),
                esc("e3", "PL", "movcon", 3),
                esc("e2", "PL", "movcon", 2),
                esc("e4", "PL", "host", 1),
            ],
        );
        let pl = &c[1];
        assert_eq!(pl.escalation_level, 3);
        assert_eq!(pl.escalations.len(), 2);
        let movcon = pl
            .escalations
            .iter()
            .find(|g| g.stage.as_deref() == Some("movcon"))
            .unwrap();
        assert_eq!(movcon.level, 3);
        assert_eq!(movcon.escalation_ids, ["e1", "e2", "e3"]);
        assert_eq!(movcon.reason, "level 3");
        assert!(c[0].escalations.is_empty(), "DE has none");
    }

    #[test]
    fn urgency_sorts_overdue_first_then_level_then_reference_and_none_last() {
        let mut keys = [
            urgency(None, 3, "CRD-A"),
            urgency(Some(t(9)), 0, "CRD-B"),
            urgency(Some(t(2)), 0, "CRD-C"),
            urgency(Some(t(2)), 2, "CRD-D"),
            urgency(Some(t(2)), 2, "CRD-A"),
        ];
        keys.sort();
        let refs: Vec<&str> = keys.iter().map(|k| k.rsplit('|').next().unwrap()).collect();
        assert_eq!(refs, ["CRD-A", "CRD-D", "CRD-C", "CRD-B", "CRD-A"]);
        assert!(keys.iter().all(|k| is_urgency(k)), "{keys:?}");
        assert!(!is_urgency("2026-01-01|x|CRD"));
        assert!(!is_urgency("nonsense"));
        assert!(!is_urgency("2026-13-01T00:00:00.000000|9|CRD"));
    }

    #[test]
    fn counts_follow_scope_nation_status_priority_and_level() {
        let n = facts("in_review");
        let c = cards(
            &n,
            &rv(&[("PL", "in_review")]),
            &[st("PL", "movcon", 3, 2)],
            &[],
        );
        let k = count_keys(&n, &c);
        let row = |s: &str| {
            (
                s.to_string(),
                "PL".into(),
                "in_review".into(),
                "crisis".into(),
                2,
            )
        };
        assert_eq!(k, vec![row("*"), row("u:NL/43 Bde")]);
    }

    #[test]
    fn hits_page_by_urgency_after_the_cursor_and_count_by_status() {
        let h = |n: &str, s: &str, u: &str| Hit {
            nation: n.into(),
            review_status: s.into(),
            urgency: u.into(),
            notification_id: format!("{n}{u}"),
        };
        let hits = vec![
            h("DE", "in_review", "3"),
            h("DE", "approved", "1"),
            h("PL", "in_review", "0"),
            h("DE", "in_review", "2"),
        ];
        let page: Vec<&str> = hits_after(&hits, "DE", Some("1"), 5)
            .iter()
            .map(|x| x.urgency.as_str())
            .collect();
        assert_eq!(page, ["2", "3"]);
        assert_eq!(hits_after(&hits, "DE", None, 1)[0].urgency, "1");
        assert_eq!(
            hit_counts(&hits),
            vec![
                ("DE".into(), "approved".into(), 1),
                ("DE".into(), "in_review".into(), 2),
                ("PL".into(), "in_review".into(), 1)
            ]
        );
    }

    #[test]
    fn a_search_pattern_takes_wildcards_literally() {
        assert_eq!(contains_pattern("a%b_c\\"), "%a\\%b\\_c\\\\%");
    }
}
