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
    /// Every vehicle (index into `vehicles`) the finding concerns when it stands for more than
    /// one: identical vehicle types are evaluated once and their finding is stored once, with
    /// `subject` and `message` naming the first. Empty: only the vehicle `subject` names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vehicles: Vec<usize>,
    /// Every cargo line (index into `cargo`) the finding concerns when it stands for more than
    /// one, likewise.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cargo: Vec<usize>,
    /// How many further findings of the same rule were folded into this one to keep a
    /// notification's findings bounded; their vehicles and cargo lines are in the lists above.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub folded: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Finding {
    /// A finding of `rule` on one subject, concerning nothing else.
    pub fn new(
        rule: &str,
        severity: Severity,
        message: String,
        subject: String,
        source: &str,
        stage: Option<&str>,
        condition: Option<&str>,
    ) -> Finding {
        Finding {
            rule: rule.to_string(),
            severity,
            message,
            subject,
            source: source.to_string(),
            stage: stage.map(str::to_string),
            condition: condition.map(str::to_string),
            vehicles: Vec::new(),
            cargo: Vec::new(),
            folded: 0,
        }
    }
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
