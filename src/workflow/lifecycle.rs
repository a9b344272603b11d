//! The notification's lifecycle rules, as pure functions returning the new state: plan every
//! nation's review, settle the notification from its reviews, amend the route (which nations'
//! reviews restart, which are withdrawn), and which permit numbers to issue or void. The shell
//! (`notification/`) loads the stored state, calls these, and writes what they return.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde_json::json;
use sha2::{Digest, Sha256};

use super::amend::rebase;
use super::calendar::review_due;
use super::plan::plan_review;
use super::review::{blocking_rules, notification_status, review_status, ReviewState, StageState};
use crate::domain::{Movement, Nation, NotificationStatus, Priority, StageStatus};
use crate::policy::{Evaluation, NationEvaluation, Policy, PolicySet};

/// One nation's review as planned for a version of the movement.
#[derive(Debug, Clone)]
pub struct NationPlan<'a> {
    /// The nation.
    pub nation: Nation,
    /// Its place on the itinerary, from 0.
    pub position: usize,
    /// The policy in force for it.
    pub policy: Arc<Policy>,
    /// What its policy found (findings, required stages, policy version).
    pub evaluation: &'a NationEvaluation,
    /// The planned stages and the block findings that stand.
    pub review: ReviewState,
    /// The review's status from its stages (`approved` when the fast path cleared every stage).
    pub status: NotificationStatus,
    /// When the review is due (capped at departure minus the nation's margin).
    pub due_at: DateTime<Utc>,
    /// The movement's priority the plan was made for (due times depend on it).
    pub priority: Priority,
    /// Per planned stage key, what the stage decides on (see `fingerprint`).
    pub fingerprints: Vec<(String, String)>,
}

impl NationPlan<'_> {
    /// The fingerprint of planned stage `key` (empty for a key the plan does not have).
    pub fn fingerprint(&self, key: &str) -> &str {
        self.fingerprints
            .iter()
            .find(|(k, _)| k == key)
            .map_or("", |(_, f)| f.as_str())
    }

    /// The stages the fast path cleared at once, as `NATION/key`.
    pub fn auto_cleared(&self) -> Vec<String> {
        self.review
            .stages
            .iter()
            .filter(|st| st.status == StageStatus::AutoCleared)
            .map(|st| format!("{}/{}", self.nation, st.key))
            .collect()
    }
}

/// Plans one nation's review at `now`: its stages (steps, fast path, due times), the block
/// findings that stand, its status and due time.
pub fn plan_nation<'a>(
    policy: Arc<Policy>,
    evaluation: &'a NationEvaluation,
    position: usize,
    movement: &Movement,
    now: DateTime<Utc>,
) -> NationPlan<'a> {
    let planned = plan_review(
        &policy.file,
        policy.tz,
        &evaluation.required_stages,
        &evaluation.findings,
        movement.priority,
        now,
    );
    let review = ReviewState {
        stages: planned,
        blocks: blocking_rules(&evaluation.findings),
    };
    let status = review_status(&review.stages);
    let due_at = review_due(
        &policy.file,
        policy.tz,
        movement.priority,
        now,
        movement.departure_at,
    );
    let fingerprints = review
        .stages
        .iter()
        .map(|st| (st.key.clone(), fingerprint(movement, evaluation, &st.key)))
        .collect();
    NationPlan {
        nation: evaluation.nation,
        position,
        policy,
        evaluation,
        review,
        status,
        due_at,
        priority: movement.priority,
        fingerprints,
    }
}

/// Plans every nation's review of an evaluated movement, in itinerary order; the one place
/// nations are planned (submission, amendment, the dry run). Fails with the first nation whose
/// policy is no longer loaded.
pub fn plan_every_nation<'a>(
    set: &PolicySet,
    eval: &'a Evaluation,
    movement: &Movement,
    now: DateTime<Utc>,
) -> Result<Vec<NationPlan<'a>>, Nation> {
    eval.nations
        .iter()
        .enumerate()
        .map(|(position, ne)| {
            let policy = set.get(ne.nation).ok_or(ne.nation)?.clone();
            Ok(plan_nation(policy, ne, position, movement, now))
        })
        .collect()
}

