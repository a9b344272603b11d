//! `POST /v1/auth/token` and `GET /v1/me`.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::body::Body;
use super::caller::Caller;
use super::problem::ApiError;
use super::AppState;
use crate::auth::{address, verify_password, Identity, PasswordCheck};
use crate::store::{self, UserRow};

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

/// The address the throttle counts this request against (see `auth::address`).
fn client_address(state: &AppState, req: &HttpRequest) -> String {
    let Some(peer) = req.peer_addr().map(|a| a.ip()) else {
        return String::new();
    };
    let values = |name: header::HeaderName| -> Vec<&str> {
        req.headers()
            .get_all(name)
            .filter_map(|v| v.to_str().ok())
            .collect()
    };
    address::client_address(
        peer,
        &values(header::FORWARDED),
        &values(header::HeaderName::from_static("x-forwarded-for")),
        &state.settings.trusted_proxies,
    )
    .to_string()
}

/// `POST /v1/auth/token`: username and password for a short-lived bearer token.
///
/// In this order, so that no attempt is checked that the throttle would refuse and no more
/// passwords are checked at once than the bound: a refusal this instance remembers (429); a
/// permit to check a password (503 at once when none is free); in one write transaction, the
/// throttle's decision and the attempt counted as a failure (429), with the user row; the
/// argon2 check on the blocking pool, holding the permit; on success, the count taken back.
pub async fn token(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: Body<TokenRequest>,
) -> Result<HttpResponse, ApiError> {
    let TokenRequest { username, password } = body.value;
    if username.is_empty() || username.len() > 200 || password.len() > 1024 {
        return Err(bad_credentials());
    }
    let addr = client_address(&state, &req);
    let keys = state.throttle.keys(&username, &addr);
    let now = state.clock.now();
    if let Some(wait) = state.throttle.known_wait(&keys, now) {
        return Err(ApiError::TooManyRequests(wait));
    }
    let permit = state.throttle.try_check().ok_or_else(|| {
        ApiError::Overloaded("too many sign-ins are being checked at once".into(), 1)
    })?;
    let (admitted, user) = {
        let (state, keys, name) = (state.clone(), keys.clone(), username.clone());
        state
            .store
            .clone()
            .run(move |c| {
                store::write(c, |c| {
                    let admitted = state.throttle.admit(c, &keys, now)?;
                    let user = match admitted {
                        Ok(()) => UserRow::by_username(c, &name)?,
                        Err(_) => None,
                    };
                    Ok::<_, ApiError>((admitted, user))
                })
            })
            .await?
    };
    if let Err(wait) = admitted {
        tracing::info!(username = ?username, addr = %addr, "login throttled");
        return Err(ApiError::TooManyRequests(wait));
    }
    // argon2 takes tens of milliseconds of CPU and 19 MiB: never on the executor, and the
    // permit goes with the work, so a client that hangs up does not free it early.
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    let check = web::block(move || {
        let _permit = permit;
        verify_password(&password, hash.as_deref())
    })
    .await
    .map_err(|e| ApiError::Internal(format!("password check failed: {e}")))?;
    let user = match (check, user) {
        // A disabled user's right password is a failed login like any other.
        (PasswordCheck::Match, Some(u)) if u.is_enabled() => u,
        _ => {
            tracing::info!(username = ?username, addr = %addr, "failed login");
            return Err(bad_credentials());
        }
    };
    {
        let state = state.clone();
        state
            .store
            .clone()
            .run(move |c| {
                store::write(c, |c| {
                    state
                        .throttle
                        .succeeded(c, &keys, now)
                        .map_err(ApiError::from)
                })
            })
            .await?;
    }
    let who = identity_of(&user)?;
    let access_token = state
        .tokens
        .issue(&who, user.token_generation, now)
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
