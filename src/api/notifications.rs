//! `/v1/notifications…`: submit, read, list, amend, withdraw, decide, waive, trail.

use crate::i18n::msg;
use std::collections::HashMap;

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::body::Body;
use super::caller::Caller;
use super::problem::ApiError;
use super::AppState;
use crate::auth::access;
use crate::domain::{
    FieldError, Movement, MovementInput, Nation, NotificationStatus, Outcome, Priority,
};
use crate::notification::view::{etag, view};
use crate::notification::{self, Ctx, DecisionRequest};
use crate::policy::{evaluate, Evaluation, PolicySet};
use crate::store::audit;
use crate::store::idempotency::{self, StoredAnswer};
use crate::store::notifications::{self as rows, ListFilter, Stored};

fn header_str<'a>(req: &'a HttpRequest, name: &str) -> Option<&'a str> {
    req.headers().get(name).and_then(|v| v.to_str().ok())
}

/// Parses and evaluates a movement at the edge: every failing field, or the evaluation.
fn parse_and_evaluate(
    input: MovementInput,
    set: &PolicySet,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(Movement, Evaluation), ApiError> {
    let movement = Movement::parse(input).map_err(ApiError::Validation)?;
    let eval = evaluate(&movement, set, now).map_err(ApiError::Validation)?;
    Ok((movement, eval))
}

fn own_submission(caller: &Caller, m: &MovementInput) -> Result<(), ApiError> {
    access::may_submit(caller).map_err(ApiError::Forbidden)?;
    let mut errs = Vec::new();
    if caller.nation != Some(m.requester.nation) {
        errs.push(FieldError::new(
            "requester.nation",
            msg!("problem-own-nation"),
        ));
    }
    if caller.unit.as_deref() != Some(m.requester.unit.as_str()) {
        errs.push(FieldError::new("requester.unit", msg!("problem-own-unit")));
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Validation(errs))
    }
}

/// The notification's JSON body and its ETag.
fn representation(s: &Stored) -> Result<(String, String), ApiError> {
    let body = serde_json::to_string(&view(s)).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok((body, etag(s.notification.revision)))
}

fn respond(
    status: u16,
    body: String,
    tag: Option<String>,
    location: Option<String>,
) -> HttpResponse {
    let mut r = HttpResponse::build(
        actix_web::http::StatusCode::from_u16(status).unwrap_or(actix_web::http::StatusCode::OK),
    );
    r.insert_header((header::CONTENT_TYPE, "application/json"));
    r.insert_header((header::CACHE_CONTROL, "private, no-cache"));
    if let Some(t) = tag {
        r.insert_header((header::ETAG, t));
    }
    if let Some(l) = location {
        r.insert_header((header::LOCATION, l));
    }
    r.body(body)
}

