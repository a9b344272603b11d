//! `GET /v1/board`: the liaison board — counts, the at-risk list, open escalations and recent
//! decisions in the caller's scope — with a weak ETag per scope, so that a poll costs no query
//! while nothing in the caller's scope changes and no threshold passes.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Instant;

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use serde::Serialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::caller::Caller;
use super::problem::ApiError;
use super::AppState;
use crate::auth::{access, Identity};
use crate::store::audit;
use crate::store::board::{self as rows, Header};
use crate::store::board_tally as tally;
use crate::store::notifications::{utc, ListScope};
use crate::store::types::micros;

/// Open stages due within this many hours count as at risk even before they escalate.
const AT_RISK_HOURS: i64 = 6;
/// Notifications that reached a final status count on the board for this long (from the
/// start of the hour this long ago, so that the window moves once an hour); open ones count
/// however old. The board shows the live picture, and its cost follows that picture rather
/// than the whole history.
const SETTLED_WINDOW_HOURS: i64 = 24;
/// The most at-risk stages the board lists.
const AT_RISK_LIMIT: i64 = 100;
/// The most open escalations the board lists.
const ESCALATIONS_LIMIT: i64 = 100;
/// How many recent decisions the board lists.
const RECENT_DECISIONS: i64 = 20;

/// A short digest of what decides the caller's scope: callers who see the same board share it.
pub(super) fn scope_digest(who: &Identity) -> String {
    let mut watch: Vec<String> = who.watch.iter().map(|n| n.to_string()).collect();
    watch.sort();
    let key = json!([
        who.role.to_string(),
        who.nation.map(|n| n.to_string()),
        who.unit,
        watch
    ]);
    hex::encode(&Sha256::digest(key.to_string().as_bytes())[..6])
}

/// The first hour (Unix hours) whose settlements the board at `now` counts.
pub fn window_start_hour(now: DateTime<Utc>) -> i64 {
    (now - Duration::hours(SETTLED_WINDOW_HOURS))
        .timestamp()
        .div_euclid(3600)
}

/// The board's weak ETag for this caller: the versions of the scopes it reads (moved only by
/// writes it can see), the window's hour, and the due time of the last stage the at-risk
/// horizon passed (`entered`): the clock moves the tag only where it crosses a threshold.
pub fn board_etag(
    versions: &[i64],
    window_hour: i64,
    entered: Option<NaiveDateTime>,
    who: &Identity,
) -> String {
    let v: Vec<String> = versions.iter().map(i64::to_string).collect();
    let v = hex::encode(&Sha256::digest(v.join(".").as_bytes())[..5]);
    let e = entered.map_or(0, |t| t.and_utc().timestamp());
    format!("W/\"b{v}-{window_hour}-{e}-{}\"", scope_digest(who))
}

/// Whether `If-None-Match` names `tag` (weak comparison, RFC 9110 §13.1.2) or is `*`.
pub fn none_match(req: &HttpRequest, tag: &str) -> bool {
    let opaque = |t: &str| t.trim().trim_start_matches("W/").to_string();
    let want = opaque(tag);
    req.headers()
        .get_all(header::IF_NONE_MATCH)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim() == "*" || opaque(t) == want)
}

/// 304 with the ETag, private and varying by caller.
pub fn not_modified(tag: String) -> HttpResponse {
    HttpResponse::NotModified()
        .insert_header((header::ETAG, tag))
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .insert_header((header::VARY, "Authorization"))
        .finish()
}

/// Everything the board shows, as read in one go.
struct Snapshot {
    head: i64,
    versions: Vec<i64>,
    window_hour: i64,
    entered: Option<NaiveDateTime>,
    next: Option<NaiveDateTime>,
    by_status: Vec<(String, i64)>,
    by_nation: Vec<(String, String, i64)>,
    at_risk: Vec<rows::RiskStage>,
    escalations: Vec<crate::store::notifications::EscalationRow>,
    /// Cards with open escalations: the escalations grouped per notification and nation.
    escalated: Vec<crate::store::board_lanes::LaneRow>,
    decisions: Vec<audit::EventRow>,
    headers: HashMap<String, Header>,
    /// Per nation: single movements cleared under a standing authorisation, of all (issue 15).
    standing: Vec<(String, i64, i64)>,
}

