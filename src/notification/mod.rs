//! The notification lifecycle: submit, decide, amend, withdraw, waive.
//!
//! Thin transactional glue: each operation runs inside one write transaction, loads what it
//! needs, asks the workflow core what happens (a pure function of state, policy and now),
//! stores the answer and appends the audit event. Nothing here decides policy.

mod stages;
pub mod view;
pub mod watch;

use std::collections::BTreeSet;
use std::sync::Arc;

use chrono::{DateTime, Datelike, Utc};
use serde_json::json;

use crate::auth::{access, Identity};
use crate::domain::{
    FieldError, Movement, Nation, NotificationStatus, Outcome, Priority, StageStatus,
};
use crate::error::Error as ApiError;
use crate::policy::{Evaluation, Policy, PolicySet};
use crate::store::audit::{self, micros, NewEvent};
use crate::store::notifications::{self as rows, NotificationRow, ReviewRow, StageRow, Stored};
use crate::store::{next_in_series, Db};
use crate::workflow::{self, Decision, DecisionError, ReviewState};

pub use stages::{fingerprint, review_state, stage_state};

/// What every operation needs besides the database.
pub struct Ctx<'a> {
    /// The policy set in force.
    pub policies: &'a PolicySet,
    /// Now, from the clock module.
    pub now: DateTime<Utc>,
    /// The caller.
    pub who: &'a Identity,
}

impl Ctx<'_> {
    fn policy(&self, nation: &str) -> Result<&Arc<Policy>, ApiError> {
        let n = Nation::parse(nation).map_err(ApiError::Internal)?;
        self.policies.get(n).ok_or_else(|| {
            ApiError::Conflict(format!(
                "no policy is loaded for {nation} any more; reload policies"
            ))
        })
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
            status_after: Some(n.status.clone()),
            policy_version: Some(self.policies.version().to_string()),
            detail,
        }
    }
}

fn priority_of(n: &NotificationRow) -> Result<Priority, ApiError> {
    n.priority.parse().map_err(ApiError::Internal)
}

fn status_of(s: &str) -> Result<NotificationStatus, ApiError> {
    s.parse().map_err(ApiError::Internal)
}

/// Issues the next permit number of `nation` for this year; numbers are never reused.
pub(crate) fn issue_permit(
    conn: &mut Db,
    nation: &str,
    now: DateTime<Utc>,
) -> Result<String, ApiError> {
    let n = Nation::parse(nation).map_err(ApiError::Internal)?;
    let seq = next_in_series(conn, nation, now.year())?;
    Ok(workflow::permit_number(n, now.year(), seq as u64))
}

/// Recomputes the notification's status and due time from its active reviews.
fn settle_notification(n: &mut NotificationRow, reviews: &[ReviewRow]) -> Result<(), ApiError> {
    let active: Vec<&ReviewRow> = reviews.iter().filter(|r| r.status != "withdrawn").collect();
    let statuses = active
        .iter()
        .map(|r| status_of(&r.status))
        .collect::<Result<Vec<_>, _>>()?;
    n.status = workflow::notification_status(&statuses, false, false).to_string();
    // The movement can go when its last nation has approved: the notification is due when the
    // latest national review is (each already capped at departure minus that nation's margin).
    if let Some(due) = active.iter().map(|r| r.due_at).max() {
        n.due_at = due;
    }
    Ok(())
}

/// Recomputes the stored notification's status and due time from its reviews.
pub(crate) fn settle_status(s: &mut Stored) -> Result<(), ApiError> {
    settle_notification(&mut s.notification, &s.reviews)
}

/// Reloads after a change and schedules the notification's next check in the same transaction.
fn finish(conn: &mut Db, ctx: &Ctx<'_>, id: &str) -> Result<Stored, ApiError> {
    let s = Stored::load(conn, id)?
        .ok_or_else(|| ApiError::Internal(format!("notification {id} vanished")))?;
    let role = ctx.who.role.to_string();
    let actor = crate::permit::Actor {
        name: &ctx.who.username,
        role: &role,
    };
    crate::permit::settle(conn, &s, ctx.policies, ctx.now, &actor)?; // issue 14: issue or revoke the signed bundle
    crate::standing::record_approvals(conn, &s, ctx.now)?; // issue 15: approvals define envelopes
    watch::schedule(conn, &s, ctx.policies, ctx.now)?;
    Ok(s)
}

/// Refuses a withdrawal or amendment of a notification that is final, except an approved one:
/// its signed permit is revoked (issue 14).
fn ensure_changeable(n: &NotificationRow) -> Result<(), ApiError> {
    if n.status == NotificationStatus::Approved.as_str() {
        return Ok(());
    }
    ensure_open(n)
}

