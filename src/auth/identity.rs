//! The authenticated caller, as the token states it.

use serde::{Deserialize, Serialize};

use crate::domain::{Nation, Role};

/// The caller of a protected route.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// User id.
    pub user_id: String,
    /// Login name.
    pub username: String,
    /// Role.
    pub role: Role,
    /// Nation (requesters, officers, coordinators; absent for admins and most liaison users).
    pub nation: Option<Nation>,
    /// Unit (requesters).
    pub unit: Option<String>,
    /// Stage keys an officer decides.
    pub stages: Vec<String>,
    /// Nations a liaison user watches (empty: all).
    pub watch: Vec<Nation>,
}

impl Identity {
    /// Whether this caller may read what crosses `nations` and was submitted by `unit` of
    /// `requester_nation`. Out of scope is reported as not found, so nothing leaks.
    pub fn can_read(
        &self,
        requester_nation: &str,
        requester_unit: &str,
        nations: &[Nation],
    ) -> bool {
        match self.role {
            Role::Admin => true,
            Role::Requester => {
                self.nation.is_some_and(|n| n.as_str() == requester_nation)
                    && self.unit.as_deref() == Some(requester_unit)
            }
            Role::Officer | Role::Coordinator => self.nation.is_some_and(|n| nations.contains(&n)),
            Role::Liaison => {
                self.watch.is_empty() || self.watch.iter().any(|w| nations.contains(w))
            }
        }
    }

    /// Whether this caller may decide stage `key` of `nation`.
    pub fn can_decide(&self, nation: Nation, key: &str) -> bool {
        match self.role {
            Role::Coordinator => self.nation == Some(nation),
            Role::Officer => self.nation == Some(nation) && self.stages.iter().any(|s| s == key),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(role: Role, nation: Option<&str>, unit: Option<&str>, stages: &[&str]) -> Identity {
        Identity {
            user_id: "u".into(),
            username: "u".into(),
            role,
            nation: nation.map(|n| Nation::parse(n).unwrap()),
            unit: unit.map(str::to_string),
            stages: stages.iter().map(|s| s.to_string()).collect(),
            watch: vec![],
        }
    }

    #[test]
    fn scopes_follow_role_and_nation() {
        let de = Nation::parse("DE").unwrap();
        let pl = Nation::parse("PL").unwrap();
        let route = [de, pl];
        assert!(
            who(Role::Requester, Some("NL"), Some("43 Bde"), &[]).can_read("NL", "43 Bde", &route)
        );
        assert!(
            !who(Role::Requester, Some("NL"), Some("11 Bde"), &[]).can_read("NL", "43 Bde", &route)
        );
        assert!(who(Role::Officer, Some("DE"), None, &["movcon"]).can_read("NL", "43 Bde", &route));
        assert!(!who(Role::Officer, Some("CZ"), None, &["movcon"]).can_read("NL", "43 Bde", &route));
        let officer = who(Role::Officer, Some("DE"), None, &["movcon"]);
        assert!(
            officer.can_decide(de, "movcon")
                && !officer.can_decide(de, "police")
                && !officer.can_decide(pl, "movcon")
        );
        assert!(who(Role::Coordinator, Some("PL"), None, &[]).can_decide(pl, "police"));
        assert!(!who(Role::Liaison, None, None, &[]).can_decide(pl, "movcon"));
    }
}
