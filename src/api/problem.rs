//! RFC 9457 problem details: the one shape every failure takes on the wire.
//!
//! The failures themselves (`crate::error::Error`) are named below the shell; this is where
//! each becomes a status, a problem type and a body.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpRequest, HttpResponse, ResponseError};
use serde::Serialize;

use crate::domain::FieldError;
pub use crate::error::Error as ApiError;
use crate::i18n::{msg, text, Lang};

/// Media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// The RFC 9457 body.
#[derive(Debug, Serialize)]
pub struct Problem {
    /// Stable identifier of the problem type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Short summary of the type, in the reader's language.
    pub title: String,
    /// HTTP status.
    pub status: u16,
    /// What happened, for a human, in the reader's language.
    pub detail: String,
    /// The failing fields, for validation problems (names unchanged, messages translated).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemField>,
}

/// One failing field as sent: its path, and what is wrong in the reader's language.
#[derive(Debug, Serialize)]
pub struct ProblemField {
    /// Path of the field in the request body.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl ApiError {
    /// Status, type slug and the title's message id.
    fn parts(&self) -> (StatusCode, &'static str, &'static str) {
        use ApiError::*;
        match self {
            Validation(_) => (
                StatusCode::BAD_REQUEST,
                "validation",
                "problem-title-validation",
            ),
            Malformed(..) => (
                StatusCode::BAD_REQUEST,
                "malformed",
                "problem-title-malformed",
            ),
            TooLarge(_) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "too-large",
                "problem-title-too-large",
            ),
            UnsupportedMediaType(_) => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "problem-title-unsupported-media-type",
            ),
            Unauthorized(_) => (
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "problem-title-unauthorized",
            ),
            Forbidden(_) => (
                StatusCode::FORBIDDEN,
                "forbidden",
                "problem-title-forbidden",
            ),
            NotFound(_) => (
                StatusCode::NOT_FOUND,
                "not-found",
                "problem-title-not-found",
            ),
            MethodNotAllowed(_) => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method-not-allowed",
                "problem-title-method-not-allowed",
            ),
            Conflict(_) => (StatusCode::CONFLICT, "conflict", "problem-title-conflict"),
            PreconditionRequired(_) => (
                StatusCode::PRECONDITION_REQUIRED,
                "precondition-required",
                "problem-title-precondition-required",
            ),
            PreconditionFailed(_) => (
                StatusCode::PRECONDITION_FAILED,
                "precondition-failed",
                "problem-title-precondition-failed",
            ),
            Unprocessable(_) | UnprocessableFields(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "unprocessable",
                "problem-title-unprocessable",
            ),
            TooManyRequests(_) | RateExceeded { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                "too-many-requests",
                "problem-title-too-many-requests",
            ),
            Unavailable(_) | Overloaded(..) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "problem-title-unavailable",
            ),
            Internal(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "problem-title-internal",
            ),
        }
    }

    /// The problem body for this error in English.
    pub fn problem(&self) -> Problem {
        self.problem_in(Lang::En)
    }

    /// The problem body for this error with its texts in `lang`; `type`, `status` and field
    /// names are the same in every language.
    pub fn problem_in(&self, lang: Lang) -> Problem {
        use ApiError::*;
        let (status, slug, title) = self.parts();
        let fields = |errs: &[FieldError]| -> Vec<ProblemField> {
            errs.iter()
                .map(|e| ProblemField {
                    field: e.field.clone(),
                    message: e.message_in(lang),
                })
                .collect()
        };
        let failed = |errs: &[FieldError]| {
            let names: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
            msg!(
                "problem-validation",
                count = errs.len(),
                fields = names.join(", ")
            )
            .render(lang)
        };
        let (detail, errors) = match self {
            Validation(errs) | UnprocessableFields(errs) => (failed(errs), fields(errs)),
            Malformed(m, field) => (
                m.render(lang),
                fields(
                    field
                        .as_deref()
                        .map(std::slice::from_ref)
                        .unwrap_or_default(),
                ),
            ),
            TooLarge(limit) => (
                msg!("problem-too-large", limit = limit.to_string()).render(lang),
                vec![],
            ),
            TooManyRequests(s) => (
                msg!("problem-too-many-requests", seconds = *s).render(lang),
                vec![],
            ),
            RateExceeded { limit, retry_after } => (
                msg!(
                    "problem-rate-exceeded",
                    limit = limit.render(lang),
                    seconds = *retry_after
                )
                .render(lang),
                vec![],
            ),
            Overloaded(what, s) => (
                msg!(
                    "problem-rate-exceeded",
                    limit = what.render(lang),
                    seconds = *s
                )
                .render(lang),
                vec![],
            ),
            // Server-side causes are logged, never sent.
            Internal(_) => (msg!("problem-internal").render(lang), vec![]),
            Unavailable(_) => (msg!("problem-unavailable").render(lang), vec![]),
            UnsupportedMediaType(m)
            | Unauthorized(m)
            | Forbidden(m)
            | NotFound(m)
            | MethodNotAllowed(m)
            | Conflict(m)
            | PreconditionRequired(m)
            | PreconditionFailed(m)
            | Unprocessable(m) => (m.render(lang), vec![]),
        };
        Problem {
            kind: format!("urn:corridor:problem:{slug}"),
            title: text(lang, title),
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
        // Written in English here (no request at hand); `localize` puts it into the reader's
        // language on the way out, from this copy.
        res.extensions_mut().insert(self.clone());
        res.body(serde_json::to_string(&self.problem()).unwrap_or_else(|_| "{}".into()))
    }
}

