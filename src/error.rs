//! What can go wrong with a request, named where it happens: the operations, the store and the
//! jobs return these; only the HTTP layer (`api::problem`) turns them into responses.

use crate::domain::FieldError;
use crate::i18n::Msg;

/// A failure a client can act on, or a server failure it cannot. Texts for a person are
/// `Msg`s, put into the reader's language when the answer is written (`api::problem`).
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// Fields that failed validation.
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    /// The body is not JSON, or not of the expected shape.
    #[error("malformed request: {0}")]
    Malformed(Msg, Option<Box<FieldError>>),
    /// The body is larger than the limit.
    #[error("body too large")]
    TooLarge(usize),
    /// Wrong or missing Content-Type.
    #[error("unsupported media type")]
    UnsupportedMediaType(Msg),
    /// Missing, bad or expired credentials.
    #[error("unauthorized: {0}")]
    Unauthorized(Msg),
    /// Authenticated, but not allowed.
    #[error("forbidden: {0}")]
    Forbidden(Msg),
    /// No such resource (or not the caller's to know about).
    #[error("not found: {0}")]
    NotFound(Msg),
    /// The route exists but not for this method.
    #[error("method not allowed")]
    MethodNotAllowed(Msg),
    /// The resource is in a state that does not allow this.
    #[error("conflict: {0}")]
    Conflict(Msg),
    /// `If-Match` required but absent.
    #[error("precondition required")]
    PreconditionRequired(Msg),
    /// `If-Match` did not match.
    #[error("precondition failed")]
    PreconditionFailed(Msg),
    /// Well-formed, but cannot be processed (e.g. an Idempotency-Key reused with another body).
    #[error("unprocessable: {0}")]
    Unprocessable(Msg),
    /// Well-formed fields whose values cannot be used (e.g. a language Corridor does not speak).
    #[error("unprocessable fields")]
    UnprocessableFields(Vec<FieldError>),
    /// Too many attempts; retry after the given seconds.
    #[error("too many requests")]
    TooManyRequests(i64),
    /// A rate the caller exceeded (what it is), and the seconds until the next request passes.
    #[error("rate exceeded: {limit}")]
    RateExceeded {
        /// The rate, in words (e.g. "at most 120 submissions per user per minute").
        limit: Msg,
        /// Seconds to wait.
        retry_after: i64,
    },
    /// This kind of work is at its bound (e.g. passwords checked at once); retry after the
    /// given seconds. Answered at once instead of queueing.
    #[error("overloaded: {0}")]
    Overloaded(Msg, i64),
    /// A dependency (the database) is unavailable; retry later.
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// A bug or unexpected failure; the cause is logged, not sent.
    #[error("internal: {0}")]
    Internal(String),
}

impl Error {
    /// A single failing field.
    pub fn field(field: impl Into<String>, message: impl Into<Msg>) -> Self {
        Error::Validation(vec![FieldError::new(field, message)])
    }
}
