//! One national review: its stages, officers' decisions on them, deemed consent, the steps that
//! open as earlier ones are approved, and the statuses and permit number that follow.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::calendar::{deemed_consent_at, stage_due};
use crate::domain::{
    Finding, Nation, NotificationStatus, Outcome, Priority, Severity, StageStatus,
};
use crate::policy::PolicyFile;

/// Where one stage of a national review stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageState {
    /// Stage key from the policy (`movcon`).
    pub key: String,
    /// Stage name for people.
    pub name: String,
    /// Step in the review, from 1; stages of one step run in parallel.
    pub step: u32,
    /// Current status.
    pub status: StageStatus,
    /// When the stage opened for decision; None while an earlier step is still open.
    pub opened_at: Option<DateTime<Utc>>,
    /// When it is due (projected while not yet open).
    pub due_at: DateTime<Utc>,
    /// The officer who decided it.
    pub decided_by: Option<String>,
    /// When it was decided, cleared or deemed approved.
    pub decided_at: Option<DateTime<Utc>>,
    /// Conditions attached to the permit by this stage.
    pub conditions: Vec<String>,
    /// Why it was rejected, sent back, or deemed approved.
    pub reason: Option<String>,
}

impl StageState {
    /// Whether it belongs to the current version of the review (not kept only for history).
    pub fn is_current(&self) -> bool {
        self.status != StageStatus::Superseded
    }

    /// Whether it waits for a decision now.
    pub fn is_open(&self) -> bool {
        self.status == StageStatus::Pending && self.opened_at.is_some()
    }
}

/// One nation's review of one notification.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReviewState {
    /// Current stages in plan order, with superseded ones kept for history.
    pub stages: Vec<StageState>,
    /// Rule ids of block findings that stand (not waived) against this nation.
    pub blocks: Vec<String>,
}

/// An officer's decision on a stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// What was decided.
    pub outcome: Outcome,
    /// Conditions for the permit (required for `approve_with_conditions`).
    pub conditions: Vec<String>,
    /// Reason (required for `reject` and `request_changes`).
    pub reason: Option<String>,
    /// Who decided (username).
    pub by: String,
}

/// Why a decision is refused; nothing changes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecisionError {
    /// The review has no stage with this key.
    #[error("this review has no stage `{0}`")]
    UnknownStage(String),
    /// The stage is already decided or superseded.
    #[error("stage `{key}` is {status}, not pending")]
    NotPending {
        /// The stage key.
        key: String,
        /// Its status.
        status: StageStatus,
    },
    /// Earlier stages must be approved first.
    #[error("earlier stages are not approved yet: {}", .0.join(", "))]
    WaitingFor(Vec<String>),
    /// `approve_with_conditions` without a condition.
    #[error("approve_with_conditions needs at least one non-empty condition")]
    ConditionsRequired,
    /// `reject` or `request_changes` without a reason.
    #[error("{0} needs a reason")]
    ReasonRequired(Outcome),
    /// The approval would complete the nation while block findings stand.
    #[error("cannot approve while block findings stand: {}", .0.join(", "))]
    Blocked(Vec<String>),
    /// Deemed consent is not enabled for this priority, or its time has not come.
    #[error("stage `{0}` is not past a deemed-consent deadline")]
    NoDeemedConsent(String),
}

/// The review after a decision, and what the shell must act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewChange {
    /// The new state to store.
    pub review: ReviewState,
    /// Keys of stages that opened now (their officers are to be told).
    pub opened: Vec<String>,
    /// The review's status afterwards.
    pub status: NotificationStatus,
    /// Whether this change approved the nation: issue its permit number.
    pub completed: bool,
}

