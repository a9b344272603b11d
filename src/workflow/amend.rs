//! Amendments: the review of a new version keeps the approvals its change cannot affect and
//! starts every other stage again, keeping the replaced ones as history.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::review::{open_steps, ReviewState, StageState};
use crate::domain::{Priority, StageStatus};
use crate::policy::PolicyFile;

/// Merges the old stages into `new` (the amended version's plan and blocks, see `plan_review`).
///
/// A stage keeps its old decision when its key is in both, the old status is an approval and
/// `unchanged(key)` says its inputs did not change; an old `auto_cleared` is kept only while the
/// new plan still clears it. Every other old stage becomes `superseded` and stays for history,
/// and the new plan's stage starts again. Steps then open at `now` as far as approvals allow.
pub fn rebase(
    old: &[StageState],
    new: ReviewState,
    unchanged: &dyn Fn(&str) -> bool,
    now: DateTime<Utc>,
    policy: &PolicyFile,
    tz: Tz,
    priority: Priority,
) -> ReviewState {
    let old_current = |key: &str| old.iter().find(|s| s.is_current() && s.key == key);
    let mut kept: BTreeSet<String> = new
        .stages
        .iter()
        .filter(|n| {
            old_current(&n.key).is_some_and(|o| {
                o.status.is_approval()
                    && unchanged(&n.key)
                    && !(o.status == StageStatus::AutoCleared
                        && n.status != StageStatus::AutoCleared)
            })
        })
        .map(|n| n.key.clone())
        .collect();
    // Kept approvals must not complete a nation over a block: its last step is looked at again.
    let all_approved = new
        .stages
        .iter()
        .all(|n| kept.contains(&n.key) || n.status.is_approval());
    if !new.blocks.is_empty() && all_approved {
        let last = new.stages.iter().map(|n| n.step).max().unwrap_or(0);
        for n in new.stages.iter().filter(|n| n.step == last) {
            kept.remove(&n.key);
        }
    }

    let mut stages: Vec<StageState> = old
        .iter()
        .filter(|o| !o.is_current() || !kept.contains(&o.key))
        .cloned()
        .map(|mut o| {
            o.status = StageStatus::Superseded;
            o
        })
        .collect();
    let mut current: Vec<StageState> = new
        .stages
        .into_iter()
        .map(
            |n| match old_current(&n.key).filter(|_| kept.contains(&n.key)) {
                Some(o) => StageState {
                    step: n.step,
                    name: n.name,
                    ..o.clone()
                },
                None => StageState {
                    // Steps reopen below, consistently with the kept approvals.
                    opened_at: if n.status == StageStatus::Pending {
                        None
                    } else {
                        n.opened_at
                    },
                    ..n
                },
            },
        )
        .collect();
    open_steps(&mut current, now, policy, tz, priority);
    stages.extend(current);
    ReviewState {
        stages,
        blocks: new.blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Finding, NotificationStatus, Severity};
    use crate::workflow::plan::plan_review;
    use crate::workflow::review::review_status;
    use crate::workflow::test_policy::{berlin, finding, keys, policy, tz};
    use chrono::Duration;

    fn start() -> DateTime<Utc> {
        berlin(2026, 1, 14, 10, 0)
    }

    fn plan(required: &[&str], findings: &[Finding], at: DateTime<Utc>) -> ReviewState {
        let stages = plan_review(
            &policy(),
            tz(),
            &keys(required),
            findings,
            Priority::Crisis,
            at,
        );
        ReviewState {
            stages,
            blocks: Vec::new(),
        }
    }

    /// Sets the status of the current stage `key`, as an officer's decision would.
    fn decided(mut review: ReviewState, key: &str, status: StageStatus) -> ReviewState {
        for s in review.stages.iter_mut().filter(|s| s.key == key) {
            s.status = status;
            s.decided_by = Some(format!("de.{key}"));
        }
        review
    }

    fn current(review: &ReviewState, key: &str) -> StageState {
        review
            .stages
            .iter()
            .find(|s| s.is_current() && s.key == key)
            .cloned()
            .expect("current stage")
    }

    fn superseded(review: &ReviewState) -> Vec<&str> {
        review
            .stages
            .iter()
            .filter(|s| !s.is_current())
            .map(|s| s.key.as_str())
            .collect()
    }

    fn rebase_at(
        old: &ReviewState,
        new: ReviewState,
        unchanged: &dyn Fn(&str) -> bool,
        at: DateTime<Utc>,
    ) -> ReviewState {
        rebase(
            &old.stages,
            new,
            unchanged,
            at,
            &policy(),
            tz(),
            Priority::Crisis,
        )
    }

    /// A condition for the police, which keeps the police stage off the fast path.
    fn escort() -> Finding {
        finding("escort", Severity::Condition, Some("police"))
    }

    #[test]
    fn unchanged_approvals_stay_and_the_rest_start_again() {
        let old = plan(
            &["movcon", "police", "road_authority"],
            &[escort()],
            start(),
        );
        let old = decided(old, "movcon", StageStatus::ApprovedWithConditions);
        let old = decided(old, "police", StageStatus::ChangesRequested);
        let later = start() + Duration::hours(3);
        let new = plan(&["movcon", "police", "road_authority"], &[escort()], later);
        let review = rebase_at(&old, new, &|_| true, later);

        let movcon = current(&review, "movcon");
        assert_eq!(movcon.status, StageStatus::ApprovedWithConditions);
        assert_eq!(movcon.opened_at, Some(start()), "its history is kept");
        let police = current(&review, "police");
        assert_eq!(police.status, StageStatus::Pending);
        assert_eq!(police.opened_at, Some(later));
        assert_eq!(police.due_at, later + Duration::hours(4));
        assert_eq!(superseded(&review), ["police", "road_authority"]);
        assert_eq!(current(&review, "road_authority").opened_at, None);
    }

    #[test]
    fn changed_inputs_restart_an_approval_and_dropped_stages_are_superseded() {
        let old = plan(
            &["movcon", "police", "road_authority"],
            &[escort()],
            start(),
        );
        let old = decided(old, "movcon", StageStatus::Approved);
        let old = decided(old, "police", StageStatus::Approved);
        let later = start() + Duration::hours(1);
        let new = plan(&["movcon", "police"], &[escort()], later);
        let review = rebase_at(&old, new, &|key| key != "movcon", later);
        assert_eq!(current(&review, "movcon").status, StageStatus::Pending);
        assert_eq!(current(&review, "police").status, StageStatus::Approved);
        assert_eq!(superseded(&review), ["movcon", "road_authority"]);
        assert_eq!(review.stages.len(), 4, "two superseded, two current");
    }

    #[test]
    fn a_later_step_opens_when_kept_approvals_complete_the_earlier_ones() {
        let old = plan(
            &["movcon", "police", "road_authority"],
            &[escort()],
            start(),
        );
        let old = decided(old, "movcon", StageStatus::Approved);
        let old = decided(old, "police", StageStatus::Approved);
        let old = decided(old, "road_authority", StageStatus::ChangesRequested);
        let later = start() + Duration::hours(5);
        let new = plan(&["movcon", "police", "road_authority"], &[escort()], later);
        assert_eq!(current(&new, "road_authority").opened_at, None);
        let review = rebase_at(&old, new, &|_| true, later);
        let road = current(&review, "road_authority");
        assert_eq!(road.status, StageStatus::Pending);
        assert_eq!(road.opened_at, Some(later));
        assert_eq!(road.due_at, later + Duration::hours(8));
    }

    #[test]
    fn an_auto_clearance_stays_only_while_the_policy_still_clears_it() {
        let old = plan(&["movcon", "police"], &[], start());
        assert_eq!(current(&old, "police").status, StageStatus::AutoCleared);
        let later = start() + Duration::hours(1);
        let review = rebase_at(
            &old,
            plan(&["movcon", "police"], &[], later),
            &|_| true,
            later,
        );
        assert_eq!(current(&review, "police").status, StageStatus::AutoCleared);
        assert_eq!(current(&review, "police").opened_at, Some(start()));
        let new = plan(&["movcon", "police"], &[escort()], later);
        let review = rebase_at(&old, new, &|_| true, later);
        assert_eq!(current(&review, "police").status, StageStatus::Pending);
    }

    #[test]
    fn kept_approvals_never_complete_a_nation_over_a_new_block() {
        let old = plan(
            &["movcon", "police", "road_authority"],
            &[escort()],
            start(),
        );
        let old = ["movcon", "police", "road_authority"]
            .into_iter()
            .fold(old, |r, k| decided(r, k, StageStatus::Approved));
        let later = start() + Duration::hours(1);
        let mut new = plan(&["movcon", "police", "road_authority"], &[escort()], later);
        new.blocks = keys(&["tunnel.B"]);
        let review = rebase_at(&old, new, &|_| true, later);
        assert_eq!(review_status(&review.stages), NotificationStatus::InReview);
        let road = current(&review, "road_authority");
        assert_eq!(road.status, StageStatus::Pending);
        assert_eq!(road.opened_at, Some(later));
        assert_eq!(current(&review, "movcon").status, StageStatus::Approved);
    }
}
