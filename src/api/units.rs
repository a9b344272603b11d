//! `/v1/units/{nation}/{unit}/vehicle-types…` and `…/templates…` (issue 16): a unit's saved
//! vehicle types and notification templates for the planner's form. The unit's planners read
//! and write them, its nation's coordinators read them (`access::may_*_unit_presets`).

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde_json::json;

use super::body::Body;
use super::caller::Caller;
use super::problem::ApiError;
use super::AppState;
use crate::auth::access;
use crate::domain::{
    path_name, FieldError, Nation, PresetKind, TemplateInput, VehicleTypeInput, NAME_MAX_CHARS,
    PRESETS_PER_UNIT, UNIT_MAX_CHARS,
};
use crate::store::types::Json;
use crate::store::unit_presets::{self, PresetRow, Saved};
use crate::store::write;

/// The nation and unit of a path, checked; every failing part named.
fn unit_of(
    nation: &str,
    unit: &str,
    name: Option<&str>,
) -> Result<(Nation, String, String), ApiError> {
    let mut errors = Vec::new();
    let n = Nation::parse(nation)
        .map_err(|e| errors.push(FieldError::new("nation", e)))
        .ok();
    let u = path_name("unit", unit, UNIT_MAX_CHARS)
        .map_err(|e| errors.push(e))
        .ok();
    let k = match name {
        Some(name) => path_name("name", name, NAME_MAX_CHARS)
            .map_err(|e| errors.push(e))
            .ok(),
        None => Some(String::new()),
    };
    match (n, u, k) {
        (Some(n), Some(u), Some(k)) if errors.is_empty() => Ok((n, u, k)),
        _ => Err(ApiError::Validation(errors)),
    }
}

/// What the API shows of one saved item: its place, name, when and by whom, and its body.
fn item_json(row: &PresetRow) -> serde_json::Value {
    let mut out = json!({
        "nation": row.nation,
        "unit": row.unit,
        "name": row.name,
        "updated_by": row.updated_by,
        "updated_at": row.updated_at,
    });
    if let (Some(o), Some(b)) = (out.as_object_mut(), row.body.0.as_object()) {
        o.extend(b.clone());
    }
    out
}

fn what(kind: PresetKind) -> &'static str {
    match kind {
        PresetKind::VehicleType => "vehicle type",
        PresetKind::Template => "template",
    }
}

async fn list(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
    kind: PresetKind,
) -> Result<HttpResponse, ApiError> {
    let (nation, unit, _) = unit_of(&path.0, &path.1, None)?;
    access::may_read_unit_presets(&caller, nation, &unit).map_err(ApiError::Forbidden)?;
    let rows = state
        .store
        .run(move |conn| {
            unit_presets::list(conn, nation.as_str(), &unit, kind).map_err(ApiError::from)
        })
        .await?;
    let items: Vec<_> = rows
        .iter()
        .map(|r| json!({"name": r.name, "updated_by": r.updated_by, "updated_at": r.updated_at}))
        .collect();
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .json(json!({ "items": items, "limit": PRESETS_PER_UNIT })))
}

async fn get(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String, String)>,
    kind: PresetKind,
) -> Result<HttpResponse, ApiError> {
    let (nation, unit, name) = unit_of(&path.0, &path.1, Some(&path.2))?;
    access::may_read_unit_presets(&caller, nation, &unit).map_err(ApiError::Forbidden)?;
    let shown = name.clone();
    let row = state
        .store
        .run(move |conn| {
            unit_presets::get(conn, nation.as_str(), &unit, kind, &name).map_err(ApiError::from)
        })
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("no {} named {shown}", what(kind)).into()))?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .json(item_json(&row)))
}