/// Applies an officer's decision on `stage_key` at `now`; refuses it with the reason otherwise.
pub fn decide(
    state: &ReviewState,
    stage_key: &str,
    decision: Decision,
    now: DateTime<Utc>,
    policy: &PolicyFile,
    tz: Tz,
    priority: Priority,
) -> Result<ReviewChange, DecisionError> {
    let index = decidable(state, stage_key)?;
    let conditions: Vec<String> = decision
        .conditions
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect();
    let reason = decision
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string);
    match decision.outcome {
        Outcome::ApproveWithConditions if conditions.is_empty() => {
            return Err(DecisionError::ConditionsRequired)
        }
        Outcome::Reject | Outcome::RequestChanges if reason.is_none() => {
            return Err(DecisionError::ReasonRequired(decision.outcome))
        }
        _ => {}
    }
    let settled = Settlement {
        status: decision.outcome.stage_status(),
        by: Some(decision.by),
        // Conditions travel with the permit, so only an approval with conditions carries them.
        conditions: if decision.outcome == Outcome::ApproveWithConditions {
            conditions
        } else {
            Vec::new()
        },
        reason,
    };
    settle(state, index, settled, now, policy, tz, priority)
}

/// Marks an open stage `deemed_approved` once its deemed-consent deadline has passed.
pub fn deem(
    state: &ReviewState,
    stage_key: &str,
    now: DateTime<Utc>,
    policy: &PolicyFile,
    tz: Tz,
    priority: Priority,
) -> Result<ReviewChange, DecisionError> {
    let index = decidable(state, stage_key)?;
    let stage = &state.stages[index];
    let due = deemed_consent_at(policy, priority, stage.due_at);
    if stage.opened_at.is_none() || due.is_none_or(|at| at > now) {
        return Err(DecisionError::NoDeemedConsent(stage_key.to_string()));
    }
    let source = policy.deemed_consent.source.as_deref().unwrap_or("policy");
    let settled = Settlement {
        status: StageStatus::DeemedApproved,
        by: None,
        conditions: Vec::new(),
        reason: Some(format!(
            "no decision by the hard deadline; silence counts as consent ({source})"
        )),
    };
    settle(state, index, settled, now, policy, tz, priority)
}

/// Status of a national review from its stages.
pub fn review_status(stages: &[StageState]) -> NotificationStatus {
    let current: Vec<StageStatus> = stages
        .iter()
        .filter(|s| s.is_current())
        .map(|s| s.status)
        .collect();
    if current.contains(&StageStatus::Rejected) {
        NotificationStatus::Rejected
    } else if current.contains(&StageStatus::ChangesRequested) {
        NotificationStatus::ChangesRequested
    } else if current.iter().all(|s| s.is_approval()) {
        NotificationStatus::Approved
    } else {
        NotificationStatus::InReview
    }
}

/// Status of the notification from its nations' review statuses.
pub fn notification_status(
    nation_statuses: &[NotificationStatus],
    withdrawn: bool,
    expired: bool,
) -> NotificationStatus {
    let any = |s| nation_statuses.contains(&s);
    if withdrawn {
        NotificationStatus::Withdrawn
    } else if !nation_statuses.is_empty()
        && nation_statuses
            .iter()
            .all(|s| *s == NotificationStatus::Approved)
    {
        NotificationStatus::Approved
    } else if any(NotificationStatus::Rejected) {
        // A rejection is final; a departure passing afterwards changes nothing.
        NotificationStatus::Rejected
    } else if expired {
        NotificationStatus::Expired
    } else if any(NotificationStatus::ChangesRequested) {
        NotificationStatus::ChangesRequested
    } else {
        NotificationStatus::InReview
    }
}

/// A nation's permit number: `DE-2026-000123`.
pub fn permit_number(nation: Nation, year: i32, sequence: u64) -> String {
    format!("{nation}-{year:04}-{sequence:06}")
}

/// Rule ids of the block findings among `findings` (the shell leaves out waived ones).
pub fn blocking_rules(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Block)
        .map(|f| f.rule.clone())
        .collect()
}

