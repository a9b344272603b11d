//! Plain values several sections of a policy file share: a value per priority, a public holiday.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::Priority;

/// A public holiday.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    /// The date, in the nation's time zone.
    pub date: NaiveDate,
    /// Its name.
    pub name: String,
}

/// One value per priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerPriority<T> {
    /// For `routine`.
    pub routine: T,
    /// For `priority`.
    pub priority: T,
    /// For `crisis`.
    pub crisis: T,
}

impl<T: Copy> PerPriority<T> {
    /// The value for `p`.
    pub fn get(&self, p: Priority) -> T {
        match p {
            Priority::Routine => self.routine,
            Priority::Priority => self.priority,
            Priority::Crisis => self.crisis,
        }
    }
}
