//! The rule tables of a policy file: weights and dimensions, MLC, dangerous goods, driving bans,
//! convoys. Plain data; the fixed algorithms that read them live in `evaluate`.
//!
//! Every rule names a stable `rule` id and the `source` (a `sources[].id`) it comes from.
//! Masses are kg, lengths mm, all integers, so that no comparison depends on rounding.

use std::fmt;

use chrono::{NaiveTime, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::duration::IsoDuration;
use super::schema::PerPriority;
use crate::domain::{Severity, UnNumber, VehicleCategory};

/// One step of a table: a value strictly above `above` gives a finding of `severity`.
///
/// A list of thresholds on one measure is ordered by `above`, lowest first; every threshold
/// that a value exceeds gives its own finding (the legal limit's review, the escort's
/// condition, the ceiling's block).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    /// Stable rule id (e.g. `axle.driven`).
    pub rule: String,
    /// Source id the figure comes from.
    pub source: String,
    /// Name of the limit as a message says it (e.g. `drive-axle limit`).
    pub name: String,
    /// The limit: values strictly above it fire (kg, mm or a count, as the table says).
    pub above: u32,
    /// What exceeding it means.
    pub severity: Severity,
    /// The stage it adds (`review`) or that must look at it; required for `review`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// Text of the permit condition; required for `condition`, refused otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
}

/// Weights and dimensions of road vehicles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    /// A single non-driven axle (kg).
    pub single_axle_kg: Vec<Threshold>,
    /// A single driven axle (kg).
    pub driven_axle_kg: Vec<Threshold>,
    /// Tandem and tridem groups by axle spacing.
    pub axle_groups: AxleGroups,
    /// Gross mass by vehicle category and number of axles.
    pub gross_kg: Vec<GrossRow>,
    /// Overall width (mm).
    pub width_mm: Vec<Threshold>,
    /// Overall height (mm).
    pub height_mm: Vec<Threshold>,
    /// Overall length (mm).
    pub length_mm: Vec<Threshold>,
    /// Tracked vehicles driving on public roads: gross mass per metre of length (kg/m).
    #[serde(default)]
    pub tracked_kg_per_metre: Vec<Threshold>,
}

/// Axle groups: consecutive axles closer than `group_below_mm` count as one group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AxleGroups {
    /// Axles closer than this (mm) to the next one belong to the same group.
    pub group_below_mm: u32,
    /// Two-axle groups, by the spacing of the two axles; bands cover 0 to `group_below_mm`.
    pub tandem: Vec<SpacingBand>,
    /// Three-axle groups, by the smallest spacing in the group; bands cover 0 to `group_below_mm`.
    pub tridem: Vec<SpacingBand>,
    /// Number of axles in one group: groups larger than the tables know (e.g. `above: 3`).
    pub axles_in_group: Vec<Threshold>,
}

/// One band of axle spacing, `from_mm` inclusive to `below_mm` exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpacingBand {
    /// Smallest spacing in the band (mm, inclusive).
    pub from_mm: u32,
    /// Spacing where the next band starts (mm, exclusive).
    pub below_mm: u32,
    /// Load of the whole group (kg).
    pub limits_kg: Vec<Threshold>,
}

/// Gross-mass limits for one vehicle category and a range of axle counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrossRow {
    /// Wheeled or tracked.
    pub vehicle: VehicleCategory,
    /// Fewest axles this row covers.
    pub axles_from: u8,
    /// Most axles this row covers; absent: no upper bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub axles_to: Option<u8>,
    /// Gross mass (kg).
    pub limits_kg: Vec<Threshold>,
}

/// A rule that always has one consequence (e.g. the MLC bridge block).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Stable rule id.
    pub rule: String,
    /// Source id.
    pub source: String,
    /// Its weight.
    pub severity: Severity,
    /// The stage it adds (`review`) or that must look at it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// Text of the permit condition, for `condition`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
}

/// Military Load Classification against the bridges of each leg.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MlcRules {
    /// A vehicle whose MLC is above a leg's `min_bridge_mlc` (must be `block`).
    pub bridge: Rule,
    /// Legs given without a bridge class: vehicles whose MLC is above these.
    #[serde(default)]
    pub unclassified_route: Vec<Threshold>,
}

