//! The envelope of a standing authorisation: what one nation approved once, within which a
//! single movement needs no second look. Built from the standing notification as approved (a
//! pure function of the movement, that nation's findings, waiver and conditions).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{Finding, MovementInput, Nation, Priority, Region, Severity, VehicleCategory};

/// Who may move under a standing authorisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Holders {
    /// The requesting unit only (as approved).
    Unit,
    /// Every unit of the requesting nation (widened by the approving nation's coordinator).
    Nation,
}

impl Holders {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Holders::Unit => "unit",
            Holders::Nation => "nation",
        }
    }

    /// Reads the wire name.
    pub fn parse(s: &str) -> Result<Self, String> {
        match s {
            "unit" => Ok(Holders::Unit),
            "nation" => Ok(Holders::Nation),
            other => Err(format!("`{other}` is not `unit` or `nation`")),
        }
    }
}

/// Where a standing authorisation is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StandingStatus {
    /// Movements inside it clear at once.
    Active,
    /// Held by the approving coordinator; may be resumed.
    Suspended,
    /// Ended by the approving coordinator; final.
    Revoked,
    /// Its window has ended; final.
    Expired,
    /// The standing notification was amended or withdrawn, so this approval no longer stands.
    Lapsed,
}

impl StandingStatus {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            StandingStatus::Active => "active",
            StandingStatus::Suspended => "suspended",
            StandingStatus::Revoked => "revoked",
            StandingStatus::Expired => "expired",
            StandingStatus::Lapsed => "lapsed",
        }
    }

    /// Reads the wire name.
    pub fn parse(s: &str) -> Result<Self, String> {
        Ok(match s {
            "active" => StandingStatus::Active,
            "suspended" => StandingStatus::Suspended,
            "revoked" => StandingStatus::Revoked,
            "expired" => StandingStatus::Expired,
            "lapsed" => StandingStatus::Lapsed,
            other => return Err(format!("unknown standing status `{other}`")),
        })
    }

    /// Whether nothing can change it any more.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            StandingStatus::Revoked | StandingStatus::Expired | StandingStatus::Lapsed
        )
    }
}

/// One approved vehicle type: a movement's vehicle of this type must stay within every figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VehicleType {
    /// The type as the standing notification named it.
    pub label: String,
    /// Wheeled or tracked.
    pub category: VehicleCategory,
    /// How many of this type at most.
    pub count: u32,
    /// Gross mass of one, in kg.
    pub gross_mass_kg: u32,
    /// Heaviest axle (or road-wheel station), in kg.
    pub max_axle_kg: u32,
    /// Length in mm.
    pub length_mm: u32,
    /// Width in mm.
    pub width_mm: u32,
    /// Height in mm.
    pub height_mm: u32,
    /// Military Load Classification.
    pub mlc: u16,
}

/// One approved dangerous good: its UN number and the most that may travel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goods {
    /// UN number, four digits.
    pub un_number: String,
    /// Total quantity approved, in kg (all cargo lines of this UN number together).
    pub quantity_kg: u64,
}

/// One approved passage through the nation: entry and exit, and the regions where given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    /// Entry point (border crossing or start).
    pub entry_point: String,
    /// Exit point (border crossing or destination).
    pub exit_point: String,
    /// Regions approved; absent: the whole nation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regions: Option<Vec<Region>>,
}

/// What one nation approved under one standing authorisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// The approving nation.
    pub nation: Nation,
    /// That nation's permit number for the standing authorisation.
    pub permit_number: String,
    /// The requesting nation.
    pub holder_nation: Nation,
    /// The requesting unit.
    pub holder_unit: String,
    /// First moment a movement may start.
    pub valid_from: DateTime<Utc>,
    /// Last moment a movement may end.
    pub valid_until: DateTime<Utc>,
    /// Vehicle types approved.
    pub vehicle_types: Vec<VehicleType>,
    /// Dangerous goods approved.
    pub goods: Vec<Goods>,
    /// Priorities covered.
    pub priorities: Vec<Priority>,
    /// The nation's part of the route.
    pub passages: Vec<Passage>,
    /// Rules whose `condition`, `review` or `block` findings the approval looked at (a waived
    /// block included): the same finding on a single movement needs no second look.
    pub covered_rules: Vec<String>,
    /// Conditions the approval attached; every movement under it carries them.
    pub conditions: Vec<String>,
}

