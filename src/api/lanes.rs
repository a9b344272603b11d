//! `GET /v1/board/lanes`: the board's lanes (issue 16) — per nation in the caller's scope, the
//! notifications still in play that cross it, most urgent first, with true counts, filters, a
//! search and paging. Reads bounded index scans and count rows kept in the write transaction;
//! its weak ETag names the versions of the caller's scopes (as the board's) and the query, so a
//! poll that finds nothing changed costs no query.

use std::collections::{BTreeMap, HashMap};

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::board::{none_match, not_modified, scope_digest};
use super::caller::Caller;
use super::problem::ApiError;
use super::AppState;
use crate::auth::access;
use crate::domain::{FieldError, Nation, NotificationStatus, Priority};
use crate::store::board_lanes::{self as lanes, LaneFilter, LaneRow};
use crate::store::board_tally as tally;
use crate::store::notifications::utc;

/// Cards per lane when the query names no `limit`.
pub const DEFAULT_LIMIT: i64 = 12;
/// The most cards per lane one answer holds.
pub const MAX_LIMIT: i64 = 100;
/// The longest search text.
const MAX_Q: usize = 64;

/// A lane query, parsed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LaneQuery {
    /// One nation's lane only.
    pub nation: Option<String>,
    /// Filters and search (search lowercased).
    pub filter: LaneFilter,
    /// Continue after this card (needs `nation`).
    pub cursor: Option<String>,
    /// Cards per lane.
    pub limit: i64,
}

/// Parses the lanes' query parameters, naming each one that is wrong. Empty values count as
/// absent (a form sends every field). Pure.
pub fn lane_query(q: &HashMap<String, String>) -> Result<LaneQuery, ApiError> {
    let mut errs = Vec::new();
    let mut out = LaneQuery {
        limit: DEFAULT_LIMIT,
        ..Default::default()
    };
    for (k, v) in q {
        let v = v.trim();
        let optional = matches!(
            k.as_str(),
            "nation" | "priority" | "status" | "level" | "q" | "cursor"
        );
        if v.is_empty() && optional {
            continue;
        }
        match k.as_str() {
            "nation" => match Nation::parse(v) {
                Ok(n) => out.nation = Some(n.to_string()),
                Err(e) => errs.push(FieldError::new("nation", e)),
            },
            "priority" => match v.parse::<Priority>() {
                Ok(p) => out.filter.priority = Some(p),
                Err(e) => errs.push(FieldError::new("priority", e)),
            },
            "status" => match v.parse::<NotificationStatus>() {
                Ok(s) if !s.is_final() || s == NotificationStatus::Approved => {
                    out.filter.status = Some(s)
                }
                _ => errs.push(FieldError::new(
                    "status",
                    "one of in_review, approved, changes_requested",
                )),
            },
            "level" => match v.parse::<i32>() {
                Ok(l) if (0..=3).contains(&l) => out.filter.level = Some(l),
                _ => errs.push(FieldError::new("level", "a whole number from 0 to 3")),
            },
            "q" => {
                if v.chars().count() > MAX_Q || v.chars().any(char::is_control) {
                    errs.push(FieldError::new(
                        "q",
                        format!("at most {MAX_Q} characters, no control characters"),
                    ));
                } else {
                    out.filter.q = Some(v.to_lowercase());
                }
            }
            "cursor" => {
                if lanes::is_urgency(v) {
                    out.cursor = Some(v.to_string());
                } else {
                    errs.push(FieldError::new("cursor", "not a cursor this list gave out"));
                }
            }
            "limit" => match v.parse::<i64>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => out.limit = n,
                _ => errs.push(FieldError::new(
                    "limit",
                    format!("a whole number from 1 to {MAX_LIMIT}"),
                )),
            },
            other => errs.push(FieldError::new(other, "unknown query parameter")),
        }
    }
    if out.cursor.is_some() && out.nation.is_none() && !errs.iter().any(|e| e.field == "nation") {
        errs.push(FieldError::new(
            "cursor",
            "a cursor continues one lane: give its nation too",
        ));
    }
    if errs.is_empty() {
        Ok(out)
    } else {
        errs.sort_by(|a, b| a.field.cmp(&b.field));
        Err(ApiError::Validation(errs))
    }
}