/// Dangerous goods, per nation; the list itself is the shared `dangerous_goods.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DangerousGoodsRules {
    /// A transport unit whose dangerous goods are not exempt: the stage it needs (`review`).
    pub load: Rule,
    /// A UN number missing from the dangerous-goods list.
    pub unlisted: Rule,
    /// ADR 7.5.2.1/7.5.2.2: goods a transport unit may not carry together, also under the
    /// 1.1.3.6 exemption (must be `block`); the tables are the shared `adr_tables.yaml`.
    pub mixed_loading: Rule,
    /// ADR 7.5.5.2.1/7.5.5.2.2: net explosive mass above the vehicle type's limit (must be
    /// `block`).
    pub explosive_mass: Rule,
    /// ADR 7.2.4 V2: class 1 goods under full regulation on a vehicle that is not EX/II or
    /// EX/III (must be `block`).
    pub ex_vehicle: Rule,
    /// UN numbers, classes or classification codes the nation refuses or restricts.
    #[serde(default)]
    pub prohibited: Vec<Prohibition>,
    /// ADR 1.1.3.6 small-load exemption; absent: the nation grants none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub small_load_exemption: Option<SmallLoadExemption>,
    /// Tunnel restriction codes against each leg's tunnel categories.
    pub tunnels: TunnelRules,
    /// Escort and stage thresholds by class and mass per transport unit.
    #[serde(default)]
    pub thresholds: Vec<DgThreshold>,
}

/// Goods a nation refuses or restricts, by UN number, class or classification code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prohibition {
    /// Stable rule id.
    pub rule: String,
    /// Source id.
    pub source: String,
    /// UN numbers (quoted: `"0190"`).
    #[serde(default)]
    pub un_numbers: Vec<UnNumber>,
    /// ADR classes (`"1"`, `"7"`, `"6.2"`).
    #[serde(default)]
    pub classes: Vec<String>,
    /// ADR classification codes (`"1.1A"`, `"2TOC"`).
    #[serde(default)]
    pub classification_codes: Vec<String>,
    /// Its weight (`block` for a prohibition).
    pub severity: Severity,
    /// The stage it adds or that must look at it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// Text of the permit condition, for `condition`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
}

/// ADR 1.1.3.6: points per transport unit; at most `max_points` is exempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmallLoadExemption {
    /// Stable rule id (an `info` finding when the exemption applies).
    pub rule: String,
    /// Source id.
    pub source: String,
    /// Highest total that is still exempt (ADR: 1000).
    pub max_points: u32,
    /// Points per kg (or litre) by transport category; category 0 is never exempt.
    pub points_per_kg: CategoryFactors,
    /// UN numbers with their own factor (ADR 1.1.3.6.3 footnote a: 20).
    #[serde(default)]
    pub special_factors: Vec<SpecialFactor>,
}

/// Points per kg for transport categories 1 to 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryFactors {
    /// Transport category 1 (ADR: 50).
    pub tc1: u32,
    /// Transport category 2 (ADR: 3).
    pub tc2: u32,
    /// Transport category 3 (ADR: 1).
    pub tc3: u32,
    /// Transport category 4 (ADR: 0).
    pub tc4: u32,
}

/// A factor that replaces the category factor for some UN numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecialFactor {
    /// The UN numbers (quoted).
    pub un_numbers: Vec<UnNumber>,
    /// Points per kg.
    pub factor: u32,
}

/// Tunnel restrictions (ADR 8.6): the most restrictive code on a transport unit governs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TunnelRules {
    /// Stable rule id.
    pub rule: String,
    /// Source id.
    pub source: String,
    /// Its weight when a leg has a tunnel the unit may not enter (`block`).
    pub severity: Severity,
    /// The stage that must look at it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// Notifications do not say whether goods travel in tanks; `true` applies the tank letter
    /// of split codes such as `D/E` (the safe reading), `false` the packaged one.
    pub assume_tank_carriage: bool,
}

/// What a dangerous-goods threshold measures on one transport unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DgMeasure {
    /// Sum of net explosive mass (class 1).
    NetExplosiveMass,
    /// Sum of quantity.
    Quantity,
}

