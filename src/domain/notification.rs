//! The movement a unit submits: itinerary legs, vehicles with their axles, cargo lines.
//!
//! `MovementInput` is the wire shape; `Movement::parse` turns it into a `Movement` only when
//! every field and every cross-field rule holds, so the rest of Corridor never sees a movement
//! whose legs run backwards or whose cargo sits on a vehicle that does not exist.

use crate::i18n::msg;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::field_error::{validation_errors, FieldError};
use super::movement::{
    AdrVehicleType, Configuration, Kind, Mode, Priority, TunnelCategory, UnNumber, VehicleCategory,
};
use super::nation::Nation;
use super::region::Region;

/// How far the sum of a vehicle's axle loads may differ from its stated gross mass, in per mille.
/// Weighbridge tickets and manufacturer data differ by a few per cent; 3 % catches typos
/// (a digit dropped or added) without rejecting honest figures.
pub const AXLE_SUM_TOLERANCE_PER_MILLE: u64 = 30;

/// The requesting unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Requester {
    /// The sending nation.
    pub nation: Nation,
    /// The unit, as it names itself (e.g. `43 Mechanised Brigade`).
    #[validate(length(min = 1, max = 120))]
    pub unit: String,
    /// Point of contact: name, phone or e-mail, free text.
    #[validate(length(min = 1, max = 200))]
    pub contact: String,
}

/// Validity window of a standing (annual) authorisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Validity {
    /// First day movements may start.
    pub from: DateTime<Utc>,
    /// Last moment movements may end.
    pub until: DateTime<Utc>,
}

/// One nation's part of the route, in travel order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Leg {
    /// The nation this leg crosses.
    pub nation: Nation,
    /// Border crossing point or start location.
    #[validate(length(min = 1, max = 120))]
    pub entry_point: String,
    /// Border crossing point or destination.
    #[validate(length(min = 1, max = 120))]
    pub exit_point: String,
    /// When the convoy enters this nation (or starts, on the first leg).
    pub entry_at: DateTime<Utc>,
    /// When the convoy leaves this nation (or arrives, on the last leg).
    pub exit_at: DateTime<Utc>,
    /// ADR tunnel categories of the tunnels on this leg's route (empty: no tunnels).
    #[serde(default)]
    #[validate(length(max = 50))]
    pub tunnel_categories: Vec<TunnelCategory>,
    /// The lowest bridge MLC on this leg's route; absent when the route is not classified.
    /// Read as the two-way class for wheeled and tracked vehicles alike.
    #[serde(default)]
    #[validate(range(min = 1, max = 150))]
    pub min_bridge_mlc: Option<u16>,
    /// The regions of the nation this leg passes through (ISO 3166-2, e.g. `DE-BY`), where a
    /// rule differs by region (Germany's regional ban days, StVO § 30(4)); absent: every region
    /// of the nation may be on the route, so every regional rule applies (the strict reading).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(length(min = 1, max = 40))]
    pub regions: Option<Vec<Region>>,
    /// The route's lowest bridge classes per vehicle category and traffic mode (STANAG 2021),
    /// where the route survey gives them; beside `min_bridge_mlc`, the lower figure applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(nested)]
    pub bridge_mlc: Option<BridgeClasses>,
}

/// A route's lowest bridge classes by vehicle category and traffic mode (STANAG 2021). Any may
/// be absent: a missing two-way class reads as the lower of the leg's other two-way classes
/// (`min_bridge_mlc` and the other category's); a missing one-way class gives no one-way
/// crossing, so the two-way class applies.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct BridgeClasses {
    /// Class for wheeled vehicles crossing with two-way traffic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 150))]
    pub wheeled_two_way: Option<u16>,
    /// Class for wheeled vehicles crossing one at a time (one-way, on the centre line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 150))]
    pub wheeled_one_way: Option<u16>,
    /// Class for tracked vehicles crossing with two-way traffic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 150))]
    pub tracked_two_way: Option<u16>,
    /// Class for tracked vehicles crossing one at a time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 150))]
    pub tracked_one_way: Option<u16>,
}

impl BridgeClasses {
    fn two_way(&self, c: VehicleCategory) -> Option<u16> {
        match c {
            VehicleCategory::Wheeled => self.wheeled_two_way,
            VehicleCategory::Tracked => self.tracked_two_way,
        }
    }

    fn one_way(&self, c: VehicleCategory) -> Option<u16> {
        match c {
            VehicleCategory::Wheeled => self.wheeled_one_way,
            VehicleCategory::Tracked => self.tracked_one_way,
        }
    }
}

