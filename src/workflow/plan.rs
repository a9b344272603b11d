//! Stage planning: which stages a national review has, in which steps they run, which clear at
//! once, and when each is due.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::review::{open_steps, StageState};
use crate::domain::{Finding, Priority, Severity, StageStatus};
use crate::policy::PolicyFile;

/// Plans a nation's review at `now`: the `required_stages` in policy order, grouped into steps,
/// auto-cleared where the policy allows it (decided by the policy at `now`), the first step
/// that is not cleared opened at `now`.
pub fn plan_review(
    policy: &PolicyFile,
    tz: Tz,
    required_stages: &[String],
    findings: &[Finding],
    priority: Priority,
    now: DateTime<Utc>,
) -> Vec<StageState> {
    let mut step = 0;
    let mut stages = Vec::new();
    for def in policy
        .stages
        .iter()
        .filter(|d| required_stages.contains(&d.key))
    {
        // The first planned stage starts step 1 even when it is marked parallel.
        if !def.parallel || step == 0 {
            step += 1;
        }
        let cleared = auto_clears(policy, &def.key, findings, priority);
        stages.push(StageState {
            key: def.key.clone(),
            name: def.name.clone(),
            step,
            status: if cleared {
                StageStatus::AutoCleared
            } else {
                StageStatus::Pending
            },
            opened_at: cleared.then_some(now),
            due_at: now,
            decided_by: None,
            decided_at: cleared.then_some(now),
            conditions: Vec::new(),
            reason: None,
        });
    }
    open_steps(&mut stages, now, policy, tz, priority);
    stages
}

/// Whether stage `key` clears at once: priority and stage allowed by the policy, no finding
/// above `info` names the stage or names no stage at all (those concern the whole review, so
/// an officer must see them), and no block finding stands against the nation.
pub fn auto_clears(
    policy: &PolicyFile,
    key: &str,
    findings: &[Finding],
    priority: Priority,
) -> bool {
    policy.auto_clear.priorities.contains(&priority)
        && policy.auto_clear.stages.iter().any(|k| k == key)
        && !findings.iter().any(|f| {
            f.severity == Severity::Block
                || (f.severity > Severity::Info && f.stage.as_deref().is_none_or(|s| s == key))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflow::test_policy::{berlin, finding, keys, policy, tz};
    use chrono::Duration;

    fn plan(required: &[&str], findings: &[Finding], priority: Priority) -> Vec<StageState> {
        plan_review(
            &policy(),
            tz(),
            &keys(required),
            findings,
            priority,
            berlin(2026, 1, 14, 10, 0),
        )
    }

    #[test]
    fn routine_plans_pending_stages_in_policy_order_with_parallel_steps() {
        let now = berlin(2026, 1, 14, 10, 0);
        let stages = plan(
            &["police", "movcon", "road_authority"],
            &[],
            Priority::Routine,
        );
        let summary: Vec<(&str, u32, StageStatus)> = stages
            .iter()
            .map(|s| (s.key.as_str(), s.step, s.status))
            .collect();
        assert_eq!(
            summary,
            [
                ("movcon", 1, StageStatus::Pending),
                ("police", 1, StageStatus::Pending),
                ("road_authority", 2, StageStatus::Pending),
            ]
        );
        assert_eq!(stages[0].opened_at, Some(now));
        assert_eq!(stages[1].opened_at, Some(now));
        // One working day for movcon (Thursday 10:00), four working hours for police.
        assert_eq!(stages[0].due_at, berlin(2026, 1, 15, 10, 0));
        assert_eq!(stages[1].due_at, berlin(2026, 1, 14, 14, 0));
        // The road authority opens when step 1 is due at the latest: one working day later.
        assert_eq!(stages[2].opened_at, None);
        assert_eq!(stages[2].due_at, berlin(2026, 1, 16, 10, 0));
    }

    #[test]
    fn crisis_auto_clears_allowed_stages_and_projects_later_steps() {
        let now = berlin(2026, 1, 14, 10, 0);
        let dg = finding("dg.class1", Severity::Review, Some("dg_authority"));
        let stages = plan(
            &["movcon", "police", "dg_authority"],
            &[dg],
            Priority::Crisis,
        );
        assert_eq!(stages[1].status, StageStatus::AutoCleared);
        assert_eq!(stages[1].opened_at, Some(now));
        assert_eq!(stages[0].status, StageStatus::Pending);
        assert_eq!(stages[0].due_at, now + Duration::hours(6));
        // A review finding names dg_authority, so it waits for a person in step 2.
        assert_eq!(stages[2].status, StageStatus::Pending);
        assert_eq!(stages[2].step, 2);
        assert_eq!(stages[2].opened_at, None);
        assert_eq!(stages[2].due_at, now + Duration::hours(12));
    }

    #[test]
    fn clearing_a_whole_step_opens_the_next_at_once() {
        let now = berlin(2026, 1, 14, 10, 0);
        let stages = plan(&["police", "road_authority"], &[], Priority::Crisis);
        assert_eq!(
            stages[0].step, 1,
            "a parallel first stage still starts step 1"
        );
        assert_eq!(stages[0].status, StageStatus::AutoCleared);
        assert_eq!(stages[1].step, 2);
        assert_eq!(stages[1].opened_at, Some(now));
        assert_eq!(stages[1].due_at, now + Duration::hours(8));
    }

    #[test]
    fn findings_decide_the_fast_path() {
        let p = policy();
        let info = finding("note", Severity::Info, Some("police"));
        let condition = finding("escort", Severity::Condition, Some("police"));
        let other = finding("escort", Severity::Condition, Some("movcon"));
        let block = finding("tunnel.B", Severity::Block, Some("dg_authority"));
        assert!(auto_clears(
            &p,
            "police",
            std::slice::from_ref(&info),
            Priority::Crisis
        ));
        assert!(auto_clears(&p, "police", &[other], Priority::Crisis));
        assert!(!auto_clears(&p, "police", &[condition], Priority::Crisis));
        assert!(!auto_clears(&p, "police", &[info, block], Priority::Crisis));
        assert!(!auto_clears(&p, "police", &[], Priority::Routine));
        assert!(!auto_clears(&p, "movcon", &[], Priority::Crisis));
    }

    #[test]
    fn only_required_stages_known_to_the_policy_are_planned() {
        let stages = plan(&["movcon", "customs"], &[], Priority::Routine);
        assert_eq!(stages.len(), 1);
        assert_eq!(stages[0].key, "movcon");
    }
}