/// What the standing notification's review of one nation ended with.
pub struct Approval<'a> {
    /// The approving nation.
    pub nation: Nation,
    /// Its permit number.
    pub permit_number: &'a str,
    /// Its findings on the standing notification.
    pub findings: &'a [Finding],
    /// Block rules its coordinator waived.
    pub waived: &'a [String],
    /// Conditions its stages attached.
    pub conditions: &'a [String],
}

/// The vehicle-type key of a label: trimmed, lower case, inner spaces collapsed, with the
/// category, so `DAF YAM 4x4` and ` daf  yam 4X4 ` are one type and a tracked one is another.
pub fn type_key(category: VehicleCategory, label: &str) -> String {
    let words: Vec<String> = label.split_whitespace().map(str::to_lowercase).collect();
    let cat = match category {
        VehicleCategory::Wheeled => "wheeled",
        VehicleCategory::Tracked => "tracked",
    };
    format!("{cat}:{}", words.join(" "))
}

/// The envelope `approval` gives a standing notification `m`; `None` when `m` is not a
/// standing notification (no validity window).
pub fn envelope(m: &MovementInput, approval: &Approval<'_>) -> Option<Envelope> {
    let validity = m.validity?;
    let mut types: BTreeMap<String, VehicleType> = BTreeMap::new();
    for v in &m.vehicles {
        let max_axle_kg = v.axles.iter().map(|a| a.load_kg).max().unwrap_or(0);
        let t = VehicleType {
            label: v.label.trim().to_string(),
            category: v.category,
            count: v.count,
            gross_mass_kg: v.gross_mass_kg,
            max_axle_kg,
            length_mm: v.length_mm,
            width_mm: v.width_mm,
            height_mm: v.height_mm,
            mlc: v.mlc,
        };
        // Two lines of one type: the approval covered the larger figure of each and both counts.
        types
            .entry(type_key(v.category, &v.label))
            .and_modify(|e| {
                e.count += t.count;
                e.gross_mass_kg = e.gross_mass_kg.max(t.gross_mass_kg);
                e.max_axle_kg = e.max_axle_kg.max(t.max_axle_kg);
                e.length_mm = e.length_mm.max(t.length_mm);
                e.width_mm = e.width_mm.max(t.width_mm);
                e.height_mm = e.height_mm.max(t.height_mm);
                e.mlc = e.mlc.max(t.mlc);
            })
            .or_insert(t);
    }
    let mut goods: BTreeMap<String, u64> = BTreeMap::new();
    for c in &m.cargo {
        if let Some(un) = &c.un_number {
            *goods.entry(un.as_str().to_string()).or_default() += u64::from(c.quantity_kg);
        }
    }
    let mut covered: Vec<String> = approval
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Condition)
        .filter(|f| f.severity < Severity::Block || approval.waived.contains(&f.rule))
        .map(|f| f.rule.clone())
        .collect();
    covered.sort();
    covered.dedup();
    let mut conditions: Vec<String> = approval.conditions.to_vec();
    for f in approval.findings {
        if let Some(c) = f
            .condition
            .as_ref()
            .filter(|_| f.severity == Severity::Condition)
        {
            if !conditions.contains(c) {
                conditions.push(c.clone());
            }
        }
    }
    Some(Envelope {
        nation: approval.nation,
        permit_number: approval.permit_number.to_string(),
        holder_nation: m.requester.nation,
        holder_unit: m.requester.unit.clone(),
        valid_from: validity.from,
        valid_until: validity.until,
        vehicle_types: types.into_values().collect(),
        goods: goods
            .into_iter()
            .map(|(un_number, quantity_kg)| Goods {
                un_number,
                quantity_kg,
            })
            .collect(),
        priorities: vec![m.priority],
        passages: m
            .itinerary
            .iter()
            .filter(|l| l.nation == approval.nation)
            .map(|l| Passage {
                entry_point: l.entry_point.trim().to_string(),
                exit_point: l.exit_point.trim().to_string(),
                regions: l.regions.clone(),
            })
            .collect(),
        covered_rules: covered,
        conditions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::MovementInput;

    fn standing() -> MovementInput {
        let mut v = super::super::sample::movement_json();
        v["kind"] = "standing".into();
        v["priority"] = "routine".into();
        v["validity"] =
            serde_json::json!({"from": "2026-12-01T00:00:00Z", "until": "2027-11-30T00:00:00Z"});
        serde_json::from_value(v).unwrap()
    }

    fn finding(rule: &str, severity: Severity) -> Finding {
        Finding {
            rule: rule.into(),
            severity,
            message: "m".into(),
            subject: "vehicles[0]".into(),
            source: "s".into(),
            stage: None,
            condition: (severity == Severity::Condition).then(|| format!("{rule} condition")),
            vehicles: Vec::new(),
            cargo: Vec::new(),
            folded: 0,
        }
    }

    #[test]
    fn the_envelope_takes_the_nations_route_types_goods_and_covered_rules() {
        let m = standing();
        let findings = [
            finding("dg.load", Severity::Review),
            finding("convoy.formation", Severity::Condition),
            finding("mlc.bridge", Severity::Block),
            finding("convoy.notification", Severity::Info),
        ];
        let e = envelope(
            &m,
            &Approval {
                nation: Nation::parse("DE").unwrap(),
                permit_number: "DE-2026-000001",
                findings: &findings,
                waived: &[],
                conditions: &["Escort from the border".to_string()],
            },
        )
        .unwrap();
        assert_eq!(e.passages.len(), 1);
        assert_eq!(e.passages[0].entry_point, "Bad Bentheim");
        assert_eq!(e.vehicle_types[0].gross_mass_kg, 18_000);
        assert_eq!(e.vehicle_types[0].max_axle_kg, 11_000);
        assert_eq!(e.goods[0].un_number, "0012");
        assert_eq!(e.goods[0].quantity_kg, 800);
        // An unwaived block was not approved; info needs no approval.
        assert_eq!(e.covered_rules, ["convoy.formation", "dg.load"]);
        assert_eq!(
            e.conditions,
            ["Escort from the border", "convoy.formation condition"]
        );
        assert_eq!(e.priorities, [Priority::Routine]);
    }

    #[test]
    fn a_waived_block_is_covered_and_a_single_movement_has_no_envelope() {
        let m = standing();
        let findings = [finding("mlc.bridge", Severity::Block)];
        let approval = Approval {
            nation: Nation::parse("DE").unwrap(),
            permit_number: "DE-2026-000001",
            findings: &findings,
            waived: &["mlc.bridge".to_string()],
            conditions: &[],
        };
        assert_eq!(
            envelope(&m, &approval).unwrap().covered_rules,
            ["mlc.bridge"]
        );
        let mut single = m.clone();
        single.validity = None;
        assert!(envelope(&single, &approval).is_none());
    }

    #[test]
    fn type_keys_ignore_case_and_spacing_but_not_category() {
        assert_eq!(
            type_key(VehicleCategory::Wheeled, " DAF  YAM 4x4"),
            type_key(VehicleCategory::Wheeled, "daf yam 4X4")
        );
        assert_ne!(
            type_key(VehicleCategory::Wheeled, "M113"),
            type_key(VehicleCategory::Tracked, "M113")
        );
    }
}