/// Refuses changes to a notification that is final.
fn ensure_open(n: &NotificationRow) -> Result<(), ApiError> {
    if status_of(&n.status)?.is_final() {
        return Err(ApiError::Conflict(format!(
            "notification {} is {}; nothing can change it",
            n.reference, n.status
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

/// Which ETags an `If-Match` may name for a change: what the caller must have seen.
#[derive(Debug, Clone, Copy)]
enum Seen<'a> {
    /// No precondition (withdrawal, decisions check their own).
    Nothing,
    /// The notification as a whole (an amendment rewrites all of it).
    Notification(&'a str),
    /// The notification, or a current stage of this nation (a nation's own change, e.g. a
    /// waiver, needs only that nation's part to be current).
    NotificationOrNation(&'a str, &'a str),
}

/// Loads the notification for a change: takes its lock, checks scope and the `If-Match`
/// precondition against the ETags `seen` allows.
fn load_for_change(
    conn: &mut Db,
    ctx: &Ctx<'_>,
    id: &str,
    seen: Seen<'_>,
) -> Result<Stored, ApiError> {
    let missing = || ApiError::NotFound(format!("no notification {id}"));
    let before = rows::lock_for_change(conn, id, micros(ctx.now))?.ok_or_else(missing)?;
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
                    && st.status != "superseded"
                    && tag_eq(tag, &view::stage_etag(st))
            })
        });
        if !(tag.trim() == "*" || tag_eq(tag, &current) || stage_match) {
            return Err(ApiError::PreconditionFailed(format!(
                "If-Match {tag} is stale: the notification is now at {current}; read it again and retry"
            )));
        }
    }
    s.notification.revision = before + 1;
    Ok(s)
}

/// RFC 9110 strong comparison against any of the listed tags.
fn tag_eq(header: &str, tag: &str) -> bool {
    header.split(',').map(str::trim).any(|t| t == tag)
}

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
        status: NotificationStatus::InReview.to_string(),
        version: 1,
        revision: 1,
        priority: movement.priority.to_string(),
        kind: serde_plain(&movement.kind),
        requester_nation: movement.requester.nation.to_string(),
        requester_unit: movement.requester.unit.clone(),
        created_by: ctx.who.user_id.clone(),
        departure_at: micros(movement.departure_at),
        arrival_at: micros(movement.arrival_at),
        due_at: micros(movement.departure_at),
        escalation_level: 0,
        movement: movement_json.clone(),
        submitted_at: micros(now),
        updated_at: micros(now),
    };
    // Issue 15: nations that find the movement inside one of their standing authorisations.
    let standing = crate::standing::consult(conn, ctx.policies, movement, eval, now)?;
    let (mut reviews, mut stage_rows, auto) =
        plan_all(conn, ctx, &n, movement, &standing.evaluation, 1)?;
    let standing = standing.clear(conn, &n, &mut reviews, &mut stage_rows, now)?;
    settle_notification(&mut n, &reviews)?;
    rows::insert_notification(conn, &n)?;
    rows::insert_version(conn, &id, 1, &movement_json, &ctx.who.username, micros(now))?;
    rows::insert_reviews(conn, &reviews)?;
    rows::insert_stages(conn, &stage_rows)?;
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
    finish(conn, ctx, &id)
}

fn serde_plain<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Every nation's planned review: rows to insert and the stages the fast path cleared.
type PlannedReviews = (Vec<ReviewRow>, Vec<StageRow>, Vec<String>);

/// Plans every nation's review for `round`: review rows, stage rows, and the stages cleared
/// at once by policy (the fast path).
fn plan_all(
    conn: &mut Db,
    ctx: &Ctx<'_>,
    n: &NotificationRow,
    movement: &Movement,
    eval: &Evaluation,
    round: i32,
) -> Result<PlannedReviews, ApiError> {
    let mut reviews = Vec::new();
    let mut stage_rows = Vec::new();
    let mut auto = Vec::new();
    for (position, ne) in eval.nations.iter().enumerate() {
        let nation = ne.nation.to_string();
        let policy = ctx.policy(&nation)?;
        let plan = workflow::plan_review(
            &policy.file,
            policy.tz,
            &ne.required_stages,
            &ne.findings,
            movement.priority,
            ctx.now,
        );
        let state = ReviewState {
            stages: plan.into_iter().map(Into::into).collect(),
            blocks: workflow::review::blocking_rules(&ne.findings),
        };
        let status = workflow::review_status(&state.stages);
        let permit = if status == NotificationStatus::Approved {
            Some(issue_permit(conn, &nation, ctx.now)?)
        } else {
            None
        };
        let due = workflow::review_due(
            &policy.file,
            policy.tz,
            movement.priority,
            ctx.now,
            movement.departure_at,
        );
        reviews.push(ReviewRow {
            notification_id: n.id.clone(),
            nation: nation.clone(),
            position: position as i32,
            status: status.to_string(),
            permit_number: permit,
            due_at: micros(due),
            policy_version: ne.policy_version.clone(),
            findings: serde_json::to_string(&ne.findings)
                .map_err(|e| ApiError::Internal(e.to_string()))?,
            waiver: None,
        });
        for st in &state.stages {
            if st.status == StageStatus::AutoCleared {
                auto.push(format!("{nation}/{}", st.key));
            }
            stage_rows.push(stages::new_row(
                n,
                &nation,
                st,
                round,
                fingerprint(movement, ne, &st.key),
            ));
        }
    }
    Ok((reviews, stage_rows, auto))
}

