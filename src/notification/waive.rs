//! A coordinator's waiver of the block findings against the nation.

use super::{view, Ctx, IfMatch, Seen};
use crate::auth::access;
use crate::domain::{Nation, NotificationStatus, Waiver};
use crate::error::Error as ApiError;
use crate::i18n::msg;
use crate::store::audit;
use crate::store::notifications::{self as rows, Stored};
use crate::store::types::Json;
use crate::store::Db;
use crate::workflow;

/// Records a coordinator's waiver of the nation's block findings, so its officers may approve.
pub fn waive(
    conn: &mut Db,
    ctx: &Ctx<'_>,
    id: &str,
    nation: Nation,
    reason: String,
    if_match: &IfMatch,
) -> Result<Stored, ApiError> {
    let code = nation.to_string();
    let mut s = super::load_for_change(conn, ctx, id, Seen::NotificationOrNation(if_match, &code))?;
    access::may_waive(ctx.who, nation).map_err(ApiError::Forbidden)?;
    super::ensure_open(&s.notification)?;
    let review = s
        .reviews
        .iter_mut()
        .find(|r| r.nation == code && r.status != NotificationStatus::Withdrawn)
        .ok_or_else(|| ApiError::NotFound(msg!("problem-not-on-route", nation = &code)))?;
    let rules = workflow::review::blocking_rules(view::findings_of(review));
    if rules.is_empty() {
        return Err(ApiError::Conflict(msg!(
            "problem-nothing-to-waive",
            nation = &code
        )));
    }
    let waiver = Waiver {
        by: ctx.who.username.clone(),
        at: ctx.now,
        reason,
        rules,
    };
    let detail = serde_json::to_value(&waiver).map_err(|e| ApiError::Internal(e.to_string()))?;
    review.waiver = Some(Json(waiver));
    rows::save_review(conn, review)?;
    let before = s.notification.status.to_string();
    audit::append(
        conn,
        ctx.event(&s.notification, "waived", Some(&code), &before, detail),
    )?;
    super::finish(conn, ctx, id)
}
