//! `/v1/policies`, `/v1/evaluate` (a dry run) and the admin policy reload.

use crate::i18n::msg;
use actix_web::{web, HttpResponse};
use serde_json::json;

use super::body::Body;
use super::caller::Caller;
use super::problem::ApiError;
use super::AppState;
use crate::auth::access;
use crate::domain::{FieldError, Movement, MovementInput, Nation};
use crate::policy::{evaluate as evaluate_movement, PolicySet};
use crate::workflow::plan_every_nation;

/// The dry-run answer: findings and planned stages per nation.
pub fn dry_run(
    set: &PolicySet,
    input: MovementInput,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<serde_json::Value, Vec<FieldError>> {
    let movement = Movement::parse(input)?;
    let eval = evaluate_movement(&movement, set, now)?;
    let plans = plan_every_nation(set, &eval, &movement, now).map_err(|n| {
        vec![FieldError::new(
            "itinerary",
            msg!("problem-no-policy", nation = n.as_str()),
        )]
    })?;
    let nations: Vec<serde_json::Value> = plans
        .iter()
        .map(|plan| {
            let ne = plan.evaluation;
            json!({
                "nation": ne.nation,
                "policy_version": ne.policy_version,
                "edition": ne.edition,
                "findings": ne.findings,
                "due_at": plan.due_at,
                "stages": plan.review.stages.iter().map(|s| json!({"key": s.key, "name": s.name, "step": s.step, "status": s.status, "due_at": s.due_at})).collect::<Vec<_>>(),
            })
        })
        .collect();
    Ok(json!({"policy_set_version": set.version(), "evaluated_at": now, "nations": nations}))
}

/// `POST /v1/evaluate`: what each nation's policy says, nothing stored.
pub async fn evaluate(
    state: web::Data<AppState>,
    caller: Caller,
    body: Body<MovementInput>,
) -> Result<HttpResponse, ApiError> {
    access::may_evaluate(&caller).map_err(ApiError::Forbidden)?;
    let (set, now) = (state.policies(), state.clock.now());
    let input = body.value.clone();
    let mut out = dry_run(&set, body.value, now).map_err(ApiError::Validation)?;
    // Issue 15: which standing authorisation each nation would use, or why none applies.
    let consultation = state
        .store
        .run(move |conn| {
            let movement = Movement::parse(input).map_err(ApiError::Validation)?;
            let eval = evaluate_movement(&movement, &set, now).map_err(ApiError::Validation)?;
            crate::standing::consult(conn, &set, &movement, &eval, now)
        })
        .await?;
    with_standing(&mut out, &consultation);
    Ok(HttpResponse::Ok().json(out))
}

/// Adds each nation's standing verdict to the dry run: its finding, the verdict, and its
/// stages `auto_cleared` where an authorisation covers the movement.
fn with_standing(out: &mut serde_json::Value, c: &crate::standing::Consultation) {
    use crate::standing::matching::Verdict;
    let Some(nations) = out["nations"].as_array_mut() else {
        return;
    };
    for (nation, verdict) in &c.verdicts {
        let Some(n) = nations.iter_mut().find(|n| n["nation"] == nation.as_str()) else {
            continue;
        };
        if let Some(ne) = c.evaluation.nation(*nation) {
            n["findings"] = json!(ne.findings);
        }
        n["standing"] = json!(verdict);
        if matches!(verdict, Verdict::Used(_)) {
            for st in n["stages"].as_array_mut().into_iter().flatten() {
                st["status"] = json!("auto_cleared");
            }
        }
    }
}

/// The most rows one dangerous-goods look-up returns.
const DG_LIMIT_MAX: usize = 50;

/// `GET /v1/dangerous-goods?q=&limit=`: rows of the list the policies use, by UN number prefix
/// or a part of the proper shipping name (the planner's UN-number look-up).
pub async fn dangerous_goods(
    state: web::Data<AppState>,
    caller: Caller,
    query: web::Query<std::collections::HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    access::may_search_dangerous_goods(&caller).map_err(ApiError::Forbidden)?;
    let mut errors = Vec::new();
    let q = query.get("q").map(|q| q.trim()).unwrap_or("");
    if q.is_empty() || q.chars().count() > 100 {
        errors.push(FieldError::new(
            "q",
            "give 1 to 100 characters: UN number digits or part of the name",
        ));
    }
    let limit = match query.get("limit").map(|l| l.parse::<usize>()) {
        None => 20,
        Some(Ok(l)) if (1..=DG_LIMIT_MAX).contains(&l) => l,
        Some(_) => {
            errors.push(FieldError::new(
                "limit",
                format!("a whole number from 1 to {DG_LIMIT_MAX}"),
            ));
            0
        }
    };
    if let Some(k) = query.keys().find(|k| !matches!(k.as_str(), "q" | "limit")) {
        errors.push(FieldError::new(k.clone(), "unknown query parameter"));
    }
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let set = state.policies();
    let (rows, more) = set.dangerous_goods().search(q, limit);
    let items: Vec<_> = rows
        .iter()
        .map(|e| {
            json!({
                "un_number": e.un_number,
                "name": e.name,
                "class": e.class,
                "classification_code": e.classification_code,
                "packing_group": e.packing_group,
                "labels": e.labels,
                "transport_category": e.transport_category,
                "tunnel_code": e.tunnel_code,
                "quantity_basis": e.quantity_basis,
            })
        })
        .collect();
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "private, max-age=300"))
        .json(json!({"items": items, "more": more, "list_version": set.dangerous_goods_version()})))
}

