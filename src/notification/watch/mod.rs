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

mod fire;

pub use fire::{fire, notification_link, Fired};

use super::stages::review_state;
use crate::domain::{Nation, NotificationStatus, Priority, StageStatus};
use crate::error::Error as ApiError;
use crate::policy::{Policy, PolicySet};
use crate::store::notifications::{self as rows, Origin, Stored};
use crate::store::{self, Db};
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
                        *o,
                        *d,
                        &policy.file.working_hours,
                        &policy.file.holidays,
                        policy.tz,
                    )
                } else {
                    *d - *o
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
        .filter(|st| st.nation == nation && st.status != StageStatus::Superseded)
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
    s.notification.status.is_final()
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
    let state = review_state(s, nation);
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
        .map(|r| r.due_at)
        .unwrap_or(now);
    let input = EscalationInput {
        policy: &policy.file,
        tz: policy.tz,
        priority,
        review: &state,
        review_due_at: review_due,
        overall_due_at: s.notification.due_at,
        fired: &fired,
        history: &history,
    };
    let assessment = workflow::assess(&input, now);
    Ok((state, assessment))
}

/// Re-computes when this notification next needs looking at, and stores it as its timer
/// (inside the caller's transaction). A final notification's timer is done. `s` is the
/// notification as stored now (loaded, or written, after its last change): the board is
/// restated from it.
pub fn schedule(
    conn: &mut Db,
    s: &Stored,
    origin: Origin,
    set: &PolicySet,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, ApiError> {
    // Every change ends here: the board's counts, lists and versions follow in this transaction.
    store::board_tally::restate_stored(conn, s, origin, now)?;
    plan_next(conn, s, origin, set, now, &BTreeMap::new())
}

/// `schedule` after `fire`, whose `s` may lag what it wrote (the board is restated from the
/// stored rows), with the next check of some nations already known: `fire` has just assessed
/// them and recorded what fell due, so their assessment's next check stands and they are not
/// assessed a second time (a nation whose stage was deemed approved is assessed again: its
/// review changed).
pub fn schedule_knowing(
    conn: &mut Db,
    s: &Stored,
    set: &PolicySet,
    now: DateTime<Utc>,
    known: &BTreeMap<String, Option<DateTime<Utc>>>,
) -> Result<Option<DateTime<Utc>>, ApiError> {
    store::board_tally::restate(conn, &s.notification.id, now)?;
    plan_next(conn, s, Origin::Existing, set, now, known)
}

/// The timer part of `schedule`: the next check, stored.
fn plan_next(
    conn: &mut Db,
    s: &Stored,
    origin: Origin,
    set: &PolicySet,
    now: DateTime<Utc>,
    known: &BTreeMap<String, Option<DateTime<Utc>>>,
) -> Result<Option<DateTime<Utc>>, ApiError> {
    let id = &s.notification.id;
    if is_final(s) {
        if origin == Origin::Existing {
            store::timers::finish(conn, id)?;
        }
        return Ok(None);
    }
    let priority = s.notification.priority;
    // Expiry: departure passes without approval.
    let mut next = s.notification.departure_at;
    for r in s
        .reviews
        .iter()
        .filter(|r| r.status != NotificationStatus::Withdrawn)
    {
        if let Some(at) = known.get(&r.nation) {
            if let Some(at) = at {
                next = next.min(*at);
            }
            continue;
        }
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
    match origin {
        Origin::New => store::timers::start(conn, id, next, now)?,
        Origin::Existing => store::timers::set_due(conn, id, next, now)?,
    }
    Ok(Some(next))
}

/// The highest escalation level on a stage still waiting for a decision (0: none at risk).
pub fn open_level(s: &Stored) -> i32 {
    s.stages
        .iter()
        .filter(|st| st.status == StageStatus::Pending)
        .map(|st| st.escalation_level)
        .max()
        .unwrap_or(0)
}
