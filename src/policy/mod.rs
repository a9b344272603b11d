//! Policy files: schema, loading and validation, the dangerous-goods list, evaluation.
//!
//! `PolicySet::load_dir` reads and validates a directory as one set (refused whole on any
//! error); `evaluate` applies it to a movement as a pure function of (movement, set, now).

mod adr_tables;
mod cases;
mod dg_list;
mod duration;
mod error;
mod evaluate;
mod in_force;
mod load;
mod schema;
mod tables;
#[cfg(test)]
mod tests;
mod validate;
mod values;

pub use adr_tables::{AdrTables, ADR_TABLES_FILE};
pub use cases::{run_case_dir, run_case_file, CaseFailure};
pub use dg_list::{DangerousGoodsList, DgEntry, Explosive, QuantityBasis, TunnelCode};
pub use duration::{IsoDuration, Notice};
pub use evaluate::{evaluate, Evaluation, NationEvaluation, MAX_FINDINGS_PER_RULE};
pub use in_force::PoliciesInForce;
pub use load::{Policy, PolicyError, PolicySet, DANGEROUS_GOODS_FILE};
pub use schema::{
    AutoClear, BanDay, DeemedConsent, EscalationLadder, Holiday, PerPriority, PolicyFile, Source,
    StageDef, StageRequirement, StandingRules, Targets, WorkingHours,
};
pub use tables::{
    AxleGroups, CategoryFactors, ConvoyRules, DangerousGoodsRules, DgMeasure, DgThreshold,
    DrivingBan, Exemption, GrossRow, MilitaryExemption, MinimumNotice, MlcRules, MonthDay,
    Prohibition, Rule, Season, SmallLoadExemption, SpacingBand, SpecialFactor, Threshold,
    TrailerClause, TunnelRules, Weights,
};