impl Leg {
    /// The leg's two-way bridge class for vehicles of category `c`: the category's own class
    /// beside `min_bridge_mlc` (the lower applies); without the category's class, the lowest
    /// two-way class the leg gives. `None`: the route is not classified.
    pub fn two_way_class(&self, c: VehicleCategory) -> Option<u16> {
        let b = self.bridge_mlc.unwrap_or_default();
        let own = b.two_way(c);
        let other = match c {
            VehicleCategory::Wheeled => b.tracked_two_way,
            VehicleCategory::Tracked => b.wheeled_two_way,
        };
        let fallback = if own.is_some() { None } else { other };
        [own, self.min_bridge_mlc, fallback]
            .into_iter()
            .flatten()
            .min()
    }

    /// The leg's one-way class for category `c`, when the route survey gives one.
    pub fn one_way_class(&self, c: VehicleCategory) -> Option<u16> {
        self.bridge_mlc.and_then(|b| b.one_way(c))
    }
}

/// One axle, front to back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Axle {
    /// Load on this axle in kg.
    #[validate(range(min = 1, max = 60_000))]
    pub load_kg: u32,
    /// Distance to the next axle in mm; absent on the last axle.
    #[serde(default)]
    #[validate(range(min = 1, max = 20_000))]
    pub spacing_mm: Option<u32>,
    /// Whether this is a driven axle.
    #[serde(default)]
    pub driven: bool,
}

/// A vehicle type in the convoy (a combination counts as one vehicle with all its axles).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct Vehicle {
    /// What it is (e.g. `Leopard 2A7 on HET`).
    #[validate(length(min = 1, max = 120))]
    pub label: String,
    /// Wheeled or tracked.
    pub category: VehicleCategory,
    /// How many identical vehicles of this type.
    #[validate(range(min = 1, max = 2_000))]
    pub count: u32,
    /// Gross mass of one vehicle, laden, in kg.
    #[validate(range(min = 100, max = 500_000))]
    pub gross_mass_kg: u32,
    /// Length in mm.
    #[validate(range(min = 500, max = 60_000))]
    pub length_mm: u32,
    /// Width in mm.
    #[validate(range(min = 500, max = 10_000))]
    pub width_mm: u32,
    /// Height in mm.
    #[validate(range(min = 500, max = 10_000))]
    pub height_mm: u32,
    /// Military Load Classification of the vehicle (STANAG 2021), in its own category.
    #[validate(range(min = 1, max = 150))]
    pub mlc: u16,
    /// The vehicle's class against bridges' wheeled classes, where its classification gives
    /// one that differs from `mlc` (STANAG 2021 dual classification); absent, `mlc` is read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 150))]
    pub mlc_wheeled: Option<u16>,
    /// The vehicle's class against bridges' tracked classes, where its classification gives
    /// one that differs from `mlc`; absent, `mlc` is read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 150))]
    pub mlc_tracked: Option<u16>,
    /// Axles front to back; at least two. For a tracked vehicle: its road-wheel stations front
    /// to back (one station = one road wheel each side), `load_kg` per station, `spacing_mm`
    /// between stations, so the span from first to last road wheel is the sum of the spacings.
    #[validate(length(min = 2, max = 24), nested)]
    pub axles: Vec<Axle>,
    /// Permissible maximum mass (DE zulässige Gesamtmasse, PL dopuszczalna masa całkowita) in
    /// kg; limits and bans written on it read the actual `gross_mass_kg` when it is absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 100, max = 500_000))]
    pub permissible_mass_kg: Option<u32>,
    /// Rigid vehicle, articulated vehicle or road train; absent, the strictest reading that fits
    /// the axle count applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub configuration: Option<Configuration>,
    /// Axles of the towing unit (motor vehicle) of a combination, counted in `axles` first;
    /// absent, the strictest split that fits the axle count applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 10))]
    pub towing_unit_axles: Option<u8>,
    /// ADR vehicle type of its certificate of approval (ADR 9.1.1.2): `EX/II`, `EX/III`, `FL`,
    /// `AT`; absent, it is read as `EX/III` (the largest explosives allowance of ADR 7.5.5.2.1),
    /// so only what no road vehicle may carry is blocked, and the finding says it was assumed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adr_vehicle_type: Option<AdrVehicleType>,
}