/// `POST /v1/notifications`: submit; `Idempotency-Key` makes a retry return the first answer.
pub async fn submit(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: Body<MovementInput>,
) -> Result<HttpResponse, ApiError> {
    own_submission(&caller, &body.value)?;
    let per_minute = state.settings.submissions_per_minute;
    state
        .submissions
        .take(&caller.user_id, per_minute, state.clock.now())
        .map_err(|retry_after| ApiError::RateExceeded {
            limit: msg!("problem-submission-rate", count = per_minute),
            retry_after,
        })?;
    // A key that is not visible ASCII is refused, not ignored: the client counts on it.
    if req
        .headers()
        .get("idempotency-key")
        .is_some_and(|v| v.to_str().is_err())
    {
        return Err(ApiError::Validation(vec![FieldError::new(
            "Idempotency-Key",
            msg!("problem-idempotency-key-ascii"),
        )]));
    }
    let key = match header_str(&req, "idempotency-key") {
        Some(k) if k.is_empty() || k.len() > 200 => {
            return Err(ApiError::Validation(vec![FieldError::new(
                "Idempotency-Key",
                msg!("problem-idempotency-key-length"),
            )]))
        }
        Some(k) => Some(k.to_string()),
        None => None::<String>,
    };
    let fingerprint = idempotency::fingerprint("POST", req.path(), &body.raw);
    let now = state.clock.now();
    let set = state.policies();
    // A new notification is for a movement to come (or one under way since yesterday at most):
    // a departure more than a day before now is a wrong date, not a late notification. An
    // amendment of a movement under way keeps its real departure, so only submissions check.
    if body.value.departure_at < now - chrono::Duration::hours(24) {
        return Err(ApiError::Validation(vec![FieldError::new(
            "departure_at",
            msg!("problem-departure-past"),
        )]));
    }
    let (movement, eval) = parse_and_evaluate(body.value, &set, now)?;
    let who = caller.0.clone();
    let principal = who.user_id.clone();
    let attempt = {
        let (key, fingerprint, who, set, movement, eval) = (
            key.clone(),
            fingerprint.clone(),
            who.clone(),
            set.clone(),
            movement.clone(),
            eval.clone(),
        );
        let url = state.settings.public_url.clone();
        state
            .store
            .write(move |conn| {
                if let Some(k) = &key {
                    if let Some(first) = idempotency::find(conn, &who.user_id, k)? {
                        return Ok(Err(first));
                    }
                }
                let ctx = Ctx {
                    policies: &set,
                    now,
                    who: &who,
                    public_url: &url,
                };
                let stored = notification::submit(conn, &ctx, &movement, &eval)?;
                let (body, tag) = representation(&stored)?;
                let answer = StoredAnswer {
                    request_hash: fingerprint.clone(),
                    status: 201,
                    body,
                    location: Some(format!("/v1/notifications/{}", stored.notification.id)),
                    etag: Some(tag),
                };
                if let Some(k) = &key {
                    idempotency::record(conn, &who.user_id, k, &answer, now)?;
                }
                Ok::<_, ApiError>(Ok(answer))
            })
            .await
    };
    let answer = match attempt {
        Ok(Ok(fresh)) => fresh,
        Ok(Err(first)) => replay(first, &fingerprint)?,
        // A concurrent request with the same key committed first: answer as it did.
        Err(ApiError::Conflict(why)) if key.is_some() => {
            let k = key.clone().unwrap_or_default();
            let first = state
                .store
                .run(move |conn| idempotency::find(conn, &principal, &k).map_err(ApiError::from))
                .await?;
            match first {
                Some(first) => replay(first, &fingerprint)?,
                None => return Err(ApiError::Conflict(why)),
            }
        }
        Err(e) => return Err(e),
    };
    Ok(respond(
        answer.status as u16,
        answer.body,
        answer.etag,
        answer.location,
    ))
}

fn replay(first: StoredAnswer, fingerprint: &str) -> Result<StoredAnswer, ApiError> {
    if first.request_hash != fingerprint {
        return Err(ApiError::Unprocessable(msg!(
            "problem-idempotency-key-reused"
        )));
    }
    Ok(first)
}

/// Runs one lifecycle change in a write transaction and answers 200 with the notification.
async fn change<F>(
    state: &AppState,
    caller: Caller,
    now: chrono::DateTime<chrono::Utc>,
    set: std::sync::Arc<PolicySet>,
    mut op: F,
) -> Result<HttpResponse, ApiError>
where
    F: FnMut(&mut crate::store::Db, &Ctx<'_>) -> Result<Stored, ApiError> + Send + 'static,
{
    let who = caller.0;
    let url = state.settings.public_url.clone();
    let s = state
        .store
        .write(move |conn| {
            op(
                conn,
                &Ctx {
                    policies: &set,
                    now,
                    who: &who,
                    public_url: &url,
                },
            )
        })
        .await?;
    let (body, tag) = representation(&s)?;
    Ok(respond(200, body, Some(tag), None))
}

/// Whether the caller may see the notification: the scope `notification::readable` applies.
fn may_read(who: &crate::auth::Identity, head: &rows::NotificationHead) -> bool {
    let route: Vec<Nation> = head
        .nations
        .iter()
        .filter_map(|n| Nation::parse(n).ok())
        .collect();
    access::may_read(who, &head.requester_nation, &head.requester_unit, &route)
}

/// Reads something of a notification the caller may see (404 otherwise), on one connection.
async fn read_in_scope<T: Send + 'static>(
    state: &AppState,
    caller: &Caller,
    id: String,
    read: fn(&mut crate::store::Db, &str) -> diesel::QueryResult<T>,
) -> Result<T, ApiError> {
    let who = caller.0.clone();
    state
        .store
        .run(move |conn| {
            let head = rows::head(conn, &id)?
                .ok_or_else(|| ApiError::NotFound(msg!("problem-no-notification", id = &id)))?;
            if !may_read(&who, &head) {
                return Err(ApiError::NotFound(msg!(
                    "problem-no-notification",
                    id = &id
                )));
            }
            read(conn, &id).map_err(ApiError::from)
        })
        .await
}

