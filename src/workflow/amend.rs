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