/// What a stage of a nation decides on: the movement as it concerns that nation, and the
/// policy version. An amendment that leaves this unchanged leaves the stage's decision standing.
pub fn fingerprint(movement: &Movement, eval: &NationEvaluation, key: &str) -> String {
    let legs: Vec<_> = movement
        .itinerary
        .iter()
        .filter(|l| l.nation == eval.nation)
        .collect();
    let inputs = json!({
        "stage": key,
        "policy": eval.policy_version,
        "priority": movement.priority,
        "kind": movement.kind,
        "validity": movement.validity,
        "mode": movement.mode,
        "legs": legs,
        "vehicles": movement.vehicles,
        "cargo": movement.cargo,
        "personnel": movement.personnel,
    });
    hex::encode(Sha256::digest(inputs.to_string().as_bytes()))
}

/// Where one stored national review stands, as settling the notification needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewStanding {
    /// The review's status (`withdrawn` for a nation taken off the route).
    pub status: NotificationStatus,
    /// When the review is due.
    pub due_at: DateTime<Utc>,
}

/// The notification's status and due time after a change to its reviews.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settled {
    /// Its status from the reviews still on the route.
    pub status: NotificationStatus,
    /// Its due time: the latest review's (None when no nation is on the route: keep it).
    pub due_at: Option<DateTime<Utc>>,
}

/// Settles the notification from its reviews: a nation taken off the route counts no more; the
/// movement can go when its last nation has approved, so it is due when the latest national
/// review is (each already capped at departure minus that nation's margin).
pub fn settle(reviews: &[ReviewStanding]) -> Settled {
    let active: Vec<&ReviewStanding> = reviews
        .iter()
        .filter(|r| r.status != NotificationStatus::Withdrawn)
        .collect();
    let statuses: Vec<NotificationStatus> = active.iter().map(|r| r.status).collect();
    Settled {
        status: notification_status(&statuses, false, false),
        due_at: active.iter().map(|r| r.due_at).max(),
    }
}

/// What happens to a nation's permit number after its review changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PermitAction {
    /// The nation approved and holds no number: issue the next one.
    Issue,
    /// Leave it as it is (approved and held, or not approved and none held).
    Keep,
    /// The number no longer stands (its approval was undone); numbers are never reused.
    Void,
}

/// Which permit action a review's new status calls for, given whether it holds a number.
pub fn permit_action(status: NotificationStatus, held: bool) -> PermitAction {
    match (status == NotificationStatus::Approved, held) {
        (true, false) => PermitAction::Issue,
        (false, true) => PermitAction::Void,
        _ => PermitAction::Keep,
    }
}

/// A nation's stored review before an amendment.
#[derive(Debug, Clone)]
pub struct ReviewBefore {
    /// The nation.
    pub nation: Nation,
    /// Its status (`withdrawn` when an earlier amendment took it off the route).
    pub status: NotificationStatus,
    /// Its current stages (not superseded), each with the fingerprint it was decided on.
    pub stages: Vec<(StageState, String)>,
}

/// One nation of the amended route: its new plan, rebased on the stages that stood.
#[derive(Debug, Clone)]
pub struct AmendedReview<'a> {
    /// The plan of the new version; `review` and `status` are the rebased ones.
    pub plan: NationPlan<'a>,
    /// Whether the nation had a review before (else it joins the route now).
    pub existed: bool,
}

/// What an amendment does to the reviews.
#[derive(Debug, Clone)]
pub struct Amendment<'a> {
    /// Nations taken off the route: their reviews end (`withdrawn`, permit void) and their
    /// stages are superseded.
    pub withdrawn: Vec<Nation>,
    /// Every nation of the new route, in itinerary order.
    pub nations: Vec<AmendedReview<'a>>,
}

