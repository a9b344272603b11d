//! The nation's coordinator acknowledges an escalation.

use serde_json::json;

use super::{Ctx, Seen};
use crate::auth::access;
use crate::error::Error as ApiError;
use crate::i18n::msg;
use crate::store::audit;
use crate::store::notifications::{self as rows, Stored};
use crate::store::Db;

/// The coordinator of the escalation's nation acknowledges an escalation.
pub fn acknowledge(
    conn: &mut Db,
    ctx: &Ctx<'_>,
    id: &str,
    escalation_id: &str,
) -> Result<Stored, ApiError> {
    let s = super::load_for_change(conn, ctx, id, Seen::Nothing)?;
    let e = s
        .escalations
        .iter()
        .find(|e| e.id == escalation_id)
        .ok_or_else(|| ApiError::NotFound(msg!("problem-no-escalation", id = escalation_id)))?;
    access::may_acknowledge(ctx.who, &e.nation).map_err(ApiError::Forbidden)?;
    if !rows::acknowledge_escalation(conn, escalation_id, &ctx.who.username, ctx.now)? {
        return Err(ApiError::Conflict(msg!("problem-already-acknowledged")));
    }
    let detail = json!({"escalation": escalation_id, "stage": e.stage_key, "level": e.level});
    let nation = e.nation.clone();
    let status = s.notification.status.to_string();
    audit::append(
        conn,
        ctx.event(
            &s.notification,
            "acknowledged",
            Some(&nation),
            &status,
            detail,
        ),
    )?;
    super::finish(conn, ctx, id)
}