/// An officer's decision on one stage.
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
    if_match: &str,
) -> Result<Stored, ApiError> {
    let mut s = load_for_change(conn, ctx, id, Seen::Nothing)?;
    let nation = d.nation.to_string();
    let Some(ri) = s
        .reviews
        .iter()
        .position(|r| r.nation == nation && r.status != "withdrawn")
    else {
        return Err(ApiError::NotFound(format!(
            "{nation} is not on the route of {}",
            s.notification.reference
        )));
    };
    access::may_decide(ctx.who, d.nation, &d.key).map_err(ApiError::Forbidden)?;
    // Precondition after authorization: a 412 must not tell an outsider the current version.
    let before_rev = s.notification.revision - 1;
    let stage_tag_ok = s.stages.iter().any(|st| {
        st.nation == nation
            && st.stage_key == d.key
            && st.status != "superseded"
            && tag_eq(if_match, &view::stage_etag(st))
    });
    if !(if_match.trim() == "*" || tag_eq(if_match, &view::etag(before_rev)) || stage_tag_ok) {
        return Err(ApiError::PreconditionFailed(format!(
            "If-Match {if_match} is stale: the notification is now at {}; read it again and retry",
            view::etag(before_rev)
        )));
    }
    ensure_open(&s.notification)?;
    let policy = ctx.policy(&nation)?.clone();
    let priority = priority_of(&s.notification)?;
    let state = review_state(&s, &nation)?;
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
    let before = s.notification.status.clone();
    stages::apply(conn, &mut s, &nation, &change.review)?;
    // The time this person took feeds the medians that predict the next breach.
    let decided = s
        .stages
        .iter()
        .find(|st| st.nation == nation && st.stage_key == d.key && st.status != "superseded");
    if let Some(st) = decided {
        if let (Some(opened), Some(at)) = (st.opened_at, st.decided_at) {
            rows::record_decision_time(conn, st, opened, at)?;
        }
    }
    let review = &mut s.reviews[ri];
    review.status = change.status.to_string();
    if change.completed && review.permit_number.is_none() {
        review.permit_number = Some(issue_permit(conn, &nation, ctx.now)?);
    }
    rows::save_review(conn, review)?;
    let permit = review.permit_number.clone();
    settle_notification(&mut s.notification, &s.reviews)?;
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
    finish(conn, ctx, id)
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
    let Some(to) =
        crate::store::UserRow::by_id(conn, &s.notification.created_by)?.and_then(|u| u.email)
    else {
        return Ok(());
    };
    let notice = crate::mail::text::DecisionNotice {
        reference: &s.notification.reference,
        nation,
        decision,
    };
    let (subject, body) = crate::mail::text::decision(&notice);
    crate::store::outbox::enqueue(conn, &to, &subject, &body, ctx.now)?;
    Ok(())
}

fn decision_error(e: DecisionError, key: &str) -> ApiError {
    match e {
        DecisionError::UnknownStage(k) => ApiError::NotFound(format!("this review has no stage `{k}`")),
        DecisionError::ConditionsRequired => {
            ApiError::Validation(vec![FieldError::new("conditions", "approve_with_conditions needs at least one condition")])
        }
        DecisionError::ReasonRequired(o) => ApiError::Validation(vec![FieldError::new("reason", format!("{o} needs a reason"))]),
        DecisionError::Blocked(rules) => ApiError::Conflict(format!(
            "stage `{key}` cannot complete the approval while block findings stand ({}); the requester must amend, or the coordinator record a waiver",
            rules.join(", ")
        )),
        other => ApiError::Conflict(other.to_string()),
    }
}

