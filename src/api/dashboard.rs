//! The liaison dashboard: static files compiled into the binary and served at `/dashboard/`.

use crate::i18n::msg;
use std::sync::OnceLock;

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse, ResponseError};
use sha2::{Digest, Sha256};

use super::etag::none_match;
use super::problem::ApiError;

/// One embedded file.
struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

// Every file of web/dashboard and locales/, listed by build.rs.
const ASSETS: &[Asset] = include!(concat!(env!("OUT_DIR"), "/web_assets.rs"));

/// Strong ETags of the assets (content hashes), computed once.
fn etags() -> &'static [String] {
    static TAGS: OnceLock<Vec<String>> = OnceLock::new();
    TAGS.get_or_init(|| {
        ASSETS
            .iter()
            .map(|a| format!("\"{}\"", hex::encode(&Sha256::digest(a.bytes)[..10])))
            .collect()
    })
}

// Only this origin's own files and API: no inline script, nothing from elsewhere.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

fn serve(req: &HttpRequest, i: usize) -> HttpResponse {
    let (a, tag) = (&ASSETS[i], &etags()[i]);
    // Revalidate on every load, so a new binary's dashboard is picked up at once; a 304 is cheap.
    let mut r = if none_match(req, tag) {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    r.insert_header((header::ETAG, tag.as_str()))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::REFERRER_POLICY, "no-referrer"));
    if none_match(req, tag) {
        return r.finish();
    }
    r.insert_header((header::CONTENT_TYPE, a.content_type));
    if a.content_type.starts_with("text/html") {
        r.insert_header((header::CONTENT_SECURITY_POLICY, CSP));
        r.insert_header((header::X_FRAME_OPTIONS, "DENY"));
    }
    r.body(a.bytes)
}

/// `GET /dashboard`: to `/dashboard/`, so the page's relative asset paths resolve.
pub async fn to_index() -> HttpResponse {
    HttpResponse::PermanentRedirect()
        .insert_header((header::LOCATION, "/dashboard/"))
        .finish()
}

/// `GET /dashboard/`: the page.
pub async fn index(req: HttpRequest) -> HttpResponse {
    match ASSETS.iter().position(|a| a.name == "index.html") {
        Some(i) => serve(&req, i),
        None => ApiError::NotFound(msg!("problem-no-dashboard-file", name = "index.html"))
            .error_response(),
    }
}

/// `GET /dashboard/{asset}`: a stylesheet, script or icon of the page.
pub async fn asset(req: HttpRequest, name: web::Path<String>) -> Result<HttpResponse, ApiError> {
    let name = name.into_inner();
    ASSETS
        .iter()
        .position(|a| a.name == name)
        .map(|i| serve(&req, i))
        .ok_or_else(|| ApiError::NotFound(msg!("problem-no-dashboard-file", name = name)))
}
