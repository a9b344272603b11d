//! The workflow core: due times, stage planning, decisions, amendments and escalation, as pure
//! functions of (input, policy, now). The shell stores what they return and keeps the timers.

pub mod amend;
pub mod calendar;
pub mod escalation;
pub mod lifecycle;
pub mod plan;
pub mod review;

pub use amend::rebase;
pub use calendar::{add_working, deemed_consent_at, review_due, stage_due};
pub use escalation::{assess, Assessment, Escalation, EscalationInput, StageHistory};
pub use lifecycle::{
    amend_route, fingerprint, permit_action, plan_every_nation, plan_nation, settle, AmendedReview,
    Amendment, NationPlan, PermitAction, ReviewBefore, ReviewStanding, Settled,
};
pub use plan::plan_review;
pub use review::{
    decide, deem, notification_status, permit_number, review_status, Decision, DecisionError,
    ReviewChange, ReviewState, StageState,
};

#[cfg(test)]
mod test_policy;
