//! The envelope of a standing authorisation: what one nation approved once, within which a
//! single movement needs no second look. Built from the standing notification as approved (a
//! pure function of the movement, that nation's findings, waiver and conditions).

use std::collections::BTreeMap;

use crate::domain::{Finding, MovementInput, Nation, Severity, VehicleCategory};
// The standing domain types, where the envelope's callers have always found them.
pub use crate::domain::{Envelope, Goods, Holders, Passage, StandingStatus, VehicleType};

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
    use crate::domain::{MovementInput, Priority};

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