/// Loads a notification the caller may see, or 404.
async fn load_readable(state: &AppState, caller: &Caller, id: String) -> Result<Stored, ApiError> {
    let who = caller.0.clone();
    state
        .store
        .run(move |conn| {
            let s = crate::store::snapshot(conn, |c| Stored::load(c, &id))?;
            match s {
                Some(s) if notification::readable(&who, &s) => Ok(s),
                _ => Err(ApiError::NotFound(msg!(
                    "problem-no-notification",
                    id = &id
                ))),
            }
        })
        .await
}

/// `GET /v1/notifications/{id}`: the notification; 304 when If-None-Match matches.
pub async fn get(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    if req.headers().contains_key(header::IF_NONE_MATCH) {
        // A poll that matches is answered from the notification's row and its nations alone.
        let (who, nid) = (caller.0.clone(), id.clone());
        let head = state
            .store
            .run(move |conn| rows::head(conn, &nid).map_err(ApiError::from))
            .await?;
        let Some(head) = head else {
            return Err(ApiError::NotFound(msg!(
                "problem-no-notification",
                id = &id
            )));
        };
        if !may_read(&who, &head) {
            return Err(ApiError::NotFound(msg!(
                "problem-no-notification",
                id = &id
            )));
        }
        let tag = etag(head.revision);
        if super::etag::none_match(&req, &tag) {
            return Ok(super::board::not_modified(tag));
        }
    }
    let s = load_readable(&state, &caller, id).await?;
    let (body, tag) = representation(&s)?;
    Ok(respond(200, body, Some(tag), None))
}

/// `PUT /v1/notifications/{id}`: amend (If-Match).
pub async fn amend(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Body<MovementInput>,
) -> Result<HttpResponse, ApiError> {
    let tag = super::etag::if_match(&req)?;
    own_submission(&caller, &body.value)?;
    let now = state.clock.now();
    let set = state.policies();
    let (movement, eval) = parse_and_evaluate(body.value, &set, now)?;
    let id = id.into_inner();
    change(&state, caller, now, set, move |conn, ctx| {
        notification::amend(conn, ctx, &id, &movement, &eval, &tag)
    })
    .await
}

/// Optional reason for a withdrawal.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WithdrawRequest {
    #[serde(default)]
    reason: Option<String>,
}

/// `POST /v1/notifications/{id}/withdraw`.
pub async fn withdraw(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let bytes = payload
        .to_bytes_limited(state.settings.body_limit)
        .await
        .map_err(|_| ApiError::TooLarge(state.settings.body_limit))?
        .map_err(|e| {
            ApiError::Malformed(msg!("problem-body-unreadable", error = e.to_string()), None)
        })?;
    let reason = if bytes.iter().all(u8::is_ascii_whitespace) {
        None
    } else {
        let ct = header_str(&req, "content-type").unwrap_or("");
        if !ct.starts_with("application/json") {
            return Err(ApiError::UnsupportedMediaType(msg!("problem-send-json")));
        }
        super::body::parse_json::<WithdrawRequest>(&bytes)?.reason
    };
    // Bounded like decision and waiver reasons: it is stored and replayed to every reader.
    if reason.as_ref().is_some_and(|r| r.chars().count() > 4000) {
        return Err(ApiError::Validation(vec![FieldError::new(
            "reason",
            msg!("problem-reason-too-long"),
        )]));
    }
    let now = state.clock.now();
    let set = state.policies();
    let id = id.into_inner();
    change(&state, caller, now, set, move |conn, ctx| {
        notification::withdraw(conn, ctx, &id, reason.clone())
    })
    .await
}

