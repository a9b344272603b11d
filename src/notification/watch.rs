//! The watch on a notification: its one durable timer, and what happens when the timer fires.
//!
//! Every change to a notification re-computes, in the same transaction, the next moment the
//! escalation ladder, deemed consent or expiry can act, and stores it as the notification's
//! timer. When the timer runner claims a due timer it calls `fire`, which re-checks everything
//! against the stored state at `now` under the notification's row lock: an escalation level
//! is stored once per stage (a unique index), so two instances can never fire one twice.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use serde_json::json;

use super::stages::{self, review_state};
use crate::auth::access;
use crate::domain::{Nation, NotificationStatus, Priority, StageStatus};
use crate::error::Error as ApiError;
use crate::mail::text;
use crate::policy::{Policy, PolicySet};
use crate::store::audit::{self, micros, NewEvent};
use crate::store::notifications::{self as rows, utc, EscalationRow, Stored};
use crate::store::outbox;
use crate::store::{self, Db, UserRow};
use crate::workflow::{self, EscalationInput, StageHistory};

/// What the system writes in the audit trail as its actor.
const SYSTEM: &str = "corridor";

fn policy_of<'a>(set: &'a PolicySet, nation: &str) -> Option<&'a std::sync::Arc<Policy>> {
    Nation::parse(nation).ok().and_then(|n| set.get(n))
}

fn history(
    conn: &mut Db,
    policy: &Policy,
    nation: &str,
    keys: &[String],
    priority: Priority,
) -> QueryResult<BTreeMap<String, StageHistory>> {
    let mut out = BTreeMap::new();
    let working = workflow::calendar::counts_working_time(&policy.file, priority);
    for key in keys {
        let times = rows::decision_times(conn, nation, key, 101)?;
        if times.is_empty() {
            continue;
        }
        // Measured on the SLA's own basis, so a weekend does not count against a routine stage.
        let mut spans: Vec<Duration> = times
            .iter()
            .map(|(o, d)| {
                if working {
                    workflow::calendar::working_time_between(
                        utc(*o),
                        utc(*d),
                        &policy.file.working_hours,
                        &policy.file.holidays,
                        policy.tz,
                    )
                } else {
                    utc(*d) - utc(*o)
                }
            })
            .collect();
        spans.sort();
        out.insert(
            key.clone(),
            StageHistory {
                decisions: spans.len() as u32,
                median: spans[spans.len() / 2],
            },
        );
    }
    Ok(out)
}

/// The levels already fired per stage key, counting only the current round's stages.
fn fired(s: &Stored, nation: &str) -> BTreeMap<String, u8> {
    let mut out = BTreeMap::new();
    for st in s
        .stages
        .iter()
        .filter(|st| st.nation == nation && st.status != "superseded")
    {
        let level = s
            .escalations
            .iter()
            .filter(|e| e.stage_id.as_deref() == Some(st.id.as_str()))
            .map(|e| e.level)
            .max()
            .unwrap_or(0);
        if level > 0 {
            out.insert(st.stage_key.clone(), level.clamp(0, 3) as u8);
        }
    }
    out
}

fn is_final(s: &Stored) -> bool {
    s.notification
        .status
        .parse::<NotificationStatus>()
        .map(|st| st.is_final())
        .unwrap_or(true)
}

/// The review of `nation` as stored, and what the escalation ladder says about it at `now`.
fn assess_review(
    conn: &mut Db,
    s: &Stored,
    nation: &str,
    policy: &Policy,
    priority: Priority,
    now: DateTime<Utc>,
) -> Result<(workflow::ReviewState, workflow::Assessment), ApiError> {
    let state = review_state(s, nation)?;
    let keys: Vec<String> = state
        .stages
        .iter()
        .filter(|st| st.is_current())
        .map(|st| st.key.clone())
        .collect();
    let history = history(conn, policy, nation, &keys, priority)?;
    let fired = fired(s, nation);
    let review_due = s
        .reviews
        .iter()
        .find(|r| r.nation == nation)
        .map(|r| utc(r.due_at))
        .unwrap_or(now);
    let input = EscalationInput {
        policy: &policy.file,
        tz: policy.tz,
        priority,
        review: &state,
        review_due_at: review_due,
        overall_due_at: utc(s.notification.due_at),
        fired: &fired,
        history: &history,
    };
    let assessment = workflow::assess(&input, now);
    Ok((state, assessment))
}