/// Amends the route: nations no longer on it are withdrawn; each nation on it keeps the
/// approvals its change cannot affect (same fingerprint) and starts every other stage again
/// (see `rebase`); a nation new to the route gets its fresh plan.
pub fn amend_route<'a>(
    before: &[ReviewBefore],
    plans: Vec<NationPlan<'a>>,
    now: DateTime<Utc>,
) -> Amendment<'a> {
    let withdrawn = before
        .iter()
        .filter(|b| b.status != NotificationStatus::Withdrawn)
        .filter(|b| !plans.iter().any(|p| p.nation == b.nation))
        .map(|b| b.nation)
        .collect();
    let nations = plans
        .into_iter()
        .map(|mut plan| {
            let old = before.iter().find(|b| b.nation == plan.nation);
            let old_stages: Vec<StageState> = old
                .map(|b| b.stages.iter().map(|(st, _)| st.clone()).collect())
                .unwrap_or_default();
            let unchanged = |key: &str| {
                old.is_some_and(|b| {
                    b.stages
                        .iter()
                        .any(|(st, fp)| st.key == key && fp.as_str() == plan.fingerprint(key))
                })
            };
            let review = rebase(
                &old_stages,
                plan.review.clone(),
                &unchanged,
                now,
                &plan.policy.file,
                plan.policy.tz,
                plan.priority,
            );
            plan.status = review_status(&review.stages);
            plan.review = review;
            AmendedReview {
                plan,
                existed: old.is_some(),
            }
        })
        .collect();
    Amendment { withdrawn, nations }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::OnceLock;

    use chrono::{Duration, TimeZone};

    use super::*;
    use crate::domain::MovementInput;
    use crate::policy::evaluate;

    /// The repository's policy set, loaded once.
    fn set() -> &'static PolicySet {
        static SET: OnceLock<PolicySet> = OnceLock::new();
        SET.get_or_init(|| {
            PolicySet::load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("policies"))
                .unwrap_or_else(|_| panic!("policies/ must load"))
        })
    }

    /// Three days before the sample's departure (2026-12-01T06:00Z); an explicit `now`, so no
    /// test depends on the day it runs.
    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 28, 8, 0, 0).unwrap()
    }

    fn movement(edit: impl FnOnce(&mut serde_json::Value)) -> Movement {
        let mut v = crate::domain::sample_json();
        edit(&mut v);
        let input: MovementInput = serde_json::from_value(v).expect("wire shape");
        Movement::parse(input).expect("valid movement")
    }

    fn nation(code: &str) -> Nation {
        Nation::parse(code).unwrap()
    }

    fn evaluated(m: &Movement) -> Evaluation {
        evaluate(m, set(), now()).expect("evaluates")
    }

    /// Every stage of the plan decided `approved` by an officer, as the stored review reads.
    fn approved(plan: &NationPlan<'_>) -> ReviewBefore {
        ReviewBefore {
            nation: plan.nation,
            status: NotificationStatus::Approved,
            stages: plan
                .review
                .stages
                .iter()
                .map(|st| {
                    let mut st = st.clone();
                    st.status = StageStatus::Approved;
                    st.opened_at = Some(now());
                    st.decided_by = Some("officer".into());
                    (st.clone(), plan.fingerprint(&st.key).to_string())
                })
                .collect(),
        }
    }

    fn current(review: &ReviewState) -> Vec<(&str, StageStatus)> {
        review
            .stages
            .iter()
            .filter(|s| s.is_current())
            .map(|s| (s.key.as_str(), s.status))
            .collect()
    }

    #[test]
    fn every_nation_is_planned_in_itinerary_order_with_its_policy() {
        let m = movement(|_| {});
        let eval = evaluated(&m);
        let plans = plan_every_nation(set(), &eval, &m, now()).unwrap();
        let order: Vec<(String, usize)> = plans
            .iter()
            .map(|p| (p.nation.to_string(), p.position))
            .collect();
        assert_eq!(
            order,
            [
                ("NL".into(), 0),
                ("DE".into(), 1),
                ("PL".into(), 2),
                ("LT".into(), 3)
            ]
        );
        for p in &plans {
            assert!(!p.review.stages.is_empty(), "{} has stages", p.nation);
            assert_eq!(p.status, review_status(&p.review.stages));
            assert!(
                p.due_at <= m.departure_at,
                "{} is due before departure",
                p.nation
            );
            assert_eq!(p.priority, m.priority);
            assert_eq!(p.fingerprints.len(), p.review.stages.len());
            assert_eq!(p.review.blocks, blocking_rules(&p.evaluation.findings));
            for st in &p.review.stages {
                assert_eq!(
                    p.fingerprint(&st.key),
                    fingerprint(&m, p.evaluation, &st.key)
                );
            }
            let auto = p.auto_cleared();
            let cleared = p
                .review
                .stages
                .iter()
                .filter(|s| s.status == StageStatus::AutoCleared)
                .count();
            assert_eq!(auto.len(), cleared);
            assert!(auto
                .iter()
                .all(|a| a.starts_with(&format!("{}/", p.nation))));
        }
    }

    #[test]
    fn a_plan_is_approved_exactly_when_the_fast_path_clears_every_stage() {
        let m = movement(|_| {});
        let eval = evaluated(&m);
        for p in plan_every_nation(set(), &eval, &m, now()).unwrap() {
            let all_cleared = p
                .review
                .stages
                .iter()
                .all(|s| s.status == StageStatus::AutoCleared);
            assert_eq!(p.status == NotificationStatus::Approved, all_cleared);
        }
    }

    #[test]
    fn a_stage_fingerprint_moves_only_with_what_concerns_its_nation() {
        let m = movement(|_| {});
        let other_leg = movement(|v| v["itinerary"][2]["exit_point"] = "Ogrodniki".into());
        let own_leg = movement(|v| v["itinerary"][1]["exit_point"] = "Görlitz".into());
        let eval = evaluated(&m);
        let de = eval.nation(nation("DE")).unwrap();
        let key = "movcon";
        assert_eq!(fingerprint(&m, de, key), fingerprint(&other_leg, de, key));
        assert_ne!(fingerprint(&m, de, key), fingerprint(&own_leg, de, key));
        assert_ne!(fingerprint(&m, de, key), fingerprint(&m, de, "police"));
    }

    #[test]
    fn settling_counts_nations_on_the_route_and_waits_for_the_latest() {
        let t = now();
        let r = |status, hours| ReviewStanding {
            status,
            due_at: t + Duration::hours(hours),
        };
        use NotificationStatus::*;
        let cases: Vec<(Vec<ReviewStanding>, NotificationStatus, Option<i64>)> = vec![
            (vec![r(Approved, 1), r(Approved, 5)], Approved, Some(5)),
            (vec![r(Approved, 1), r(InReview, 3)], InReview, Some(3)),
            (
                vec![r(ChangesRequested, 1), r(Rejected, 2)],
                Rejected,
                Some(2),
            ),
            (
                vec![r(ChangesRequested, 1), r(InReview, 2)],
                ChangesRequested,
                Some(2),
            ),
            // A nation taken off the route neither holds the status nor the due time.
            (vec![r(Approved, 1), r(Withdrawn, 9)], Approved, Some(1)),
            (vec![r(InReview, 1), r(Withdrawn, 9)], InReview, Some(1)),
            (vec![r(Withdrawn, 9)], InReview, None),
        ];
        for (reviews, status, due) in cases {
            let settled = settle(&reviews);
            assert_eq!(settled.status, status, "{reviews:?}");
            assert_eq!(
                settled.due_at,
                due.map(|h| t + Duration::hours(h)),
                "{reviews:?}"
            );
        }
    }

    #[test]
    fn permits_are_issued_on_approval_and_void_when_it_is_undone() {
        use NotificationStatus::*;
        let table = [
            (Approved, false, PermitAction::Issue),
            (Approved, true, PermitAction::Keep),
            (InReview, true, PermitAction::Void),
            (ChangesRequested, true, PermitAction::Void),
            (Rejected, true, PermitAction::Void),
            (Withdrawn, true, PermitAction::Void),
            (InReview, false, PermitAction::Keep),
            (Withdrawn, false, PermitAction::Keep),
        ];
        for (status, held, action) in table {
            assert_eq!(permit_action(status, held), action, "{status} held={held}");
        }
    }

    #[test]
    fn an_amendment_keeps_what_it_cannot_affect_and_restarts_the_rest() {
        let m = movement(|_| {});
        let eval = evaluated(&m);
        let before: Vec<ReviewBefore> = plan_every_nation(set(), &eval, &m, now())
            .unwrap()
            .iter()
            .map(approved)
            .collect();
        // Only the Polish leg changes.
        let m2 = movement(|v| v["itinerary"][2]["exit_point"] = "Ogrodniki".into());
        let eval2 = evaluated(&m2);
        let later = now() + Duration::hours(2);
        let plans = plan_every_nation(set(), &eval2, &m2, later).unwrap();
        let amendment = amend_route(&before, plans, later);
        assert!(amendment.withdrawn.is_empty());
        for a in &amendment.nations {
            assert!(a.existed);
            let stages = current(&a.plan.review);
            if a.plan.nation == nation("PL") {
                // Every PL stage starts again as the new plan has it (pending, or cleared by
                // the fast path): none keeps the officer's approval.
                let fresh = plan_nation(
                    set().get(nation("PL")).unwrap().clone(),
                    eval2.nation(nation("PL")).unwrap(),
                    2,
                    &m2,
                    later,
                );
                assert_eq!(stages, current(&fresh.review), "PL starts again");
                assert_eq!(a.plan.status, fresh.status);
                let officer = Some("officer".to_string());
                assert!(a
                    .plan
                    .review
                    .stages
                    .iter()
                    .filter(|s| s.is_current())
                    .all(|s| s.decided_by != officer));
                let superseded = a
                    .plan
                    .review
                    .stages
                    .iter()
                    .filter(|s| !s.is_current())
                    .count();
                assert_eq!(
                    superseded,
                    stages.len(),
                    "the old PL stages stay as history"
                );
            } else {
                assert!(
                    stages.iter().all(|(_, s)| *s == StageStatus::Approved),
                    "{} keeps its approvals: {stages:?}",
                    a.plan.nation
                );
                assert_eq!(a.plan.status, NotificationStatus::Approved);
            }
        }
    }

    #[test]
    fn a_nation_off_the_route_is_withdrawn_and_a_new_one_planned_fresh() {
        let m = movement(|_| {});
        let eval = evaluated(&m);
        let plans = plan_every_nation(set(), &eval, &m, now()).unwrap();
        // Before: NL, DE and PL as planned, BE reviewing (since taken off), LT withdrawn earlier.
        let mut before: Vec<ReviewBefore> = plans[..3].iter().map(approved).collect();
        before.push(ReviewBefore {
            nation: nation("BE"),
            status: NotificationStatus::InReview,
            stages: Vec::new(),
        });
        before.push(ReviewBefore {
            nation: nation("LT"),
            status: NotificationStatus::Withdrawn,
            stages: Vec::new(),
        });
        let fresh = plans[3].review.clone();
        let amendment = amend_route(&before, plans, now());
        assert_eq!(amendment.withdrawn, [nation("BE")]);
        let lt = &amendment.nations[3];
        assert_eq!(lt.plan.nation, nation("LT"));
        assert!(
            lt.existed,
            "LT had a review, withdrawn by an earlier amendment"
        );
        assert_eq!(lt.plan.review.stages, fresh.stages, "nothing of LT stood");
        assert!(amendment.nations[..3].iter().all(|a| a.existed));
    }
}