/// Board computations shared by the polls of one scope. A poll takes the result of a
/// computation that began after it arrived, so it sees every write committed before it asked;
/// polls that arrive while one computation runs share the next. Under a surge, when every poll
/// finds a new audit head, the number of computations then follows the number of scopes, not
/// the number of dashboards.
#[derive(Default)]
pub struct SharedBoards {
    scopes: std::sync::Mutex<HashMap<String, Arc<tokio::sync::Mutex<Option<Computed>>>>>,
    /// The last board's validator per scope digest: what a poll compares without a query.
    valid: std::sync::Mutex<HashMap<String, Validity>>,
    /// Every scope's version, as read at an audit head: polls read versions from here until
    /// the head moves, and one of them then reads them again for all.
    versions: std::sync::Mutex<Option<(i64, Versions)>>,
    reread: tokio::sync::Mutex<()>,
}

/// Every scope key's version.
type Versions = Arc<HashMap<String, i64>>;

/// What makes a computed board's ETag still current.
#[derive(Clone)]
struct Validity {
    versions: Vec<i64>,
    window_hour: i64,
    /// The board is the same until now passes this (the next stage reaches the horizon).
    until: Option<DateTime<Utc>>,
    tag: String,
}

impl Validity {
    /// The tag, if versions, window and clock still give it.
    fn current(&self, versions: &[i64], now: DateTime<Utc>) -> Option<&str> {
        let fresh = self.versions == versions
            && self.window_hour == window_start_hour(now)
            && self.until.is_none_or(|u| now < u);
        fresh.then_some(self.tag.as_str())
    }
}

/// One computed board: when its computation began, its ETag and its body.
#[derive(Clone)]
struct Computed {
    began: Instant,
    tag: String,
    /// The board as sent, serialized once for every poll that takes it.
    body: web::Bytes,
}

impl SharedBoards {
    /// The slot of the scope with this digest (made on first use; one per distinct scope).
    fn slot(&self, scope: &str) -> Arc<tokio::sync::Mutex<Option<Computed>>> {
        self.scopes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .entry(scope.to_string())
            .or_default()
            .clone()
    }

    fn validity(&self, scope: &str) -> Option<Validity> {
        self.valid
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(scope)
            .cloned()
    }

    fn set_validity(&self, scope: &str, v: Validity) {
        self.valid
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(scope.to_string(), v);
    }

    fn known_versions(&self, head: i64) -> Option<Versions> {
        match &*self
            .versions
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
        {
            Some((at, v)) if *at >= head => Some(v.clone()),
            _ => None,
        }
    }

    /// Every scope's version as of audit head `head` or later: from memory, or read once for
    /// all the polls that find the head moved.
    pub(super) async fn versions_at(
        &self,
        state: &AppState,
        head: i64,
    ) -> Result<Versions, ApiError> {
        if let Some(v) = self.known_versions(head) {
            return Ok(v);
        }
        let _turn = self.reread.lock().await;
        if let Some(v) = self.known_versions(head) {
            return Ok(v);
        }
        let (at, v) = state
            .store
            .run(|c| {
                // The head first: versions read after it include every write up to it.
                let at = audit::head(c)?;
                let v = tally::versions(c)?;
                Ok::<_, ApiError>((at, v))
            })
            .await?;
        let v = Arc::new(v.into_iter().collect::<HashMap<_, _>>());
        let mut known = self
            .versions
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if known.as_ref().is_none_or(|(h, _)| *h <= at) {
            *known = Some((at, v.clone()));
        }
        Ok(v)
    }
}

