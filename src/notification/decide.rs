//! An officer's or coordinator's decision on one stage of a nation's review.

use serde_json::json;

use super::{apply_review_change, review_state, view, watch, Ctx, IfMatch, Seen};
use crate::auth::access;
use crate::domain::{FieldError, Nation, NotificationStatus, Outcome, StageStatus};
use crate::error::Error as ApiError;
use crate::i18n::msg;
use crate::store::audit;
use crate::store::notifications::{self as rows, Stored};
use crate::store::Db;
use crate::workflow::{self, Decision, DecisionError};

/// An officer's decision on one stage.
#[derive(Clone)]
pub struct DecisionRequest {
    /// Nation of the stage.
    pub nation: Nation,
    /// Stage key.
    pub key: String,
    /// Outcome.
    pub outcome: Outcome,
    /// Conditions (for approve_with_conditions).
    pub conditions: Vec<String>,
    /// Reason (for reject and request_changes).
    pub reason: Option<String>,
}

/// Decides a stage; the caller must be an officer of that nation assigned to the stage, or the
/// nation's coordinator.
pub fn decide(
    conn: &mut Db,
    ctx: &Ctx<'_>,
    id: &str,
    d: DecisionRequest,
    if_match: &IfMatch,
) -> Result<Stored, ApiError> {
    let mut s = super::load_for_change(conn, ctx, id, Seen::Nothing)?;
    let nation = d.nation.to_string();
    if !s
        .reviews
        .iter()
        .any(|r| r.nation == nation && r.status != NotificationStatus::Withdrawn)
    {
        return Err(ApiError::NotFound(msg!(
            "problem-not-on-route-of",
            nation = &nation,
            reference = &s.notification.reference
        )));
    }
    access::may_decide(ctx.who, d.nation, &d.key).map_err(ApiError::Forbidden)?;
    // Precondition after authorization: a 412 must not tell an outsider the current version.
    let before_rev = s.notification.revision - 1;
    let stage_tag_ok = s.stages.iter().any(|st| {
        st.nation == nation
            && st.stage_key == d.key
            && st.status != StageStatus::Superseded
            && if_match.names(&view::stage_etag(st))
    });
    if !(if_match.names(&view::etag(before_rev)) || stage_tag_ok) {
        return Err(ApiError::PreconditionFailed(msg!(
            "problem-stale-if-match",
            sent = &if_match.sent,
            current = view::etag(before_rev)
        )));
    }
    super::ensure_open(&s.notification)?;
    let policy = ctx.policy(&nation)?.clone();
    let priority = s.notification.priority;
    let state = review_state(&s, &nation);
    let decision = Decision {
        outcome: d.outcome,
        conditions: d.conditions,
        reason: d.reason,
        by: ctx.who.username.clone(),
    };
    let change = workflow::decide(
        &state,
        &d.key,
        decision,
        ctx.now,
        &policy.file,
        policy.tz,
        priority,
    )
    .map_err(|e| decision_error(e, &d.key))?;
    let before = s.notification.status.to_string();
    apply_review_change(conn, &mut s, &nation, &change, ctx.now)?;
    // The time this person took feeds the medians that predict the next breach.
    if let Some(st) = super::current_stage(&s, &nation, &d.key) {
        if let (Some(opened), Some(at)) = (st.opened_at, st.decided_at) {
            rows::record_decision_time(conn, st, opened, at)?;
        }
    }
    let permit = s
        .reviews
        .iter()
        .find(|r| r.nation == nation && r.status != NotificationStatus::Withdrawn)
        .and_then(|r| r.permit_number.clone());
    s.notification.escalation_level = watch::open_level(&s);
    rows::save_notification(conn, &s.notification)?;
    let detail = json!({
        "stage": d.key, "outcome": d.outcome, "opened": change.opened, "nation_status": change.status,
        "permit_number": if change.completed { permit } else { None },
    });
    audit::append(
        conn,
        ctx.event(&s.notification, "decided", Some(&nation), &before, detail),
    )?;
    tell_requester(conn, ctx, &s, &nation, &d.key, &change)?;
    super::finish(conn, ctx, id)
}

/// Mails the submitting planner (when they have an address) what a nation decided: its permit
/// with the conditions, a rejection, or a request for changes.
fn tell_requester(
    conn: &mut Db,
    ctx: &Ctx<'_>,
    s: &Stored,
    nation: &str,
    key: &str,
    change: &workflow::ReviewChange,
) -> Result<(), ApiError> {
    let Some(stage) = change
        .review
        .stages
        .iter()
        .find(|st| st.key == key && st.is_current())
    else {
        return Ok(());
    };
    let reason = stage.reason.clone().unwrap_or_default();
    let conditions: Vec<String> = change
        .review
        .stages
        .iter()
        .flat_map(|st| st.conditions.clone())
        .collect();
    let permit = s
        .reviews
        .iter()
        .find(|r| r.nation == nation)
        .and_then(|r| r.permit_number.clone())
        .unwrap_or_default();
    let decision = match stage.status {
        StageStatus::Rejected => crate::mail::text::Decision::Rejected {
            stage: key,
            reason: &reason,
        },
        StageStatus::ChangesRequested => crate::mail::text::Decision::ChangesRequested {
            stage: key,
            reason: &reason,
        },
        _ if change.completed => crate::mail::text::Decision::Approved {
            permit_number: &permit,
            conditions: &conditions,
        },
        _ => return Ok(()),
    };
    let Some((to, lang)) = crate::store::UserRow::by_id(conn, &s.notification.created_by)?
        .and_then(|u| u.email.map(|e| (e, u.language.unwrap_or_default())))
    else {
        return Ok(());
    };
    let link = super::watch::notification_link(ctx.public_url, &s.notification.id);
    let notice = crate::mail::text::DecisionNotice {
        reference: &s.notification.reference,
        nation,
        decision,
        link: &link,
    };
    let (subject, body) = crate::mail::text::decision(lang, &notice);
    crate::store::outbox::enqueue(conn, &to, &subject, &body, ctx.now)?;
    Ok(())
}

fn decision_error(e: DecisionError, key: &str) -> ApiError {
    match e {
        DecisionError::UnknownStage(k) => ApiError::NotFound(msg!("problem-no-stage", stage = k)),
        DecisionError::ConditionsRequired => ApiError::Validation(vec![FieldError::new(
            "conditions",
            msg!("problem-conditions-required"),
        )]),
        DecisionError::ReasonRequired(o) => ApiError::Validation(vec![FieldError::new(
            "reason",
            msg!("problem-reason-required", outcome = o.as_str()),
        )]),
        DecisionError::Blocked(rules) => ApiError::Conflict(msg!(
            "problem-blocked",
            stage = key,
            rules = rules.join(", ")
        )),
        DecisionError::NotPending { key, status } => ApiError::Conflict(msg!(
            "problem-stage-not-pending",
            stage = key,
            status = status.as_str()
        )),
        DecisionError::WaitingFor(keys) => {
            ApiError::Conflict(msg!("problem-stage-waiting", stages = keys.join(", ")))
        }
        other => ApiError::Conflict(other.to_string().into()),
    }
}
