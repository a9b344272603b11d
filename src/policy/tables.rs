//! The rule tables of a policy file: weights and dimensions, MLC, dangerous goods, driving bans,
//! convoys. Plain data; the fixed algorithms that read them live in `evaluate`.
//!
//! Every rule names a stable `rule` id and the `source` (a `sources[].id`) it comes from.
//! Masses are kg, lengths mm, all integers, so that no comparison depends on rounding.

use std::fmt;

use chrono::{NaiveTime, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::duration::Notice;
use super::values::PerPriority;
use crate::domain::{Configuration, Severity, UnNumber};

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
    /// Gross mass of wheeled vehicles by configuration, number of axles and, where the law
    /// distinguishes it, the towing unit's axles.
    pub gross_kg: Vec<GrossRow>,
    /// Overall width (mm).
    pub width_mm: Vec<Threshold>,
    /// Overall height (mm).
    pub height_mm: Vec<Threshold>,
    /// Overall length (mm) by configuration (96/53/EC Annex I 1.1).
    pub length_mm: LengthLimits,
    /// Tracked vehicles driving on public roads (StVZO § 34b style).
    pub tracked: TrackedLimits,
}

/// Which mass of a vehicle a limit reads, as the law writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MassBasis {
    /// The actual (laden) gross mass, `gross_mass_kg` (StVO § 29(3) "tatsächlich",
    /// PL "rzeczywista masa całkowita").
    Actual,
    /// The permissible maximum mass (DE zulässige Gesamtmasse, PL dopuszczalna masa całkowita,
    /// CZ největší povolená hmotnost): `permissible_mass_kg` when given, else the actual gross
    /// mass; never less than the actual mass (a vehicle loaded above its permissible mass is
    /// read at what it weighs).
    Permissible,
}

impl MassBasis {
    /// The mass this basis reads from a vehicle's actual and (optional) permissible mass.
    pub fn read(self, actual_kg: u32, permissible_kg: Option<u32>) -> u32 {
        match self {
            MassBasis::Actual => actual_kg,
            MassBasis::Permissible => permissible_kg.map_or(actual_kg, |p| p.max(actual_kg)),
        }
    }

    /// Words for a message: which mass was compared, and what was read where the permissible
    /// mass is not given.
    pub fn words(self, permissible_given: bool) -> (&'static str, &'static str) {
        match (self, permissible_given) {
            (MassBasis::Actual, _) => ("gross mass", ""),
            (MassBasis::Permissible, true) => ("permissible mass", ""),
            (MassBasis::Permissible, false) => (
                "gross mass",
                " (no permissible mass given: the actual mass is read)",
            ),
        }
    }
}

/// Length limits by configuration; a vehicle whose configuration is not given is read as
/// the configuration with the lowest limit that fits its axle count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LengthLimits {
    /// A motor vehicle or trailer on its own (96/53/EC: 12.00 m); tracked vehicles too.
    pub rigid: Vec<Threshold>,
    /// A tractor with a semi-trailer (16.50 m).
    pub articulated: Vec<Threshold>,
    /// A lorry with a drawbar trailer (18.75 m).
    pub road_train: Vec<Threshold>,
}

impl LengthLimits {
    /// The list for one configuration.
    pub fn get(&self, c: Configuration) -> &[Threshold] {
        match c {
            Configuration::Rigid => &self.rigid,
            Configuration::Articulated => &self.articulated,
            Configuration::RoadTrain => &self.road_train,
        }
    }
}

/// Thresholds on one mass of a vehicle, with the mass they read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MassLimits {
    /// Which mass the law writes the limit on.
    pub mass: MassBasis,
    /// The thresholds (kg, or kg per metre).
    pub limits_kg: Vec<Threshold>,
}

/// Tracked vehicles on public roads. `axles` of a tracked vehicle are its road-wheel stations
/// (one road wheel each side), so a station's load is carried by two road wheels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackedLimits {
    /// Gross mass (DE § 34b(1): 32.00 t; CZ: 18.00 t).
    pub gross: MassLimits,
    /// Load of one road wheel (kg): half a station's load, rounded up (§ 34b(1): 2.00 t).
    #[serde(default)]
    pub road_wheel_kg: Vec<Threshold>,
    /// Mass per metre of the span from the first to the last road wheel, the sum of the
    /// stations' spacings (kg/m, rounded up) (§ 34b(2): 9.00 t/m).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_metre: Option<MassLimits>,
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
    /// Two-axle groups of a trailer or semi-trailer (96/53/EC Annex I 3.4); empty: `tandem`
    /// applies to trailers too. Where a group's unit is not known, the lower limit applies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trailer_tandem: Vec<SpacingBand>,
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

