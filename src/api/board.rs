//! `GET /v1/board`: the liaison board — counts, the at-risk list, open escalations and recent
//! decisions in the caller's scope — with a weak ETag so that polling costs one row read.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Instant;

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::caller::Caller;
use super::problem::ApiError;
use super::AppState;
use crate::auth::{access, Identity};
use crate::store::audit::{self, micros};
use crate::store::board::{self as rows, Header};
use crate::store::notifications::{utc, ListScope};

/// Open stages due within this many hours count as at risk even before they escalate.
const AT_RISK_HOURS: i64 = 6;
/// Notifications that reached a final status count on the board for this long; open ones
/// count however old. The board shows the live picture, and its cost follows that picture
/// rather than the whole history.
const SETTLED_WINDOW_HOURS: i64 = 24;
/// The most at-risk stages the board lists.
const AT_RISK_LIMIT: i64 = 100;
/// The most open escalations the board lists.
const ESCALATIONS_LIMIT: i64 = 100;
/// How many recent decisions the board lists.
const RECENT_DECISIONS: i64 = 20;
/// The board's ETag also names the minute it was computed in: a stage can come within the
/// at-risk horizon by the passing of time alone, with no audit event to change the head.
const TIME_STEP_SECONDS: i64 = 60;

/// A short digest of what decides the caller's scope: callers who see the same board share it.
fn scope_digest(who: &Identity) -> String {
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

/// The board's weak ETag for audit head `seq` at `now` for this caller.
pub fn board_etag(seq: i64, now: DateTime<Utc>, who: &Identity) -> String {
    let step = now.timestamp().div_euclid(TIME_STEP_SECONDS);
    format!("W/\"b{seq}-{step}-{}\"", scope_digest(who))
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
    by_status: Vec<(String, i64)>,
    by_nation: Vec<(String, String, i64)>,
    at_risk: Vec<crate::store::notifications::StageRow>,
    escalations: Vec<crate::store::notifications::EscalationRow>,
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
}

/// One computed board: when its computation began, its ETag and its body.
#[derive(Clone)]
struct Computed {
    began: Instant,
    tag: String,
    body: Arc<Value>,
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
}

/// `GET /v1/board`: the caller's board; 304 when `If-None-Match` holds the current ETag,
/// decided from the audit head row alone.
pub async fn board(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let arrived = Instant::now();
    let now = state.clock.now();
    if req.headers().contains_key(header::IF_NONE_MATCH) {
        // Every change to any notification appends an audit event, so an unchanged head
        // means an unchanged board: at most one row read, no notification table touched.
        let head = state.feed.recent_head(&state).await?;
        let tag = board_etag(head, now, &caller);
        if none_match(&req, &tag) {
            return Ok(not_modified(tag));
        }
    }
    let slot = state.boards.slot(&scope_digest(&caller));
    let mut last = slot.lock().await;
    let board = match &*last {
        Some(c) if c.began >= arrived => c.clone(),
        _ => {
            let began = Instant::now();
            let now = state.clock.now();
            let snap = snapshot(&state, access::list_scope(&caller), now).await?;
            let settled_since = now - Duration::hours(SETTLED_WINDOW_HOURS);
            let c = Computed {
                began,
                tag: board_etag(snap.head, now, &caller),
                body: Arc::new(board_json(&snap, now, settled_since)),
            };
            *last = Some(c.clone());
            c
        }
    };
    drop(last);
    if none_match(&req, &board.tag) {
        return Ok(not_modified(board.tag));
    }
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, board.tag))
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .insert_header((header::VARY, "Authorization"))
        .json(&*board.body))
}