fn summary(p: &crate::policy::Policy) -> serde_json::Value {
    json!({
        "nation": p.file.nation, "name": p.file.name, "edition": p.file.edition, "valid_from": p.file.valid_from,
        "version": p.version, "timezone": p.file.timezone,
        "stages": p.file.stages.iter().map(|s| json!({"key": s.key, "name": s.name, "required": s.required, "parallel": s.parallel, "sla": s.sla})).collect::<Vec<_>>(),
    })
}

/// `GET /v1/policies`: loaded policies with their version hashes.
pub async fn list(state: web::Data<AppState>, _caller: Caller) -> HttpResponse {
    let set = state.policies();
    let items: Vec<_> = set.policies().map(|p| summary(p)).collect();
    HttpResponse::Ok().json(json!({"version": set.version(), "items": items}))
}

/// `GET /v1/policies/{nation}`: one nation's policy file as loaded.
pub async fn one(
    state: web::Data<AppState>,
    _caller: Caller,
    nation: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let n = Nation::parse(&nation).map_err(|_| {
        ApiError::Validation(vec![FieldError::new(
            "nation",
            super::notifications::nation_code(&nation),
        )])
    })?;
    let set = state.policies();
    let p = set
        .get(n)
        .ok_or_else(|| ApiError::NotFound(msg!("problem-no-policy", nation = n.as_str())))?;
    let mut out = summary(p);
    out["policy"] = serde_json::to_value(&p.file).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(HttpResponse::Ok()
        .insert_header(("ETag", format!("\"{}\"", p.version)))
        .json(out))
}

/// `POST /v1/admin/policies/reload`: re-read the policy directory (admin).
pub async fn reload(state: web::Data<AppState>, caller: Caller) -> Result<HttpResponse, ApiError> {
    access::may_operate(&caller, msg!("problem-forbidden-reload-policies"))
        .map_err(ApiError::Forbidden)?;
    let st = state.clone();
    let result = web::block(move || st.reload_policies())
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    match result {
        Ok(set) => Ok(
            HttpResponse::Ok().json(json!({"version": set.version(), "nations": set.nations()}))
        ),
        Err(errors) => Err(ApiError::Validation(
            errors
                .into_iter()
                .map(|e| FieldError::new(format!("{}: {}", e.file, e.field), e.message))
                .collect(),
        )),
    }
}
