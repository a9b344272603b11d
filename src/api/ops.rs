//! Operations: `/healthz` (the process is up) and `/readyz` (it can do its work).

use crate::i18n::msg;
use actix_web::{web, HttpResponse};
use serde_json::json;

use super::problem::{ApiError, PROBLEM_JSON};
use super::AppState;

/// `GET /healthz`: answers while the process runs.
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(json!({"status": "ok"}))
}

/// `GET /readyz`: the database answers, migrations are applied and policies are loaded.
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let store = state.store.clone();
    let db = state
        .store
        .run(move |c| {
            use diesel::connection::SimpleConnection;
            c.batch_execute("SELECT 1").map_err(ApiError::from)?;
            // SQLite readers never wait (WAL), so only taking the write lock shows whether
            // the service can do its work: another process may hold it.
            if let crate::store::Db::Sqlite(s) = c {
                s.batch_execute("BEGIN IMMEDIATE; ROLLBACK")
                    .map_err(ApiError::from)?;
            }
            store.migrations_current(c).map_err(ApiError::from)
        })
        .await;
    let policies = state.policy_count();
    let (database, migrations) = match &db {
        Ok(current) => ("ok", if *current { "ok" } else { "pending" }),
        Err(_) => ("unavailable", "unknown"),
    };
    let policy_check = if policies > 0 { "ok" } else { "none loaded" };
    let ready = database == "ok" && migrations == "ok" && policies > 0;
    let checks = json!({
        "database": database,
        "backend": state.store.backend(),
        "migrations": migrations,
        "policies": policy_check,
        "nations": policies,
    });
    if ready {
        HttpResponse::Ok()
            .insert_header(("Cache-Control", "no-store"))
            .json(json!({"status": "ready", "checks": checks}))
    } else {
        HttpResponse::ServiceUnavailable().insert_header(("Content-Type", PROBLEM_JSON)).body(
            json!({
                "type": "urn:corridor:problem:not-ready",
                "title": "Not ready",
                "status": 503,
                "detail": format!("database {database}, migrations {migrations}, policies {policy_check}"),
                "checks": checks,
            })
            .to_string(),
        )
    }
}

/// How to move a manual clock.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClockChange {
    /// Move forward by an ISO 8601 duration.
    #[serde(default)]
    advance: Option<crate::policy::IsoDuration>,
    /// Move to this time.
    #[serde(default)]
    set: Option<chrono::DateTime<chrono::Utc>>,
}

/// `POST /v1/admin/clock` (admin, development mode with a manual clock only): moves time, so
/// escalations can be shown and tested without waiting.
pub async fn set_clock(
    state: web::Data<AppState>,
    caller: super::Caller,
    body: super::Body<ClockChange>,
) -> Result<HttpResponse, ApiError> {
    crate::auth::access::may_operate(&caller, msg!("problem-forbidden-move-clock"))
        .map_err(ApiError::Forbidden)?;
    if !state.clock.is_manual() {
        return Err(ApiError::Conflict(msg!("problem-clock-not-manual")));
    }
    // The clock stays within years 1970-9999, where every timestamp column and token holds.
    let in_range =
        |t: chrono::DateTime<chrono::Utc>| (1970..=9999).contains(&chrono::Datelike::year(&t));
    let out_of_range = |field: &str| {
        ApiError::Validation(vec![crate::domain::FieldError::new(
            field,
            msg!("problem-clock-out-of-range"),
        )])
    };
    match (body.value.advance, body.value.set) {
        (Some(d), None) => {
            let to = state.clock.now().checked_add_signed(d.to_chrono());
            if !to.is_some_and(in_range) {
                return Err(out_of_range("advance"));
            }
            state.clock.advance(d.to_chrono());
        }
        (None, Some(at)) => {
            if !in_range(at) {
                return Err(out_of_range("set"));
            }
            state.clock.set(at);
        }
        _ => {
            return Err(ApiError::Validation(vec![crate::domain::FieldError::new(
                "",
                msg!("problem-clock-one-of"),
            )]))
        }
    }
    tracing::warn!(now = %state.clock.now(), by = %caller.username, "manual clock moved");
    Ok(HttpResponse::Ok().json(json!({"now": state.clock.now()})))
}
