//! Who may do what: every permission rule of Corridor in one place.
//!
//! Each rule is a pure function of the caller's identity and what is being acted on. A refusal
//! carries the sentence the caller is shown (403). Reading is different: a notification out of
//! the caller's scope is reported as not found, so `may_read` answers yes or no and the caller
//! turns "no" into a 404.

use crate::domain::{Nation, Role};
use crate::i18n::{msg, Msg};
use crate::store::notifications::ListScope;
use crate::store::queue::QueueScope;
use crate::store::UserRow;

use super::Identity;

/// Why a caller may not do something, as shown to them.
pub type Refusal = Msg;

/// Whether `who` may read what crosses `route` and was submitted by `requester_unit` of
/// `requester_nation`: admins everything; requesters their own unit's; officers and
/// coordinators what crosses their nation; liaison users what crosses a nation they watch (all
/// when they watch none).
pub fn may_read(
    who: &Identity,
    requester_nation: &str,
    requester_unit: &str,
    route: &[Nation],
) -> bool {
    match who.role {
        Role::Admin => true,
        Role::Requester => {
            who.nation.is_some_and(|n| n.as_str() == requester_nation)
                && who.unit.as_deref() == Some(requester_unit)
        }
        Role::Officer | Role::Coordinator => who.nation.is_some_and(|n| route.contains(&n)),
        Role::Liaison => who.watch.is_empty() || who.watch.iter().any(|w| route.contains(w)),
    }
}

/// The notifications a list, the board or the change feed shows `who`: the same scope as
/// `may_read`, drawn as SQL conditions.
pub fn list_scope(who: &Identity) -> ListScope {
    match who.role {
        Role::Admin => ListScope::All,
        Role::Requester => ListScope::Unit {
            nation: who.nation.map(|n| n.to_string()).unwrap_or_default(),
            unit: who.unit.clone().unwrap_or_default(),
        },
        Role::Officer | Role::Coordinator => {
            ListScope::Crossing(who.nation.iter().map(|n| n.to_string()).collect())
        }
        Role::Liaison if who.watch.is_empty() => ListScope::All,
        Role::Liaison => ListScope::Crossing(who.watch.iter().map(|n| n.to_string()).collect()),
    }
}

/// The board lanes `who` sees (issue 16): the scope key their cards are stored under, and the
/// nations whose lanes they may read (`None`: every nation's). Officers, coordinators and
/// liaison users watching nations see those nations' lanes; requesters their unit's cards in
/// every lane; admins and liaison users watching all, every lane.
pub fn lane_scope(who: &Identity) -> (String, Option<Vec<String>>) {
    use crate::store::board_tally::{unit_key, ALL};
    match list_scope(who) {
        ListScope::All => (ALL.to_string(), None),
        ListScope::Unit { nation, unit } => (unit_key(&nation, &unit), None),
        ListScope::Crossing(mut nations) => {
            nations.sort();
            nations.dedup();
            (ALL.to_string(), Some(nations))
        }
    }
}

/// Whether `who` may read `nation`'s lane.
pub fn may_read_lane(who: &Identity, nation: &str) -> bool {
    lane_scope(who)
        .1
        .is_none_or(|nations| nations.iter().any(|n| n == nation))
}

/// Whether the change feed also shows `who` events tied to no notification (policy reloads,
/// clock moves): admins only.
pub fn sees_unbound_events(who: &Identity) -> bool {
    who.role == Role::Admin
}

/// Submitting a notification: requesters only (for their own nation and unit, which the
/// submission checks field by field).
pub fn may_submit(who: &Identity) -> Result<(), Refusal> {
    match who.role {
        Role::Requester => Ok(()),
        r => Err(msg!("problem-forbidden-role-submit", role = r.as_str())),
    }
}

/// A policy dry run: everyone who plans or reviews movements; not liaison users.
pub fn may_evaluate(who: &Identity) -> Result<(), Refusal> {
    match who.role {
        Role::Requester | Role::Officer | Role::Coordinator | Role::Admin => Ok(()),
        r => Err(msg!("problem-forbidden-role-evaluate", role = r.as_str())),
    }
}

