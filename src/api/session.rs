//! `POST /v1/auth/token` and `GET /v1/me`.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::body::Body;
use super::caller::Caller;
use super::problem::ApiError;
use super::AppState;
use crate::auth::{verify_password, Identity, PasswordCheck};
use crate::store::UserRow;

/// Login request.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    username: String,
    password: String,
}

/// Login answer.
#[derive(Debug, Serialize)]
struct TokenResponse {
    access_token: String,
    token_type: &'static str,
    expires_in: i64,
}

/// The one answer to every failed login, so it never says which part was wrong.
fn bad_credentials() -> ApiError {
    ApiError::Unauthorized("invalid username or password".into())
}

/// `POST /v1/auth/token`: username and password for a short-lived bearer token.
pub async fn token(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Body<TokenRequest>,
) -> Result<HttpResponse, ApiError> {
    let TokenRequest { username, password } = body.value;
    if username.is_empty() || username.len() > 200 || password.len() > 1024 {
        return Err(bad_credentials());
    }
    let addr = req
        .peer_addr()
        .map(|a| a.ip().to_string())
        .unwrap_or_default();
    let keys = vec![format!("user:{username}"), format!("addr:{addr}")];
    let now = state.clock.now();
    if let Some(wait) = state.throttle.retry_after(&keys, now) {
        return Err(ApiError::TooManyRequests(wait));
    }
    let name = username.clone();
    let user = state
        .store
        .run(move |c| UserRow::by_username(c, &name).map_err(ApiError::from))
        .await?;
    // argon2 takes tens of milliseconds of CPU: never on the executor.
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    let check = web::block(move || verify_password(&password, hash.as_deref()))
        .await
        .map_err(|e| ApiError::Internal(format!("password check failed: {e}")))?;
    let user = match (check, user) {
        (PasswordCheck::Match, Some(u)) => u,
        _ => {
            state.throttle.record_failure(&keys, now);
            tracing::info!(username = ?username, addr = %addr, "failed login");
            return Err(bad_credentials());
        }
    };
    let who = identity_of(&user)?;
    let access_token = state
        .tokens
        .issue(&who, now)
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    tracing::info!(username = ?who.username, role = %who.role, "token issued");
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(TokenResponse {
            access_token,
            token_type: "Bearer",
            expires_in: state.tokens.ttl_seconds(),
        }))
}

/// The identity a stored user carries into a token.
pub fn identity_of(u: &UserRow) -> Result<Identity, ApiError> {
    crate::auth::access::identity_of(u)
        .map_err(|what| ApiError::Internal(format!("user {} has an unusable {what}", u.username)))
}

/// `GET /v1/me`: the caller's identity.
pub async fn me(caller: Caller) -> HttpResponse {
    let c = caller.0;
    HttpResponse::Ok()
        .insert_header(("Cache-Control", "private, no-cache"))
        .json(serde_json::json!({
            "user_id": c.user_id,
            "username": c.username,
            "role": c.role,
            "nation": c.nation,
            "unit": c.unit,
            "stages": c.stages,
            "watch_nations": c.watch,
        }))
}