/// Amends the movement: a new version, re-evaluated; stages whose inputs changed start again.
pub fn amend(
    conn: &mut Db,
    ctx: &Ctx<'_>,
    id: &str,
    movement: &Movement,
    eval: &Evaluation,
    if_match: &str,
) -> Result<Stored, ApiError> {
    let mut s = load_for_change(conn, ctx, id, Seen::Notification(if_match))?;
    own_unit(ctx, &s)?;
    ensure_changeable(&s.notification)?;
    // Issue 15: the amended movement is matched against the standing authorisations again.
    let standing = crate::standing::consult(conn, ctx.policies, movement, eval, ctx.now)?;
    let eval = &standing.evaluation;
    let before = s.notification.status.clone();
    let version = s.notification.version + 1;
    let movement_json =
        serde_json::to_string(movement.input()).map_err(|e| ApiError::Internal(e.to_string()))?;
    let mut restarted = Vec::new();
    let mut kept = Vec::new();
    let on_route: BTreeSet<String> = eval
        .nations
        .iter()
        .map(|ne| ne.nation.to_string())
        .collect();
    // Nations taken off the route: their reviews end, their open stages are superseded.
    for r in s
        .reviews
        .iter_mut()
        .filter(|r| !on_route.contains(&r.nation) && r.status != "withdrawn")
    {
        r.status = "withdrawn".into();
        r.permit_number = None;
        rows::save_review(conn, r)?;
    }
    let mut gone: Vec<StageRow> = s
        .stages
        .iter()
        .filter(|st| !on_route.contains(&st.nation) && st.status != "superseded")
        .cloned()
        .collect();
    for st in gone.iter_mut() {
        st.status = StageStatus::Superseded.to_string();
        rows::save_stage(conn, st)?;
    }
    for (position, ne) in eval.nations.iter().enumerate() {
        let nation = ne.nation.to_string();
        let policy = ctx.policy(&nation)?.clone();
        let plan = workflow::plan_review(
            &policy.file,
            policy.tz,
            &ne.required_stages,
            &ne.findings,
            movement.priority,
            ctx.now,
        );
        let new_state = ReviewState {
            stages: plan.into_iter().map(Into::into).collect(),
            blocks: workflow::review::blocking_rules(&ne.findings),
        };
        let old_rows: Vec<StageRow> = s
            .stages
            .iter()
            .filter(|st| st.nation == nation && st.status != "superseded")
            .cloned()
            .collect();
        let old_state: Vec<workflow::StageState> =
            old_rows.iter().map(stage_state).collect::<Result<_, _>>()?;
        let unchanged = |key: &str| {
            old_rows
                .iter()
                .any(|r| r.stage_key == key && r.fingerprint == fingerprint(movement, ne, key))
        };
        let rebased = workflow::rebase(
            &old_state,
            new_state,
            &unchanged,
            ctx.now,
            &policy.file,
            policy.tz,
            movement.priority,
        );
        let (k, r) = stages::apply_rebase(
            conn,
            &s.notification,
            &nation,
            &old_rows,
            &rebased,
            version,
            movement,
            ne,
        )?;
        kept.extend(k);
        restarted.extend(r);
        let status = workflow::review_status(&rebased.stages);
        let due = micros(workflow::review_due(
            &policy.file,
            policy.tz,
            movement.priority,
            ctx.now,
            movement.departure_at,
        ));
        let findings =
            serde_json::to_string(&ne.findings).map_err(|e| ApiError::Internal(e.to_string()))?;
        match s.reviews.iter_mut().find(|r| r.nation == nation) {
            Some(r) => {
                let approved = status == NotificationStatus::Approved;
                r.position = position as i32;
                r.status = status.to_string();
                if !approved {
                    // A permit issued for the old version no longer stands; its number is not reused.
                    r.permit_number = None;
                } else if r.permit_number.is_none() {
                    r.permit_number = Some(issue_permit(conn, &nation, ctx.now)?);
                }
                r.due_at = due;
                r.policy_version = ne.policy_version.clone();
                if r.findings != findings {
                    r.waiver = None;
                }
                r.findings = findings;
                rows::save_review(conn, r)?;
            }
            None => {
                let permit = if status == NotificationStatus::Approved {
                    Some(issue_permit(conn, &nation, ctx.now)?)
                } else {
                    None
                };
                let row = ReviewRow {
                    notification_id: s.notification.id.clone(),
                    nation: nation.clone(),
                    position: position as i32,
                    status: status.to_string(),
                    permit_number: permit,
                    due_at: due,
                    policy_version: ne.policy_version.clone(),
                    findings,
                    waiver: None,
                };
                rows::insert_reviews(conn, std::slice::from_ref(&row))?;
                s.reviews.push(row);
            }
        }
    }
    let standing = standing.clear_amended(conn, &mut s, ctx.now)?;
    let n = &mut s.notification;
    n.version = version;
    n.movement = movement_json.clone();
    n.priority = movement.priority.to_string();
    n.kind = serde_plain(&movement.kind);
    n.departure_at = micros(movement.departure_at);
    n.arrival_at = micros(movement.arrival_at);
    n.escalation_level = 0;
    settle_notification(n, &s.reviews)?;
    rows::save_notification(conn, n)?;
    rows::insert_version(
        conn,
        id,
        version,
        &movement_json,
        &ctx.who.username,
        micros(ctx.now),
    )?;
    let detail =
        json!({"version": version, "restarted": restarted, "kept": kept, "standing": standing});
    audit::append(
        conn,
        ctx.event(&s.notification, "amended", None, &before, detail),
    )?;
    finish(conn, ctx, id)
}

