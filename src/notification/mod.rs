//! The notification lifecycle: submit, decide, amend, withdraw, waive, acknowledge; the watch.
//!
//! Thin transactional glue, one file per operation: each runs inside one write transaction,
//! loads what it needs, asks the workflow core what happens (`workflow::lifecycle` and
//! `workflow::review`: pure functions of state, policy and now), stores the answer and appends
//! the audit event. Nothing here decides policy.

mod acknowledge;
mod amend;
mod decide;
mod stages;
mod submit;
pub mod view;
mod waive;
pub mod watch;
mod withdraw;

use std::sync::Arc;

use chrono::{DateTime, Datelike, Utc};

use crate::auth::{access, Identity};
use crate::domain::{Movement, Nation, NotificationStatus, StageStatus};
use crate::error::Error as ApiError;
use crate::i18n::msg;
use crate::policy::{Evaluation, Policy, PolicySet};
use crate::store::audit::NewEvent;
use crate::store::notifications::{
    self as rows, NotificationRow, Origin, ReviewRow, StageRow, Stored,
};
use crate::store::{next_in_each_series, Db};
use crate::workflow::{self, NationPlan, PermitAction, ReviewStanding};

pub use acknowledge::acknowledge;
pub use amend::amend;
pub use decide::{decide, DecisionRequest};
pub use stages::{review_state, stage_state};
pub use submit::submit;
pub use waive::waive;
pub use withdraw::withdraw;

/// What every operation needs besides the database.
pub struct Ctx<'a> {
    /// The policy set in force.
    pub policies: &'a PolicySet,
    /// Now, from the clock module.
    pub now: DateTime<Utc>,
    /// The caller.
    pub who: &'a Identity,
    /// Where people reach the service (`CORRIDOR_PUBLIC_URL`), for links in mail.
    pub public_url: &'a str,
}

impl Ctx<'_> {
    fn policy(&self, nation: &str) -> Result<&Arc<Policy>, ApiError> {
        let n = Nation::parse(nation).map_err(ApiError::Internal)?;
        self.policies.get(n).ok_or_else(|| no_policy(n))
    }

    /// Plans every nation's review of an evaluated movement (`workflow::plan_every_nation`).
    fn plan<'e>(
        &self,
        eval: &'e Evaluation,
        movement: &Movement,
    ) -> Result<Vec<NationPlan<'e>>, ApiError> {
        workflow::plan_every_nation(self.policies, eval, movement, self.now).map_err(no_policy)
    }

    fn event(
        &self,
        n: &NotificationRow,
        action: &str,
        nation: Option<&str>,
        before: &str,
        detail: serde_json::Value,
    ) -> NewEvent {
        NewEvent {
            notification_id: Some(n.id.clone()),
            at: self.now,
            actor: self.who.username.clone(),
            role: self.who.role.to_string(),
            nation: nation
                .map(str::to_string)
                .or_else(|| self.who.nation.map(|x| x.to_string())),
            action: action.into(),
            status_before: Some(before.into()),
            status_after: Some(n.status.to_string()),
            policy_version: Some(self.policies.version().to_string()),
            detail,
        }
    }
}

fn no_policy(nation: Nation) -> ApiError {
    ApiError::Conflict(msg!("problem-policy-gone", nation = nation.as_str()))
}

/// Issues or voids the review's permit number as `workflow::permit_action` says for its
/// status; numbers come from the nation's yearly series and are never reused.
fn settle_permit(conn: &mut Db, r: &mut ReviewRow, now: DateTime<Utc>) -> Result<(), ApiError> {
    settle_permits(conn, std::slice::from_mut(r), now)
}

/// `settle_permit` for several reviews: the numbers they take come from one statement on
/// PostgreSQL.
fn settle_permits(
    conn: &mut Db,
    reviews: &mut [ReviewRow],
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let mut issue = Vec::new();
    for (i, r) in reviews.iter_mut().enumerate() {
        match workflow::permit_action(r.status, r.permit_number.is_some()) {
            PermitAction::Issue => issue.push(i),
            PermitAction::Void => r.permit_number = None,
            PermitAction::Keep => {}
        }
    }
    let series: Vec<&str> = issue.iter().map(|&i| reviews[i].nation.as_str()).collect();
    let numbers = next_in_each_series(conn, &series, now.year())?;
    for (i, seq) in issue.into_iter().zip(numbers) {
        let n = Nation::parse(&reviews[i].nation).map_err(ApiError::Internal)?;
        reviews[i].permit_number = Some(workflow::permit_number(n, now.year(), seq as u64));
    }
    Ok(())
}

/// Recomputes the notification's status and due time from its reviews (`workflow::settle`).
fn settle(n: &mut NotificationRow, reviews: &[ReviewRow]) -> Result<(), ApiError> {
    let standing: Vec<ReviewStanding> = reviews
        .iter()
        .map(|r| ReviewStanding {
            status: r.status,
            due_at: r.due_at,
        })
        .collect();
    let settled = workflow::settle(&standing);
    n.status = settled.status;
    if let Some(due) = settled.due_at {
        n.due_at = due;
    }
    Ok(())
}

/// Stores a review change the core decided (a decision, deemed consent): the changed stage
/// rows, the review's status and its permit number, and the notification settled from them.
fn apply_review_change(
    conn: &mut Db,
    s: &mut Stored,
    nation: &str,
    change: &workflow::ReviewChange,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    stages::apply(conn, s, nation, &change.review)?;
    let review = s
        .reviews
        .iter_mut()
        .find(|r| r.nation == nation && r.status != NotificationStatus::Withdrawn)
        .ok_or_else(|| ApiError::Internal(format!("{nation} has no review to change")))?;
    review.status = change.status;
    settle_permit(conn, review, now)?;
    rows::save_review(conn, review)?;
    settle(&mut s.notification, &s.reviews)
}

