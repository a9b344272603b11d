//! `GET /v1/queue` (issue 16): the open stages the caller may decide, soonest due first, with
//! time left and escalation level, keyset-paged, with a weak ETag that moves only with writes
//! to notifications crossing the caller's nation.

use std::collections::HashMap;

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::caller::Caller;
use super::problem::ApiError;
use super::AppState;
use crate::auth::access;
use crate::domain::FieldError;
use crate::store::board_tally as tally;
use crate::store::queue::{self as rows, QueueCursor, QueueEntry, QueueScope};

/// Stages per page unless `limit` says otherwise.
const DEFAULT_LIMIT: i64 = 50;
/// The most stages one page holds.
const MAX_LIMIT: i64 = 200;

/// The queue's query: page size and where to continue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueQuery {
    /// Stages per page.
    pub limit: i64,
    /// After this stage.
    pub cursor: Option<QueueCursor>,
}

/// Parses the queue's query parameters, naming every one that is wrong. Pure.
pub fn queue_query(q: &HashMap<String, String>) -> Result<QueueQuery, Vec<FieldError>> {
    let mut errs = Vec::new();
    let mut out = QueueQuery {
        limit: DEFAULT_LIMIT,
        cursor: None,
    };
    for (k, v) in q {
        match k.as_str() {
            "limit" => match v.parse::<i64>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => out.limit = n,
                _ => errs.push(FieldError::new(
                    "limit",
                    format!("a whole number from 1 to {MAX_LIMIT}"),
                )),
            },
            "cursor" => match QueueCursor::decode(v) {
                Some(c) => out.cursor = Some(c),
                None => errs.push(FieldError::new(
                    "cursor",
                    "not a cursor this queue gave out",
                )),
            },
            other => errs.push(FieldError::new(other, "unknown query parameter")),
        }
    }
    if errs.is_empty() {
        Ok(out)
    } else {
        Err(errs)
    }
}

/// The queue's weak ETag: the version of the nation's board scope (moved by every write that
/// changes what the board, and so the queue, shows of a notification crossing it), the scope
/// and the page asked for. Pure.
pub fn queue_etag(version: i64, scope: &QueueScope, q: &QueueQuery) -> String {
    let key = json!([
        version,
        scope.nation,
        scope.stages,
        q.limit,
        q.cursor.as_ref().map(QueueCursor::encode)
    ]);
    let digest = hex::encode(&Sha256::digest(key.to_string().as_bytes())[..9]);
    format!("W/\"q{digest}\"")
}

/// `GET /v1/queue`: the caller's queue; 304 when `If-None-Match` holds the current ETag.
pub async fn queue(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    q: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let scope = access::queue_scope(&caller).map_err(ApiError::Forbidden)?;
    let query = queue_query(&q).map_err(ApiError::Validation)?;
    let key = tally::nation_key(&scope.nation);
    let now = state.clock.now();
    // The version first: a write landing after it makes the tag older than the page, never
    // newer, so a poll can miss no change.
    let version = state
        .store
        .run(move |c| tally::versions_of(c, std::slice::from_ref(&key)).map_err(ApiError::from))
        .await?
        .first()
        .copied()
        .unwrap_or(0);
    let tag = queue_etag(version, &scope, &query);
    if super::etag::none_match(&req, &tag) {
        return Ok(super::board::not_modified(tag));
    }
    let (s, qq) = (scope.clone(), query.clone());
    let (entries, more) = state
        .store
        .run(move |c| rows::page(c, &s, qq.cursor.as_ref(), qq.limit).map_err(ApiError::from))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::ETAG, tag))
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .insert_header((header::VARY, "Authorization"))
        .json(queue_json(&scope, &entries, more, now)))
}

/// The queue on the wire.
fn queue_json(scope: &QueueScope, entries: &[QueueEntry], more: bool, now: DateTime<Utc>) -> Value {
    let items: Vec<Value> = entries
        .iter()
        .map(|e| {
            let st = &e.stage;
            json!({
                "notification_id": st.notification_id,
                "reference": e.header.reference,
                "priority": e.header.priority,
                "requester_nation": e.header.requester_nation,
                "requester_unit": e.header.requester_unit,
                "route": e.header.route,
                "nation": st.nation,
                "stage": st.stage_key,
                "stage_name": st.name,
                "round": st.round,
                "opened_at": st.opened_at,
                "due_at": st.due_at,
                "time_left_seconds": (st.due_at - now).num_seconds(),
                "escalation_level": st.escalation_level,
            })
        })
        .collect();
    let next_cursor = more
        .then(|| {
            entries.last().map(|e| {
                QueueCursor {
                    due_at: crate::store::types::micros(e.stage.due_at),
                    stage_id: e.stage.id.clone(),
                }
                .encode()
            })
        })
        .flatten();
    json!({
        "generated_at": now,
        "nation": scope.nation,
        "stages": scope.stages,
        "items": items,
        "next_cursor": next_cursor,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn parameters_are_read_or_named() {
        assert_eq!(
            queue_query(&q(&[])).unwrap(),
            QueueQuery {
                limit: 50,
                cursor: None
            }
        );
        assert_eq!(queue_query(&q(&[("limit", "200")])).unwrap().limit, 200);
        let named = |pairs: &[(&str, &str)]| -> Vec<String> {
            queue_query(&q(pairs))
                .unwrap_err()
                .iter()
                .map(|e| e.field.clone())
                .collect()
        };
        assert_eq!(named(&[("limit", "0")]), ["limit"]);
        assert_eq!(named(&[("limit", "201")]), ["limit"]);
        assert_eq!(named(&[("limit", "ten")]), ["limit"]);
        assert_eq!(named(&[("cursor", "r3")]), ["cursor"]);
        assert_eq!(named(&[("nation", "DE")]), ["nation"]);
    }

    #[test]
    fn the_etag_follows_version_scope_and_page() {
        let de = QueueScope {
            nation: "DE".into(),
            stages: Some(vec!["movcon".into()]),
        };
        let first = QueueQuery {
            limit: 50,
            cursor: None,
        };
        let tag = queue_etag(4, &de, &first);
        assert!(tag.starts_with("W/\"q"), "{tag}");
        assert_eq!(tag, queue_etag(4, &de.clone(), &first.clone()));
        assert_ne!(tag, queue_etag(5, &de, &first));
        let all = QueueScope {
            stages: None,
            ..de.clone()
        };
        assert_ne!(tag, queue_etag(4, &all, &first));
        let smaller = QueueQuery {
            limit: 10,
            ..first.clone()
        };
        assert_ne!(tag, queue_etag(4, &de, &smaller));
    }
}