fn own_unit(ctx: &Ctx<'_>, s: &Stored) -> Result<(), ApiError> {
    let n = &s.notification;
    access::may_change(ctx.who, &n.requester_nation, &n.requester_unit).map_err(ApiError::Forbidden)
}

/// Withdraws the notification (the requesting unit only).
pub fn withdraw(
    conn: &mut Db,
    ctx: &Ctx<'_>,
    id: &str,
    reason: Option<String>,
) -> Result<Stored, ApiError> {
    let mut s = load_for_change(conn, ctx, id, Seen::Nothing)?;
    own_unit(ctx, &s)?;
    ensure_changeable(&s.notification)?;
    let before = s.notification.status.clone();
    s.notification.status = NotificationStatus::Withdrawn.to_string();
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
    finish(conn, ctx, id)
}

/// Records a coordinator's waiver of the nation's block findings, so its officers may approve.
pub fn waive(
    conn: &mut Db,
    ctx: &Ctx<'_>,
    id: &str,
    nation: Nation,
    reason: String,
    if_match: &str,
) -> Result<Stored, ApiError> {
    let code = nation.to_string();
    let mut s = load_for_change(conn, ctx, id, Seen::NotificationOrNation(if_match, &code))?;
    access::may_waive(ctx.who, nation).map_err(ApiError::Forbidden)?;
    ensure_open(&s.notification)?;
    let review = s
        .reviews
        .iter_mut()
        .find(|r| r.nation == code && r.status != "withdrawn")
        .ok_or_else(|| ApiError::NotFound(format!("{code} is not on the route")))?;
    let rules = workflow::review::blocking_rules(&view::findings_of(review));
    if rules.is_empty() {
        return Err(ApiError::Conflict(format!(
            "{code} has no block findings to waive"
        )));
    }
    let waiver = json!({"by": ctx.who.username, "at": ctx.now, "reason": reason, "rules": rules});
    review.waiver = Some(waiver.to_string());
    rows::save_review(conn, review)?;
    let before = s.notification.status.clone();
    audit::append(
        conn,
        ctx.event(&s.notification, "waived", Some(&code), &before, waiver),
    )?;
    finish(conn, ctx, id)
}

/// The stored stage row of `nation`/`key` in the current round.
pub fn current_stage<'a>(s: &'a Stored, nation: &str, key: &str) -> Option<&'a StageRow> {
    s.stages
        .iter()
        .find(|st| st.nation == nation && st.stage_key == key && st.status != "superseded")
}

/// A coordinator (of the escalation's nation) or an admin acknowledges an escalation.
pub fn acknowledge(
    conn: &mut Db,
    ctx: &Ctx<'_>,
    id: &str,
    escalation_id: &str,
) -> Result<Stored, ApiError> {
    let s = load_for_change(conn, ctx, id, Seen::Nothing)?;
    let e = s
        .escalations
        .iter()
        .find(|e| e.id == escalation_id)
        .ok_or_else(|| {
            ApiError::NotFound(format!(
                "no escalation {escalation_id} on this notification"
            ))
        })?;
    access::may_acknowledge(ctx.who, &e.nation).map_err(ApiError::Forbidden)?;
    if !rows::acknowledge_escalation(conn, escalation_id, &ctx.who.username, micros(ctx.now))? {
        return Err(ApiError::Conflict(
            "this escalation is already acknowledged".into(),
        ));
    }
    let detail = json!({"escalation": escalation_id, "stage": e.stage_key, "level": e.level});
    let nation = e.nation.clone();
    let status = s.notification.status.clone();
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
    finish(conn, ctx, id)
}