async fn put(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String, String)>,
    kind: PresetKind,
    checked: Result<(), Vec<FieldError>>,
    body: serde_json::Value,
) -> Result<HttpResponse, ApiError> {
    let (nation, unit, name) = unit_of(&path.0, &path.1, Some(&path.2))?;
    access::may_write_unit_presets(&caller, nation, &unit).map_err(ApiError::Forbidden)?;
    checked.map_err(ApiError::Validation)?;
    let row = PresetRow {
        nation: nation.to_string(),
        unit,
        kind,
        name,
        body: Json(body),
        updated_by: caller.username.clone(),
        updated_at: state.clock.now(),
    };
    let stored = row.clone();
    let saved = state
        .store
        .run(move |conn| write(conn, |c| unit_presets::save(c, &stored)).map_err(ApiError::from))
        .await?;
    let out = item_json(&row);
    match saved {
        Saved::Replaced => Ok(HttpResponse::Ok().json(out)),
        Saved::Created => Ok(HttpResponse::Created()
            .insert_header((header::LOCATION, req.uri().path().to_string()))
            .json(out)),
        Saved::Full => Err(ApiError::Conflict(
            format!(
                "{unit} keeps {PRESETS_PER_UNIT} {}s already; delete one first",
                what(kind),
                unit = row.unit
            )
            .into(),
        )),
    }
}

async fn delete(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String, String)>,
    kind: PresetKind,
) -> Result<HttpResponse, ApiError> {
    let (nation, unit, name) = unit_of(&path.0, &path.1, Some(&path.2))?;
    access::may_write_unit_presets(&caller, nation, &unit).map_err(ApiError::Forbidden)?;
    let shown = name.clone();
    let gone = state
        .store
        .run(move |conn| {
            write(conn, |c| {
                unit_presets::delete(c, nation.as_str(), &unit, kind, &name)
            })
            .map_err(ApiError::from)
        })
        .await?;
    if gone {
        Ok(HttpResponse::NoContent().finish())
    } else {
        Err(ApiError::NotFound(
            format!("no {} named {shown}", what(kind)).into(),
        ))
    }
}

/// `GET /v1/units/{nation}/{unit}/vehicle-types`: the unit's vehicle types by name.
pub async fn list_vehicle_types(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    list(state, caller, path, PresetKind::VehicleType).await
}

/// `GET /v1/units/{nation}/{unit}/templates`: the unit's templates by name.
pub async fn list_templates(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    list(state, caller, path, PresetKind::Template).await
}

/// `GET …/vehicle-types/{name}`.
pub async fn get_vehicle_type(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, ApiError> {
    get(state, caller, path, PresetKind::VehicleType).await
}

/// `GET …/templates/{name}`.
pub async fn get_template(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, ApiError> {
    get(state, caller, path, PresetKind::Template).await
}

/// `PUT …/vehicle-types/{name}`: saves a vehicle, checked as a submission checks it.
pub async fn put_vehicle_type(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String, String)>,
    body: Body<VehicleTypeInput>,
) -> Result<HttpResponse, ApiError> {
    let checked = body.value.check();
    let value = serde_json::to_value(&body.value).map_err(|e| ApiError::Internal(e.to_string()))?;
    put(
        req,
        state,
        caller,
        path,
        PresetKind::VehicleType,
        checked,
        value,
    )
    .await
}

/// `PUT …/templates/{name}`: saves a form (bounded in size; a draft may be incomplete).
pub async fn put_template(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String, String)>,
    body: Body<TemplateInput>,
) -> Result<HttpResponse, ApiError> {
    let checked = body.value.check();
    let value = serde_json::to_value(&body.value).map_err(|e| ApiError::Internal(e.to_string()))?;
    put(
        req,
        state,
        caller,
        path,
        PresetKind::Template,
        checked,
        value,
    )
    .await
}

/// `DELETE …/vehicle-types/{name}`.
pub async fn delete_vehicle_type(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, ApiError> {
    delete(state, caller, path, PresetKind::VehicleType).await
}

/// `DELETE …/templates/{name}`.
pub async fn delete_template(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String, String)>,
) -> Result<HttpResponse, ApiError> {
    delete(state, caller, path, PresetKind::Template).await
}