/// One line of cargo, carried by one vehicle type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct CargoLine {
    /// What it is, in words.
    #[validate(length(min = 1, max = 200))]
    pub description: String,
    /// UN number for dangerous goods; absent for goods that are not.
    #[serde(default)]
    pub un_number: Option<UnNumber>,
    /// Quantity in kg: net mass of a substance, gross mass of articles (for class 1: gross mass
    /// of the packages).
    #[validate(range(min = 1, max = 1_000_000))]
    pub quantity_kg: u32,
    /// Volume in litres (ADR 1.1.3.6.3): of a liquid, its volume; of a compressed or adsorbed
    /// gas, the water capacity of its receptacles. Absent, a liquid's volume is estimated from
    /// `quantity_kg` with the lowest density the dangerous-goods list gives for the entry, and a
    /// gas without it cannot be shown to be within the small-load exemption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 1, max = 1_000_000))]
    pub litres: Option<u32>,
    /// Net explosive mass in kg, for class 1 goods.
    #[serde(default)]
    #[validate(range(max = 1_000_000))]
    pub net_explosive_mass_kg: Option<u32>,
    /// Index into `vehicles` of the vehicle type that carries it.
    pub vehicle: usize,
}

/// The movement as submitted, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Validate)]
#[serde(deny_unknown_fields)]
pub struct MovementInput {
    /// Urgency.
    pub priority: Priority,
    /// Single movement or standing authorisation.
    pub kind: Kind,
    /// The validity window; required for `standing`, refused for `single`.
    #[serde(default)]
    pub validity: Option<Validity>,
    /// Road or rail.
    pub mode: Mode,
    /// Who asks.
    #[validate(nested)]
    pub requester: Requester,
    /// Planned departure.
    pub departure_at: DateTime<Utc>,
    /// Planned arrival.
    pub arrival_at: DateTime<Utc>,
    /// The route, one leg per nation in travel order.
    #[validate(length(min = 1, max = 30), nested)]
    pub itinerary: Vec<Leg>,
    /// The vehicles.
    #[validate(length(min = 1, max = 200), nested)]
    pub vehicles: Vec<Vehicle>,
    /// The cargo lines (may be empty).
    #[serde(default)]
    #[validate(length(max = 500), nested)]
    pub cargo: Vec<CargoLine>,
    /// Number of personnel travelling.
    #[serde(default)]
    #[validate(range(max = 100_000))]
    pub personnel: u32,
    /// EU Form 302 serial, when one exists (18 characters).
    #[serde(default)]
    #[validate(length(equal = 18))]
    pub form_302_serial: Option<String>,
}

/// A movement that has passed every field and cross-field rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Movement(MovementInput);

impl std::ops::Deref for Movement {
    type Target = MovementInput;
    fn deref(&self) -> &MovementInput {
        &self.0
    }
}

impl Movement {
    /// Checks every rule and returns the movement, or every failing field with its path.
    pub fn parse(input: MovementInput) -> Result<Movement, Vec<FieldError>> {
        let mut errors = match input.validate() {
            Ok(()) => Vec::new(),
            Err(e) => validation_errors(&e),
        };
        errors.extend(cross_field_errors(&input));
        if errors.is_empty() {
            Ok(Movement(input))
        } else {
            errors.sort_by(|a, b| a.field.cmp(&b.field));
            errors.dedup();
            Err(errors)
        }
    }

    /// The wire shape again (for storage and amendment).
    pub fn input(&self) -> &MovementInput {
        &self.0
    }

    /// The nations on the itinerary, each once, in travel order.
    pub fn nations(&self) -> Vec<Nation> {
        let mut seen = Vec::new();
        for leg in &self.itinerary {
            if !seen.contains(&leg.nation) {
                seen.push(leg.nation);
            }
        }
        seen
    }

    /// Total number of vehicles in the convoy.
    pub fn vehicle_count(&self) -> u32 {
        self.vehicles.iter().map(|v| v.count).sum()
    }
}

