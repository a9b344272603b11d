//! The policy file format: one YAML file per nation, plain data a legal adviser can review.
//!
//! This file holds the workflow part (stages, SLAs, calendar, escalation, deemed consent,
//! auto-clearance); the rule tables (weights, dangerous goods, bans, convoys) are in `tables`.

use chrono::{NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use super::duration::IsoDuration;
use super::tables::{ConvoyRules, DangerousGoodsRules, DrivingBan, MlcRules, Weights};
pub use super::values::{Holiday, PerPriority};
use crate::domain::{Nation, Priority, Region};

/// One nation's policy file as written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyFile {
    /// The nation this file governs; must match the file name.
    pub nation: Nation,
    /// The nation's name in English.
    pub name: String,
    /// Revision of this file (e.g. `2026-11`).
    pub edition: String,
    /// First day this edition applies.
    pub valid_from: NaiveDate,
    /// IANA time zone for working hours, holidays and driving bans (e.g. `Europe/Berlin`).
    pub timezone: String,
    /// Legal references; every rule cites one by `id`.
    pub sources: Vec<Source>,
    /// Public holidays (nation-wide) in the nation's time zone.
    #[serde(default)]
    pub holidays: Vec<Holiday>,
    /// Days a driving-ban law lists by name (PL art. 50a / § 2, DE StVO § 30(4)), some in
    /// certain regions only; distinct from `holidays`, which count for working time.
    #[serde(default)]
    pub ban_days: Vec<BanDay>,
    /// Office hours of the national movement-control cell.
    pub working_hours: WorkingHours,
    /// Priorities whose SLAs count working time; all others count calendar time.
    #[serde(default)]
    pub working_time_for: Vec<Priority>,
    /// Overall targets for a notification crossing this nation.
    pub targets: Targets,
    /// Approval stages in the order they run.
    pub stages: Vec<StageDef>,
    /// When each escalation level fires.
    pub escalation: EscalationLadder,
    /// Silence as consent, where the nation allows it.
    #[serde(default)]
    pub deemed_consent: DeemedConsent,
    /// Which stages may clear at once when nothing above `info` concerns them.
    #[serde(default)]
    pub auto_clear: AutoClear,
    /// Axle, gross and dimension limits for road vehicles.
    pub weights: Weights,
    /// Military Load Classification against bridges.
    pub mlc: MlcRules,
    /// Dangerous-goods rules; the list itself is `dangerous_goods.csv`.
    pub dangerous_goods: DangerousGoodsRules,
    /// Driving bans by weekday, time and public holiday.
    #[serde(default)]
    pub driving_bans: Vec<DrivingBan>,
    /// Convoy size thresholds and minimum notice.
    pub convoy: ConvoyRules,
    /// How long before departure and after arrival the signed permit bundle holds.
    #[serde(default)]
    pub permit_validity: PermitValidity,
    /// Whether and for which priorities the nation honours its standing authorisations
    /// (issue 15); absent: it honours none, every single movement is reviewed on its own.
    #[serde(default)]
    pub standing: StandingRules,
}

/// Standing authorisations: a single movement inside one the nation approved clears at once.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StandingRules {
    /// Priorities of single movements the nation clears under a standing authorisation;
    /// empty: it honours none.
    #[serde(default)]
    pub priorities: Vec<Priority>,
    /// Source id that provides standing (annual) permission.
    #[serde(default)]
    pub source: Option<String>,
}

/// The margins around the movement's window within which a nation's permit holds; the
/// bundle takes the largest of its nations'. Absent: Corridor's planning default (2 h, 6 h).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PermitValidity {
    /// Valid this long before departure (or a standing authorisation's start).
    pub before_departure: IsoDuration,
    /// Valid this long after arrival (or a standing authorisation's end).
    pub after_arrival: IsoDuration,
}

