//! `GET /openapi.yaml`: the contract, as built into the binary.

use actix_web::http::header;
use actix_web::HttpResponse;

/// The OpenAPI description at the repository root: the single description of the v1 contract.
pub const OPENAPI_YAML: &str = include_str!("../../openapi.yaml");

/// `GET /openapi.yaml`.
pub async fn openapi() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "application/yaml"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .body(OPENAPI_YAML)
}