/// Re-computes when this notification next needs looking at, and stores it as its timer
/// (inside the caller's transaction). A final notification's timer is done.
pub fn schedule(
    conn: &mut Db,
    s: &Stored,
    set: &PolicySet,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, ApiError> {
    let id = &s.notification.id;
    // Every change ends here: the board's counts, lists and versions follow in this transaction.
    store::board_tally::restate(conn, id, now)?;
    if is_final(s) {
        store::timers::finish(conn, id)?;
        return Ok(None);
    }
    let priority: Priority = s
        .notification
        .priority
        .parse()
        .map_err(ApiError::Internal)?;
    // Expiry: departure passes without approval.
    let mut next = utc(s.notification.departure_at);
    for r in s.reviews.iter().filter(|r| r.status != "withdrawn") {
        let Some(policy) = policy_of(set, &r.nation) else {
            continue;
        };
        let (_, a) = assess_review(conn, s, &r.nation, policy, priority, now)?;
        if !a.fire.is_empty() || !a.deemed.is_empty() {
            next = next.min(now);
        }
        if let Some(at) = a.next_check_at {
            next = next.min(at);
        }
    }
    store::timers::set_due(conn, id, next, now)?;
    Ok(Some(next))
}

/// What one firing did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Fired {
    /// Escalations stored, as `NATION/stage/level`.
    pub escalations: Vec<String>,
    /// Stages that silence approved, as `NATION/stage`.
    pub deemed: Vec<String>,
    /// Whether the notification expired.
    pub expired: bool,
}

fn system_event(
    s: &Stored,
    now: DateTime<Utc>,
    set: &PolicySet,
    action: &str,
    nation: Option<&str>,
    before: &str,
    detail: serde_json::Value,
) -> NewEvent {
    NewEvent {
        notification_id: Some(s.notification.id.clone()),
        at: now,
        actor: SYSTEM.into(),
        role: "system".into(),
        nation: nation.map(str::to_string),
        action: action.into(),
        status_before: Some(before.into()),
        status_after: Some(s.notification.status.clone()),
        policy_version: Some(set.version().to_string()),
        detail,
    }
}

/// Who an escalation of `level` on `nation`/`key` goes to: the stage's officers, the nation's
/// coordinators, or the liaison users watching the nation. Only users with an e-mail address.
fn recipients(users: &[UserRow], level: u8, nation: &str, key: &str) -> Vec<String> {
    users
        .iter()
        .filter(|u| {
            // A stored user whose row does not parse receives nothing (and cannot sign in).
            access::identity_of(u)
                .is_ok_and(|who| access::receives_escalation(&who, level, nation, key))
        })
        .filter_map(|u| u.email.clone())
        .collect()
}

fn people(conn: &mut Db) -> QueryResult<Vec<UserRow>> {
    let mut all = UserRow::by_role(conn, "officer")?;
    all.extend(UserRow::by_role(conn, "coordinator")?);
    all.extend(UserRow::by_role(conn, "liaison")?);
    Ok(all)
}

