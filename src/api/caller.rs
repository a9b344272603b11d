//! The bearer-token extractor: every protected route takes a `Caller`.

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::{ready, Ready};

use super::problem::ApiError;
use super::AppState;
use crate::auth::Identity;

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
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(authenticate(req))
    }
}

fn authenticate(req: &HttpRequest) -> Result<Caller, ApiError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| ApiError::Internal("application state missing".into()))?;
    let value = req
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or_else(|| ApiError::Unauthorized("send an Authorization: Bearer token".into()))?;
    let token = value
        .to_str()
        .ok()
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .ok_or_else(|| {
            ApiError::Unauthorized("the Authorization header must be `Bearer <token>`".into())
        })?;
    match state.tokens.verify(token, state.clock.now()) {
        Ok(id) => Ok(Caller(id)),
        Err(e) => {
            tracing::info!(reason = %e, "token refused");
            Err(ApiError::Unauthorized(
                "the token is invalid or expired; get a new one".into(),
            ))
        }
    }
}