/// Amending or withdrawing a notification: its requesting unit only.
pub fn may_change(
    who: &Identity,
    requester_nation: &str,
    requester_unit: &str,
) -> Result<(), Refusal> {
    let mine = who.role == Role::Requester
        && who.nation.is_some_and(|x| x.as_str() == requester_nation)
        && who.unit.as_deref() == Some(requester_unit);
    if mine {
        Ok(())
    } else {
        Err(msg!("problem-forbidden-change"))
    }
}

/// Whether `who`'s role decides stages at all (checked before anything else is looked up).
pub fn decides_stages(who: &Identity) -> Result<(), Refusal> {
    match who.role {
        Role::Officer | Role::Coordinator => Ok(()),
        r => Err(msg!("problem-forbidden-role-decide", role = r.as_str())),
    }
}

/// Deciding stage `key` of `nation`: that nation's coordinator, or its officers assigned to the
/// stage.
pub fn may_decide(who: &Identity, nation: Nation, key: &str) -> Result<(), Refusal> {
    let allowed = match who.role {
        Role::Coordinator => who.nation == Some(nation),
        Role::Officer => who.nation == Some(nation) && who.stages.iter().any(|s| s == key),
        _ => false,
    };
    if allowed {
        return Ok(());
    }
    decides_stages(who)?;
    Err(msg!(
        "problem-forbidden-decide",
        stage = key,
        nation = nation.as_str()
    ))
}

/// The stages `who`'s queue lists (issue 16): exactly those `may_decide` allows — every stage
/// of a coordinator's nation, the stages an officer is assigned to in its nation. Other roles,
/// and an account without a nation, have no queue.
pub fn queue_scope(who: &Identity) -> Result<QueueScope, Refusal> {
    decides_stages(who)?;
    let nation = who
        .nation
        .ok_or_else(|| Refusal::from("your account names no nation whose stages you decide"))?
        .to_string();
    let stages = match who.role {
        Role::Officer => Some(who.stages.clone()),
        _ => None,
    };
    Ok(QueueScope { nation, stages })
}

/// Waiving `nation`'s block findings: that nation's coordinator.
pub fn may_waive(who: &Identity, nation: Nation) -> Result<(), Refusal> {
    if who.role == Role::Coordinator && who.nation == Some(nation) {
        Ok(())
    } else {
        Err(msg!("problem-forbidden-waive", nation = nation.as_str()))
    }
}

/// Acknowledging an escalation of `nation`: that nation's coordinator only (the contract's
/// rule; an operator acknowledging for a nation would silence its escalation ladder).
pub fn may_acknowledge(who: &Identity, nation: &str) -> Result<(), Refusal> {
    let allowed = who.role == Role::Coordinator && who.nation.is_some_and(|n| n.as_str() == nation);
    if allowed {
        Ok(())
    } else {
        Err(msg!("problem-forbidden-acknowledge", nation = nation))
    }
}

/// Operating the service (reloading policies, moving a manual clock): admins. `what` is the
/// refusal, naming the operation (e.g. "only an admin reloads policies").
pub fn may_operate(who: &Identity, what: Msg) -> Result<(), Refusal> {
    if who.role == Role::Admin {
        Ok(())
    } else {
        Err(what)
    }
}

/// Choosing one's own language (`PUT /v1/me/language`): every signed-in user, for themselves
/// only (the route names no other user).
pub fn may_choose_language(_who: &Identity) -> Result<(), Refusal> {
    Ok(())
}

/// Whether `user` receives an escalation of `level` (1 officers, 2 coordinator, 3 liaison) on
/// stage `key` of `nation`: the stage's officers, the nation's coordinators, the liaison users
/// watching the nation (or all nations).
pub fn receives_escalation(user: &Identity, level: u8, nation: &str, key: &str) -> bool {
    let of_nation = user.nation.is_some_and(|n| n.as_str() == nation);
    match (level, user.role) {
        (1, Role::Officer) => of_nation && user.stages.iter().any(|s| s == key),
        (2, Role::Coordinator) => of_nation,
        (3, Role::Liaison) => {
            user.watch.is_empty() || user.watch.iter().any(|w| w.as_str() == nation)
        }
        _ => false,
    }
}

