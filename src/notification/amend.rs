//! The requesting unit amends its movement: a new version, every nation planned again, and
//! `workflow::amend_route` deciding which reviews are withdrawn, which stages stand and which
//! start again.

use serde_json::json;

use super::{settle, settle_permit, stage_state, stages, Ctx, IfMatch, Seen};
use crate::domain::{Movement, Nation, NotificationStatus, StageStatus};
use crate::error::Error as ApiError;
use crate::policy::Evaluation;
use crate::store::audit;
use crate::store::notifications::{self as rows, StageRow, Stored};
use crate::store::types::Json;
use crate::store::Db;
use crate::workflow::{self, ReviewBefore};

/// Amends the movement: a new version, re-evaluated; stages whose inputs changed start again.
pub fn amend(
    conn: &mut Db,
    ctx: &Ctx<'_>,
    id: &str,
    movement: &Movement,
    eval: &Evaluation,
    if_match: &IfMatch,
) -> Result<Stored, ApiError> {
    let mut s = super::load_for_change(conn, ctx, id, Seen::Notification(if_match))?;
    super::own_unit(ctx, &s)?;
    super::ensure_changeable(&s.notification)?;
    // Issue 15: the amended movement is matched against the standing authorisations again.
    let standing = crate::standing::consult(conn, ctx.policies, movement, eval, ctx.now)?;
    let eval = &standing.evaluation;
    let before = s.notification.status.to_string();
    let version = s.notification.version + 1;
    let movement_json =
        serde_json::to_string(movement.input()).map_err(|e| ApiError::Internal(e.to_string()))?;
    let plans = ctx.plan(eval, movement)?;
    let amendment = workflow::amend_route(&reviews_before(&s)?, plans, ctx.now);

    // Nations taken off the route: their reviews end, their open stages are superseded.
    for nation in amendment.withdrawn.iter().map(Nation::to_string) {
        if let Some(r) = s.reviews.iter_mut().find(|r| r.nation == nation) {
            r.status = NotificationStatus::Withdrawn;
            settle_permit(conn, r, ctx.now)?;
            rows::save_review(conn, r)?;
        }
        for st in current_rows(&s, &nation) {
            let mut st = st.clone();
            st.status = StageStatus::Superseded;
            rows::save_stage(conn, &st)?;
        }
    }
    let mut restarted = Vec::new();
    let mut kept = Vec::new();
    for amended in &amendment.nations {
        let plan = &amended.plan;
        let nation = plan.nation.to_string();
        let old_rows: Vec<StageRow> = current_rows(&s, &nation).into_iter().cloned().collect();
        let (k, r) =
            stages::apply_rebase(conn, &s.notification, &nation, &old_rows, plan, version)?;
        kept.extend(k);
        restarted.extend(r);
        let fresh = super::submit::review_row(&s.notification.id, plan)?;
        match s.reviews.iter_mut().find(|r| r.nation == nation) {
            Some(r) => {
                r.position = fresh.position;
                r.status = fresh.status;
                // A permit issued for the old version no longer stands; its number is not reused.
                settle_permit(conn, r, ctx.now)?;
                r.due_at = fresh.due_at;
                r.policy_version = fresh.policy_version;
                if r.findings != fresh.findings {
                    r.waiver = None;
                }
                r.findings = fresh.findings;
                rows::save_review(conn, r)?;
            }
            None => {
                let mut row = fresh;
                settle_permit(conn, &mut row, ctx.now)?;
                rows::insert_reviews(conn, std::slice::from_ref(&row))?;
                s.reviews.push(row);
            }
        }
    }
    let standing = standing.clear_amended(conn, &mut s, ctx.now)?;
    let n = &mut s.notification;
    n.version = version;
    n.movement = Json(movement.input().clone());
    n.priority = movement.priority;
    n.kind = super::serde_plain(&movement.kind);
    n.departure_at = movement.departure_at;
    n.arrival_at = movement.arrival_at;
    n.escalation_level = 0;
    settle(n, &s.reviews)?;
    rows::save_notification(conn, n)?;
    rows::insert_version(
        conn,
        id,
        version,
        &movement_json,
        &ctx.who.username,
        ctx.now,
    )?;
    let detail =
        json!({"version": version, "restarted": restarted, "kept": kept, "standing": standing});
    audit::append(
        conn,
        ctx.event(&s.notification, "amended", None, &before, detail),
    )?;
    super::finish(conn, ctx, id)
}

/// The stored stage rows of `nation` in the current round.
fn current_rows<'a>(s: &'a Stored, nation: &str) -> Vec<&'a StageRow> {
    s.stages
        .iter()
        .filter(|st| st.nation == nation && st.status != StageStatus::Superseded)
        .collect()
}

/// Every stored review as the core's amendment rule reads it.
fn reviews_before(s: &Stored) -> Result<Vec<ReviewBefore>, ApiError> {
    s.reviews
        .iter()
        .map(|r| {
            let stages = current_rows(s, &r.nation)
                .into_iter()
                .map(|row| (stage_state(row), row.fingerprint.clone()))
                .collect();
            Ok(ReviewBefore {
                nation: Nation::parse(&r.nation).map_err(ApiError::Internal)?,
                status: r.status,
                stages,
            })
        })
        .collect()
}
