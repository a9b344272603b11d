//! Entity-tag preconditions on the wire, parsed by actix-web's typed headers (`IfMatch`,
//! `IfNoneMatch`, `EntityTag`) instead of by hand.

use crate::i18n::msg;
use actix_web::http::header::{self, EntityTag, Header};
use actix_web::HttpRequest;

use super::problem::ApiError;
use crate::notification::IfMatch;

/// Whether `If-None-Match` names `tag` (weak comparison, RFC 9110 §13.1.2) or is `*`. A header
/// that does not parse names nothing, so the full answer is sent.
pub fn none_match(req: &HttpRequest, tag: &str) -> bool {
    let Ok(want) = tag.parse::<EntityTag>() else {
        return false;
    };
    match header::IfNoneMatch::parse(req) {
        Ok(header::IfNoneMatch::Any) => true,
        Ok(header::IfNoneMatch::Items(tags)) => tags.iter().any(|t| t.weak_eq(&want)),
        Err(_) => false,
    }
}

/// The `If-Match` precondition a change must send (428 without it). A header that does not
/// parse names no tag, so the change is refused as stale (412), as any unknown tag is.
pub fn if_match(req: &HttpRequest) -> Result<IfMatch, ApiError> {
    let sent = req
        .headers()
        .get(header::IF_MATCH)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| ApiError::PreconditionRequired(msg!("problem-if-match-required")))?
        .to_string();
    let (any, tags) = match header::IfMatch::parse(req) {
        Ok(header::IfMatch::Any) => (true, Vec::new()),
        Ok(header::IfMatch::Items(tags)) => (
            false,
            tags.iter()
                .filter(|t| !t.weak)
                .map(ToString::to_string)
                .collect(),
        ),
        Err(_) => (false, Vec::new()),
    };
    Ok(IfMatch { sent, any, tags })
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    #[test]
    fn if_none_match_compares_weakly_and_takes_lists_and_star() {
        let tag = "\"r3\"";
        let with = |v: &str| {
            TestRequest::default()
                .insert_header(("If-None-Match", v))
                .to_http_request()
        };
        assert!(none_match(&with("\"r3\""), tag));
        assert!(none_match(&with("W/\"r3\""), tag));
        assert!(none_match(&with("\"r1\", W/\"r3\""), tag));
        assert!(none_match(&with("*"), tag));
        assert!(!none_match(&with("\"r4\""), tag));
        assert!(
            !none_match(&with("r3"), tag),
            "an unquoted tag names nothing"
        );
        assert!(!none_match(&TestRequest::default().to_http_request(), tag));
    }

    #[test]
    fn if_match_names_strong_tags_only() {
        let with = |v: &str| {
            if_match(
                &TestRequest::default()
                    .insert_header(("If-Match", v))
                    .to_http_request(),
            )
            .unwrap()
        };
        assert!(with("\"r3\"").names("\"r3\""));
        assert!(with("\"r1\", \"r3\"").names("\"r3\""));
        assert!(with("*").names("\"r9\""));
        assert!(
            !with("W/\"r3\"").names("\"r3\""),
            "a weak tag never matches a change"
        );
        assert!(!with("r3").names("\"r3\""));
        assert_eq!(with("\"r1\"").sent, "\"r1\"");
        assert!(matches!(
            if_match(&TestRequest::default().to_http_request()),
            Err(ApiError::PreconditionRequired(_))
        ));
    }
}
