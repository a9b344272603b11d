//! The escalation ladder and deemed consent: what must fire now for one national review, and
//! when to look at it again.
//!
//! Level 1 tells the stage's officers, level 2 the nation's coordinator, level 3 the liaison
//! users watching the nation. A breach that the remaining stages make inevitable is escalated at
//! once instead of after the fact.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::calendar::{
    calendar_span, counts_working_time, deemed_consent_at, stage_due, working_time_between,
};
use super::review::{review_status, ReviewState, StageState};
use crate::domain::{NotificationStatus, Priority, StageStatus};
use crate::policy::{IsoDuration, PolicyFile};

/// Level 1: the stage's officers.
pub const OFFICERS: u8 = 1;
/// Level 2: the nation's coordinator.
pub const COORDINATOR: u8 = 2;
/// Level 3: the liaison users watching the nation.
pub const LIAISON: u8 = 3;

/// How long a stage has taken when decided, as observed so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageHistory {
    /// Decisions observed.
    pub decisions: u32,
    /// Median time from opening to decision, on the same basis as the SLA (working time when
    /// the priority counts working time).
    pub median: Duration,
}

/// Everything the ladder looks at for one national review.
#[derive(Debug, Clone, Copy)]
pub struct EscalationInput<'a> {
    /// The nation's policy.
    pub policy: &'a PolicyFile,
    /// The nation's time zone.
    pub tz: Tz,
    /// The notification's priority.
    pub priority: Priority,
    /// The review as stored.
    pub review: &'a ReviewState,
    /// The review's due time (`review_due`).
    pub review_due_at: DateTime<Utc>,
    /// The notification's overall due time (the earliest of its reviews' due times).
    pub overall_due_at: DateTime<Utc>,
    /// Highest level already fired, by key of the current stage; absent means none.
    pub fired: &'a BTreeMap<String, u8>,
    /// Observed decision times by stage key; used once the policy's minimum count is reached.
    pub history: &'a BTreeMap<String, StageHistory>,
}

/// One escalation to send and record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Escalation {
    /// 1 officers, 2 coordinator, 3 liaison.
    pub level: u8,
    /// The stage it concerns.
    pub stage: String,
    /// Why, for the audit trail and the dashboard (English).
    pub reason: String,
    /// The same reasons as data, for texts in the reader's language (mail).
    #[serde(default)]
    pub why: Vec<Why>,
    /// The due time at stake: the stage's for levels 1–2, the overall one for level 3.
    pub due_at: DateTime<Utc>,
    /// Seconds from now to `due_at`; negative once it has passed.
    pub time_left_seconds: i64,
}

/// One reason an escalation fired, as data (`reason` says the same in English).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Why {
    /// The officers' share of the stage's time is used.
    ShareUsed {
        /// The share, in per cent.
        percent: u8,
    },
    /// The remaining stages finish after the review's due time.
    ReviewBreach {
        /// When they would finish.
        finish: DateTime<Utc>,
        /// The review's due time.
        due: DateTime<Utc>,
    },
    /// The stage's due time has passed.
    StageDue,
    /// The notification's overall due time is within the liaison window.
    OverallWithin {
        /// The window, in minutes.
        minutes: i64,
    },
    /// The remaining stages finish after the overall due time.
    OverallBreach {
        /// When they would finish.
        finish: DateTime<Utc>,
        /// The overall due time.
        due: DateTime<Utc>,
    },
    /// A lower level fired along with a higher one.
    RaisedWith {
        /// The higher level.
        level: u8,
    },
}

/// What the ladder says now.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Assessment {
    /// Escalations to fire now, lowest level first per stage.
    pub fire: Vec<Escalation>,
    /// Stages whose deemed-consent deadline has passed: apply `review::deem` to each.
    pub deemed: Vec<String>,
    /// When to assess again if nothing else changes; the shell keeps a durable timer for it and
    /// assesses afresh after every decision, deemed consent or amendment.
    pub next_check_at: Option<DateTime<Utc>>,
}