/// `GET /v1/board`: the caller's board; 304 when `If-None-Match` holds the current ETag,
/// decided from the versions of the caller's scopes, held in memory while the audit head
/// stands still.
pub async fn board(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let arrived = Instant::now();
    let now = state.clock.now();
    let digest = scope_digest(&caller);
    let max_age = std::time::Duration::from_millis(state.settings.board_max_age_ms);
    let slot = state.boards.slot(&digest);
    // A board of this scope computed within the allowed age answers at once: no query, and a
    // storm of writes costs one computation per scope per interval, not one per poll.
    if !max_age.is_zero() {
        let recent = slot.lock().await.clone();
        if let Some(c) = recent.filter(|c| c.began.elapsed() < max_age) {
            return Ok(answer(&req, c));
        }
    }
    let scope = access::list_scope(&caller);
    let keys = tally::scope_keys(&scope);
    if req.headers().contains_key(header::IF_NONE_MATCH) {
        if let Some(valid) = state.boards.validity(&digest) {
            // Every change appends an audit event; while the head stands, the versions held
            // are current, and a write outside the caller's scopes leaves theirs alone.
            let head = state.feed.recent_head(&state).await?;
            let all = state.boards.versions_at(&state, head).await?;
            let versions: Vec<i64> = keys
                .iter()
                .map(|k| all.get(k).copied().unwrap_or(0))
                .collect();
            if let Some(tag) = valid.current(&versions, now) {
                if none_match(&req, tag) {
                    return Ok(not_modified(tag.to_string()));
                }
            }
        }
    }
    let mut last = slot.lock().await;
    let board = match &*last {
        // One that began after this poll arrived sees every write before it; one within the
        // allowed age is what this scope's polls are served meanwhile.
        Some(c) if c.began >= arrived || c.began.elapsed() < max_age => c.clone(),
        _ => {
            let began = Instant::now();
            let now = state.clock.now();
            let lane_scope = access::lane_scope(&caller);
            let snap = snapshot(&state, scope, keys, lane_scope, now).await?;
            let tag = board_etag(&snap.versions, snap.window_hour, snap.entered, &caller);
            state.boards.set_validity(
                &digest,
                Validity {
                    versions: snap.versions.clone(),
                    window_hour: snap.window_hour,
                    until: snap
                        .next
                        .map(|n| n.and_utc() - Duration::hours(AT_RISK_HOURS)),
                    tag: tag.clone(),
                },
            );
            let c = Computed {
                began,
                tag,
                body: web::Bytes::from(
                    serde_json::to_vec(&board_body(&snap, now))
                        .map_err(|e| ApiError::Internal(format!("board: {e}")))?,
                ),
            };
            *last = Some(c.clone());
            c
        }
    };
    drop(last);
    Ok(answer(&req, board))
}

/// 304 when the poll holds the board's tag, else the board.
fn answer(req: &HttpRequest, board: Computed) -> HttpResponse {
    if none_match(req, &board.tag) {
        return not_modified(board.tag);
    }
    HttpResponse::Ok()
        .insert_header((header::ETAG, board.tag))
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .insert_header((header::VARY, "Authorization"))
        .content_type("application/json")
        .body(board.body)
}