/// The identity a stored user carries (into a token, or to an escalation). The row's columns
/// are typed (`store::types`): a row that does not parse fails when it is read.
pub fn identity_of(u: &UserRow) -> Identity {
    Identity {
        user_id: u.id.clone(),
        username: u.username.clone(),
        role: u.role,
        nation: u.nation,
        unit: u.unit.clone(),
        stages: u.stages.to_vec(),
        watch: u.watch_nations.to_vec(),
    }
}

/// Which standing authorisations `who` lists (issue 15): admins everything; a nation's
/// officers and coordinator those it approved; liaison users those of the nations they watch
/// (all when they watch none); a requester those its unit may use.
pub fn standing_scope(who: &Identity) -> crate::store::standing::ListScope {
    use crate::store::standing::ListScope as S;
    let own = || who.nation.map(|n| n.to_string()).unwrap_or_default();
    match who.role {
        Role::Admin => S::All,
        Role::Liaison if who.watch.is_empty() => S::All,
        Role::Liaison => S::Approvers(who.watch.iter().map(|n| n.to_string()).collect()),
        Role::Officer | Role::Coordinator => S::Approvers(vec![own()]),
        Role::Requester => S::Holder {
            nation: own(),
            unit: who.unit.clone().unwrap_or_default(),
        },
    }
}

/// Whether `who` sees one standing authorisation of `nation` held by `holder_unit` of
/// `holder_nation` (`holders`: `unit` or `nation`): the same rule as `standing_scope`.
pub fn may_read_standing(
    who: &Identity,
    nation: &str,
    holder_nation: &str,
    holder_unit: &str,
    holders: &str,
) -> bool {
    let own = who.nation.is_some_and(|n| n.as_str() == nation);
    match who.role {
        Role::Admin => true,
        Role::Liaison => who.watch.is_empty() || who.watch.iter().any(|w| w.as_str() == nation),
        Role::Officer | Role::Coordinator => own,
        Role::Requester => {
            who.nation.is_some_and(|n| n.as_str() == holder_nation)
                && (holders == "nation" || who.unit.as_deref() == Some(holder_unit))
        }
    }
}

/// Suspending, resuming, revoking or widening a standing authorisation `nation` approved:
/// that nation's coordinator only.
pub fn may_manage_standing(who: &Identity, nation: &str) -> Result<(), Refusal> {
    if who.role == Role::Coordinator && who.nation.is_some_and(|n| n.as_str() == nation) {
        Ok(())
    } else {
        Err(msg!("problem-forbidden-manage-standing", nation = nation))
    }
}

/// Reading a unit's saved vehicle types and templates (issue 16): the unit's own planners, its
/// nation's coordinators (who see what their units plan), admins.
pub fn may_read_unit_presets(who: &Identity, nation: Nation, unit: &str) -> Result<(), Refusal> {
    let allowed = match who.role {
        Role::Admin => true,
        Role::Requester => who.nation == Some(nation) && who.unit.as_deref() == Some(unit),
        Role::Coordinator => who.nation == Some(nation),
        Role::Officer | Role::Liaison => false,
    };
    if allowed {
        Ok(())
    } else {
        Err(format!(
            "only {unit} of {nation} and {nation}'s coordinators read its saved vehicle types and templates"
        )
        .into())
    }
}

/// Saving or deleting a unit's vehicle types and templates: the unit's own planners only.
pub fn may_write_unit_presets(who: &Identity, nation: Nation, unit: &str) -> Result<(), Refusal> {
    if who.role == Role::Requester
        && who.nation == Some(nation)
        && who.unit.as_deref() == Some(unit)
    {
        Ok(())
    } else {
        Err(
            format!("only {unit} of {nation} saves or deletes its vehicle types and templates")
                .into(),
        )
    }
}