/// Assesses the ladder at `now`: escalations due for each open stage, given the levels already
/// fired (each level once per stage, in order; a higher level brings the lower ones with it),
/// deemed consent, and the next moment anything can change.
pub fn assess(input: &EscalationInput<'_>, now: DateTime<Utc>) -> Assessment {
    let mut out = Assessment::default();
    let review = input.review;
    // Only a review waiting on the nation is escalated; otherwise the requester has the move.
    if review_status(&review.stages) != NotificationStatus::InReview {
        return out;
    }
    let finish = projected_finish(input, now);
    let review_breach = finish > input.review_due_at;
    let overall_breach = finish > input.overall_due_at;
    let liaison_window = input.policy.escalation.liaison_before_overall_due;
    let liaison_at = calendar_span(liaison_window)
        .and_then(|w| input.overall_due_at.checked_sub_signed(w))
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    let percent = input.policy.escalation.officers_at_percent.min(100);

    let mut checks = Vec::new();
    let (mut watch_review, mut watch_overall) = (false, false);
    for stage in review
        .stages
        .iter()
        .filter(|s| s.is_current() && s.is_open())
    {
        // Silence can never waive a block finding.
        let deemed_at = deemed_consent_at(input.policy, input.priority, stage.due_at)
            .filter(|_| review.blocks.is_empty());
        if deemed_at.is_some_and(|at| at <= now) {
            out.deemed.push(stage.key.clone());
            continue;
        }
        let share_at = share_used_at(input, stage, percent);
        let reasons = [
            join([
                (now >= share_at).then(|| format!("{percent}% of the stage's time used")),
                review_breach.then(|| {
                    format!(
                        "breach predicted: the remaining stages finish by {finish}, after the \
                         review's due time {}",
                        input.review_due_at
                    )
                }),
            ]),
            (now >= stage.due_at).then(|| "the stage's due time has passed".to_string()),
            join([
                (now >= liaison_at)
                    .then(|| format!("the overall due time is within {liaison_window}")),
                overall_breach.then(|| {
                    format!(
                        "breach predicted: the remaining stages finish by {finish}, after the \
                         overall due time {}",
                        input.overall_due_at
                    )
                }),
            ]),
        ];
        let whys: [Vec<Why>; 3] = [
            [
                (now >= share_at).then_some(Why::ShareUsed { percent }),
                review_breach.then_some(Why::ReviewBreach {
                    finish,
                    due: input.review_due_at,
                }),
            ]
            .into_iter()
            .flatten()
            .collect(),
            (now >= stage.due_at)
                .then_some(Why::StageDue)
                .into_iter()
                .collect(),
            [
                (now >= liaison_at).then(|| Why::OverallWithin {
                    minutes: calendar_span(liaison_window).map_or(0, |d| d.num_minutes()),
                }),
                overall_breach.then_some(Why::OverallBreach {
                    finish,
                    due: input.overall_due_at,
                }),
            ]
            .into_iter()
            .flatten()
            .collect(),
        ];
        let fired = input
            .fired
            .get(&stage.key)
            .copied()
            .unwrap_or(0)
            .min(LIAISON);
        let target = reasons
            .iter()
            .rposition(Option::is_some)
            .map_or(0, |i| i as u8 + 1);
        for level in fired + 1..=target {
            let reason = reasons[usize::from(level - 1)].clone().unwrap_or_else(|| {
                let top = reasons[usize::from(target - 1)].as_deref().unwrap_or("");
                format!("raised with level {target}: {top}")
            });
            let why = match &whys[usize::from(level - 1)] {
                w if !w.is_empty() => w.clone(),
                _ => std::iter::once(Why::RaisedWith { level: target })
                    .chain(whys[usize::from(target - 1)].iter().cloned())
                    .collect(),
            };
            let due_at = if level == LIAISON {
                input.overall_due_at
            } else {
                stage.due_at
            };
            out.fire.push(Escalation {
                level,
                stage: stage.key.clone(),
                reason,
                why,
                due_at,
                time_left_seconds: due_at.signed_duration_since(now).num_seconds(),
            });
        }
        let reached = fired.max(target);
        if reached < OFFICERS {
            checks.push(share_at);
            watch_review = true;
        }
        if reached < COORDINATOR {
            checks.push(stage.due_at);
        }
        if reached < LIAISON {
            checks.push(liaison_at);
            watch_overall = true;
        }
        checks.extend(deemed_at);
    }
    if watch_review && !review_breach {
        checks.push(first_breach(input, now, input.review_due_at));
    }
    if watch_overall && !overall_breach {
        checks.push(first_breach(input, now, input.overall_due_at));
    }
    out.next_check_at = checks.into_iter().filter(|t| *t > now).min();
    out
}

