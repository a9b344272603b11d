//! The liaison dashboard: static files compiled into the binary and served at `/dashboard/`.

use std::sync::OnceLock;

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};

use super::etag::none_match;
use super::problem::ApiError;

/// One embedded file.
struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

const ASSETS: [Asset; 13] = [
    Asset {
        name: "index.html",
        content_type: "text/html; charset=utf-8",
        bytes: include_bytes!("../../web/dashboard/index.html"),
    },
    Asset {
        name: "app.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../web/dashboard/app.css"),
    },
    // The page is ES modules (issue 12): app.js wires them, each part is a file of its own.
    Asset {
        name: "app.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../web/dashboard/app.js"),
    },
    Asset {
        name: "state.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../web/dashboard/state.js"),
    },
    Asset {
        name: "page.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../web/dashboard/page.js"),
    },
    Asset {
        name: "api.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../web/dashboard/api.js"),
    },
    Asset {
        name: "session.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../web/dashboard/session.js"),
    },
    Asset {
        name: "board.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../web/dashboard/board.js"),
    },
    Asset {
        name: "changes.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../web/dashboard/changes.js"),
    },
    Asset {
        name: "detail.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../web/dashboard/detail.js"),
    },
    // issue 14: offline permit verification (WebCrypto Ed25519)
    Asset {
        name: "verify.html",
        content_type: "text/html; charset=utf-8",
        bytes: include_bytes!("../../web/dashboard/verify.html"),
    },
    Asset {
        name: "verify.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../web/dashboard/verify.js"),
    },
    Asset {
        name: "favicon.svg",
        content_type: "image/svg+xml",
        bytes: include_bytes!("../../web/dashboard/favicon.svg"),
    },
];

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
    serve(&req, 0)
}

/// `GET /dashboard/{asset}`: a stylesheet, script or icon of the page.
pub async fn asset(req: HttpRequest, name: web::Path<String>) -> Result<HttpResponse, ApiError> {
    let name = name.into_inner();
    ASSETS
        .iter()
        .position(|a| a.name == name)
        .map(|i| serve(&req, i))
        .ok_or_else(|| ApiError::NotFound(format!("the dashboard has no file {name}")))
}