/// Reads everything the board shows for `scope` at `now`: count rows and bounded index scans
/// of the board tables, never a scan of the live notifications.
async fn snapshot(
    state: &AppState,
    scope: ListScope,
    keys: Vec<String>,
    (lane_key, lane_nations): (String, Option<Vec<String>>),
    now: DateTime<Utc>,
) -> Result<Snapshot, ApiError> {
    let horizon = micros(now + Duration::hours(AT_RISK_HOURS));
    let window_hour = window_start_hour(now);
    let since = tally::hour_start(window_hour);
    state
        .store
        .run(move |c| {
            // Versions and head first: a change landing during the reads makes the ETag older
            // than the data, never newer, so a client can miss no change.
            let versions = tally::versions_of(c, &keys)?;
            let head = audit::head(c)?;
            let (by_status, by_nation) = tally::counts(c, &scope, window_hour)?;
            let (entered, next) = tally::horizon_marks(c, &keys, horizon)?;
            let risk_ids = tally::at_risk_ids(c, &keys, horizon, AT_RISK_LIMIT)?;
            let at_risk = rows::stages_by_ids(c, &risk_ids)?;
            let escalation_ids = tally::escalation_ids(c, &keys, ESCALATIONS_LIMIT)?;
            let escalations = rows::escalations_by_ids(c, &escalation_ids)?;
            let escalated = crate::store::board_lanes::escalated(
                c,
                &lane_key,
                lane_nations.as_deref(),
                ESCALATIONS_LIMIT,
            )?;
            let decisions = rows::recent_decisions(c, &scope, since, RECENT_DECISIONS)?;
            let standing = standing_share(c, &scope, window_hour)?;
            let mut ids: Vec<String> = at_risk
                .iter()
                .map(|s| s.notification_id.clone())
                .chain(escalations.iter().map(|e| e.notification_id.clone()))
                .chain(decisions.iter().filter_map(|d| d.notification_id.clone()))
                .collect();
            ids.sort();
            ids.dedup();
            let headers = rows::headers(c, &ids)?
                .into_iter()
                .map(|h| (h.id.clone(), h))
                .collect();
            Ok::<_, ApiError>(Snapshot {
                head,
                versions,
                window_hour,
                entered,
                next,
                by_status,
                by_nation,
                at_risk,
                escalations,
                escalated,
                decisions,
                headers,
                standing,
            })
        })
        .await
}

/// The share of single movements cleared under standing authorisations, per nation the
/// scope crosses (a requester's board shows none: the share is the nations' figure).
fn standing_share(
    c: &mut crate::store::Db,
    scope: &ListScope,
    since_hour: i64,
) -> diesel::QueryResult<Vec<(String, i64, i64)>> {
    match scope {
        ListScope::All => tally::standing_share(c, None, since_hour),
        ListScope::Crossing(nations) => tally::standing_share(c, Some(nations), since_hour),
        ListScope::Unit { .. } => Ok(Vec::new()),
    }
}

fn board_body(snap: &Snapshot, now: DateTime<Utc>) -> Board<'_> {
    let settled_since = utc(tally::hour_start(snap.window_hour));
    let reference = |id: &str| snap.headers.get(id).map(|h| h.reference.as_str());
    let standing: BTreeMap<&str, Value> = snap
        .standing
        .iter()
        .map(|(nation, cleared, total)| {
            let share = if *total > 0 {
                *cleared as f64 / *total as f64
            } else {
                0.0
            };
            (
                nation.as_str(),
                json!({"cleared": cleared, "single_movements": total, "share": share}),
            )
        })
        .collect();
    let mut by_status: BTreeMap<String, i64> = crate::domain::NotificationStatus::ALL
        .iter()
        .map(|s| (s.to_string(), 0))
        .collect();
    for (status, n) in &snap.by_status {
        by_status.insert(status.clone(), *n);
    }
    let mut by_nation: BTreeMap<String, BTreeMap<String, i64>> = BTreeMap::new();
    for (nation, status, n) in &snap.by_nation {
        by_nation
            .entry(nation.clone())
            .or_default()
            .insert(status.clone(), *n);
    }
    let at_risk: Vec<AtRisk> = snap
        .at_risk
        .iter()
        .map(|s| {
            let due = utc(s.due_at);
            AtRisk {
                due_at: due,
                escalation_level: s.escalation_level,
                nation: &s.nation,
                notification_id: &s.notification_id,
                priority: snap.headers.get(&s.notification_id).map(|h| h.priority),
                reference: reference(&s.notification_id),
                stage: &s.stage_key,
                stage_name: &s.name,
                time_left_seconds: (due - now).num_seconds(),
            }
        })
        .collect();
    let escalations: Vec<Escalation> = snap
        .escalations
        .iter()
        .map(|e| Escalation {
            due_at: utc(e.due_at),
            fired_at: utc(e.fired_at),
            id: &e.id,
            level: e.level,
            nation: &e.nation,
            notification_id: &e.notification_id,
            reason: &e.reason,
            reference: reference(&e.notification_id),
            stage: e.stage_key.as_deref(),
        })
        .collect();
    let escalation_groups: Vec<EscalationGroup> = snap
        .escalated
        .iter()
        .map(|g| {
            let stages: Vec<GroupStage> = g
                .escalations
                .iter()
                .map(|e| GroupStage {
                    due_at: utc(e.due_at),
                    escalation_ids: &e.escalation_ids,
                    fired_at: utc(e.fired_at),
                    level: e.level,
                    reason: &e.reason,
                    stage: e.stage.as_deref(),
                })
                .collect();
            EscalationGroup {
                level: g.escalation_level,
                nation: &g.nation,
                notification_id: &g.notification_id,
                priority: g.priority,
                reference: &g.reference,
                stage_count: stages.len(),
                stages,
            }
        })
        .collect();
    let recent_decisions: Vec<Value> = snap
        .decisions
        .iter()
        .map(|d| {
            json!({
                "notification_id": d.notification_id,
                "reference": d.notification_id.as_deref().and_then(reference),
                "nation": d.nation,
                "stage": d.detail.get("stage"),
                "outcome": d.detail.get("outcome"),
                "by": d.actor,
                "at": d.at,
            })
        })
        .collect();
    Board {
        at_risk,
        counts: json!({
            "settled_since": settled_since,
            "by_status": by_status,
            "by_nation": by_nation,
        }),
        cursor: snap.head,
        escalation_groups,
        escalations,
        generated_at: now,
        recent_decisions,
        standing,
        statuses: board_statuses(),
        // What the page would otherwise hard-code (issue 12): the windows and the status lists.
        windows: json!({
            "settled_hours": SETTLED_WINDOW_HOURS,
            "at_risk_hours": AT_RISK_HOURS,
            "at_risk_limit": AT_RISK_LIMIT,
            "escalations_limit": ESCALATIONS_LIMIT,
            "recent_decisions_limit": RECENT_DECISIONS,
        }),
    }
}

