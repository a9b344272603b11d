//! `/v1/standing…` (issue 15): coordinators list, suspend, resume, revoke and widen the
//! standing authorisations their nation approved; requesters list those they may use.

use crate::i18n::msg;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::json;

use super::caller::Caller;
use super::problem::ApiError;
use super::AppState;
use crate::domain::FieldError;
use crate::domain::{Holders, StandingStatus};
use crate::standing::{self, Change};
use crate::store::standing::StandingRow;
use crate::store::write;

/// One authorisation as the API shows it: its row and its envelope.
pub fn standing_json(row: &StandingRow) -> serde_json::Value {
    let envelope = &row.envelope;
    json!({
        "id": row.id,
        "notification_id": row.notification_id,
        "nation": row.nation,
        "permit_number": row.permit_number,
        "holder_nation": row.holder_nation,
        "holder_unit": row.holder_unit,
        "holders": row.holders,
        "status": row.status,
        "valid_from": row.valid_from,
        "valid_until": row.valid_until,
        "approved_at": row.approved_at,
        "status_at": row.status_at,
        "status_by": row.status_by,
        "status_reason": row.status_reason,
        "priorities": envelope.priorities,
        "vehicle_types": envelope.vehicle_types,
        "goods": envelope.goods,
        "passages": envelope.passages,
        "covered_rules": envelope.covered_rules,
        "conditions": envelope.conditions,
    })
}

/// `GET /v1/standing?status=&limit=`: the authorisations in the caller's scope.
pub async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<std::collections::HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let mut errors = Vec::new();
    let status = match query.get("status").map(|s| s.parse::<StandingStatus>()) {
        None => None,
        Some(Ok(s)) => Some(s),
        Some(Err(_)) => {
            errors.push(FieldError::new(
                "status",
                msg!(
                    "problem-one-of",
                    values = "active, suspended, revoked, expired, lapsed"
                ),
            ));
            None
        }
    };
    let limit = match query.get("limit").map(|l| l.parse::<i64>()) {
        None => 100,
        Some(Ok(l)) if (1..=1000).contains(&l) => l,
        Some(_) => {
            errors.push(FieldError::new(
                "limit",
                msg!("problem-limit-range", max = 1000),
            ));
            0
        }
    };
    if let Some(k) = query
        .keys()
        .find(|k| !matches!(k.as_str(), "status" | "limit"))
    {
        errors.push(FieldError::new(
            k.clone(),
            msg!("problem-unknown-parameter"),
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let who = caller.0;
    let rows = state
        .store
        .run(move |conn| standing::list(conn, &who, status, limit))
        .await?;
    let items: Vec<_> = rows.iter().map(standing_json).collect();
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "private, no-cache"))
        .json(json!({ "items": items })))
}

/// The body of suspend, resume and revoke: an optional reason.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReasonBody {
    #[serde(default)]
    reason: Option<String>,
}

/// The body of a change of holders.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HoldersBody {
    holders: String,
    #[serde(default)]
    reason: Option<String>,
}

async fn optional_body<T: DeserializeOwned + Default>(
    state: &AppState,
    req: &HttpRequest,
    payload: web::Payload,
) -> Result<T, ApiError> {
    let bytes = payload
        .to_bytes_limited(state.settings.body_limit)
        .await
        .map_err(|_| ApiError::TooLarge(state.settings.body_limit))?
        .map_err(|e| {
            ApiError::Malformed(msg!("problem-body-unreadable", error = e.to_string()), None)
        })?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    let ct = req
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !ct.starts_with("application/json") {
        return Err(ApiError::UnsupportedMediaType(msg!("problem-send-json")));
    }
    super::body::parse_json::<T>(&bytes)
}

fn bounded(reason: &Option<String>) -> Result<(), ApiError> {
    if reason.as_ref().is_some_and(|r| r.chars().count() > 4000) {
        return Err(ApiError::Validation(vec![FieldError::new(
            "reason",
            msg!("problem-reason-too-long"),
        )]));
    }
    Ok(())
}

async fn apply(
    state: &AppState,
    caller: Caller,
    id: String,
    change: Change,
    reason: Option<String>,
) -> Result<HttpResponse, ApiError> {
    bounded(&reason)?;
    let now = state.clock.now();
    let who = caller.0;
    let row = state
        .store
        .run(move |conn| {
            write(conn, |conn| {
                standing::change(conn, &who, &id, change, reason, now)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(standing_json(&row)))
}

async fn act(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: String,
    payload: web::Payload,
    change: Change,
) -> Result<HttpResponse, ApiError> {
    let body: ReasonBody = optional_body(&state, &req, payload).await?;
    apply(&state, caller, id, change, body.reason).await
}

/// `POST /v1/standing/{id}/suspend`.
pub async fn suspend(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    act(
        state,
        caller,
        req,
        id.into_inner(),
        payload,
        Change::Suspend,
    )
    .await
}

/// `POST /v1/standing/{id}/resume`.
pub async fn resume(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    act(state, caller, req, id.into_inner(), payload, Change::Resume).await
}

/// `POST /v1/standing/{id}/revoke`.
pub async fn revoke(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    act(state, caller, req, id.into_inner(), payload, Change::Revoke).await
}

/// `POST /v1/standing/{id}/holders`: `unit` or `nation`.
pub async fn holders(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let body: Option<HoldersBody> =
        optional_body::<Option<HoldersBody>>(&state, &req, payload).await?;
    let Some(body) = body else {
        return Err(ApiError::Validation(vec![FieldError::new(
            "holders",
            msg!("problem-holders-required"),
        )]));
    };
    let h = body.holders.parse::<Holders>().map_err(|_| {
        ApiError::Validation(vec![FieldError::new(
            "holders",
            format!("`{}` is not `unit` or `nation`", body.holders),
        )])
    })?;
    apply(
        &state,
        caller,
        id.into_inner(),
        Change::Holders(h),
        body.reason,
    )
    .await
}