/// Gross-mass limits for one configuration and a range of axle counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrossRow {
    /// Rigid vehicle, articulated vehicle or road train.
    pub configuration: Configuration,
    /// Fewest axles this row covers.
    pub axles_from: u8,
    /// Most axles this row covers; absent: no upper bound.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub axles_to: Option<u8>,
    /// Only combinations whose towing unit has this many axles (e.g. CZ 2+3 against 3+2);
    /// absent: any split. A row with it wins over one without.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub towing_unit_axles: Option<u8>,
    /// Which mass the law writes the limit on.
    pub mass: MassBasis,
    /// Gross mass (kg).
    pub limits_kg: Vec<Threshold>,
}

impl GrossRow {
    /// Whether the row covers `axles` axles.
    pub fn covers(&self, axles: usize) -> bool {
        axles >= usize::from(self.axles_from)
            && self.axles_to.is_none_or(|to| axles <= usize::from(to))
    }
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
    /// A vehicle above a leg's two-way class but within its one-way class: it may cross one
    /// vehicle at a time (a `condition`); absent, the two-way class blocks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub one_way: Option<Rule>,
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
    /// Also on the file's public holidays (`holidays`, nation-wide).
    #[serde(default)]
    pub public_holidays: bool,
    /// Also on the days the ban law itself lists (`ban_days`), each in the regions it names;
    /// kept apart from `holidays` where the law's list differs from the public holidays.
    #[serde(default)]
    pub ban_days: bool,
    /// Also on the day before each of the file's `ban_days` that has `eve: true`, unless that
    /// day is itself a ban day of the leg (its own window already covers it).
    #[serde(default)]
    pub eve_of_ban_days: bool,
    /// Local start time on a ban day.
    pub from: NaiveTime,
    /// Local end time; at or before `from` it is on the next day (the window crosses midnight).
    pub to: NaiveTime,
    /// Only within these calendar days of each year (e.g. summer bans).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub season: Option<Season>,
    /// Vehicles whose permissible maximum mass (`permissible_mass_kg`; absent, the actual
    /// `gross_mass_kg`) is strictly above this (kg) are affected.
    pub vehicles_above_kg: u32,
    /// Lorries with a trailer that the ban covers whatever their mass class; absent: none beyond
    /// `vehicles_above_kg`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_trailer: Option<TrailerClause>,
    /// The roads the ban covers, where it does not cover every road (e.g. `listed motorway
    /// sections`); notifications do not name roads, so the ban is read as applying and the
    /// finding says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roads: Option<String>,
    /// Whether and how military movements are exempt, as the nation states it.
    pub military: MilitaryExemption,
}

/// Combinations a ban covers because they tow a trailer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrailerClause {
    /// A combination is covered when its permissible mass (absent: actual gross mass) is
    /// strictly above this (kg); 0 covers every lorry with a trailer. The input gives the
    /// combination's mass, not the towing lorry's, so a towing lorry is read as possibly as
    /// heavy as the whole combination (the strict reading).
    pub above_kg: u32,
    /// The configurations the ban's text counts as a lorry with a trailer (`road_train`, and
    /// `articulated` where a semi-trailer is a trailer in the nation's law). A vehicle given
    /// without a configuration counts as one when it is wheeled with three or more axles (it
    /// could be a combination: the strict reading).
    pub configurations: Vec<Configuration>,
}

/// A span of calendar days in every year, both ends inclusive; may wrap over the new year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Season {
    /// First day (`07-01`); with `from_next`, the day after which the season starts.
    pub from: MonthDay,
    /// The season starts on the first of these weekdays strictly after `from` (e.g. Poland's
    /// summer ban from the end of the school year: the first Friday after 20 June).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_next: Option<Weekday>,
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

/// Least notice per priority before the convoy enters the nation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MinimumNotice {
    /// Stable rule id.
    pub rule: String,
    /// Source id.
    pub source: String,
    /// Notice per priority: an ISO 8601 duration is calendar time (days as 24 hours);
    /// `{working_days: n}` counts the nation's working days (Regulation 1182/71).
    pub notice: PerPriority<Notice>,
    /// Weight of a late notification.
    pub severity: Severity,
    /// The stage that must look at it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// Text of the permit condition, for `condition`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
}
