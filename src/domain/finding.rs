//! What a policy rule says about a movement: a finding, with its severity and its legal source.

use serde::{Deserialize, Serialize};

/// How much a finding weighs, least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// For the record; does not stop auto-clearance.
    Info,
    /// A condition attached to the permit (escort, night movement only).
    Condition,
    /// Adds a stage that must review it (road authority for an abnormal load).
    Review,
    /// Cannot be approved as submitted.
    Block,
}

/// One rule that fired for one nation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Rule id within the nation's policy (e.g. `dg.tunnel.B1000C`).
    pub rule: String,
    /// Its weight.
    pub severity: Severity,
    /// What it means, for an officer and a planner.
    pub message: String,
    /// Path of what it concerns in the notification (e.g. `vehicles[0].axles[2]`, `itinerary[1]`).
    pub subject: String,
    /// Id of the legal source in the nation's policy.
    pub source: String,
    /// The stage that must look at it (for `review`, the stage it adds).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// The condition text attached to the permit, for `condition`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
}

/// A coordinator's waiver of the block findings that stand against the nation: its officers
/// may then approve (the rules stay on record).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Waiver {
    /// The coordinator (username).
    pub by: String,
    /// When.
    pub at: chrono::DateTime<chrono::Utc>,
    /// Why.
    pub reason: String,
    /// The block rules it covers.
    pub rules: Vec<String>,
}