/// Reads everything the board shows for `scope` at `now`.
async fn snapshot(
    state: &AppState,
    scope: ListScope,
    now: DateTime<Utc>,
) -> Result<Snapshot, ApiError> {
    let horizon = micros(now + Duration::hours(AT_RISK_HOURS));
    let since = micros(now - Duration::hours(SETTLED_WINDOW_HOURS));
    state
        .store
        .run(move |c| {
            // The head first: a change landing during the reads makes the ETag older than
            // the data, never newer, so a client can miss no change.
            let head = audit::head(c)?;
            let by_status = rows::counts_by_status(c, &scope, since)?;
            let by_nation = rows::counts_by_nation(c, &scope, since)?;
            let at_risk = rows::at_risk(c, &scope, horizon, AT_RISK_LIMIT)?;
            let escalations = rows::open_escalations(c, &scope, ESCALATIONS_LIMIT)?;
            let decisions = rows::recent_decisions(c, &scope, since, RECENT_DECISIONS)?;
            let standing = standing_share(c, &scope, since)?;
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
                by_status,
                by_nation,
                at_risk,
                escalations,
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
    since: chrono::NaiveDateTime,
) -> diesel::QueryResult<Vec<(String, i64, i64)>> {
    match scope {
        ListScope::All => crate::store::standing::share(c, None, since),
        ListScope::Crossing(nations) => crate::store::standing::share(c, Some(nations), since),
        ListScope::Unit { .. } => Ok(Vec::new()),
    }
}

fn board_json(snap: &Snapshot, now: DateTime<Utc>, settled_since: DateTime<Utc>) -> Value {
    let reference = |id: &str| snap.headers.get(id).map(|h| h.reference.clone());
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
    let at_risk: Vec<Value> = snap
        .at_risk
        .iter()
        .map(|s| {
            let due = utc(s.due_at);
            json!({
                "notification_id": s.notification_id,
                "reference": reference(&s.notification_id),
                "priority": snap.headers.get(&s.notification_id).map(|h| h.priority.clone()),
                "nation": s.nation,
                "stage": s.stage_key,
                "stage_name": s.name,
                "due_at": due,
                "time_left_seconds": (due - now).num_seconds(),
                "escalation_level": s.escalation_level,
            })
        })
        .collect();
    let escalations: Vec<Value> = snap
        .escalations
        .iter()
        .map(|e| {
            json!({
                "id": e.id,
                "notification_id": e.notification_id,
                "reference": reference(&e.notification_id),
                "nation": e.nation,
                "stage": e.stage_key,
                "level": e.level,
                "reason": e.reason,
                "due_at": utc(e.due_at),
                "fired_at": utc(e.fired_at),
            })
        })
        .collect();
    let recent_decisions: Vec<Value> = snap
        .decisions
        .iter()
        .map(|d| {
            let detail: Value = serde_json::from_str(&d.detail).unwrap_or(Value::Null);
            json!({
                "notification_id": d.notification_id,
                "reference": d.notification_id.as_deref().and_then(reference),
                "nation": d.nation,
                "stage": detail.get("stage"),
                "outcome": detail.get("outcome"),
                "by": d.actor,
                "at": utc(d.at),
            })
        })
        .collect();
    json!({
        "generated_at": now,
        "cursor": snap.head,
        "counts": {
            "settled_since": settled_since,
            "by_status": by_status,
            "by_nation": by_nation,
        },
        "at_risk": at_risk,
        "escalations": escalations,
        "recent_decisions": recent_decisions,
        "standing": standing,
    })
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
    fn etag_follows_head_minute_and_scope_but_not_the_person() {
        let now: DateTime<Utc> = "2026-11-24T08:00:10Z".parse().unwrap();
        let de = who(Role::Officer, Some("DE"), &[]);
        let mut de_other = de.clone();
        de_other.user_id = "u2".into();
        de_other.username = "another".into();
        let tag = board_etag(7, now, &de);
        assert!(tag.starts_with("W/\"b7-"), "{tag}");
        assert_eq!(tag, board_etag(7, now, &de_other), "same scope, same board");
        assert_eq!(tag, board_etag(7, now + Duration::seconds(30), &de));
        assert_ne!(tag, board_etag(8, now, &de));
        assert_ne!(tag, board_etag(7, now + Duration::seconds(60), &de));
        assert_ne!(
            tag,
            board_etag(7, now, &who(Role::Officer, Some("PL"), &[]))
        );
        assert_ne!(
            tag,
            board_etag(7, now, &who(Role::Coordinator, Some("DE"), &[]))
        );
        assert_eq!(
            board_etag(7, now, &who(Role::Liaison, None, &["PL", "DE"])),
            board_etag(7, now, &who(Role::Liaison, None, &["DE", "PL"])),
            "watch order does not matter"
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
