//! The bearer-token extractor: every protected route takes a `Caller`.
//!
//! A valid signature is not enough: the token's subject must still exist, be enabled and be of
//! the token's generation, and who the caller is (role, nation, unit, stages, watch list) is
//! read from the account, not from the token (`auth::account`).

use crate::i18n::msg;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use futures_util::future::LocalBoxFuture;

use super::problem::ApiError;
use super::AppState;
use crate::auth::account::speaks_for;
use crate::auth::{Account, Identity, TokenSubject};
use crate::store::UserRow;

/// The authenticated caller of this request.
#[derive(Debug, Clone)]
pub struct Caller(pub Identity);

impl std::ops::Deref for Caller {
    type Target = Identity;
    fn deref(&self) -> &Identity {
        &self.0
    }
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move { authenticate(&req).await })
    }
}

/// The one answer to a token that does not (or no longer) speak for anyone.
fn refused() -> ApiError {
    ApiError::Unauthorized(msg!("problem-token-invalid"))
}

async fn authenticate(req: &HttpRequest) -> Result<Caller, ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::Internal("application state missing".into()))?
        .clone();
    let value = req
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or_else(|| ApiError::Unauthorized(msg!("problem-token-missing")))?;
    let token = value
        .to_str()
        .ok()
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .ok_or_else(|| ApiError::Unauthorized(msg!("problem-token-scheme")))?;
    let now = state.clock.now();
    let subject = state.tokens.verify(token, now).map_err(|e| {
        tracing::info!(reason = %e, "token refused");
        refused()
    })?;
    let account = account_of(&state, &subject).await?;
    // The reader's language for this request's answers (`problem::localize`, `GET /v1/me`).
    req.extensions_mut().insert(super::problem::CallerLanguage(
        account.as_ref().and_then(|a| a.language),
    ));
    speaks_for(account.as_ref(), subject.generation)
        .map(Caller)
        .map_err(|why| {
            tracing::info!(reason = why, user_id = ?subject.user_id, "token refused");
            refused()
        })
}

/// The account the token's subject is now: from the cache within its bound, else the row.
async fn account_of(
    state: &web::Data<AppState>,
    subject: &TokenSubject,
) -> Result<Option<Account>, ApiError> {
    let now = state.clock.now();
    if let Some(account) = state
        .accounts
        .cached(&subject.user_id, subject.generation, now)
    {
        return Ok(account);
    }
    let id = subject.user_id.clone();
    let row = state
        .store
        .run(move |c| UserRow::by_id(c, &id).map_err(ApiError::from))
        .await?;
    let account = row.as_ref().map(Account::of);
    state
        .accounts
        .remember(&subject.user_id, account.clone(), now);
    Ok(account)
}