/// Fires the watch of notification `id` at `now`: expiry, deemed consent and escalations, each
/// re-checked against the stored state; then schedules the next check.
pub fn fire(
    conn: &mut Db,
    set: &PolicySet,
    now: DateTime<Utc>,
    id: &str,
) -> Result<Fired, ApiError> {
    let mut done = Fired::default();
    if !rows::lock(conn, id)? {
        return Ok(done);
    }
    let Some(mut s) = Stored::load(conn, id)? else {
        return Ok(done);
    };
    if is_final(&s) {
        schedule(conn, &s, set, now)?;
        return Ok(done);
    }
    let before = s.notification.status.clone();
    let priority: Priority = s
        .notification
        .priority
        .parse()
        .map_err(ApiError::Internal)?;
    let mut changed = false;
    if now >= utc(s.notification.departure_at) {
        s.notification.status = NotificationStatus::Expired.to_string();
        rows::save_notification(conn, &s.notification)?;
        rows::bump_revision(conn, id, micros(now))?;
        audit::append(
            conn,
            system_event(
                &s,
                now,
                set,
                "expired",
                None,
                &before,
                json!({"departure_at": utc(s.notification.departure_at)}),
            ),
        )?;
        done.expired = true;
        schedule(conn, &s, set, now)?;
        return Ok(done);
    }
    // Recipients are read only when something is to be mailed.
    let mut users: Option<Vec<UserRow>> = None;
    let nations: Vec<String> = s
        .reviews
        .iter()
        .filter(|r| r.status != "withdrawn")
        .map(|r| r.nation.clone())
        .collect();
    for nation in nations {
        let Some(policy) = policy_of(set, &nation).cloned() else {
            tracing::warn!(%nation, notification = %s.notification.reference, "no policy loaded; its review is not watched");
            continue;
        };
        let Some(ri) = s.reviews.iter().position(|r| r.nation == nation) else {
            continue;
        };
        let (mut state, a) = assess_review(conn, &s, &nation, &policy, priority, now)?;
        for key in &a.deemed {
            let Ok(change) = workflow::deem(&state, key, now, &policy.file, policy.tz, priority)
            else {
                continue;
            };
            let status_before = s.notification.status.clone();
            stages::apply(conn, &mut s, &nation, &change.review)?;
            let review = &mut s.reviews[ri];
            review.status = change.status.to_string();
            if change.completed && review.permit_number.is_none() {
                review.permit_number = Some(super::issue_permit(conn, &nation, now)?);
            }
            rows::save_review(conn, review)?;
            super::settle_status(&mut s)?;
            rows::save_notification(conn, &s.notification)?;
            let deadline = workflow::deemed_consent_at(
                &policy.file,
                priority,
                state
                    .stages
                    .iter()
                    .find(|st| &st.key == key)
                    .map(|st| st.due_at)
                    .unwrap_or(now),
            )
            .unwrap_or(now);
            let detail = json!({"stage": key, "deadline": deadline, "source": policy.file.deemed_consent.source, "permit_number": s.reviews[ri].permit_number});
            audit::append(
                conn,
                system_event(
                    &s,
                    now,
                    set,
                    "deemed_approved",
                    Some(&nation),
                    &status_before,
                    detail,
                ),
            )?;
            let notice = text::DeemedConsentNotice {
                reference: &s.notification.reference,
                nation: &nation,
                stage: key,
                priority,
                deadline,
            };
            let (subject, body) = text::deemed_consent(&notice);
            if users.is_none() {
                users = Some(people(conn)?);
            }
            for to in recipients(users.as_deref().unwrap_or_default(), 2, &nation, key) {
                outbox::enqueue(conn, &to, &subject, &body, now)?;
            }
            done.deemed.push(format!("{nation}/{key}"));
            state = change.review;
            changed = true;
        }
        for e in &a.fire {
            if a.deemed.contains(&e.stage) {
                continue;
            }
            let Some(stage) = super::current_stage(&s, &nation, &e.stage).cloned() else {
                continue;
            };
            let exists = s.escalations.iter().any(|x| {
                x.stage_id.as_deref() == Some(stage.id.as_str()) && x.level == i32::from(e.level)
            });
            if exists {
                continue;
            }
            let row = EscalationRow {
                id: uuid::Uuid::now_v7().to_string(),
                notification_id: id.to_string(),
                nation: nation.clone(),
                stage_id: Some(stage.id.clone()),
                stage_key: Some(e.stage.clone()),
                level: i32::from(e.level),
                reason: e.reason.clone(),
                due_at: micros(e.due_at),
                fired_at: micros(now),
                acknowledged_by: None,
                acknowledged_at: None,
            };
            rows::insert_escalation(conn, &row)?;
            s.escalations.push(row);
            if let Some(st) = s.stages.iter_mut().find(|st| st.id == stage.id) {
                if st.escalation_level < i32::from(e.level) {
                    st.escalation_level = i32::from(e.level);
                    rows::save_stage(conn, st)?;
                }
            }
            let notice = text::EscalationNotice::new(&s.notification.reference, &nation, e);
            let (subject, body) = text::escalation(&notice);
            if users.is_none() {
                users = Some(people(conn)?);
            }
            let to = recipients(
                users.as_deref().unwrap_or_default(),
                e.level,
                &nation,
                &e.stage,
            );
            for addr in &to {
                outbox::enqueue(conn, addr, &subject, &body, now)?;
            }
            let detail = json!({"stage": e.stage, "level": e.level, "reason": e.reason, "due_at": e.due_at,
                                "time_left_seconds": e.time_left_seconds, "recipients": to.len()});
            audit::append(
                conn,
                system_event(
                    &s,
                    now,
                    set,
                    "escalated",
                    Some(&nation),
                    &s.notification.status.clone(),
                    detail,
                ),
            )?;
            done.escalations
                .push(format!("{nation}/{}/{}", e.stage, e.level));
            changed = true;
        }
    }
    if changed {
        s.notification.escalation_level = open_level(&s);
        rows::save_notification(conn, &s.notification)?;
        rows::bump_revision(conn, id, micros(now))?;
    }
    // `s` was kept current above; the revision counters `schedule` does not read.
    let system = crate::permit::Actor {
        name: "system",
        role: "system",
    };
    crate::permit::settle(conn, &s, set, now, &system)?; // issue 14: deemed consent may complete the approval
    schedule(conn, &s, set, now)?;
    Ok(done)
}

/// The highest escalation level on a stage still waiting for a decision (0: none at risk).
pub fn open_level(s: &Stored) -> i32 {
    s.stages
        .iter()
        .filter(|st| st.status == StageStatus::Pending.to_string())
        .map(|st| st.escalation_level)
        .max()
        .unwrap_or(0)
}