// The board as sent: its lists are serialized straight from the rows they borrow (a board
// carries up to 300 list items; building each as a `json!` map cost a third of a board's
// server CPU). Fields are in alphabetical order, the order the board had as a JSON map.

/// `GET /v1/board`'s body.
#[derive(Serialize)]
struct Board<'a> {
    at_risk: Vec<AtRisk<'a>>,
    counts: Value,
    cursor: i64,
    escalation_groups: Vec<EscalationGroup<'a>>,
    escalations: Vec<Escalation<'a>>,
    generated_at: DateTime<Utc>,
    recent_decisions: Vec<Value>,
    standing: BTreeMap<&'a str, Value>,
    statuses: Value,
    windows: Value,
}

/// An open stage due within the at-risk horizon or escalated.
#[derive(Serialize)]
struct AtRisk<'a> {
    due_at: DateTime<Utc>,
    escalation_level: i32,
    nation: &'a str,
    notification_id: &'a str,
    priority: Option<crate::domain::Priority>,
    reference: Option<&'a str>,
    stage: &'a str,
    stage_name: &'a str,
    time_left_seconds: i64,
}

/// An open escalation.
#[derive(Serialize)]
struct Escalation<'a> {
    due_at: DateTime<Utc>,
    fired_at: DateTime<Utc>,
    id: &'a str,
    level: i32,
    nation: &'a str,
    notification_id: &'a str,
    reason: &'a str,
    reference: Option<&'a str>,
    stage: Option<&'a str>,
}

/// A notification's open escalations in one nation.
#[derive(Serialize)]
struct EscalationGroup<'a> {
    level: i32,
    nation: &'a str,
    notification_id: &'a str,
    priority: crate::domain::Priority,
    reference: &'a str,
    stage_count: usize,
    stages: Vec<GroupStage<'a>>,
}

/// One escalated stage of a group.
#[derive(Serialize)]
struct GroupStage<'a> {
    due_at: DateTime<Utc>,
    escalation_ids: &'a [String],
    fired_at: DateTime<Utc>,
    level: i32,
    reason: &'a str,
    stage: Option<&'a str>,
}