/// Opens every step whose earlier steps are all approvals (opened_at = now, due from now) and
/// re-projects the due times of the steps still closed; returns the keys opened now.
pub fn open_steps(
    stages: &mut [StageState],
    now: DateTime<Utc>,
    policy: &PolicyFile,
    tz: Tz,
    priority: Priority,
) -> Vec<String> {
    let steps: BTreeSet<u32> = stages
        .iter()
        .filter(|s| s.is_current())
        .map(|s| s.step)
        .collect();
    let mut opened = Vec::new();
    let mut open = true;
    // A closed step is projected to open when the step before it is due, and never before now.
    let mut cursor = now;
    for step in steps {
        let mut step_end = cursor;
        let mut all_approved = true;
        for stage in stages
            .iter_mut()
            .filter(|s| s.is_current() && s.step == step)
        {
            if stage.status == StageStatus::Pending && stage.opened_at.is_none() {
                let start = if open { now } else { cursor };
                if let Some(def) = policy.stages.iter().find(|d| d.key == stage.key) {
                    stage.due_at = stage_due(policy, tz, priority, start, def.sla.get(priority));
                }
                if open {
                    stage.opened_at = Some(now);
                    opened.push(stage.key.clone());
                }
            }
            if stage.status == StageStatus::Pending {
                step_end = step_end.max(stage.due_at);
            }
            all_approved &= stage.status.is_approval();
        }
        open &= all_approved;
        cursor = step_end;
    }
    opened
}

/// What a stage becomes.
struct Settlement {
    status: StageStatus,
    by: Option<String>,
    conditions: Vec<String>,
    reason: Option<String>,
}

/// Index of the current stage `key` if it may be decided now: pending, with earlier steps approved.
fn decidable(state: &ReviewState, key: &str) -> Result<usize, DecisionError> {
    let Some(index) = state
        .stages
        .iter()
        .position(|s| s.is_current() && s.key == key)
    else {
        return Err(match state.stages.iter().find(|s| s.key == key) {
            Some(old) => DecisionError::NotPending {
                key: key.to_string(),
                status: old.status,
            },
            None => DecisionError::UnknownStage(key.to_string()),
        });
    };
    let stage = &state.stages[index];
    if stage.status != StageStatus::Pending {
        return Err(DecisionError::NotPending {
            key: key.to_string(),
            status: stage.status,
        });
    }
    let waiting: Vec<String> = state
        .stages
        .iter()
        .filter(|s| s.is_current() && s.step < stage.step && !s.status.is_approval())
        .map(|s| s.key.clone())
        .collect();
    if !waiting.is_empty() {
        return Err(DecisionError::WaitingFor(waiting));
    }
    Ok(index)
}

