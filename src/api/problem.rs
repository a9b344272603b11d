//! RFC 9457 problem details: the one shape every failure takes on the wire.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use crate::domain::FieldError;
use crate::store::StoreError;

/// Media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// A failure a client can act on, or a server failure it cannot.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// Fields that failed validation.
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// The body is not JSON, or not of the expected shape.
    #[error("malformed request: {0}")]
    Malformed(String, Option<FieldError>),
    /// The body is larger than the limit.
    #[error("body too large")]
    TooLarge(usize),
    /// Wrong or missing Content-Type.
    #[error("unsupported media type")]
    UnsupportedMediaType(String),
    /// Missing, bad or expired credentials.
    #[error("unauthorized: {0}")]
    Unauthorized(String),
    /// Authenticated, but not allowed.
    #[error("forbidden: {0}")]
    Forbidden(String),
    /// No such resource (or not the caller's to know about).
    #[error("not found: {0}")]
    NotFound(String),
    /// The route exists but not for this method.
    #[error("method not allowed")]
    MethodNotAllowed(String),
    /// The resource is in a state that does not allow this.
    #[error("conflict: {0}")]
    Conflict(String),
    /// `If-Match` required but absent.
    #[error("precondition required")]
    PreconditionRequired(String),
    /// `If-Match` did not match.
    #[error("precondition failed")]
    PreconditionFailed(String),
    /// Well-formed, but cannot be processed (e.g. an Idempotency-Key reused with another body).
    #[error("unprocessable: {0}")]
    Unprocessable(String),
    /// Too many attempts; retry after the given seconds.
    #[error("too many requests")]
    TooManyRequests(i64),
    /// A dependency (the database) is unavailable; retry later.
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// A bug or unexpected failure; the cause is logged, not sent.
    #[error("internal: {0}")]
    Internal(String),
}

/// The RFC 9457 body.
#[derive(Debug, Serialize)]
pub struct Problem {
    /// Stable identifier of the problem type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Short summary of the type.
    pub title: &'static str,
    /// HTTP status.
    pub status: u16,
    /// What happened, for a human.
    pub detail: String,
    /// The failing fields, for validation problems.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

impl ApiError {
    /// A single failing field.
    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError::Validation(vec![FieldError::new(field, message)])
    }