/// The field message for a value that is no nation's ISO 3166-1 alpha-2 code.
pub fn nation_code(value: &str) -> crate::i18n::Msg {
    msg!("problem-nation-code", value = value)
}

/// The field message for a value outside a wire enum's names.
fn not_one_of<'a>(value: &str, names: impl Iterator<Item = &'a str>) -> crate::i18n::Msg {
    msg!(
        "problem-not-one-of",
        value = value,
        values = names.collect::<Vec<_>>().join(", ")
    )
}

/// A decision on a stage.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionBody {
    outcome: Outcome,
    #[serde(default)]
    conditions: Vec<String>,
    #[serde(default)]
    reason: Option<String>,
}

fn nation_param(s: &str) -> Result<Nation, ApiError> {
    Nation::parse(s)
        .map_err(|_| ApiError::Validation(vec![FieldError::new("nation", nation_code(s))]))
}

/// `POST /v1/notifications/{id}/nations/{nation}/stages/{key}/decision` (If-Match).
pub async fn decide(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<(String, String, String)>,
    body: Body<DecisionBody>,
) -> Result<HttpResponse, ApiError> {
    let (id, nation, key) = path.into_inner();
    let nation = nation_param(&nation)?;
    if let Err(refusal) = access::decides_stages(&caller) {
        // Scope first: someone who may not see it learns nothing from a 403.
        load_readable(&state, &caller, id.clone()).await?;
        return Err(ApiError::Forbidden(refusal));
    }
    let tag = super::etag::if_match(&req)?;
    if body.value.conditions.len() > 50
        || body.value.conditions.iter().any(|c| c.len() > 1000)
        || body.value.reason.as_ref().is_some_and(|r| r.len() > 4000)
    {
        return Err(ApiError::Validation(vec![FieldError::new(
            "conditions",
            msg!("problem-conditions-too-long"),
        )]));
    }
    let d = DecisionRequest {
        nation,
        key,
        outcome: body.value.outcome,
        conditions: body.value.conditions,
        reason: body.value.reason,
    };
    let now = state.clock.now();
    let set = state.policies();
    change(&state, caller, now, set, move |conn, ctx| {
        notification::decide(conn, ctx, &id, d.clone(), &tag)
    })
    .await
}

/// A coordinator's waiver.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaiverBody {
    reason: String,
}

/// `POST /v1/notifications/{id}/nations/{nation}/waiver` (coordinator, If-Match).
pub async fn waive(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    body: Body<WaiverBody>,
) -> Result<HttpResponse, ApiError> {
    let (id, nation) = path.into_inner();
    let nation = nation_param(&nation)?;
    let tag = super::etag::if_match(&req)?;
    let reason = body.value.reason.trim().to_string();
    if reason.is_empty() || reason.len() > 4000 {
        return Err(ApiError::Validation(vec![FieldError::new(
            "reason",
            msg!("problem-waiver-reason"),
        )]));
    }
    let now = state.clock.now();
    let set = state.policies();
    change(&state, caller, now, set, move |conn, ctx| {
        notification::waive(conn, ctx, &id, nation, reason.clone(), &tag)
    })
    .await
}

/// `GET /v1/notifications/{id}/events`: the audit trail.
pub async fn events(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let events = read_in_scope(&state, &caller, id.into_inner(), audit::for_notification).await?;
    let items: Vec<serde_json::Value> = events.iter().map(event_json).collect();
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .json(serde_json::json!({"items": items})))
}

/// An audit event on the wire.
pub fn event_json(e: &audit::EventRow) -> serde_json::Value {
    serde_json::json!({
        "seq": e.seq,
        "notification_id": e.notification_id,
        "at": e.at,
        "actor": e.actor,
        "role": e.role,
        "nation": e.nation,
        "action": e.action,
        "status_before": e.status_before,
        "status_after": e.status_after,
        "policy_version": e.policy_version,
        "detail": e.detail,
        "hash": e.hash,
    })
}