/// Records `settled` on stage `index`, refuses completing a blocked nation, opens what follows.
fn settle(
    state: &ReviewState,
    index: usize,
    settled: Settlement,
    now: DateTime<Utc>,
    policy: &PolicyFile,
    tz: Tz,
    priority: Priority,
) -> Result<ReviewChange, DecisionError> {
    let before = review_status(&state.stages);
    let mut review = state.clone();
    let stage = &mut review.stages[index];
    stage.status = settled.status;
    stage.decided_by = settled.by;
    stage.decided_at = Some(now);
    stage.conditions = settled.conditions;
    stage.reason = settled.reason;
    let status = review_status(&review.stages);
    if status == NotificationStatus::Approved && !review.blocks.is_empty() {
        return Err(DecisionError::Blocked(review.blocks.clone()));
    }
    let opened = open_steps(&mut review.stages, now, policy, tz, priority);
    Ok(ReviewChange {
        review,
        opened,
        status,
        completed: status == NotificationStatus::Approved && before != status,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflow::plan::plan_review;
    use crate::workflow::test_policy::{berlin, finding, keys, policy, tz};
    use chrono::Duration;

    fn start() -> DateTime<Utc> {
        berlin(2026, 1, 14, 10, 0)
    }

    /// A crisis review: movcon and a parallel police stage in step 1, the road authority in step 2.
    fn crisis_review(blocks: &[&str]) -> ReviewState {
        let findings = [finding("escort", Severity::Condition, Some("police"))];
        let plan = plan_review(
            &policy(),
            tz(),
            &keys(&["movcon", "police", "road_authority"]),
            &findings,
            Priority::Crisis,
            start(),
        );
        ReviewState {
            stages: plan,
            blocks: keys(blocks),
        }
    }

    fn approve(by: &str) -> Decision {
        Decision {
            outcome: Outcome::Approve,
            conditions: Vec::new(),
            reason: None,
            by: by.to_string(),
        }
    }

    fn with(outcome: Outcome, conditions: &[&str], reason: Option<&str>) -> Decision {
        Decision {
            outcome,
            conditions: keys(conditions),
            reason: reason.map(str::to_string),
            by: "officer".to_string(),
        }
    }

    fn run(
        state: &ReviewState,
        key: &str,
        d: Decision,
        at: DateTime<Utc>,
    ) -> Result<ReviewChange, DecisionError> {
        decide(state, key, d, at, &policy(), tz(), Priority::Crisis)
    }

    #[test]
    fn stages_are_decided_in_step_order_and_the_next_step_opens() {
        let review = crisis_review(&[]);
        let t1 = start() + Duration::hours(1);
        assert_eq!(
            run(&review, "road_authority", approve("de.road"), t1),
            Err(DecisionError::WaitingFor(keys(&["movcon", "police"])))
        );
        let a = run(&review, "movcon", approve("de.movcon"), t1).expect("movcon decides");
        assert!(a.opened.is_empty(), "police is still pending in step 1");
        assert_eq!(a.status, NotificationStatus::InReview);
        assert_eq!(a.review.stages[0].decided_by.as_deref(), Some("de.movcon"));
        assert_eq!(a.review.stages[0].decided_at, Some(t1));

        let t2 = start() + Duration::hours(2);
        let escort = with(
            Outcome::ApproveWithConditions,
            &[" police escort ", ""],
            None,
        );
        let b = run(&a.review, "police", escort, t2).expect("police decides");
        assert_eq!(b.opened, keys(&["road_authority"]));
        assert_eq!(b.review.stages[1].conditions, keys(&["police escort"]));
        let road = &b.review.stages[2];
        assert_eq!(road.opened_at, Some(t2));
        assert_eq!(road.due_at, t2 + Duration::hours(8));
        assert!(!b.completed);

        let c = run(&b.review, "road_authority", approve("de.road"), t2).expect("road decides");
        assert_eq!(c.status, NotificationStatus::Approved);
        assert!(c.completed);
    }

    #[test]
    fn refusals_name_their_reason_and_change_nothing() {
        let review = crisis_review(&[]);
        let t = start();
        assert_eq!(
            run(&review, "customs", approve("x"), t),
            Err(DecisionError::UnknownStage("customs".into()))
        );
        assert_eq!(
            run(
                &review,
                "movcon",
                with(Outcome::ApproveWithConditions, &["  "], None),
                t
            ),
            Err(DecisionError::ConditionsRequired)
        );
        for outcome in [Outcome::Reject, Outcome::RequestChanges] {
            assert_eq!(
                run(&review, "movcon", with(outcome, &[], Some("  ")), t),
                Err(DecisionError::ReasonRequired(outcome))
            );
        }
        let decided = run(&review, "movcon", approve("a"), t)
            .expect("decides")
            .review;
        assert_eq!(
            run(&decided, "movcon", approve("b"), t),
            Err(DecisionError::NotPending {
                key: "movcon".into(),
                status: StageStatus::Approved
            })
        );
    }

    #[test]
    fn a_block_stops_only_the_approval_that_would_complete_the_nation() {
        let review = crisis_review(&["tunnel.B"]);
        let t = start();
        let a = run(&review, "movcon", approve("a"), t).expect("not the last");
        let b = run(&a.review, "police", approve("b"), t).expect("not the last");
        assert_eq!(
            run(&b.review, "road_authority", approve("c"), t),
            Err(DecisionError::Blocked(keys(&["tunnel.B"])))
        );
        let refused = run(
            &b.review,
            "road_authority",
            with(Outcome::Reject, &[], Some("tunnel category B")),
            t,
        )
        .expect("a rejection is always possible");
        assert_eq!(refused.status, NotificationStatus::Rejected);
        assert_eq!(
            refused.review.stages[2].reason.as_deref(),
            Some("tunnel category B")
        );
    }

    #[test]
    fn request_changes_sends_the_review_back() {
        let review = crisis_review(&[]);
        let change = run(
            &review,
            "movcon",
            with(Outcome::RequestChanges, &["ignored"], Some("route via A2")),
            start(),
        )
        .expect("decides");
        assert_eq!(change.status, NotificationStatus::ChangesRequested);
        assert!(change.review.stages[0].conditions.is_empty());
        assert!(change.opened.is_empty());
    }

    #[test]
    fn deemed_consent_only_past_the_hard_deadline_where_enabled() {
        let review = crisis_review(&[]);
        let p = policy();
        let due = review.stages[0].due_at;
        assert_eq!(
            deem(&review, "movcon", due, &p, tz(), Priority::Crisis),
            Err(DecisionError::NoDeemedConsent("movcon".into()))
        );
        let past = due + Duration::hours(1);
        let change = deem(&review, "movcon", past, &p, tz(), Priority::Crisis).expect("deemed");
        assert_eq!(change.review.stages[0].status, StageStatus::DeemedApproved);
        assert!(change.review.stages[0].reason.is_some());
        assert_eq!(
            deem(&review, "movcon", past, &p, tz(), Priority::Routine),
            Err(DecisionError::NoDeemedConsent("movcon".into()))
        );
        assert_eq!(
            deem(&review, "road_authority", past, &p, tz(), Priority::Crisis),
            Err(DecisionError::WaitingFor(keys(&["movcon", "police"])))
        );
    }

    #[test]
    fn review_status_follows_the_current_stages() {
        let mut stages = crisis_review(&[]).stages;
        assert_eq!(review_status(&stages), NotificationStatus::InReview);
        for s in &mut stages {
            s.status = StageStatus::Approved;
        }
        stages[1].status = StageStatus::DeemedApproved;
        assert_eq!(review_status(&stages), NotificationStatus::Approved);
        let mut old = stages[0].clone();
        old.status = StageStatus::Superseded;
        stages.push(old);
        assert_eq!(review_status(&stages), NotificationStatus::Approved);
        stages[2].status = StageStatus::ChangesRequested;
        assert_eq!(review_status(&stages), NotificationStatus::ChangesRequested);
        stages[0].status = StageStatus::Rejected;
        assert_eq!(review_status(&stages), NotificationStatus::Rejected);
    }

    #[test]
    fn notification_is_approved_only_when_every_nation_is() {
        use NotificationStatus::*;
        assert_eq!(
            notification_status(&[Approved, Approved], false, false),
            Approved
        );
        assert_eq!(
            notification_status(&[Approved, InReview], false, false),
            InReview
        );
        assert_eq!(
            notification_status(&[ChangesRequested, Rejected], false, false),
            Rejected
        );
        assert_eq!(
            notification_status(&[Approved, ChangesRequested], false, false),
            ChangesRequested
        );
        assert_eq!(
            notification_status(&[Approved, InReview], false, true),
            Expired
        );
        assert_eq!(notification_status(&[Rejected], false, true), Rejected);
        assert_eq!(notification_status(&[Approved], true, false), Withdrawn);
        assert_eq!(notification_status(&[], false, false), InReview);
    }

    #[test]
    fn permit_numbers_are_zero_padded() {
        let de = Nation::parse("DE").expect("DE");
        assert_eq!(permit_number(de, 2026, 123), "DE-2026-000123");
        assert_eq!(permit_number(de, 2026, 1_234_567), "DE-2026-1234567");
    }

    #[test]
    fn blocking_rules_are_the_block_findings() {
        let findings = [
            finding("escort", Severity::Condition, None),
            finding("tunnel.B", Severity::Block, None),
        ];
        assert_eq!(blocking_rules(&findings), keys(&["tunnel.B"]));
    }
}