impl Default for PermitValidity {
    fn default() -> Self {
        PermitValidity {
            before_departure: IsoDuration {
                days: 0,
                seconds: 2 * 3600,
            },
            after_arrival: IsoDuration {
                days: 0,
                seconds: 6 * 3600,
            },
        }
    }
}

/// A legal reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Short id that rules cite (e.g. `stvo30`).
    pub id: String,
    /// Title of the law, regulation or arrangement.
    pub title: String,
    /// Where to read it.
    #[serde(default)]
    pub url: Option<String>,
}

/// A day that a driving-ban law lists, in the nation's time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BanDay {
    /// The date, local.
    pub date: NaiveDate,
    /// Its name.
    pub name: String,
    /// The regions (ISO 3166-2) where it is a ban day; empty: the whole nation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<Region>,
    /// Whether bans with `eve_of_ban_days` also run on the day before it (false where the law
    /// leaves its eve out, e.g. Poland: no eve ban on 24 or 31 December).
    #[serde(default = "yes")]
    pub eve: bool,
}

fn yes() -> bool {
    true
}

impl BanDay {
    /// Whether it is a ban day on a leg through `regions` (absent: every region may be on it).
    pub fn applies_to(&self, regions: Option<&[Region]>) -> bool {
        self.regions.is_empty()
            || regions.is_none_or(|legs| legs.iter().any(|r| self.regions.contains(r)))
    }
}

/// Office hours: weekdays and a daily window in local time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkingHours {
    /// Working weekdays (`Mon` … `Sun`).
    pub days: Vec<Weekday>,
    /// Start of the working day, local time (`08:00`).
    pub start: NaiveTime,
    /// End of the working day, local time (`17:00`); after `start`.
    pub end: NaiveTime,
}

/// Overall targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    /// The whole national review is due this long after submission.
    pub overall: PerPriority<IsoDuration>,
    /// ...and never later than departure minus this margin.
    pub departure_margin: IsoDuration,
}

/// When a stage is part of a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageRequirement {
    /// In every review.
    Always,
    /// Only when a finding names this stage.
    OnFinding,
}

/// One approval stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageDef {
    /// Stable key (`movcon`, `dg_authority`, `road_authority`, `police`).
    pub key: String,
    /// Name for people.
    pub name: String,
    /// Whether it is always present or added by findings.
    pub required: StageRequirement,
    /// Time allowed per priority, from the moment the stage opens.
    pub sla: PerPriority<IsoDuration>,
    /// Runs alongside the stage before it instead of after it.
    #[serde(default)]
    pub parallel: bool,
}

/// The escalation ladder: level 1 the stage's officers, level 2 the nation's coordinator
/// (at the stage's due time), level 3 the liaison users watching the nation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalationLadder {
    /// Level 1 when a stage has used this share of its time, in per cent (1–99).
    pub officers_at_percent: u8,
    /// Level 3 when the notification's overall due time is this close and it is not approved.
    pub liaison_before_overall_due: IsoDuration,
    /// Observed decisions of a stage needed before its median replaces the SLA in predictions.
    #[serde(default = "default_median_after")]
    pub median_after_decisions: u32,
    /// Source id for the ladder.
    pub source: String,
}

fn default_median_after() -> u32 {
    5
}

/// Silence as consent past the hard deadline (stage due time plus grace), per priority.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeemedConsent {
    /// Priorities for which a silent stage becomes `deemed_approved`; empty: never.
    #[serde(default)]
    pub priorities: Vec<Priority>,
    /// Time past the stage's due time before silence counts as consent.
    #[serde(default)]
    pub grace: IsoDuration,
    /// Source id that allows it.
    #[serde(default)]
    pub source: Option<String>,
}

/// Auto-clearance: the fast path.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AutoClear {
    /// Priorities that may clear at once.
    #[serde(default)]
    pub priorities: Vec<Priority>,
    /// Stage keys that may clear at once when nothing above `info` concerns them.
    #[serde(default)]
    pub stages: Vec<String>,
}