/// `GET /v1/notifications/{id}/versions`: every version the requester submitted.
pub async fn versions(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let versions = read_in_scope(&state, &caller, id.into_inner(), rows::versions).await?;
    let items: Vec<serde_json::Value> = versions
        .into_iter()
        .map(|(v, m, by, at)| serde_json::json!({"version": v, "created_by": by, "created_at": at, "movement": m}))
        .collect();
    Ok(HttpResponse::Ok().json(serde_json::json!({"items": items})))
}

/// Parses the list's query parameters, naming any that is wrong.
pub fn list_filter(q: &HashMap<String, String>) -> Result<ListFilter, ApiError> {
    let mut errs = Vec::new();
    let mut f = ListFilter {
        limit: 50,
        ..Default::default()
    };
    for (k, v) in q {
        match k.as_str() {
            "status" => match v.parse::<NotificationStatus>() {
                Ok(s) => f.status = Some(s.to_string()),
                Err(_) => errs.push(FieldError::new(
                    "status",
                    not_one_of(v, NotificationStatus::ALL.iter().map(|s| s.as_str())),
                )),
            },
            "priority" => match v.parse::<Priority>() {
                Ok(p) => f.priority = Some(p.to_string()),
                Err(_) => errs.push(FieldError::new(
                    "priority",
                    not_one_of(v, Priority::ALL.iter().map(|p| p.as_str())),
                )),
            },
            "nation" => match Nation::parse(v) {
                Ok(n) => f.nation = Some(n.to_string()),
                Err(_) => errs.push(FieldError::new("nation", nation_code(v))),
            },
            "at_risk" => match v.as_str() {
                "true" => f.at_risk = Some(true),
                "false" => f.at_risk = Some(false),
                _ => errs.push(FieldError::new("at_risk", msg!("problem-true-or-false"))),
            },
            "limit" => match v.parse::<i64>() {
                Ok(n) if (1..=200).contains(&n) => f.limit = n,
                _ => errs.push(FieldError::new(
                    "limit",
                    msg!("problem-limit-range", max = 200),
                )),
            },
            "cursor" => match uuid::Uuid::parse_str(v) {
                Ok(u) => f.before = Some(u.to_string()),
                Err(_) => errs.push(FieldError::new("cursor", msg!("problem-bad-cursor"))),
            },
            other => errs.push(FieldError::new(other, msg!("problem-unknown-parameter"))),
        }
    }
    if errs.is_empty() {
        Ok(f)
    } else {
        Err(ApiError::Validation(errs))
    }
}

/// `GET /v1/notifications`: the caller's notifications, newest first, keyset-paged.
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let f = list_filter(&q)?;
    let scope = access::list_scope(&caller);
    let limit = f.limit;
    let page = state
        .store
        .run(move |conn| rows::list(conn, &scope, &f).map_err(ApiError::from))
        .await?;
    let next_cursor = (page.len() as i64 == limit)
        .then(|| page.last().map(|(n, _)| n.id.clone()))
        .flatten();
    let items: Vec<serde_json::Value> = page
        .iter()
        .map(|(n, rs)| {
            serde_json::json!({
                "id": n.id, "reference": n.reference, "status": n.status, "version": n.version,
                "priority": n.priority, "kind": n.kind,
                "requester_nation": n.requester_nation, "requester_unit": n.requester_unit,
                "departure_at": n.departure_at, "arrival_at": n.arrival_at,
                "due_at": n.due_at, "escalation_level": n.escalation_level,
                "submitted_at": n.submitted_at, "updated_at": n.updated_at,
                "nations": rs.iter().filter(|r| r.status != NotificationStatus::Withdrawn).map(|r| serde_json::json!({
                    "nation": r.nation, "status": r.status, "permit_number": r.permit_number, "due_at": r.due_at,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .json(serde_json::json!({"items": items, "next_cursor": next_cursor})))
}

/// `POST /v1/notifications/{id}/escalations/{escalation_id}/acknowledge` (coordinator).
pub async fn acknowledge(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (id, escalation) = path.into_inner();
    let now = state.clock.now();
    let set = state.policies();
    change(&state, caller, now, set, move |conn, ctx| {
        notification::acknowledge(conn, ctx, &id, &escalation)
    })
    .await
}