    fn parts(&self) -> (StatusCode, &'static str, &'static str) {
        use ApiError::*;
        match self {
            Validation(_) => (StatusCode::BAD_REQUEST, "validation", "Invalid request"),
            Malformed(..) => (StatusCode::BAD_REQUEST, "malformed", "Malformed request"),
            TooLarge(_) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "too-large",
                "Request body too large",
            ),
            UnsupportedMediaType(_) => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Unsupported media type",
            ),
            Unauthorized(_) => (StatusCode::UNAUTHORIZED, "unauthorized", "Unauthorized"),
            Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden", "Forbidden"),
            NotFound(_) => (StatusCode::NOT_FOUND, "not-found", "Not found"),
            MethodNotAllowed(_) => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method-not-allowed",
                "Method not allowed",
            ),
            Conflict(_) => (StatusCode::CONFLICT, "conflict", "Conflict"),
            PreconditionRequired(_) => (
                StatusCode::PRECONDITION_REQUIRED,
                "precondition-required",
                "Precondition required",
            ),
            PreconditionFailed(_) => (
                StatusCode::PRECONDITION_FAILED,
                "precondition-failed",
                "Precondition failed",
            ),
            Unprocessable(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "unprocessable",
                "Unprocessable request",
            ),
            TooManyRequests(_) => (
                StatusCode::TOO_MANY_REQUESTS,
                "too-many-requests",
                "Too many requests",
            ),
            Unavailable(_) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "Service unavailable",
            ),
            Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Internal server error",
            ),
        }
    }

    /// The problem body for this error.
    pub fn problem(&self) -> Problem {
        use ApiError::*;
        let (status, slug, title) = self.parts();
        let (detail, errors) = match self {
            Validation(errs) => {
                let names: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
                (
                    format!(
                        "{} field(s) failed validation: {}",
                        errs.len(),
                        names.join(", ")
                    ),
                    errs.clone(),
                )
            }
            Malformed(msg, field) => (msg.clone(), field.iter().cloned().collect()),
            TooLarge(limit) => (
                format!("the body is larger than the limit of {limit} bytes"),
                vec![],
            ),
            TooManyRequests(s) => (format!("too many attempts; try again in {s} s"), vec![]),
            // Server-side causes are logged, never sent.
            Internal(_) => (
                "an unexpected error occurred; it has been logged".into(),
                vec![],
            ),
            Unavailable(_) => (
                "the database is unavailable; try again shortly".into(),
                vec![],
            ),
            UnsupportedMediaType(m)
            | Unauthorized(m)
            | Forbidden(m)
            | NotFound(m)
            | MethodNotAllowed(m)
            | Conflict(m)
            | PreconditionRequired(m)
            | PreconditionFailed(m)
            | Unprocessable(m) => (m.clone(), vec![]),
        };
        Problem {
            kind: format!("urn:corridor:problem:{slug}"),
            title,
            status: status.as_u16(),
            detail,
            errors,
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.parts().0
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::Internal(cause) => tracing::error!(cause = %cause, "request failed"),
            ApiError::Unavailable(cause) => {
                tracing::warn!(cause = %cause, "dependency unavailable")
            }
            _ => {}
        }
        let mut res = HttpResponse::build(self.status_code());
        res.insert_header((header::CONTENT_TYPE, PROBLEM_JSON));
        match self {
            ApiError::Unauthorized(_) => {
                res.insert_header((header::WWW_AUTHENTICATE, "Bearer realm=\"corridor\""));
            }
            ApiError::TooManyRequests(s) => {
                res.insert_header((header::RETRY_AFTER, s.to_string()));
            }
            ApiError::Unavailable(_) => {
                res.insert_header((header::RETRY_AFTER, "2"));
            }
            _ => {}
        }
        res.body(serde_json::to_string(&self.problem()).unwrap_or_else(|_| "{}".into()))
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Unavailable(m) => ApiError::Unavailable(m),
            StoreError::Query(q) => q.into(),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        use diesel::result::{DatabaseErrorKind, Error};
        match &e {
            Error::NotFound => ApiError::NotFound("no such record".into()),
            Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                ApiError::Conflict("a record with that identity already exists".into())
            }
            Error::DatabaseError(DatabaseErrorKind::SerializationFailure, _) => {
                ApiError::Conflict("a concurrent change won; read again and retry".into())
            }
            Error::DatabaseError(
                DatabaseErrorKind::ClosedConnection | DatabaseErrorKind::UnableToSendCommand,
                _,
            ) => ApiError::Unavailable(e.to_string()),
            Error::DatabaseError(_, info) if is_busy(info.message()) => {
                ApiError::Unavailable(e.to_string())
            }
            _ => ApiError::Internal(e.to_string()),
        }
    }
}

/// SQLite's "database is locked" after the busy timeout: a transient overload, not a bug.
fn is_busy(message: &str) -> bool {
    message.contains("database is locked") || message.contains("database is busy")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_problems_name_every_field() {
        let p = ApiError::Validation(vec![FieldError::new(
            "itinerary[1].exit_at",
            "must not be before entry_at",
        )])
        .problem();
        assert_eq!(p.status, 400);
        assert_eq!(p.kind, "urn:corridor:problem:validation");
        assert!(p.detail.contains("itinerary[1].exit_at"));
        assert_eq!(p.errors.len(), 1);
    }

    #[test]
    fn internal_causes_are_not_sent() {
        let p = ApiError::Internal("password=hunter2 in the connection string".into()).problem();
        assert!(!p.detail.contains("hunter2"));
    }
}
