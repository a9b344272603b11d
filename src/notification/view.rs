//! What GET returns: a notification with its national reviews, stages, findings and escalations.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::{Finding, MovementInput, NotificationStatus, Priority, StageStatus, Waiver};
use crate::store::notifications::{EscalationRow, NotificationRow, ReviewRow, StageRow, Stored};

/// The strong ETag of a notification at `revision`.
pub fn etag(revision: i32) -> String {
    format!("\"r{revision}\"")
}

/// The ETag of one stage: decisions may match it instead of the notification's, so officers
/// of different nations deciding at once do not stand in each other's way.
pub fn stage_etag(s: &StageRow) -> String {
    format!("\"s{}-{}\"", &s.id[..8.min(s.id.len())], s.revision)
}

/// One notification as the API shows it.
#[derive(Debug, Serialize)]
pub struct NotificationView {
    /// Id.
    pub id: String,
    /// Human reference.
    pub reference: String,
    /// Status.
    pub status: NotificationStatus,
    /// Movement version.
    pub version: i32,
    /// Priority.
    pub priority: Priority,
    /// Kind.
    pub kind: String,
    /// Requesting nation.
    pub requester_nation: String,
    /// Requesting unit.
    pub requester_unit: String,
    /// Planned departure.
    pub departure_at: DateTime<Utc>,
    /// Planned arrival.
    pub arrival_at: DateTime<Utc>,
    /// First submitted.
    pub submitted_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
    /// Overall due time.
    pub due_at: DateTime<Utc>,
    /// Highest open escalation level (0: none).
    pub escalation_level: i32,
    /// The movement as last submitted.
    pub movement: MovementInput,
    /// One review per nation on the route.
    pub nations: Vec<NationView>,
    /// Escalations fired, oldest first.
    pub escalations: Vec<EscalationView>,
}

/// One nation's review.
#[derive(Debug, Serialize)]
pub struct NationView {
    /// Nation.
    pub nation: String,
    /// Review status.
    pub status: NotificationStatus,
    /// Permit number once approved.
    pub permit_number: Option<String>,
    /// Review due time.
    pub due_at: DateTime<Utc>,
    /// Policy version (content hash) the findings came from.
    pub policy_version: String,
    /// What the nation's rules found.
    pub findings: Vec<Finding>,
    /// A coordinator's waiver of block findings.
    pub waiver: Option<Waiver>,
    /// Stages of the current round, in order; superseded ones after them.
    pub stages: Vec<StageView>,
}

/// One stage.
#[derive(Debug, Serialize)]
pub struct StageView {
    /// Key.
    pub key: String,
    /// Name.
    pub name: String,
    /// Step: stages of one step run in parallel.
    pub step: i32,
    /// Notification version it was planned for.
    pub round: i32,
    /// Status.
    pub status: StageStatus,
    /// When it opened (absent while earlier steps run).
    pub opened_at: Option<DateTime<Utc>>,
    /// Due (projected while not open).
    pub due_at: DateTime<Utc>,
    /// Who decided (`policy` for auto-clearance, `deemed consent` for silence).
    pub decided_by: Option<String>,
    /// When.
    pub decided_at: Option<DateTime<Utc>>,
    /// Conditions attached.
    pub conditions: Vec<String>,
    /// Reason given.
    pub reason: Option<String>,
    /// Highest escalation level fired on it.
    pub escalation_level: i32,
    /// ETag a decision may send in If-Match.
    pub etag: String,
}

/// An escalation.
#[derive(Debug, Serialize)]
pub struct EscalationView {
    /// Id.
    pub id: String,
    /// Nation.
    pub nation: String,
    /// Stage key.
    pub stage: Option<String>,
    /// 1 officers, 2 coordinator, 3 liaison.
    pub level: i32,
    /// Why.
    pub reason: String,
    /// The due time at risk.
    pub due_at: DateTime<Utc>,
    /// When it fired.
    pub fired_at: DateTime<Utc>,
    /// Who acknowledged it.
    pub acknowledged_by: Option<String>,
    /// When.
    pub acknowledged_at: Option<DateTime<Utc>>,
}

impl From<&EscalationRow> for EscalationView {
    fn from(e: &EscalationRow) -> Self {
        EscalationView {
            id: e.id.clone(),
            nation: e.nation.clone(),
            stage: e.stage_key.clone(),
            level: e.level,
            reason: e.reason.clone(),
            due_at: e.due_at,
            fired_at: e.fired_at,
            acknowledged_by: e.acknowledged_by.clone(),
            acknowledged_at: e.acknowledged_at,
        }
    }
}

/// Stored findings (a column that does not read fails the load, see `store::types::Json`).
pub fn findings_of(r: &ReviewRow) -> &[Finding] {
    &r.findings
}

fn stage_view(s: &StageRow) -> StageView {
    StageView {
        key: s.stage_key.clone(),
        name: s.name.clone(),
        step: s.step,
        round: s.round,
        status: s.status,
        opened_at: s.opened_at,
        due_at: s.due_at,
        decided_by: s.decided_by.clone(),
        decided_at: s.decided_at,
        conditions: s.conditions.0.clone(),
        reason: s.reason.clone(),
        escalation_level: s.escalation_level,
        etag: stage_etag(s),
    }
}

/// The view of a stored notification.
pub fn view(s: &Stored) -> NotificationView {
    let n: &NotificationRow = &s.notification;
    let nations = s
        .reviews
        .iter()
        .map(|r| {
            let mut stages: Vec<&StageRow> =
                s.stages.iter().filter(|st| st.nation == r.nation).collect();
            // Current stages first in step order, then the superseded history.
            stages.sort_by_key(|st| (st.status == StageStatus::Superseded, st.step, st.round));
            NationView {
                nation: r.nation.clone(),
                status: r.status,
                permit_number: r.permit_number.clone(),
                due_at: r.due_at,
                policy_version: r.policy_version.clone(),
                findings: r.findings.0.clone(),
                waiver: r.waiver.as_ref().map(|w| w.0.clone()),
                stages: stages.into_iter().map(stage_view).collect(),
            }
        })
        .collect();
    NotificationView {
        id: n.id.clone(),
        reference: n.reference.clone(),
        status: n.status,
        version: n.version,
        priority: n.priority,
        kind: n.kind.clone(),
        requester_nation: n.requester_nation.clone(),
        requester_unit: n.requester_unit.clone(),
        departure_at: n.departure_at,
        arrival_at: n.arrival_at,
        submitted_at: n.submitted_at,
        updated_at: n.updated_at,
        due_at: n.due_at,
        escalation_level: n.escalation_level,
        movement: n.movement.0.clone(),
        nations,
        escalations: s.escalations.iter().map(EscalationView::from).collect(),
    }
}

/// The movement of a stored notification as the wire input it was submitted as.
pub fn movement_of(n: &NotificationRow) -> &MovementInput {
    &n.movement
}
