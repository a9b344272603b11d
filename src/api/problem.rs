//! RFC 9457 problem details: the one shape every failure takes on the wire.
//!
//! The failures themselves (`crate::error::Error`) are named below the shell; this is where
//! each becomes a status, a problem type and a body.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;

use crate::domain::FieldError;
pub use crate::error::Error as ApiError;

/// Media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

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
            TooManyRequests(_) | RateExceeded { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                "too-many-requests",
                "Too many requests",
            ),
            Unavailable(_) | Overloaded(..) => (
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
            RateExceeded { limit, retry_after } => {
                (format!("{limit}; try again in {retry_after} s"), vec![])
            }
            Overloaded(what, s) => (format!("{what}; try again in {s} s"), vec![]),
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
            ApiError::TooManyRequests(s)
            | ApiError::RateExceeded { retry_after: s, .. }
            | ApiError::Overloaded(_, s) => {
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