/// One vehicle's cross-field rules (spacing on every axle but the last, the towing unit inside
/// the combination, axle loads adding up to the gross mass), with fields named under `at`.
fn vehicle_cross_errors(at: &str, v: &Vehicle) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let last = v.axles.len().saturating_sub(1);
    for (j, axle) in v.axles.iter().enumerate() {
        if j < last && axle.spacing_mm.is_none() {
            errs.push(FieldError::new(
                format!("{at}.axles[{j}].spacing_mm"),
                msg!("problem-spacing-required"),
            ));
        }
        if j == last && axle.spacing_mm.is_some() {
            errs.push(FieldError::new(
                format!("{at}.axles[{j}].spacing_mm"),
                msg!("problem-spacing-last"),
            ));
        }
    }
    if let Some(t) = v.towing_unit_axles {
        if v.configuration == Some(Configuration::Rigid) {
            errs.push(FieldError::new(
                format!("{at}.towing_unit_axles"),
                msg!("problem-rigid-towing"),
            ));
        } else if usize::from(t) >= v.axles.len() {
            errs.push(FieldError::new(
                format!("{at}.towing_unit_axles"),
                msg!("problem-towing-axles", axles = v.axles.len()),
            ));
        }
    }
    let sum: u64 = v.axles.iter().map(|a| u64::from(a.load_kg)).sum();
    let gross = u64::from(v.gross_mass_kg);
    if sum.abs_diff(gross) * 1000 > gross * AXLE_SUM_TOLERANCE_PER_MILLE {
        errs.push(FieldError::new(
            format!("{at}.axles"),
            msg!(
                "problem-axle-sum",
                sum = sum,
                tolerance = format!("{}", AXLE_SUM_TOLERANCE_PER_MILLE as f64 / 10.0),
                gross = gross
            ),
        ));
    }
    errs
}

