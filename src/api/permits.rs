//! Permit bundles (issue 14): the bundle of a notification, its printable document, the
//! published keys and the signed revocation list.

use crate::i18n::msg;
use actix_web::http::header;
use actix_web::{web, HttpResponse};
use serde_json::json;

use super::caller::Caller;
use super::problem::ApiError;
use super::AppState;
use crate::domain::NotificationStatus;
use crate::notification;
use crate::permit::claims::PermitClaims;
use crate::permit::{self, document, keys, rows};
use crate::store::notifications::Stored;

fn ring() -> Result<std::sync::Arc<keys::KeyRing>, ApiError> {
    keys::installed().ok_or_else(|| ApiError::Unavailable("no permit signing key is loaded".into()))
}

/// The notification (if the caller may read it) and its standing bundle; 409 naming what is
/// missing when there is none.
async fn bundle(
    state: &AppState,
    caller: &Caller,
    id: String,
) -> Result<(Stored, rows::PermitRow, PermitClaims), ApiError> {
    let who = caller.0.clone();
    let (s, row) = state
        .store
        .run(move |conn| {
            crate::store::snapshot(conn, |conn| {
                let s = Stored::load(conn, &id)?
                    .filter(|s| notification::readable(&who, s))
                    .ok_or_else(|| ApiError::NotFound(msg!("problem-no-notification", id = &id)))?;
                let row = rows::active(conn, &id)?;
                Ok::<_, ApiError>((s, row))
            })
        })
        .await?;
    let n = &s.notification;
    let row = match row {
        Some(r) if n.status == NotificationStatus::Approved => r,
        _ if n.status == NotificationStatus::Approved => {
            return Err(ApiError::Internal(format!(
                "{} is approved but has no permit bundle",
                n.reference
            )))
        }
        _ => {
            let open: Vec<String> = s
                .reviews
                .iter()
                .filter(|r| {
                    r.status != NotificationStatus::Withdrawn
                        && r.status != NotificationStatus::Approved
                })
                .map(|r| format!("{} ({})", r.nation, r.status))
                .collect();
            return Err(ApiError::Conflict(
                if matches!(
                    n.status,
                    NotificationStatus::InReview | NotificationStatus::ChangesRequested
                ) {
                    msg!(
                        "problem-no-permit-yet",
                        reference = &n.reference,
                        open = open.join(", ")
                    )
                } else {
                    msg!(
                        "problem-no-valid-permit",
                        reference = &n.reference,
                        status = n.status.as_str()
                    )
                },
            ));
        }
    };
    let claims = row.claims.0.clone();
    Ok((s, row, claims))
}

/// `GET /v1/notifications/{id}/permit`: the signed bundle and its claims.
pub async fn get(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (_, row, claims) = bundle(&state, &caller, id.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .json(json!({
            "token": row.token,
            "claims": claims,
            "kid": row.kid,
            "issued_at": row.issued_at,
        })))
}

/// `GET /v1/notifications/{id}/permit/document`: the printable A4 permit with its QR code.
pub async fn document(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let (s, row, claims) = bundle(&state, &caller, id.into_inner()).await?;
    let ring = ring()?;
    let qr = document::qr_payload(&claims, &row.token, &ring).map_err(ApiError::Internal)?;
    let html = document::render(
        &claims,
        &s.notification.requester_nation,
        &s.notification.requester_unit,
        &qr,
    )
    .map_err(ApiError::Internal)?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/html; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
        ))
        .body(html))
}

/// `GET /v1/permits/keys` and `/.well-known/jwks.json`: the public keys (JWKS).
pub async fn keys(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let now = state.clock.now();
    let set = state
        .store
        .run(move |conn| permit::jwks(conn, now).map_err(ApiError::from))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "application/jwk-set+json"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .body(set.to_string()))
}

/// `GET /v1/permits/revocations`: the signed revocation list.
pub async fn revocations(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    let now = state.clock.now();
    let ring = ring()?;
    let (token, list) = state
        .store
        .run(move |conn| permit::revocations(conn, &ring, now))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "public, max-age=60"))
        .json(json!({"token": token, "claims": list})))
}