/// When the review's pending stages would all be decided if each took its SLA (or its observed
/// median) and every closed step opened as soon as the one before it finished; never before now.
fn projected_finish(input: &EscalationInput<'_>, now: DateTime<Utc>) -> DateTime<Utc> {
    let pending: Vec<&StageState> = input
        .review
        .stages
        .iter()
        .filter(|s| s.is_current() && s.status == StageStatus::Pending)
        .collect();
    let steps: BTreeSet<u32> = pending.iter().map(|s| s.step).collect();
    let mut cursor = now;
    for step in steps {
        let mut end = cursor;
        for stage in pending.iter().filter(|s| s.step == step) {
            let finish = match stage.opened_at {
                Some(opened) => expected_end(input, stage, opened).max(now),
                None => expected_end(input, stage, cursor),
            };
            end = end.max(finish);
        }
        cursor = end;
    }
    cursor
}

/// When `stage`, started at `start`, is expected to be decided.
fn expected_end(
    input: &EscalationInput<'_>,
    stage: &StageState,
    start: DateTime<Utc>,
) -> DateTime<Utc> {
    let observed = input
        .history
        .get(&stage.key)
        .filter(|h| h.decisions >= input.policy.escalation.median_after_decisions);
    if let Some(h) = observed {
        let seconds = u64::try_from(h.median.num_seconds()).unwrap_or(0);
        let median = IsoDuration { days: 0, seconds };
        return stage_due(input.policy, input.tz, input.priority, start, median);
    }
    if stage.opened_at.is_some() {
        return stage.due_at;
    }
    match input.policy.stages.iter().find(|d| d.key == stage.key) {
        Some(def) => stage_due(
            input.policy,
            input.tz,
            input.priority,
            start,
            def.sla.get(input.priority),
        ),
        // A stage the policy no longer lists keeps its projected length as best it can.
        None => stage.due_at.max(start),
    }
}

/// When an open stage has used `percent` of its time, counted on the SLA's basis so that a
/// routine stage is not escalated over a weekend it was never expected to work.
fn share_used_at(input: &EscalationInput<'_>, stage: &StageState, percent: u8) -> DateTime<Utc> {
    let opened = stage.opened_at.unwrap_or(stage.due_at);
    let policy = input.policy;
    let working = counts_working_time(policy, input.priority);
    let total = if working {
        working_time_between(
            opened,
            stage.due_at,
            &policy.working_hours,
            &policy.holidays,
            input.tz,
        )
    } else {
        stage.due_at.signed_duration_since(opened)
    };
    // Rounded up: the share counts as used only once it really is.
    let used = (total.num_seconds().max(0) * i64::from(percent) + 99) / 100;
    let used = IsoDuration {
        days: 0,
        seconds: u64::try_from(used).unwrap_or(0),
    };
    stage_due(policy, input.tz, input.priority, opened, used)
}

