//! The requesting unit withdraws its notification (an approved one too: its permit is revoked).

use serde_json::json;

use super::{Ctx, Seen};
use crate::domain::NotificationStatus;
use crate::error::Error as ApiError;
use crate::store::audit;
use crate::store::notifications::{self as rows, Stored};
use crate::store::Db;

/// Withdraws the notification (the requesting unit only).
pub fn withdraw(
    conn: &mut Db,
    ctx: &Ctx<'_>,
    id: &str,
    reason: Option<String>,
) -> Result<Stored, ApiError> {
    let mut s = super::load_for_change(conn, ctx, id, Seen::Nothing)?;
    super::own_unit(ctx, &s)?;
    super::ensure_changeable(&s.notification)?;
    let before = s.notification.status.to_string();
    s.notification.status = NotificationStatus::Withdrawn;
    rows::save_notification(conn, &s.notification)?;
    audit::append(
        conn,
        ctx.event(
            &s.notification,
            "withdrawn",
            None,
            &before,
            json!({"reason": reason}),
        ),
    )?;
    super::finish(conn, ctx, id)
}
