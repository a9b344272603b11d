//! Policy files: schema, loading and validation, the dangerous-goods list, evaluation.

mod duration;
mod schema;

pub use duration::IsoDuration;
pub use schema::{
    AutoClear, DeemedConsent, EscalationLadder, Holiday, PerPriority, PolicyFile, Source, StageDef,
    StageRequirement, Targets, WorkingHours,
};