/// Reloads after a change and schedules the notification's next check in the same transaction.
fn finish(conn: &mut Db, ctx: &Ctx<'_>, id: &str) -> Result<Stored, ApiError> {
    let s = Stored::load(conn, id)?
        .ok_or_else(|| ApiError::Internal(format!("notification {id} vanished")))?;
    finish_stored(conn, ctx, s, Origin::Existing)
}

/// `finish` of a notification the caller holds exactly as it stored it.
fn finish_stored(
    conn: &mut Db,
    ctx: &Ctx<'_>,
    s: Stored,
    origin: Origin,
) -> Result<Stored, ApiError> {
    let role = ctx.who.role.to_string();
    let actor = crate::permit::Actor {
        name: &ctx.who.username,
        role: &role,
    };
    crate::permit::settle(conn, &s, origin, ctx.policies, ctx.now, &actor)?; // issue 14: issue or revoke the signed bundle
    crate::standing::record_approvals(conn, &s, ctx.now)?; // issue 15: approvals define envelopes
    watch::schedule(conn, &s, origin, ctx.policies, ctx.now)?;
    Ok(s)
}

/// Refuses a withdrawal or amendment of a notification that is final, except an approved one:
/// its signed permit is revoked (issue 14).
fn ensure_changeable(n: &NotificationRow) -> Result<(), ApiError> {
    if n.status == NotificationStatus::Approved {
        return Ok(());
    }
    ensure_open(n)
}

/// Refuses changes to a notification that is final.
fn ensure_open(n: &NotificationRow) -> Result<(), ApiError> {
    if n.status.is_final() {
        return Err(ApiError::Conflict(msg!(
            "problem-final",
            reference = &n.reference,
            status = n.status.as_str()
        )));
    }
    Ok(())
}

/// Whether the caller may see this notification at all (else: 404, leaking nothing).
pub fn readable(who: &Identity, s: &Stored) -> bool {
    // Nations still on the route: one taken off by an amendment sees it no more (as in lists).
    let nations: Vec<Nation> = s
        .nations()
        .iter()
        .filter_map(|n| Nation::parse(n).ok())
        .collect();
    access::may_read(
        who,
        &s.notification.requester_nation,
        &s.notification.requester_unit,
        &nations,
    )
}

/// Refuses a change by anyone but the requesting unit.
fn own_unit(ctx: &Ctx<'_>, s: &Stored) -> Result<(), ApiError> {
    let n = &s.notification;
    access::may_change(ctx.who, &n.requester_nation, &n.requester_unit).map_err(ApiError::Forbidden)
}

/// Which ETags an `If-Match` may name for a change: what the caller must have seen.
#[derive(Debug, Clone, Copy)]
enum Seen<'a> {
    /// No precondition (withdrawal, decisions check their own).
    Nothing,
    /// The notification as a whole (an amendment rewrites all of it).
    Notification(&'a IfMatch),
    /// The notification, or a current stage of this nation (a nation's own change, e.g. a
    /// waiver, needs only that nation's part to be current).
    NotificationOrNation(&'a IfMatch, &'a str),
}

/// Loads the notification for a change: takes its lock, checks scope and the `If-Match`
/// precondition against the ETags `seen` allows.
fn load_for_change(
    conn: &mut Db,
    ctx: &Ctx<'_>,
    id: &str,
    seen: Seen<'_>,
) -> Result<Stored, ApiError> {
    let missing = || ApiError::NotFound(msg!("problem-no-notification", id = id));
    let before = rows::lock_for_change(conn, id, ctx.now)?.ok_or_else(missing)?;
    let mut s = Stored::load(conn, id)?.ok_or_else(missing)?;
    if !readable(ctx.who, &s) {
        return Err(missing());
    }
    let (if_match, nation) = match seen {
        Seen::Nothing => (None, None),
        Seen::Notification(tag) => (Some(tag), None),
        Seen::NotificationOrNation(tag, nation) => (Some(tag), Some(nation)),
    };
    if let Some(tag) = if_match {
        let current = view::etag(before);
        let stage_match = nation.is_some_and(|nation| {
            s.stages.iter().any(|st| {
                st.nation == nation
                    && st.status != StageStatus::Superseded
                    && tag.names(&view::stage_etag(st))
            })
        });
        if !(tag.names(&current) || stage_match) {
            return Err(ApiError::PreconditionFailed(msg!(
                "problem-stale-if-match",
                sent = &tag.sent,
                current = &current
            )));
        }
    }
    s.notification.revision = before + 1;
    Ok(s)
}

/// An `If-Match` precondition as the edge parsed it (`api::etag`): `*`, or the strong tags it
/// names (weak ones never match, RFC 9110 §13.1.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IfMatch {
    /// The header as sent, for the message of a 412.
    pub sent: String,
    /// `*`: any current version.
    pub any: bool,
    /// The strong tags named, quoted as ETags are sent (`"r3"`).
    pub tags: Vec<String>,
}

impl IfMatch {
    /// Whether the precondition holds for the current `tag` (strong comparison).
    pub fn names(&self, tag: &str) -> bool {
        self.any || self.tags.iter().any(|t| t == tag)
    }
}

/// The stored stage row of `nation`/`key` in the current round.
pub fn current_stage<'a>(s: &'a Stored, nation: &str, key: &str) -> Option<&'a StageRow> {
    s.stages.iter().find(|st| {
        st.nation == nation && st.stage_key == key && st.status != StageStatus::Superseded
    })
}

/// A wire name of a serde enum (`kind`), as stored.
fn serde_plain<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
