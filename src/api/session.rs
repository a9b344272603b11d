//! `POST /v1/auth/token` and `GET /v1/me`.

use crate::i18n::msg;
use actix_web::http::header;
use actix_web::{web, HttpMessage, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};

use super::body::Body;
use super::caller::Caller;
use super::problem::{language_of, ApiError, CallerLanguage};
use super::AppState;
use crate::auth::{address, verify_password, Identity, PasswordCheck};
use crate::i18n::Lang;
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
    ApiError::Unauthorized(msg!("problem-bad-credentials"))
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
    let permit = state
        .throttle
        .try_check()
        .ok_or_else(|| ApiError::Overloaded(msg!("problem-sign-ins-busy"), 1))?;
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
    let who = identity_of(&user);
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
pub fn identity_of(u: &UserRow) -> Identity {
    crate::auth::access::identity_of(u)
}

/// `GET /v1/me`: the caller's identity and language.
pub async fn me(caller: Caller, req: HttpRequest) -> HttpResponse {
    let chosen = req.extensions().get::<CallerLanguage>().and_then(|c| c.0);
    me_body(&caller.0, chosen, language_of(&req))
}

/// The `GET /v1/me` answer: `language` is the user's choice (null: none), `effective_language`
/// the one answers are in (the choice, else Accept-Language, else English).
fn me_body(c: &Identity, chosen: Option<Lang>, effective: Lang) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("Cache-Control", "private, no-cache"))
        .insert_header((header::VARY, "Accept-Language"))
        .json(serde_json::json!({
            "user_id": c.user_id,
            "username": c.username,
            "role": c.role,
            "nation": c.nation,
            "unit": c.unit,
            "stages": c.stages,
            "watch_nations": c.watch,
            "language": chosen,
            "effective_language": effective,
        }))
}

/// The body of `PUT /v1/me/language`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageRequest {
    /// `en`, `de`, `fr` or `pl`; null clears the choice.
    language: Option<String>,
}

/// `PUT /v1/me/language`: the signed-in user chooses the language of their answers and mail
/// (null: none, so answers follow Accept-Language and mail is in English). 422 names the field
/// for a language Corridor does not speak.
pub async fn set_language(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    body: Body<LanguageRequest>,
) -> Result<HttpResponse, ApiError> {
    crate::auth::access::may_choose_language(&caller).map_err(ApiError::Forbidden)?;
    let chosen = match body.value.language.as_deref() {
        None => None,
        Some(code) => Some(code.parse::<Lang>().map_err(|_| {
            ApiError::UnprocessableFields(vec![crate::domain::FieldError::new(
                "language",
                msg!("problem-language", values = Lang::codes()),
            )])
        })?),
    };
    let id = caller.user_id.clone();
    let row = state
        .store
        .run(move |c| {
            store::write(c, |c| {
                UserRow::set_language(c, &id, chosen)?;
                UserRow::by_id(c, &id)
            })
            .map_err(ApiError::from)
        })
        .await?;
    // The cached account would keep the old language for up to CORRIDOR_ACCESS_CACHE_MS.
    let account = row.as_ref().map(crate::auth::Account::of);
    let now = state.clock.now();
    state.accounts.remember(&caller.user_id, account, now);
    tracing::info!(username = %caller.username, language = ?chosen, "language chosen");
    // This answer (and a problem in it) is in the new language.
    req.extensions_mut().insert(CallerLanguage(chosen));
    Ok(me_body(&caller.0, chosen, language_of(&req)))
}