impl Vehicle {
    /// Checks every field and cross-field rule of one vehicle on its own (a saved vehicle
    /// type), naming failing fields under `at` (e.g. `vehicle.axles[1].load_kg`).
    pub fn check(&self, at: &str) -> Result<(), Vec<FieldError>> {
        let mut errors: Vec<FieldError> = match self.validate() {
            Ok(()) => Vec::new(),
            Err(e) => validation_errors(&e)
                .into_iter()
                .map(|f| FieldError::new(format!("{at}.{}", f.field), f.message))
                .collect(),
        };
        errors.extend(vehicle_cross_errors(at, self));
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

fn cross_field_errors(m: &MovementInput) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if m.arrival_at <= m.departure_at {
        errs.push(FieldError::new(
            "arrival_at",
            msg!("problem-after-departure"),
        ));
    }
    match (m.kind, &m.validity) {
        (Kind::Standing, None) => errs.push(FieldError::new(
            "validity",
            msg!("problem-validity-required"),
        )),
        (Kind::Single, Some(_)) => {
            errs.push(FieldError::new("validity", msg!("problem-validity-single")))
        }
        (Kind::Standing, Some(v)) if v.until <= v.from => errs.push(FieldError::new(
            "validity.until",
            msg!("problem-validity-order"),
        )),
        _ => {}
    }
    for (i, leg) in m.itinerary.iter().enumerate() {
        if leg.exit_at < leg.entry_at {
            errs.push(FieldError::new(
                format!("itinerary[{i}].exit_at"),
                msg!("problem-exit-before-entry"),
            ));
        }
        if leg.entry_at < m.departure_at {
            errs.push(FieldError::new(
                format!("itinerary[{i}].entry_at"),
                msg!("problem-entry-before-departure"),
            ));
        }
        if leg.exit_at > m.arrival_at {
            errs.push(FieldError::new(
                format!("itinerary[{i}].exit_at"),
                msg!("problem-exit-after-arrival"),
            ));
        }
        for (k, region) in leg.regions.iter().flatten().enumerate() {
            if !region.is_in(leg.nation) {
                errs.push(FieldError::new(
                    format!("itinerary[{i}].regions[{k}]"),
                    msg!(
                        "problem-region-elsewhere",
                        region = region.to_string(),
                        nation = leg.nation.as_str()
                    ),
                ));
            }
        }
        if let Some(b) = &leg.bridge_mlc {
            for (field, one, two) in [
                ("wheeled_one_way", b.wheeled_one_way, b.wheeled_two_way),
                ("tracked_one_way", b.tracked_one_way, b.tracked_two_way),
            ] {
                if let (Some(one), Some(two)) = (one, two) {
                    if one < two {
                        errs.push(FieldError::new(
                            format!("itinerary[{i}].bridge_mlc.{field}"),
                            msg!("problem-one-way-below", one = one, two = two),
                        ));
                    }
                }
            }
        }
        if i > 0 {
            let prev = &m.itinerary[i - 1];
            if leg.entry_at < prev.exit_at {
                errs.push(FieldError::new(
                    format!("itinerary[{i}].entry_at"),
                    msg!("problem-legs-order", previous = i - 1),
                ));
            }
            if leg.nation == prev.nation {
                errs.push(FieldError::new(
                    format!("itinerary[{i}].nation"),
                    msg!("problem-same-nation"),
                ));
            }
        }
    }
    for (i, v) in m.vehicles.iter().enumerate() {
        errs.extend(vehicle_cross_errors(&format!("vehicles[{i}]"), v));
    }
    for (i, c) in m.cargo.iter().enumerate() {
        if c.vehicle >= m.vehicles.len() {
            errs.push(FieldError::new(
                format!("cargo[{i}].vehicle"),
                msg!(
                    "problem-no-vehicle",
                    index = c.vehicle,
                    count = m.vehicles.len()
                ),
            ));
        }
        if let Some(nem) = c.net_explosive_mass_kg {
            if nem > c.quantity_kg {
                errs.push(FieldError::new(
                    format!("cargo[{i}].net_explosive_mass_kg"),
                    msg!("problem-nem-over-quantity"),
                ));
            }
            if c.un_number.is_none() {
                errs.push(FieldError::new(
                    format!("cargo[{i}].un_number"),
                    msg!("problem-un-required"),
                ));
            }
        }
    }
    errs
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A valid crisis movement NL→DE→PL→LT of one wheeled truck carrying small-arms ammunition.
    pub(crate) fn sample_json() -> serde_json::Value {
        serde_json::json!({
            "priority": "crisis",
            "kind": "single",
            "mode": "road",
            "requester": {"nation": "NL", "unit": "43 Mechanised Brigade", "contact": "S4 duty officer +31 55 000 0000"},
            "departure_at": "2026-12-01T06:00:00Z",
            "arrival_at": "2026-12-03T18:00:00Z",
            "itinerary": [
                {"nation": "NL", "entry_point": "Havelte", "exit_point": "Oldenzaal", "entry_at": "2026-12-01T06:00:00Z", "exit_at": "2026-12-01T09:00:00Z"},
                {"nation": "DE", "entry_point": "Bad Bentheim", "exit_point": "Frankfurt (Oder)", "entry_at": "2026-12-01T09:00:00Z", "exit_at": "2026-12-01T20:00:00Z", "tunnel_categories": [], "min_bridge_mlc": 80},
                {"nation": "PL", "entry_point": "Słubice", "exit_point": "Budzisko", "entry_at": "2026-12-01T20:00:00Z", "exit_at": "2026-12-02T14:00:00Z"},
                {"nation": "LT", "entry_point": "Kalvarija", "exit_point": "Pabradė", "entry_at": "2026-12-02T14:00:00Z", "exit_at": "2026-12-03T18:00:00Z"}
            ],
            "vehicles": [
                {"label": "DAF YAM 4x4", "category": "wheeled", "count": 10, "gross_mass_kg": 18000,
                 "length_mm": 8000, "width_mm": 2550, "height_mm": 3400, "mlc": 20,
                 "axles": [{"load_kg": 7000, "spacing_mm": 4500, "driven": true}, {"load_kg": 11000, "driven": true}]}
            ],
            "cargo": [
                {"description": "5.56 mm ball cartridges", "un_number": "0012", "quantity_kg": 800, "net_explosive_mass_kg": 40, "vehicle": 0}
            ],
            "personnel": 20
        })
    }

    fn parse(v: serde_json::Value) -> Result<Movement, Vec<FieldError>> {
        Movement::parse(serde_json::from_value(v).expect("wire shape"))
    }

    fn fields(v: serde_json::Value) -> Vec<String> {
        parse(v)
            .expect_err("should be refused")
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_valid_movement_parses_and_lists_its_nations_in_order() {
        let m = parse(sample_json()).unwrap();
        let codes: Vec<_> = m.nations().iter().map(|n| n.to_string()).collect();
        assert_eq!(codes, ["NL", "DE", "PL", "LT"]);
        assert_eq!(m.vehicle_count(), 10);
    }

    #[test]
    fn legs_out_of_time_order_name_the_leg() {
        let mut v = sample_json();
        v["itinerary"][2]["entry_at"] = "2026-12-01T19:00:00Z".into();
        assert_eq!(fields(v), ["itinerary[2].entry_at"]);
    }

    #[test]
    fn exit_before_entry_names_the_exit() {
        let mut v = sample_json();
        v["itinerary"][1]["exit_at"] = "2026-12-01T08:00:00Z".into();
        assert!(fields(v).contains(&"itinerary[1].exit_at".to_string()));
    }

    #[test]
    fn axle_loads_must_add_up_to_gross_mass() {
        let mut v = sample_json();
        v["vehicles"][0]["axles"][1]["load_kg"] = 1100.into();
        assert_eq!(fields(v), ["vehicles[0].axles"]);
        // 2 % off is within the tolerance
        let mut v = sample_json();
        v["vehicles"][0]["axles"][1]["load_kg"] = 11_360.into();
        assert!(parse(v).is_ok());
    }

    #[test]
    fn cargo_vehicle_index_must_exist() {
        let mut v = sample_json();
        v["cargo"][0]["vehicle"] = 3.into();
        assert_eq!(fields(v), ["cargo[0].vehicle"]);
    }

    #[test]
    fn field_ranges_name_the_nested_path() {
        let mut v = sample_json();
        v["vehicles"][0]["axles"][1]["load_kg"] = 0.into();
        let f = fields(v);
        assert!(
            f.contains(&"vehicles[0].axles[1].load_kg".to_string()),
            "{f:?}"
        );
    }

    #[test]
    fn spacing_is_required_between_axles_and_absent_after_the_last() {
        let mut v = sample_json();
        v["vehicles"][0]["axles"][0]
            .as_object_mut()
            .unwrap()
            .remove("spacing_mm");
        v["vehicles"][0]["axles"][1]["spacing_mm"] = 1300.into();
        assert_eq!(
            fields(v),
            [
                "vehicles[0].axles[0].spacing_mm",
                "vehicles[0].axles[1].spacing_mm"
            ]
        );
    }

    #[test]
    fn standing_needs_a_validity_window_and_single_refuses_one() {
        let mut v = sample_json();
        v["kind"] = "standing".into();
        assert_eq!(fields(v), ["validity"]);
        let mut v = sample_json();
        v["validity"] =
            serde_json::json!({"from": "2026-12-01T00:00:00Z", "until": "2027-11-30T00:00:00Z"});
        assert_eq!(fields(v), ["validity"]);
    }

    #[test]
    fn arrival_after_departure_and_empty_itinerary_refused() {
        let mut v = sample_json();
        v["arrival_at"] = "2026-12-01T05:00:00Z".into();
        assert!(fields(v).contains(&"arrival_at".to_string()));
        let mut v = sample_json();
        v["itinerary"] = serde_json::json!([]);
        assert!(fields(v).contains(&"itinerary".to_string()));
    }

    #[test]
    fn leg_regions_must_belong_to_the_legs_nation() {
        let mut v = sample_json();
        v["itinerary"][1]["regions"] = serde_json::json!(["DE-BY", "DE-NW"]);
        let m = parse(v).unwrap();
        assert_eq!(m.itinerary[1].regions.as_ref().map(Vec::len), Some(2));
        let mut v = sample_json();
        v["itinerary"][1]["regions"] = serde_json::json!(["DE-BY", "PL-14"]);
        assert_eq!(fields(v), ["itinerary[1].regions[1]"]);
        let mut v = sample_json();
        v["itinerary"][1]["regions"] = serde_json::json!([]);
        assert_eq!(fields(v), ["itinerary[1].regions"]);
        // A malformed code is refused while reading, naming the element.
        let mut v = sample_json();
        v["itinerary"][1]["regions"] = serde_json::json!(["Bayern"]);
        let err = serde_json::from_value::<MovementInput>(v).expect_err("not a code");
        assert!(err.to_string().contains("ISO 3166-2"), "{err}");
    }

    #[test]
    fn litres_and_adr_vehicle_type_are_optional_typed_and_ranged() {
        let mut v = sample_json();
        v["cargo"][0]["litres"] = 0.into();
        assert_eq!(fields(v), ["cargo[0].litres"]);
        let mut v = sample_json();
        v["cargo"][0]["litres"] = 1000.into();
        v["vehicles"][0]["adr_vehicle_type"] = "EX/II".into();
        let m = parse(v).unwrap();
        assert_eq!(m.cargo[0].litres, Some(1000));
        assert_eq!(m.vehicles[0].adr_vehicle_type, Some(AdrVehicleType::ExII));
        let mut v = sample_json();
        v["vehicles"][0]["adr_vehicle_type"] = "EX/IV".into();
        assert!(serde_json::from_value::<MovementInput>(v).is_err());
        assert!(parse(sample_json()).unwrap().vehicles[0]
            .adr_vehicle_type
            .is_none());
    }

    #[test]
    fn repeated_nation_on_consecutive_legs_is_refused() {
        let mut v = sample_json();
        v["itinerary"][2]["nation"] = "DE".into();
        assert_eq!(fields(v), ["itinerary[2].nation"]);
    }
}