/// An escort or stage threshold on the dangerous goods of one transport unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DgThreshold {
    /// Stable rule id.
    pub rule: String,
    /// Source id.
    pub source: String,
    /// Name of the threshold as a message says it.
    pub name: String,
    /// ADR classes counted (`"1"`); empty: every dangerous good.
    #[serde(default)]
    pub classes: Vec<String>,
    /// What is summed.
    pub measure: DgMeasure,
    /// Sums strictly above this (kg) fire.
    pub above_kg: u32,
    /// Its weight.
    pub severity: Severity,
    /// The stage it adds or that must look at it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// Text of the permit condition, for `condition`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
}

/// A driving ban for heavy vehicles, in the nation's time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DrivingBan {
    /// Stable rule id (e.g. `ban.sunday`).
    pub rule: String,
    /// Source id.
    pub source: String,
    /// Name for people (e.g. `Sunday and public-holiday ban`).
    pub name: String,
    /// Weekdays the ban starts on.
    #[serde(default)]
    pub days: Vec<Weekday>,
    /// Also on the file's public holidays.
    #[serde(default)]
    pub public_holidays: bool,
    /// Local start time on a ban day.
    pub from: NaiveTime,
    /// Local end time; at or before `from` it is on the next day (the window crosses midnight).
    pub to: NaiveTime,
    /// Only within these calendar days of each year (e.g. summer bans).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub season: Option<Season>,
    /// Vehicles with a gross mass strictly above this (kg) are affected.
    pub vehicles_above_kg: u32,
    /// Whether and how military movements are exempt, as the nation states it.
    pub military: MilitaryExemption,
}

/// A span of calendar days in every year, both ends inclusive; may wrap over the new year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Season {
    /// First day (`07-01`).
    pub from: MonthDay,
    /// Last day (`08-31`).
    pub to: MonthDay,
}

/// A day of the year written `MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct MonthDay {
    /// 1–12.
    pub month: u32,
    /// 1–31.
    pub day: u32,
}

impl MonthDay {
    /// Parses `MM-DD` (29 February allowed).
    pub fn parse(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}` is not a day of the year written MM-DD");
        let (m, d) = s.split_once('-').ok_or_else(bad)?;
        if m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let month: u32 = m.parse().map_err(|_| bad())?;
        let day: u32 = d.parse().map_err(|_| bad())?;
        // A leap year accepts every real MM-DD.
        chrono::NaiveDate::from_ymd_opt(2024, month, day).ok_or_else(bad)?;
        Ok(Self { month, day })
    }
}

impl fmt::Display for MonthDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}-{:02}", self.month, self.day)
    }
}

impl Serialize for MonthDay {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for MonthDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Self::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// How a nation treats military movements under a driving ban.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Exemption {
    /// Military movements may drive; the finding is `info`.
    Exempt,
    /// They may drive under a condition; the finding is `condition`.
    ExemptWithCondition,
    /// The ban applies to them too; the finding is `review` or `block`.
    NotExempt,
}

impl Exemption {
    /// Words for a message.
    pub fn as_str(self) -> &'static str {
        match self {
            Exemption::Exempt => "exempt",
            Exemption::ExemptWithCondition => "exempt with condition",
            Exemption::NotExempt => "not exempt",
        }
    }
}

/// The military exemption from a driving ban, in the nation's own statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MilitaryExemption {
    /// Exempt, exempt with condition, or not exempt.
    pub exemption: Exemption,
    /// The nation's statement, quoted in the finding.
    pub statement: String,
    /// The finding's weight: `info` if exempt, `condition` if exempt with condition,
    /// `review` or `block` if not exempt.
    pub severity: Severity,
    /// The stage it adds or that must look at it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// Text of the permit condition, for `exempt_with_condition`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
}

/// Convoy size and notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConvoyRules {
    /// Number of vehicles in the convoy (all vehicle types, counted).
    #[serde(default)]
    pub vehicles: Vec<Threshold>,
    /// Least time between submission and entry into the nation.
    pub minimum_notice: MinimumNotice,
}

/// Least notice per priority, calendar time before the convoy enters the nation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinimumNotice {
    /// Stable rule id.
    pub rule: String,
    /// Source id.
    pub source: String,
    /// Notice per priority (ISO 8601 durations, days as 24 hours).
    pub notice: PerPriority<IsoDuration>,
    /// Weight of a late notification.
    pub severity: Severity,
    /// The stage that must look at it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// Text of the permit condition, for `condition`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
}