/// The language a signed-in caller chose, left in the request's extensions by the `Caller`
/// extractor for `localize`.
#[derive(Debug, Clone, Copy)]
pub struct CallerLanguage(pub Option<Lang>);

/// The reader's language for a request: the signed-in caller's setting, else the
/// `Accept-Language` header, else English.
pub fn language_of(req: &HttpRequest) -> Lang {
    let chosen = req.extensions().get::<CallerLanguage>().and_then(|c| c.0);
    chosen.unwrap_or_else(|| {
        let header = req
            .headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok());
        Lang::negotiate(None, header)
    })
}

/// Middleware: rewrites a problem+json answer in the reader's language (English answers are
/// left as written), and says which language it is in.
pub async fn localize(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let res = next.call(req).await?;
    let Some(error) = res.response().extensions().get::<ApiError>().cloned() else {
        return Ok(res.map_into_left_body());
    };
    let lang = language_of(res.request());
    let (req, mut res) = res.into_parts();
    if let Ok(v) = header::HeaderValue::from_str(lang.as_str()) {
        res.headers_mut().insert(header::CONTENT_LANGUAGE, v);
    }
    if lang == Lang::En {
        return Ok(ServiceResponse::new(req, res).map_into_left_body());
    }
    let body = serde_json::to_string(&error.problem_in(lang)).unwrap_or_else(|_| "{}".into());
    let res = res.set_body(body);
    Ok(ServiceResponse::new(req, res).map_into_right_body())
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
    fn titles_details_and_field_messages_are_in_the_readers_language_and_names_stay() {
        let e = ApiError::Validation(vec![
            FieldError::new("arrival_at", msg!("problem-after-departure")),
            FieldError::new("limit", msg!("problem-limit-range", max = 200)),
        ]);
        let en = e.problem_in(Lang::En);
        assert_eq!(en.title, "Invalid request");
        assert_eq!(en.detail, "2 field(s) failed validation: arrival_at, limit");
        assert_eq!(en.errors[0].message, "must be after departure_at");
        let de = e.problem_in(Lang::De);
        assert_eq!(de.title, "Ungültige Anfrage");
        assert_eq!(de.detail, "2 Felder sind ungültig: arrival_at, limit");
        assert_eq!(de.errors[0].field, "arrival_at");
        assert_eq!(de.errors[0].message, "muss nach departure_at liegen");
        assert_eq!(de.errors[1].message, "eine ganze Zahl von 1 bis 200");
        assert_eq!((de.kind.as_str(), de.status), (en.kind.as_str(), en.status));
        let pl = ApiError::TooManyRequests(30).problem_in(Lang::Pl);
        assert_eq!(pl.title, "Zbyt wiele żądań");
        assert_eq!(pl.detail, "zbyt wiele prób; spróbuj ponownie za 30 s");
        let fr =
            ApiError::NotFound(msg!("problem-no-notification", id = "x1")).problem_in(Lang::Fr);
        assert_eq!(fr.detail, "aucune notification x1");
        // Data without a translation reads the same in every language.
        let plain = ApiError::Conflict("policy text".into()).problem_in(Lang::De);
        assert_eq!(plain.detail, "policy text");
        assert_eq!(plain.title, "Konflikt");
    }

    #[test]
    fn internal_causes_are_not_sent() {
        let p = ApiError::Internal("password=hunter2 in the connection string".into()).problem();
        assert!(!p.detail.contains("hunter2"));
    }
}