/// Notification statuses in display order (open ones first), split into open and settled.
fn board_statuses() -> Value {
    use crate::domain::NotificationStatus as S;
    let (settled, open): (Vec<S>, Vec<S>) = S::ALL.iter().partition(|s| s.is_final());
    let order: Vec<S> = open.iter().chain(settled.iter()).copied().collect();
    json!({"order": order, "open": open, "settled": settled})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Nation, Role};

    fn who(role: Role, nation: Option<&str>, watch: &[&str]) -> Identity {
        Identity {
            user_id: "u1".into(),
            username: "someone".into(),
            role,
            nation: nation.map(|n| Nation::parse(n).unwrap()),
            unit: None,
            stages: vec![],
            watch: watch.iter().map(|n| Nation::parse(n).unwrap()).collect(),
        }
    }

    #[test]
    fn etag_follows_versions_window_threshold_and_scope_but_not_the_person() {
        let now: DateTime<Utc> = "2026-11-24T08:00:10Z".parse().unwrap();
        let hour = window_start_hour(now);
        let entered = Some(micros(now + Duration::hours(2)));
        let de = who(Role::Officer, Some("DE"), &[]);
        let mut de_other = de.clone();
        de_other.user_id = "u2".into();
        de_other.username = "another".into();
        let tag = board_etag(&[7], hour, entered, &de);
        assert!(tag.starts_with("W/\"b"), "{tag}");
        assert_eq!(
            tag,
            board_etag(&[7], hour, entered, &de_other),
            "same scope, same board"
        );
        assert_ne!(tag, board_etag(&[8], hour, entered, &de));
        assert_ne!(tag, board_etag(&[7], hour + 1, entered, &de));
        assert_ne!(tag, board_etag(&[7], hour, None, &de));
        assert_ne!(
            tag,
            board_etag(&[7], hour, entered, &who(Role::Officer, Some("PL"), &[]))
        );
        assert_ne!(
            tag,
            board_etag(
                &[7],
                hour,
                entered,
                &who(Role::Coordinator, Some("DE"), &[])
            )
        );
        assert_eq!(
            board_etag(
                &[1, 2],
                hour,
                None,
                &who(Role::Liaison, None, &["PL", "DE"])
            ),
            board_etag(
                &[1, 2],
                hour,
                None,
                &who(Role::Liaison, None, &["DE", "PL"])
            ),
            "watch order does not matter"
        );
    }

    #[test]
    fn a_validator_holds_until_a_version_the_window_or_the_next_threshold_moves() {
        let now: DateTime<Utc> = "2026-11-24T08:00:10Z".parse().unwrap();
        let v = Validity {
            versions: vec![3, 4],
            window_hour: window_start_hour(now),
            until: Some(now + Duration::minutes(10)),
            tag: "W/\"t\"".into(),
        };
        assert_eq!(v.current(&[3, 4], now), Some("W/\"t\""));
        assert_eq!(
            v.current(&[3, 4], now + Duration::minutes(9)),
            Some("W/\"t\"")
        );
        assert_eq!(v.current(&[3, 4], now + Duration::minutes(10)), None);
        assert_eq!(v.current(&[3, 5], now), None);
        assert_eq!(v.current(&[3, 4], now + Duration::hours(1)), None);
        let forever = Validity { until: None, ..v };
        assert_eq!(
            forever.current(&[3, 4], now + Duration::minutes(50)),
            Some("W/\"t\"")
        );
    }

    #[test]
    fn liaison_scope_is_all_or_the_watched_nations() {
        assert!(matches!(
            access::list_scope(&who(Role::Liaison, None, &[])),
            ListScope::All
        ));
        match access::list_scope(&who(Role::Liaison, None, &["LT"])) {
            ListScope::Crossing(n) => assert_eq!(n, vec!["LT".to_string()]),
            other => panic!("{other:?}"),
        }
    }
}
