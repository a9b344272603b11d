//! Between stage rows and the workflow core's stage states.

use crate::domain::StageStatus;
use crate::error::Error as ApiError;
use crate::store::notifications::{self as rows, NotificationRow, StageRow, Stored};
use crate::store::types::Json;
use crate::store::Db;
use crate::workflow::{NationPlan, ReviewState, StageState};

/// The workflow's view of a stored stage (the one mapper from rows; `copy_state` and `new_row`
/// go the other way).
pub fn stage_state(r: &StageRow) -> StageState {
    StageState {
        key: r.stage_key.clone(),
        name: r.name.clone(),
        step: r.step.max(0) as u32,
        status: r.status,
        opened_at: r.opened_at,
        due_at: r.due_at,
        decided_by: r.decided_by.clone(),
        decided_at: r.decided_at,
        conditions: r.conditions.0.clone(),
        reason: r.reason.clone(),
    }
}

/// The current review of `nation`: its current-round stages and the block findings no waiver covers.
pub fn review_state(s: &Stored, nation: &str) -> ReviewState {
    let review = s.reviews.iter().find(|r| r.nation == nation);
    let stages = s
        .stages
        .iter()
        .filter(|st| st.nation == nation && st.status != StageStatus::Superseded)
        .map(stage_state)
        .collect();
    let blocks = match review {
        Some(r) => {
            let rules = crate::workflow::review::blocking_rules(&r.findings);
            let waived: &[String] = r.waiver.as_ref().map_or(&[], |w| &w.rules);
            rules.into_iter().filter(|r| !waived.contains(r)).collect()
        }
        None => Vec::new(),
    };
    ReviewState { stages, blocks }
}

/// A new stage row for a planned stage.
pub fn new_row(
    n: &NotificationRow,
    nation: &str,
    st: &StageState,
    round: i32,
    fingerprint: String,
) -> StageRow {
    StageRow {
        id: uuid::Uuid::new_v4().to_string(),
        notification_id: n.id.clone(),
        nation: nation.to_string(),
        stage_key: st.key.clone(),
        name: st.name.clone(),
        step: st.step as i32,
        round,
        status: st.status,
        opened_at: st.opened_at,
        due_at: st.due_at,
        decided_by: st
            .decided_by
            .clone()
            .or_else(|| (st.status == StageStatus::AutoCleared).then(|| "policy".into())),
        decided_at: st.decided_at,
        conditions: Json(st.conditions.clone()),
        reason: st.reason.clone(),
        fingerprint,
        escalation_level: 0,
        revision: 1,
    }
}

fn copy_state(row: &mut StageRow, st: &StageState) -> bool {
    let before = (
        row.status,
        row.step,
        row.opened_at,
        row.due_at,
        row.decided_by.clone(),
        row.reason.clone(),
    );
    row.status = st.status;
    row.step = st.step as i32;
    row.opened_at = st.opened_at;
    row.due_at = st.due_at;
    row.decided_at = st.decided_at;
    row.decided_by = st.decided_by.clone().or_else(|| match st.status {
        StageStatus::AutoCleared => Some("policy".into()),
        StageStatus::DeemedApproved => Some("deemed consent".into()),
        _ => row.decided_by.clone(),
    });
    row.conditions = Json(st.conditions.clone());
    row.reason = st.reason.clone();
    before
        != (
            row.status,
            row.step,
            row.opened_at,
            row.due_at,
            row.decided_by.clone(),
            row.reason.clone(),
        )
}

/// Stores a review state whose stages are the same as the stored current ones (a decision,
/// deemed consent): each changed row is saved.
pub fn apply(
    conn: &mut Db,
    s: &mut Stored,
    nation: &str,
    review: &ReviewState,
) -> Result<(), ApiError> {
    for row in s
        .stages
        .iter_mut()
        .filter(|r| r.nation == nation && r.status != StageStatus::Superseded)
    {
        if let Some(st) = review
            .stages
            .iter()
            .find(|st| st.key == row.stage_key && st.is_current())
        {
            if copy_state(row, st) {
                rows::save_stage(conn, row)?;
            }
        }
    }
    Ok(())
}

/// Stores a rebased review after an amendment (`plan.review`, see `workflow::amend_route`):
/// superseded rows are marked, kept decisions stay on their rows, restarted stages get new rows
/// for this round. Returns (kept, restarted) as `NATION/key`.
pub fn apply_rebase(
    conn: &mut Db,
    n: &NotificationRow,
    nation: &str,
    old_rows: &[StageRow],
    plan: &NationPlan<'_>,
    round: i32,
) -> Result<(Vec<String>, Vec<String>), ApiError> {
    let rebased = &plan.review;
    let superseded: Vec<&str> = rebased
        .stages
        .iter()
        .filter(|s| s.status == StageStatus::Superseded)
        .map(|s| s.key.as_str())
        .collect();
    let mut kept = Vec::new();
    let mut restarted = Vec::new();
    for row in old_rows {
        if superseded.contains(&row.stage_key.as_str())
            || !rebased.stages.iter().any(|s| s.key == row.stage_key)
        {
            let mut r = row.clone();
            r.status = StageStatus::Superseded;
            rows::save_stage(conn, &r)?;
        }
    }
    let mut new_rows = Vec::new();
    for st in rebased
        .stages
        .iter()
        .filter(|s| s.status != StageStatus::Superseded)
    {
        let fp = plan.fingerprint(&st.key).to_string();
        match old_rows
            .iter()
            .find(|r| r.stage_key == st.key && !superseded.contains(&r.stage_key.as_str()))
        {
            Some(old) => {
                let mut r = old.clone();
                copy_state(&mut r, st);
                r.fingerprint = fp;
                rows::save_stage(conn, &r)?;
                kept.push(format!("{nation}/{}", st.key));
            }
            None => {
                new_rows.push(new_row(n, nation, st, round, fp));
                restarted.push(format!("{nation}/{}", st.key));
            }
        }
    }
    rows::insert_stages(conn, &new_rows)?;
    Ok((kept, restarted))
}