/// The lanes' weak ETag: the versions of the caller's scopes, the scope and the query. The
/// order of a lane follows due times, never the clock, so nothing else moves it. Pure.
pub fn lanes_etag(versions: &[i64], scope: &str, q: &LaneQuery) -> String {
    let v: Vec<String> = versions.iter().map(i64::to_string).collect();
    let key = json!([
        v.join("."),
        q.nation,
        q.filter.status,
        q.filter.priority,
        q.filter.level,
        q.filter.q,
        q.cursor,
        q.limit
    ]);
    let d = hex::encode(&Sha256::digest(key.to_string().as_bytes())[..8]);
    format!("W/\"l{d}-{scope}\"")
}

/// `GET /v1/board/lanes`.
pub async fn lanes(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    q: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let query = lane_query(&q)?;
    let (key, visible) = access::lane_scope(&caller);
    if let Some(n) = &query.nation {
        if !access::may_read_lane(&caller, n) {
            return Err(ApiError::Forbidden(
                format!("{n}'s lane is outside what you may read").into(),
            ));
        }
    }
    let digest = scope_digest(&caller);
    let version_keys = tally::scope_keys(&access::list_scope(&caller));
    // Versions as of the audit head, from memory while it stands (shared with the board).
    let head = state.feed.recent_head(&state).await?;
    let all = state.boards.versions_at(&state, head).await?;
    let versions: Vec<i64> = version_keys
        .iter()
        .map(|k| all.get(k).copied().unwrap_or(0))
        .collect();
    let tag = lanes_etag(&versions, &digest, &query);
    if none_match(&req, &tag) {
        return Ok(not_modified(tag));
    }
    let now = state.clock.now();
    let query2 = query.clone();
    let (versions_read, lanes_read) = state
        .store
        .run(move |c| {
            // Versions first: a change landing during the reads makes the tag older than the
            // data, never newer.
            let versions = tally::versions_of(c, &version_keys)?;
            let nations: Vec<String> = match (&query2.nation, &visible) {
                (Some(n), _) => vec![n.clone()],
                (None, Some(list)) => list.clone(),
                (None, None) => lanes::nations(c, &key)?,
            };
            let f = query2.filter.clone();
            // A search scans the lanes once; counts and pages come from what it found.
            let hits = match &f.q {
                Some(_) => Some(lanes::search(c, &key, &nations, &f)?),
                None => None,
            };
            let counts = match &hits {
                Some(h) => lanes::hit_counts(h),
                None => lanes::counts(c, &key, &nations, &f)?,
            };
            let per_page = usize::try_from(query2.limit + 1).unwrap_or(1);
            let mut out = Vec::new();
            for n in &nations {
                let mut page = match &hits {
                    Some(h) => {
                        let next = lanes::hits_after(h, n, query2.cursor.as_deref(), per_page);
                        lanes::cards_of(c, &key, n, &next)?
                    }
                    None => {
                        lanes::page(c, &key, n, &f, query2.cursor.as_deref(), query2.limit + 1)?
                    }
                };
                let more = page.len() as i64 > query2.limit;
                page.truncate(usize::try_from(query2.limit).unwrap_or(0));
                let next = if more {
                    page.last().map(|r| r.urgency.clone())
                } else {
                    None
                };
                let by_status: BTreeMap<String, i64> = counts
                    .iter()
                    .filter(|(nation, _, _)| nation == n)
                    .map(|(_, s, k)| (s.clone(), *k))
                    .collect();
                out.push((n.clone(), by_status, page, next));
            }
            Ok::<_, ApiError>((versions, out))
        })
        .await?;
    let tag = lanes_etag(&versions_read, &digest, &query);
    let body = lanes_json(&query, &lanes_read, now);
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, tag))
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .insert_header((header::VARY, "Authorization"))
        .json(body))
}

