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
