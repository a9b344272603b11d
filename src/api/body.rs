//! The JSON body extractor: content type, size limit, and the field path of any shape error.

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::web::{Bytes, BytesMut};
use actix_web::{FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use futures_util::StreamExt;
use serde::de::DeserializeOwned;

use super::problem::ApiError;
use super::AppState;
use crate::i18n::msg;

/// Default body limit when no state is configured (1 MiB).
const DEFAULT_LIMIT: usize = 1024 * 1024;

/// A JSON request body of type `T`, with the raw bytes kept (for idempotency fingerprints).
#[derive(Debug)]
pub struct Body<T> {
    /// The parsed value.
    pub value: T,
    /// The bytes as received.
    pub raw: Bytes,
}

impl<T: DeserializeOwned + 'static> FromRequest for Body<T> {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req
            .app_data::<actix_web::web::Data<AppState>>()
            .map_or(DEFAULT_LIMIT, |s| s.settings.body_limit);
        let content_type = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let declared_len = req
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        let mut payload = payload.take();
        Box::pin(async move {
            if !is_json(content_type.as_deref()) {
                return Err(ApiError::UnsupportedMediaType(
                    match content_type.as_deref() {
                        Some(got) => msg!("problem-send-json-got", got = got),
                        None => msg!("problem-send-json-none"),
                    },
                ));
            }
            if declared_len.is_some_and(|n| n > limit) {
                return Err(ApiError::TooLarge(limit));
            }
            let mut buf = BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk.map_err(|e| {
                    ApiError::Malformed(
                        msg!("problem-body-unreadable", error = e.to_string()),
                        None,
                    )
                })?;
                if buf.len() + chunk.len() > limit {
                    return Err(ApiError::TooLarge(limit));
                }
                buf.extend_from_slice(&chunk);
            }
            let raw = buf.freeze();
            let value = parse_json(&raw)?;
            Ok(Body { value, raw })
        })
    }
}

/// `application/json` or any `+json` type, with or without parameters.
fn is_json(content_type: Option<&str>) -> bool {
    let Some(ct) = content_type else { return false };
    let essence = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Parses JSON, naming the field path of a wrong type, unknown field or missing field.
pub fn parse_json<T: DeserializeOwned>(raw: &[u8]) -> Result<T, ApiError> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::Malformed(msg!("problem-body-empty"), None));
    }
    // NUL cannot be stored in PostgreSQL text and has no place in any field: refused by name.
    if let Some(field) = field_with_nul(raw) {
        return Err(ApiError::Validation(vec![crate::domain::FieldError::new(
            field,
            msg!("problem-field-nul"),
        )]));
    }
    let mut de = serde_json::Deserializer::from_slice(raw);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            ApiError::Malformed(
                msg!("problem-body-not-json", error = inner.to_string()),
                None,
            )
        } else {
            let field = if path == "." { String::new() } else { path };
            let msg = strip_position(&inner.to_string());
            let detail = if field.is_empty() {
                msg.clone()
            } else {
                format!("{field}: {msg}")
            };
            ApiError::Malformed(
                detail.into(),
                Some(Box::new(crate::domain::FieldError::new(field, msg))),
            )
        }
    })?;
    // One JSON value and nothing after it but white space.
    de.end().map_err(|e| {
        ApiError::Malformed(
            msg!(
                "problem-body-trailing",
                error = strip_position(&e.to_string())
            ),
            None,
        )
    })?;
    Ok(value)
}

/// The path of the first key or string in the body that holds a NUL character (JSON can only
/// write it as the escape `\u0000`, so bodies without that text are not walked).
fn field_with_nul(raw: &[u8]) -> Option<String> {
    if !raw.windows(6).any(|w| w == b"\\u0000") {
        return None;
    }
    fn walk(v: &serde_json::Value, path: &str) -> Option<String> {
        let join = |key: &str| {
            if path.is_empty() {
                key.to_string()
            } else {
                format!("{path}.{key}")
            }
        };
        match v {
            serde_json::Value::String(s) if s.contains('\0') => Some(path.to_string()),
            serde_json::Value::Array(a) => a
                .iter()
                .enumerate()
                .find_map(|(i, x)| walk(x, &format!("{path}[{i}]"))),
            serde_json::Value::Object(o) => o.iter().find_map(|(k, x)| {
                if k.contains('\0') {
                    Some(join(&k.replace('\0', "\\u0000")))
                } else {
                    walk(x, &join(k))
                }
            }),
            _ => None,
        }
    }
    let value: serde_json::Value = serde_json::from_slice(raw).ok()?;
    walk(&value, "")
}

/// serde_json appends "at line 1 column 42"; the field path says more.
fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::MovementInput;

    #[test]
    fn json_content_types() {
        assert!(is_json(Some("application/json")));
        assert!(is_json(Some("application/json; charset=utf-8")));
        assert!(is_json(Some("application/merge-patch+json")));
        assert!(!is_json(Some("text/plain")));
        assert!(!is_json(None));
    }

    #[test]
    fn shape_errors_name_the_path() {
        let e = parse_json::<MovementInput>(br#"{"priority": "crisis", "kind": "single", "mode": "road",
            "requester": {"nation": "NL", "unit": "u", "contact": "c"},
            "departure_at": "2026-12-01T06:00:00Z", "arrival_at": "2026-12-02T06:00:00Z",
            "itinerary": [{"nation": "DE", "entry_point": "a", "exit_point": "b",
              "entry_at": "2026-12-01T06:00:00Z", "exit_at": "2026-12-01T07:00:00Z", "min_bridge_mlc": "heavy"}],
            "vehicles": []}"#)
        .unwrap_err();
        match e {
            ApiError::Malformed(_, Some(f)) => assert_eq!(f.field, "itinerary[0].min_bridge_mlc"),
            other => panic!("{other:?}"),
        }
        match parse_json::<MovementInput>(br#"{"priority": "urgent"}"#).unwrap_err() {
            ApiError::Malformed(_, Some(f)) => assert_eq!(f.field, "priority"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            parse_json::<MovementInput>(b"{not json"),
            Err(ApiError::Malformed(_, None))
        ));
    }
}