/// The first moment (to the second) at which the projected finish passes `due`, assuming
/// nothing is decided meanwhile; the projection only grows with time, so halving finds it.
fn first_breach(
    input: &EscalationInput<'_>,
    now: DateTime<Utc>,
    due: DateTime<Utc>,
) -> DateTime<Utc> {
    let second = Duration::seconds(1);
    let (mut lo, mut hi) = (now, due.checked_add_signed(second).unwrap_or(due));
    while hi - lo > second {
        let mid = lo + (hi - lo) / 2;
        if projected_finish(input, mid) > due {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

/// Joins the reasons that hold with "; ".
fn join<const N: usize>(parts: [Option<String>; N]) -> Option<String> {
    let held: Vec<String> = parts.into_iter().flatten().collect();
    (!held.is_empty()).then(|| held.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Finding, Severity};
    use crate::workflow::plan::plan_review;
    use crate::workflow::review::deem;
    use crate::workflow::test_policy::{berlin, finding, keys, policy, tz};

    fn t0() -> DateTime<Utc> {
        berlin(2026, 1, 14, 10, 0)
    }

    fn hours(h: i64) -> DateTime<Utc> {
        t0() + Duration::hours(h)
    }

    fn review(
        policy: &PolicyFile,
        required: &[&str],
        findings: &[Finding],
        p: Priority,
    ) -> ReviewState {
        let stages = plan_review(policy, tz(), &keys(required), findings, p, t0());
        ReviewState {
            stages,
            blocks: Vec::new(),
        }
    }

    /// Crisis without deemed consent; one movcon stage due at t0+6h, the review at t0+24h.
    fn silent_policy() -> PolicyFile {
        let mut p = policy();
        p.deemed_consent.priorities.clear();
        p
    }

    struct Case {
        policy: PolicyFile,
        review: ReviewState,
        priority: Priority,
        review_due_at: DateTime<Utc>,
        fired: BTreeMap<String, u8>,
        history: BTreeMap<String, StageHistory>,
    }

    impl Case {
        fn new(policy: PolicyFile, required: &[&str], review_due_at: DateTime<Utc>) -> Self {
            let review = review(&policy, required, &[], Priority::Crisis);
            Self {
                policy,
                review,
                priority: Priority::Crisis,
                review_due_at,
                fired: BTreeMap::new(),
                history: BTreeMap::new(),
            }
        }

        fn at(&self, now: DateTime<Utc>) -> Assessment {
            let input = EscalationInput {
                policy: &self.policy,
                tz: tz(),
                priority: self.priority,
                review: &self.review,
                review_due_at: self.review_due_at,
                overall_due_at: self.review_due_at,
                fired: &self.fired,
                history: &self.history,
            };
            assess(&input, now)
        }

        /// Records what the assessment fired, as the shell would.
        fn record(&mut self, a: &Assessment) {
            for e in &a.fire {
                self.fired.insert(e.stage.clone(), e.level);
            }
        }
    }

    fn levels(a: &Assessment) -> Vec<(u8, &str)> {
        a.fire.iter().map(|e| (e.level, e.stage.as_str())).collect()
    }

    #[test]
    fn levels_fire_in_order_once_each_with_the_next_check() {
        let mut case = Case::new(silent_policy(), &["movcon"], hours(24));
        let a = case.at(hours(1));
        assert!(a.fire.is_empty());
        assert_eq!(a.next_check_at, Some(hours(3)), "half of six hours");

        let a = case.at(hours(3));
        assert_eq!(levels(&a), [(1, "movcon")]);
        assert_eq!(a.fire[0].time_left_seconds, 3 * 3600);
        assert_eq!(a.fire[0].due_at, hours(6));
        assert_eq!(a.next_check_at, Some(hours(6)));
        case.record(&a);
        assert!(case.at(hours(4)).fire.is_empty(), "level 1 fires once");

        let a = case.at(hours(6));
        assert_eq!(levels(&a), [(2, "movcon")]);
        assert_eq!(
            a.next_check_at,
            Some(hours(18)),
            "six hours before the overall due time"
        );
        case.record(&a);

        let a = case.at(hours(18));
        assert_eq!(levels(&a), [(3, "movcon")]);
        assert_eq!(a.fire[0].due_at, hours(24));
        assert_eq!(a.fire[0].time_left_seconds, 6 * 3600);
        assert_eq!(a.next_check_at, None);
        case.record(&a);
        assert_eq!(case.at(hours(30)), Assessment::default());
    }

    #[test]
    fn a_late_look_fires_the_missed_levels_in_order() {
        let case = Case::new(silent_policy(), &["movcon"], hours(24));
        let a = case.at(hours(19));
        assert_eq!(levels(&a), [(1, "movcon"), (2, "movcon"), (3, "movcon")]);
        assert!(a.fire[2].reason.contains("within PT6H"));
        // The same reasons as data, for mail in the reader's language.
        assert_eq!(a.fire[0].why, [Why::ShareUsed { percent: 50 }]);
        assert_eq!(a.fire[1].why, [Why::StageDue]);
        assert_eq!(a.fire[2].why, [Why::OverallWithin { minutes: 360 }]);
    }

    #[test]
    fn a_predicted_breach_escalates_before_any_due_time() {
        // Three steps of 6 + 8 + 6 hours cannot fit before a review due in 18 hours.
        let findings = [finding("abnormal", Severity::Review, Some("dg_authority"))];
        let p = silent_policy();
        let mut case = Case::new(p.clone(), &["movcon"], hours(18));
        case.review = review(
            &p,
            &["movcon", "road_authority", "dg_authority"],
            &findings,
            Priority::Crisis,
        );
        let a = case.at(hours(0));
        assert_eq!(levels(&a), [(1, "movcon"), (2, "movcon"), (3, "movcon")]);
        assert!(
            a.fire[0].reason.contains("breach predicted"),
            "{}",
            a.fire[0].reason
        );
        assert!(a.fire[1].reason.starts_with("raised with level 3"));
        assert!(a.fire.iter().all(|e| e.time_left_seconds > 0));

        // With a review due in 21 hours the plan fits, so nothing fires yet.
        case.review_due_at = hours(21);
        assert!(case.at(hours(0)).fire.is_empty());
    }

    #[test]
    fn an_observed_median_replaces_the_sla_once_enough_decisions_exist() {
        let mut case = Case::new(silent_policy(), &["movcon", "road_authority"], hours(20));
        assert!(case.at(hours(0)).fire.is_empty(), "6 + 8 hours fit in 20");
        let slow = StageHistory {
            decisions: 2,
            median: Duration::hours(13),
        };
        case.history.insert("movcon".into(), slow);
        assert!(
            case.at(hours(0)).fire.is_empty(),
            "two decisions are not enough"
        );
        case.history.insert(
            "movcon".into(),
            StageHistory {
                decisions: 3,
                ..slow
            },
        );
        let a = case.at(hours(0));
        assert_eq!(a.fire.first().map(|e| e.level), Some(1));
        assert!(a.fire[0].reason.contains("breach predicted"));
    }

    #[test]
    fn the_next_check_finds_the_moment_a_breach_becomes_certain() {
        // movcon due at +6h, then road 8h, review due at +16h: once movcon runs past +8h the
        // road authority can no longer finish in time.
        let mut case = Case::new(silent_policy(), &["movcon", "road_authority"], hours(16));
        case.fired.insert("movcon".into(), 2);
        let a = case.at(hours(6));
        assert!(a.fire.is_empty());
        let next = a.next_check_at.expect("a next check");
        assert!(
            next > hours(8) && next <= hours(8) + Duration::seconds(1),
            "{next}"
        );
        let a = case.at(next);
        assert_eq!(levels(&a), [(3, "movcon")]);
        assert!(a.fire[0].reason.contains("breach predicted"));
    }

    #[test]
    fn deemed_consent_only_where_enabled_and_never_over_a_block() {
        let mut case = Case::new(policy(), &["movcon"], hours(24));
        case.fired.insert("movcon".into(), 2);
        let a = case.at(hours(6));
        assert_eq!(
            a.next_check_at,
            Some(hours(7)),
            "due plus one hour of grace"
        );
        let a = case.at(hours(7));
        assert_eq!(a.deemed, keys(&["movcon"]));
        assert!(a.fire.is_empty(), "a deemed stage needs no more escalation");
        let change = deem(
            &case.review,
            "movcon",
            hours(7),
            &case.policy,
            tz(),
            Priority::Crisis,
        )
        .expect("deemed");
        assert!(change.completed);

        case.review.blocks = keys(&["tunnel.B"]);
        assert!(case.at(hours(7)).deemed.is_empty());

        let mut routine = Case::new(policy(), &["movcon"], hours(72));
        routine.priority = Priority::Routine;
        routine.review = review(&routine.policy, &["movcon"], &[], Priority::Routine);
        assert_eq!(
            deemed_consent_at(&routine.policy, Priority::Routine, hours(6)),
            None
        );
        assert!(routine.at(hours(48)).deemed.is_empty());
    }

    #[test]
    fn routine_share_counts_working_time() {
        // Routine movcon opened Wednesday 10:00 with one working day: half is used at 14:30.
        let p = policy();
        let mut case = Case::new(p.clone(), &["movcon"], berlin(2026, 1, 19, 10, 0));
        case.priority = Priority::Routine;
        case.review = review(&p, &["movcon"], &[], Priority::Routine);
        let a = case.at(t0());
        assert_eq!(a.next_check_at, Some(berlin(2026, 1, 14, 14, 30)));
    }

    #[test]
    fn a_review_waiting_on_the_requester_is_not_escalated() {
        let mut case = Case::new(silent_policy(), &["movcon"], hours(24));
        case.review.stages[0].status = StageStatus::ChangesRequested;
        assert_eq!(case.at(hours(20)), Assessment::default());
    }
}