type Lane = (String, BTreeMap<String, i64>, Vec<LaneRow>, Option<String>);

fn card_json(r: &LaneRow) -> Value {
    json!({
        "notification_id": r.notification_id,
        "reference": r.reference,
        "priority": r.priority,
        "status": r.status,
        "review_status": r.review_status,
        "requester_nation": r.requester_nation,
        "requester_unit": r.requester_unit,
        "due_at": r.due_at.map(utc),
        "stage": r.stage_key,
        "open_stages": r.open_stages,
        "level": r.level,
        "escalation_level": r.escalation_level,
    })
}

fn lanes_json(q: &LaneQuery, lanes: &[Lane], now: chrono::DateTime<chrono::Utc>) -> Value {
    let lanes: Vec<Value> = lanes
        .iter()
        .map(|(nation, counts, cards, next)| {
            json!({
                "nation": nation,
                "total": counts.values().sum::<i64>(),
                "counts": counts,
                "cards": cards.iter().map(card_json).collect::<Vec<_>>(),
                "next_cursor": next,
            })
        })
        .collect();
    json!({
        "generated_at": now,
        "filters": {
            "nation": q.nation,
            "priority": q.filter.priority,
            "status": q.filter.status,
            "level": q.filter.level,
            "q": q.filter.q,
        },
        "limit": q.limit,
        "lanes": lanes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> Result<LaneQuery, Vec<String>> {
        let m: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        lane_query(&m).map_err(|e| match e {
            ApiError::Validation(errs) => errs.into_iter().map(|e| e.field).collect(),
            other => vec![format!("{other:?}")],
        })
    }

    #[test]
    fn a_lane_query_reads_every_filter_and_names_each_bad_one() {
        let q = parse(&[
            ("nation", "DE"),
            ("priority", "crisis"),
            ("status", "in_review"),
            ("level", "2"),
            ("q", "  CRD-2026 "),
            ("limit", "5"),
        ])
        .unwrap();
        assert_eq!(q.nation.as_deref(), Some("DE"));
        assert_eq!(q.filter.q.as_deref(), Some("crd-2026"));
        assert_eq!((q.filter.level, q.limit), (Some(2), 5));
        assert_eq!(
            parse(&[("nation", ""), ("q", ""), ("priority", "")]).unwrap(),
            LaneQuery {
                limit: DEFAULT_LIMIT,
                ..Default::default()
            }
        );
        assert_eq!(
            parse(&[
                ("nation", "XX"),
                ("priority", "urgent"),
                ("status", "withdrawn"),
                ("level", "4"),
                ("limit", "101"),
                ("sort", "x"),
            ])
            .unwrap_err(),
            ["level", "limit", "nation", "priority", "sort", "status"]
        );
        assert_eq!(parse(&[("cursor", "nonsense")]).unwrap_err(), ["cursor"]);
        let key = lanes::urgency(None, 0, "CRD-2026-000001");
        assert_eq!(parse(&[("cursor", &key)]).unwrap_err(), ["cursor"]);
        assert!(parse(&[("cursor", &key), ("nation", "PL")]).is_ok());
        assert_eq!(parse(&[("q", "a\u{0}b")]).unwrap_err(), ["q"]);
        assert_eq!(parse(&[("limit", "")]).unwrap_err(), ["limit"]);
    }

    #[test]
    fn the_lanes_etag_follows_versions_scope_and_query() {
        let q = LaneQuery {
            limit: 12,
            ..Default::default()
        };
        let tag = lanes_etag(&[3], "abc", &q);
        assert_eq!(tag, lanes_etag(&[3], "abc", &q));
        assert_ne!(tag, lanes_etag(&[4], "abc", &q));
        assert_ne!(tag, lanes_etag(&[3], "abd", &q));
        let mut other = q.clone();
        other.filter.priority = Some(Priority::Crisis);
        assert_ne!(tag, lanes_etag(&[3], "abc", &other));
    }
}