/// Searching the dangerous-goods list: anyone signed in (the list is public ADR text).
pub fn may_search_dangerous_goods(_who: &Identity) -> Result<(), Refusal> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(code: &str) -> Nation {
        Nation::parse(code).unwrap()
    }

    fn who(role: Role, nation: Option<&str>, unit: Option<&str>, list: &[&str]) -> Identity {
        let (stages, watch) = match role {
            Role::Liaison => (vec![], list.iter().map(|x| n(x)).collect()),
            _ => (list.iter().map(|x| x.to_string()).collect(), vec![]),
        };
        Identity {
            user_id: "u".into(),
            username: "someone".into(),
            role,
            nation: nation.map(n),
            unit: unit.map(str::to_string),
            stages,
            watch,
        }
    }

    /// The callers every table below is read against.
    fn cast() -> Vec<(&'static str, Identity)> {
        vec![
            ("admin", who(Role::Admin, None, None, &[])),
            (
                "nl planner 43",
                who(Role::Requester, Some("NL"), Some("43 Bde"), &[]),
            ),
            (
                "nl planner 11",
                who(Role::Requester, Some("NL"), Some("11 Bde"), &[]),
            ),
            (
                "de planner 43",
                who(Role::Requester, Some("DE"), Some("43 Bde"), &[]),
            ),
            (
                "de movcon",
                who(Role::Officer, Some("DE"), None, &["movcon"]),
            ),
            (
                "cz movcon",
                who(Role::Officer, Some("CZ"), None, &["movcon"]),
            ),
            ("de coord", who(Role::Coordinator, Some("DE"), None, &[])),
            ("pl coord", who(Role::Coordinator, Some("PL"), None, &[])),
            ("liaison all", who(Role::Liaison, None, None, &[])),
            ("liaison lt", who(Role::Liaison, None, None, &["LT"])),
            ("liaison pl", who(Role::Liaison, None, None, &["PL"])),
        ]
    }

    /// Runs `rule` for every caller and compares with the expected yes/no per caller.
    fn table(rule: impl Fn(&Identity) -> bool, expected: &[(&str, bool)]) {
        let cast = cast();
        assert_eq!(cast.len(), expected.len(), "one expectation per caller");
        for ((name, id), (exp_name, exp)) in cast.iter().zip(expected) {
            assert_eq!(name, exp_name, "table rows in cast order");
            assert_eq!(rule(id), *exp, "{name}");
        }
    }

    #[test]
    fn reading_the_de_lane_of_the_board() {
        table(
            |w| may_read_lane(w, "DE"),
            &[
                ("admin", true),
                ("nl planner 43", true),
                ("nl planner 11", true),
                ("de planner 43", true),
                ("de movcon", true),
                ("cz movcon", false),
                ("de coord", true),
                ("pl coord", false),
                ("liaison all", true),
                ("liaison lt", false),
                ("liaison pl", false),
            ],
        );
        assert_eq!(lane_scope(&cast()[1].1), ("u:NL/43 Bde".to_string(), None));
        assert_eq!(
            lane_scope(&cast()[4].1),
            ("*".to_string(), Some(vec!["DE".to_string()]))
        );
        assert_eq!(lane_scope(&cast()[8].1), ("*".to_string(), None));
    }

    #[test]
    fn reading_a_notification_of_43_bde_nl_crossing_nl_de_pl() {
        let route = [n("NL"), n("DE"), n("PL")];
        table(
            |w| may_read(w, "NL", "43 Bde", &route),
            &[
                ("admin", true),
                ("nl planner 43", true),
                ("nl planner 11", false),
                ("de planner 43", false),
                ("de movcon", true),
                ("cz movcon", false),
                ("de coord", true),
                ("pl coord", true),
                ("liaison all", true),
                ("liaison lt", false),
                ("liaison pl", true),
            ],
        );
    }

    #[test]
    fn submitting_evaluating_and_changing() {
        table(
            |w| may_submit(w).is_ok(),
            &[
                ("admin", false),
                ("nl planner 43", true),
                ("nl planner 11", true),
                ("de planner 43", true),
                ("de movcon", false),
                ("cz movcon", false),
                ("de coord", false),
                ("pl coord", false),
                ("liaison all", false),
                ("liaison lt", false),
                ("liaison pl", false),
            ],
        );
        table(
            |w| may_evaluate(w).is_ok(),
            &[
                ("admin", true),
                ("nl planner 43", true),
                ("nl planner 11", true),
                ("de planner 43", true),
                ("de movcon", true),
                ("cz movcon", true),
                ("de coord", true),
                ("pl coord", true),
                ("liaison all", false),
                ("liaison lt", false),
                ("liaison pl", false),
            ],
        );
        table(
            |w| may_change(w, "NL", "43 Bde").is_ok(),
            &[
                ("admin", false),
                ("nl planner 43", true),
                ("nl planner 11", false),
                ("de planner 43", false),
                ("de movcon", false),
                ("cz movcon", false),
                ("de coord", false),
                ("pl coord", false),
                ("liaison all", false),
                ("liaison lt", false),
                ("liaison pl", false),
            ],
        );
    }

    #[test]
    fn deciding_waiving_and_acknowledging_german_stages() {
        table(
            |w| may_decide(w, n("DE"), "movcon").is_ok(),
            &[
                ("admin", false),
                ("nl planner 43", false),
                ("nl planner 11", false),
                ("de planner 43", false),
                ("de movcon", true),
                ("cz movcon", false),
                ("de coord", true),
                ("pl coord", false),
                ("liaison all", false),
                ("liaison lt", false),
                ("liaison pl", false),
            ],
        );
        let de_movcon = who(Role::Officer, Some("DE"), None, &["movcon"]);
        assert_eq!(
            may_decide(&de_movcon, n("DE"), "police")
                .unwrap_err()
                .to_string(),
            "you may not decide stage police of DE"
        );
        assert_eq!(
            may_decide(&who(Role::Liaison, None, None, &[]), n("DE"), "movcon")
                .unwrap_err()
                .to_string(),
            "the liaison role does not decide stages"
        );
        table(
            |w| may_waive(w, n("DE")).is_ok(),
            &[
                ("admin", false),
                ("nl planner 43", false),
                ("nl planner 11", false),
                ("de planner 43", false),
                ("de movcon", false),
                ("cz movcon", false),
                ("de coord", true),
                ("pl coord", false),
                ("liaison all", false),
                ("liaison lt", false),
                ("liaison pl", false),
            ],
        );
        table(
            |w| may_acknowledge(w, "DE").is_ok(),
            &[
                ("admin", false),
                ("nl planner 43", false),
                ("nl planner 11", false),
                ("de planner 43", false),
                ("de movcon", false),
                ("cz movcon", false),
                ("de coord", true),
                ("pl coord", false),
                ("liaison all", false),
                ("liaison lt", false),
                ("liaison pl", false),
            ],
        );
        table(
            |w| may_operate(w, msg!("problem-forbidden-reload-policies")).is_ok(),
            &[
                ("admin", true),
                ("nl planner 43", false),
                ("nl planner 11", false),
                ("de planner 43", false),
                ("de movcon", false),
                ("cz movcon", false),
                ("de coord", false),
                ("pl coord", false),
                ("liaison all", false),
                ("liaison lt", false),
                ("liaison pl", false),
            ],
        );
    }

    #[test]
    fn everyone_signed_in_chooses_their_own_language() {
        table(
            |w| may_choose_language(w).is_ok(),
            &[
                ("admin", true),
                ("nl planner 43", true),
                ("nl planner 11", true),
                ("de planner 43", true),
                ("de movcon", true),
                ("cz movcon", true),
                ("de coord", true),
                ("pl coord", true),
                ("liaison all", true),
                ("liaison lt", true),
                ("liaison pl", true),
            ],
        );
    }

    #[test]
    fn the_queue_holds_what_its_owner_may_decide() {
        let scope = |w: &Identity| queue_scope(w).ok();
        let de = |stages: Option<&[&str]>| QueueScope {
            nation: "DE".into(),
            stages: stages.map(|s| s.iter().map(|x| x.to_string()).collect()),
        };
        let expected: Vec<(&str, Option<QueueScope>)> = vec![
            ("admin", None),
            ("nl planner 43", None),
            ("nl planner 11", None),
            ("de planner 43", None),
            ("de movcon", Some(de(Some(&["movcon"])))),
            (
                "cz movcon",
                Some(QueueScope {
                    nation: "CZ".into(),
                    stages: Some(vec!["movcon".into()]),
                }),
            ),
            ("de coord", Some(de(None))),
            (
                "pl coord",
                Some(QueueScope {
                    nation: "PL".into(),
                    stages: None,
                }),
            ),
            ("liaison all", None),
            ("liaison lt", None),
            ("liaison pl", None),
        ];
        let cast = cast();
        assert_eq!(cast.len(), expected.len());
        for ((name, id), (exp_name, exp)) in cast.iter().zip(&expected) {
            assert_eq!(name, exp_name);
            assert_eq!(&scope(id), exp, "{name}");
        }
        // Every stage a queue lists is one its owner may decide, and no other.
        for (name, id) in &cast {
            for nation in ["DE", "PL", "CZ"] {
                for key in ["movcon", "police", "dg_authority"] {
                    let listed = scope(id).is_some_and(|q| {
                        q.nation == nation
                            && q.stages.as_ref().is_none_or(|s| s.iter().any(|k| k == key))
                    });
                    assert_eq!(
                        listed,
                        may_decide(id, n(nation), key).is_ok(),
                        "{name}: {nation}/{key}"
                    );
                }
            }
        }
        assert_eq!(
            queue_scope(&who(Role::Liaison, None, None, &[]))
                .unwrap_err()
                .to_string(),
            "the liaison role does not decide stages"
        );
        assert!(queue_scope(&who(Role::Coordinator, None, None, &[])).is_err());
    }

    #[test]
    fn escalations_of_polish_movcon_reach_each_level_s_people() {
        let pl_movcon = who(Role::Officer, Some("PL"), None, &["movcon"]);
        assert!(receives_escalation(&pl_movcon, 1, "PL", "movcon"));
        assert!(!receives_escalation(&pl_movcon, 1, "PL", "police"));
        assert!(!receives_escalation(&pl_movcon, 2, "PL", "movcon"));
        for level in 1..=3 {
            table(
                |w| receives_escalation(w, level, "PL", "movcon"),
                &[
                    ("admin", false),
                    ("nl planner 43", false),
                    ("nl planner 11", false),
                    ("de planner 43", false),
                    ("de movcon", false),
                    ("cz movcon", false),
                    ("de coord", false),
                    ("pl coord", level == 2),
                    ("liaison all", level == 3),
                    ("liaison lt", false),
                    ("liaison pl", level == 3),
                ],
            );
        }
    }

    /// Kept from the identity module's first test, asked of the rules here.
    #[test]
    fn scopes_follow_role_and_nation() {
        let de = n("DE");
        let pl = n("PL");
        let route = [de, pl];
        let reads = |w: Identity| may_read(&w, "NL", "43 Bde", &route);
        let decides = |w: &Identity, nation, key| may_decide(w, nation, key).is_ok();
        assert!(reads(who(Role::Requester, Some("NL"), Some("43 Bde"), &[])));
        assert!(!reads(who(
            Role::Requester,
            Some("NL"),
            Some("11 Bde"),
            &[]
        )));
        assert!(reads(who(Role::Officer, Some("DE"), None, &["movcon"])));
        assert!(!reads(who(Role::Officer, Some("CZ"), None, &["movcon"])));
        let officer = who(Role::Officer, Some("DE"), None, &["movcon"]);
        assert!(
            decides(&officer, de, "movcon")
                && !decides(&officer, de, "police")
                && !decides(&officer, pl, "movcon")
        );
        assert!(decides(
            &who(Role::Coordinator, Some("PL"), None, &[]),
            pl,
            "police"
        ));
        assert!(!decides(&who(Role::Liaison, None, None, &[]), pl, "movcon"));
    }

    #[test]
    fn list_scopes_follow_the_read_rule() {
        assert!(matches!(list_scope(&cast()[0].1), ListScope::All));
        match list_scope(&cast()[1].1) {
            ListScope::Unit { nation, unit } => {
                assert_eq!((nation.as_str(), unit.as_str()), ("NL", "43 Bde"))
            }
            other => panic!("{other:?}"),
        }
        match list_scope(&cast()[4].1) {
            ListScope::Crossing(n) => assert_eq!(n, ["DE"]),
            other => panic!("{other:?}"),
        }
        assert!(matches!(list_scope(&cast()[8].1), ListScope::All));
        match list_scope(&cast()[9].1) {
            ListScope::Crossing(n) => assert_eq!(n, ["LT"]),
            other => panic!("{other:?}"),
        }
        assert!(sees_unbound_events(&cast()[0].1));
        assert!(!sees_unbound_events(&cast()[8].1));
    }

    #[test]
    fn managing_and_reading_a_standing_authorisation_de_approved_for_43_bde_nl() {
        table(
            |w| may_manage_standing(w, "DE").is_ok(),
            &[
                ("admin", false),
                ("nl planner 43", false),
                ("nl planner 11", false),
                ("de planner 43", false),
                ("de movcon", false),
                ("cz movcon", false),
                ("de coord", true),
                ("pl coord", false),
                ("liaison all", false),
                ("liaison lt", false),
                ("liaison pl", false),
            ],
        );
        table(
            |w| may_read_standing(w, "DE", "NL", "43 Bde", "unit"),
            &[
                ("admin", true),
                ("nl planner 43", true),
                ("nl planner 11", false),
                ("de planner 43", false),
                ("de movcon", true),
                ("cz movcon", false),
                ("de coord", true),
                ("pl coord", false),
                ("liaison all", true),
                ("liaison lt", false),
                ("liaison pl", false),
            ],
        );
        // Widened to the nation's units: 11 Bde of NL may use (and see) it too.
        table(
            |w| may_read_standing(w, "DE", "NL", "43 Bde", "nation"),
            &[
                ("admin", true),
                ("nl planner 43", true),
                ("nl planner 11", true),
                ("de planner 43", false),
                ("de movcon", true),
                ("cz movcon", false),
                ("de coord", true),
                ("pl coord", false),
                ("liaison all", true),
                ("liaison lt", false),
                ("liaison pl", false),
            ],
        );
    }

    #[test]
    fn saved_vehicle_types_and_templates_of_43_bde_nl() {
        table(
            |w| may_read_unit_presets(w, n("NL"), "43 Bde").is_ok(),
            &[
                ("admin", true),
                ("nl planner 43", true),
                ("nl planner 11", false),
                ("de planner 43", false),
                ("de movcon", false),
                ("cz movcon", false),
                ("de coord", false),
                ("pl coord", false),
                ("liaison all", false),
                ("liaison lt", false),
                ("liaison pl", false),
            ],
        );
        table(
            |w| may_write_unit_presets(w, n("NL"), "43 Bde").is_ok(),
            &[
                ("admin", false),
                ("nl planner 43", true),
                ("nl planner 11", false),
                ("de planner 43", false),
                ("de movcon", false),
                ("cz movcon", false),
                ("de coord", false),
                ("pl coord", false),
                ("liaison all", false),
                ("liaison lt", false),
                ("liaison pl", false),
            ],
        );
        // A nation's coordinator reads its own units' presets, and only reads them.
        table(
            |w| may_read_unit_presets(w, n("DE"), "43 Bde").is_ok(),
            &[
                ("admin", true),
                ("nl planner 43", false),
                ("nl planner 11", false),
                ("de planner 43", true),
                ("de movcon", false),
                ("cz movcon", false),
                ("de coord", true),
                ("pl coord", false),
                ("liaison all", false),
                ("liaison lt", false),
                ("liaison pl", false),
            ],
        );
        let de_coord = who(Role::Coordinator, Some("DE"), None, &[]);
        assert!(may_write_unit_presets(&de_coord, n("DE"), "43 Bde").is_err());
        assert!(cast()
            .iter()
            .all(|(_, w)| may_search_dangerous_goods(w).is_ok()));
    }
}
