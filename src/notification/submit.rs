//! Submitting a movement: every nation's review planned at once, stored in one transaction.

use chrono::Datelike;
use serde_json::json;

use super::{settle, settle_permits, stages, Ctx};
use crate::domain::{Movement, NotificationStatus};
use crate::error::Error as ApiError;
use crate::policy::Evaluation;
use crate::store::audit;
use crate::store::notifications::{self as rows, NotificationRow, Origin, ReviewRow, Stored};
use crate::store::types::Json;
use crate::store::{next_in_series, Db};
use crate::workflow::NationPlan;

/// Submits a parsed and evaluated movement; returns what was stored.
pub fn submit(
    conn: &mut Db,
    ctx: &Ctx<'_>,
    movement: &Movement,
    eval: &Evaluation,
) -> Result<Stored, ApiError> {
    let now = ctx.now;
    let id = uuid::Uuid::now_v7().to_string();
    let reference = format!(
        "CRD-{}-{:06}",
        now.year(),
        next_in_series(conn, "notification", now.year())?
    );
    let movement_json =
        serde_json::to_string(movement.input()).map_err(|e| ApiError::Internal(e.to_string()))?;
    let mut n = NotificationRow {
        id: id.clone(),
        reference,
        status: NotificationStatus::InReview,
        version: 1,
        revision: 1,
        priority: movement.priority,
        kind: super::serde_plain(&movement.kind),
        requester_nation: movement.requester.nation.to_string(),
        requester_unit: movement.requester.unit.clone(),
        created_by: ctx.who.user_id.clone(),
        departure_at: movement.departure_at,
        arrival_at: movement.arrival_at,
        due_at: movement.departure_at,
        escalation_level: 0,
        movement: Json(movement.input().clone()),
        submitted_at: now,
        updated_at: now,
    };
    // Issue 15: nations that find the movement inside one of their standing authorisations.
    let standing = crate::standing::consult(conn, ctx.policies, movement, eval, now)?;
    let plans = ctx.plan(&standing.evaluation, movement)?;
    let mut reviews = Vec::new();
    let mut stage_rows = Vec::new();
    let mut auto = Vec::new();
    for plan in &plans {
        reviews.push(review_row(&n.id, plan)?);
        auto.extend(plan.auto_cleared());
        let nation = plan.nation.to_string();
        for st in &plan.review.stages {
            let fp = plan.fingerprint(&st.key).to_string();
            stage_rows.push(stages::new_row(&n, &nation, st, 1, fp));
        }
    }
    settle_permits(conn, &mut reviews, now)?;
    let standing = standing.clear(conn, &n, &mut reviews, &mut stage_rows, now)?;
    settle(&mut n, &reviews)?;
    rows::insert_submitted(
        conn,
        &n,
        &movement_json,
        &ctx.who.username,
        now,
        &reviews,
        &stage_rows,
    )?;
    let permits: Vec<&String> = reviews
        .iter()
        .filter_map(|r| r.permit_number.as_ref())
        .collect();
    let detail = json!({
        "reference": n.reference,
        "version": 1,
        "nations": reviews.iter().map(|r| &r.nation).collect::<Vec<_>>(),
        "auto_cleared": auto,
        "permits": permits,
        "standing": standing,
    });
    audit::append(conn, ctx.event(&n, "submitted", None, "new", detail))?;
    // What was just inserted, in the order `Stored::load` reads it: not read back.
    reviews.sort_by_key(|r| r.position);
    stage_rows.sort_by(|a, b| {
        (&a.nation, a.round, a.step, &a.id).cmp(&(&b.nation, b.round, b.step, &b.id))
    });
    let s = Stored {
        notification: n,
        reviews,
        stages: stage_rows,
        escalations: Vec::new(),
    };
    super::finish_stored(conn, ctx, s, Origin::New)
}

/// A new review row for a planned nation (no permit number yet: `settle_permit` issues it).
pub(super) fn review_row(
    notification_id: &str,
    plan: &NationPlan<'_>,
) -> Result<ReviewRow, ApiError> {
    Ok(ReviewRow {
        notification_id: notification_id.to_string(),
        nation: plan.nation.to_string(),
        position: plan.position as i32,
        status: plan.status,
        permit_number: None,
        due_at: plan.due_at,
        policy_version: plan.evaluation.policy_version.clone(),
        findings: Json(plan.evaluation.findings.clone()),
        waiver: None,
    })
}
