//! The acceptance scenarios of the rules engine against the real policy files in `policies/`,
//! the edges of every table, and validation errors naming file and field.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::*;
use crate::domain::{Finding, Movement, MovementInput, Nation, Severity};

fn policies_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("policies")
}

/// The repository's policy set, loaded once.
fn set() -> &'static PolicySet {
    static SET: OnceLock<PolicySet> = OnceLock::new();
    SET.get_or_init(|| {
        PolicySet::load_dir(&policies_dir()).unwrap_or_else(|errors| {
            let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!("policies/ must load:\n{}", shown.join("\n"))
        })
    })
}

fn nation(code: &str) -> Nation {
    Nation::parse(code).expect("test nation")
}

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("test time")
}

fn leg(code: &str, entry: &str, exit: &str, tunnels: &[&str], mlc: Option<u16>) -> Value {
    let mut v = json!({
        "nation": code, "entry_point": format!("{code} entry"), "exit_point": format!("{code} exit"),
        "entry_at": entry, "exit_at": exit, "tunnel_categories": tunnels,
    });
    if let Some(m) = mlc {
        v["min_bridge_mlc"] = m.into();
    }
    v
}

/// A legal 18 t two-axle army truck.
fn truck() -> Value {
    json!({"label": "MAN HX 4x4", "category": "wheeled", "count": 1, "gross_mass_kg": 18000,
           "length_mm": 8000, "width_mm": 2550, "height_mm": 3400, "mlc": 20,
           "axles": [{"load_kg": 7000, "spacing_mm": 4500, "driven": true}, {"load_kg": 11000, "driven": true}]})
}

/// Leopard 2A7 (about 64 t) on an SLT 2 Mammut heavy equipment transporter (56 t own mass):
/// 120 t on eight axles (a 4-axle tractor and a 4-axle semi-trailer), 3.7 m wide (the tank),
/// 22.75 m long, wheeled MLC about 110.
fn leopard_on_het() -> Value {
    json!({"label": "Leopard 2A7 on SLT 2 Mammut", "category": "wheeled", "count": 1,
    "gross_mass_kg": 120000, "length_mm": 22750, "width_mm": 3700, "height_mm": 3900, "mlc": 110,
    "configuration": "articulated", "towing_unit_axles": 4,
    "axles": [
        {"load_kg": 9000, "spacing_mm": 1700}, {"load_kg": 9000, "spacing_mm": 3200},
        {"load_kg": 12500, "spacing_mm": 1450, "driven": true}, {"load_kg": 12500, "spacing_mm": 4500, "driven": true},
        {"load_kg": 19250, "spacing_mm": 1500}, {"load_kg": 19250, "spacing_mm": 1500},
        {"load_kg": 19250, "spacing_mm": 1500}, {"load_kg": 19250}
    ]})
}

fn movement(priority: &str, legs: Vec<Value>, vehicles: Vec<Value>, cargo: Vec<Value>) -> Movement {
    let departure = legs[0]["entry_at"].clone();
    let arrival = legs[legs.len() - 1]["exit_at"].clone();
    let v = json!({
        "priority": priority, "kind": "single", "mode": "road",
        "requester": {"nation": "NL", "unit": "43 Mechanised Brigade", "contact": "S4 duty officer"},
        "departure_at": departure, "arrival_at": arrival,
        "itinerary": legs, "vehicles": vehicles, "cargo": cargo, "personnel": 4
    });
    let input: MovementInput = serde_json::from_value(v).expect("wire shape");
    Movement::parse(input).unwrap_or_else(|e| panic!("test movement invalid: {e:?}"))
}

/// Submitted well ahead of every leg below, so minimum notice stays quiet.
const EARLY: &str = "2026-11-01T08:00:00Z";

fn eval_in(set: &PolicySet, m: &Movement, code: &str) -> NationEvaluation {
    let e = evaluate(m, set, at(EARLY)).expect("every nation has a policy");
    e.nation(nation(code)).expect("nation evaluated").clone()
}

fn has(n: &NationEvaluation, rule: &str, severity: Severity) -> bool {
    n.findings
        .iter()
        .any(|f| f.rule == rule && f.severity == severity)
}

fn find<'a>(n: &'a NationEvaluation, rule: &str) -> Vec<&'a Finding> {
    n.findings.iter().filter(|f| f.rule == rule).collect()
}

fn rules(n: &NationEvaluation) -> Vec<String> {
    n.findings
        .iter()
        .map(|f| format!("{} {:?}", f.rule, f.severity))
        .collect()
}

#[test]
fn the_repository_policy_set_loads_every_nation() {
    let s = set();
    let codes: Vec<String> = s.nations().iter().map(ToString::to_string).collect();
    for code in ["BE", "CZ", "DE", "EE", "LT", "LV", "NL", "PL"] {
        assert!(
            codes.contains(&code.to_string()),
            "{code} missing from {codes:?}"
        );
    }
    assert_eq!(s.version().len(), 64);
    let de = s.get(nation("DE")).unwrap();
    assert_eq!(de.version.len(), 64);
    assert_eq!(de.tz, chrono_tz::Europe::Berlin);
    // 35 rows of the reference sample, 30 distinct UN numbers.
    assert!(s.dangerous_goods().len() >= 30);
}

#[test]
fn leopard_on_het_through_de_and_pl_needs_road_authority_and_escort_and_is_blocked_below_its_bridge_class(
) {
    let m = movement(
        "priority",
        vec![
            leg(
                "DE",
                "2026-12-02T06:00:00Z",
                "2026-12-02T16:00:00Z",
                &[],
                Some(80),
            ),
            leg(
                "PL",
                "2026-12-02T17:00:00Z",
                "2026-12-03T06:00:00Z",
                &[],
                Some(120),
            ),
        ],
        vec![leopard_on_het()],
        vec![],
    );
    let e = evaluate(&m, set(), at(EARLY)).unwrap();
    assert_eq!(
        e.nations
            .iter()
            .map(|n| n.nation.to_string())
            .collect::<Vec<_>>(),
        ["DE", "PL"]
    );
    for code in ["DE", "PL"] {
        let n = e.nation(nation(code)).unwrap();
        assert!(
            n.required_stages.contains(&"road_authority".to_string()),
            "{code}: {:?}",
            n.required_stages
        );
        assert!(has(n, "gross", Severity::Review), "{code}: {:?}", rules(n));
        assert!(
            has(n, "dim.width.escort", Severity::Condition),
            "{code}: {:?}",
            rules(n)
        );
        let escort = find(n, "dim.width.escort")[0];
        assert!(escort.condition.as_deref().is_some_and(|c| !c.is_empty()));
        assert_eq!(escort.subject, "vehicles[0].width_mm");
        assert!(has(n, "axle.group", Severity::Review));
        assert!(has(n, "axle.tandem", Severity::Review));
    }
    let de = e.nation(nation("DE")).unwrap();
    let gross = find(de, "gross")[0];
    assert_eq!(
        gross.message,
        "Leopard 2A7 on SLT 2 Mammut: gross mass 120 000 kg (no permissible mass given: the actual mass is read) above the 40 000 kg gross limit for a combination of 5 or more axles"
    );
    assert_eq!(gross.source, "stvzo34");
    let block = find(de, "mlc.bridge");
    assert_eq!(block.len(), 1);
    assert_eq!(block[0].severity, Severity::Block);
    assert_eq!(block[0].subject, "vehicles[0].mlc");
    assert!(block[0]
        .message
        .contains("MLC 110 above the route class MLC 80 of itinerary[0]"));
    assert_eq!(
        de.findings[0].severity,
        Severity::Block,
        "blocks come first"
    );
    // PL's leg carries MLC 120: no block there; a weaker PL route blocks in PL only.
    let pl = e.nation(nation("PL")).unwrap();
    assert!(find(pl, "mlc.bridge").is_empty());
    let weak = movement(
        "priority",
        vec![
            leg(
                "DE",
                "2026-12-02T06:00:00Z",
                "2026-12-02T16:00:00Z",
                &[],
                Some(120),
            ),
            leg(
                "PL",
                "2026-12-02T17:00:00Z",
                "2026-12-03T06:00:00Z",
                &[],
                Some(100),
            ),
        ],
        vec![leopard_on_het()],
        vec![],
    );
    assert!(find(&eval_in(set(), &weak, "DE"), "mlc.bridge").is_empty());
    assert!(has(
        &eval_in(set(), &weak, "PL"),
        "mlc.bridge",
        Severity::Block
    ));
    // Equal to the bridge class is allowed.
    let equal = movement(
        "priority",
        vec![leg(
            "DE",
            "2026-12-02T06:00:00Z",
            "2026-12-02T16:00:00Z",
            &[],
            Some(110),
        )],
        vec![leopard_on_het()],
        vec![],
    );
    assert!(find(&eval_in(set(), &equal, "DE"), "mlc.bridge").is_empty());
}

fn rockets(nem: u32) -> Value {
    json!({"description": "Rockets with bursting charge", "un_number": "0181",
           "quantity_kg": 3000, "net_explosive_mass_kg": nem, "vehicle": 0})
}

fn rocket_run(nem: u32, tunnels: &[&str]) -> Movement {
    movement(
        "priority",
        vec![
            leg(
                "DE",
                "2026-12-02T06:00:00Z",
                "2026-12-02T16:00:00Z",
                tunnels,
                Some(80),
            ),
            leg(
                "PL",
                "2026-12-02T17:00:00Z",
                "2026-12-03T06:00:00Z",
                &[],
                Some(80),
            ),
        ],
        vec![truck()],
        vec![rockets(nem)],
    )
}

#[test]
fn rockets_above_1000_kg_nem_are_blocked_by_a_category_b_tunnel_in_that_nation_only() {
    let m = rocket_run(1200, &["A", "B"]);
    let de = eval_in(set(), &m, "DE");
    let tunnel = find(&de, "dg.tunnel");
    assert_eq!(tunnel.len(), 1, "{:?}", rules(&de));
    assert_eq!(tunnel[0].severity, Severity::Block);
    assert_eq!(tunnel[0].subject, "vehicles[0]");
    assert!(
        tunnel[0].message.contains("tunnel code B1000C")
            && tunnel[0].message.contains("1 200 kg net explosive mass")
            && tunnel[0].message.contains("category B tunnel"),
        "{}",
        tunnel[0].message
    );
    assert!(de.required_stages.contains(&"dg_authority".to_string()));
    let pl = eval_in(set(), &m, "PL");
    assert!(
        find(&pl, "dg.tunnel").is_empty(),
        "PL has no tunnel on its leg"
    );
    assert!(has(&pl, "dg.load", Severity::Review));
}

#[test]
fn rockets_at_900_kg_or_exactly_1000_kg_nem_pass_a_category_b_tunnel_but_not_a_c() {
    for nem in [900, 1000] {
        let de = eval_in(set(), &rocket_run(nem, &["B"]), "DE");
        assert!(find(&de, "dg.tunnel").is_empty(), "{nem}: {:?}", rules(&de));
        assert!(has(&de, "dg.load", Severity::Review), "still full ADR");
        let c = eval_in(set(), &rocket_run(nem, &["C"]), "DE");
        assert!(
            has(&c, "dg.tunnel", Severity::Block),
            "{nem} kg: C is closed"
        );
    }
    let just_over = eval_in(set(), &rocket_run(1001, &["B"]), "DE");
    assert!(has(&just_over, "dg.tunnel", Severity::Block));
}

#[test]
fn escort_threshold_for_explosives_fires_strictly_above_it() {
    let at_1000 = eval_in(set(), &rocket_run(1000, &[]), "DE");
    assert!(find(&at_1000, "dg.escort.explosives").is_empty());
    let over = eval_in(set(), &rocket_run(1001, &[]), "DE");
    let escort = find(&over, "dg.escort.explosives");
    assert_eq!(escort.len(), 1);
    assert_eq!(escort[0].severity, Severity::Condition);
    assert!(over.required_stages.contains(&"police".to_string()));
}

fn cartridges_and_diesel(diesel_kg: u32) -> Movement {
    cartridges_and_diesel_litres(diesel_kg, None)
}

/// 5.56 mm cartridges (1.4S, transport category 4) and diesel, with or without its volume.
fn cartridges_and_diesel_litres(diesel_kg: u32, litres: Option<u32>) -> Movement {
    let mut diesel = json!({"description": "Diesel in jerrycans", "un_number": "1202", "quantity_kg": diesel_kg, "vehicle": 0});
    if let Some(l) = litres {
        diesel["litres"] = l.into();
    }
    movement(
        "routine",
        vec![leg(
            "DE",
            "2026-12-02T06:00:00Z",
            "2026-12-02T16:00:00Z",
            &["E"],
            Some(80),
        )],
        vec![truck()],
        vec![
            json!({"description": "5.56 mm ball cartridges", "un_number": "0012", "quantity_kg": 800, "net_explosive_mass_kg": 40, "vehicle": 0}),
            diesel,
        ],
    )
}

#[test]
fn small_arms_cartridges_with_a_little_diesel_are_exempt_and_add_no_dg_stage() {
    // ADR 1.1.3.6.3: diesel counts in litres; 200 kg at the lowest listed density (800 kg/m³,
    // EN 590 arctic grades) is 250 L, 250 points at transport category 3; 1.4S with a class 3
    // liquid is permitted by ADR 7.5.2.1 note (a).
    let de = eval_in(set(), &cartridges_and_diesel(200), "DE");
    let exempt = find(&de, "dg.exempt_1136");
    assert_eq!(exempt.len(), 1, "{:?}", rules(&de));
    assert_eq!(exempt[0].severity, Severity::Info);
    assert_eq!(exempt[0].stage, None);
    assert!(
        exempt[0].message.contains("= 250 points") && exempt[0].message.contains("estimated"),
        "{}",
        exempt[0].message
    );
    assert!(find(&de, "dg.load").is_empty());
    assert!(find(&de, "dg.mixed_loading").is_empty());
    assert!(
        find(&de, "dg.tunnel").is_empty(),
        "exempt loads ignore tunnel codes"
    );
    assert_eq!(de.required_stages, ["movcon"]);
}

#[test]
fn adr_1_1_3_6_3_liquids_count_in_litres_at_the_edge_of_1000_points() {
    // Corrected: "exactly 1000 kg of diesel is exempt" read kg as points. 1 000 L given is
    // exactly 1 000 points (exempt); 1 001 L is above; 999 L below.
    for (litres, exempt) in [(999, true), (1000, true), (1001, false)] {
        let de = eval_in(
            set(),
            &cartridges_and_diesel_litres(820, Some(litres)),
            "DE",
        );
        assert_eq!(
            has(&de, "dg.exempt_1136", Severity::Info),
            exempt,
            "{litres} L: {:?}",
            rules(&de)
        );
        assert_eq!(has(&de, "dg.load", Severity::Review), !exempt, "{litres} L");
    }
    let at_limit = eval_in(set(), &cartridges_and_diesel_litres(820, Some(1000)), "DE");
    assert_eq!(at_limit.required_stages, ["movcon"]);
    assert!(find(&at_limit, "dg.exempt_1136")[0]
        .message
        .contains("1202 1 000 L × 1"));
}

#[test]
fn adr_1_1_3_6_3_diesel_without_litres_is_estimated_on_the_safe_side() {
    // 1 000 kg of diesel without a volume: at 800 kg/m³ it is 1 250 L, so 1 250 points at
    // transport category 3 — not exempt (the old reading counted 1 000 kg as 1 000 points).
    let over = eval_in(set(), &cartridges_and_diesel(1000), "DE");
    assert!(
        find(&over, "dg.exempt_1136").is_empty(),
        "{:?}",
        rules(&over)
    );
    let load = find(&over, "dg.load");
    assert_eq!(load.len(), 1);
    assert!(
        load[0]
            .message
            .contains("1 250 L (estimated from 1 000 kg at 800 kg/m³")
            && load[0].message.contains("= 1 250 points"),
        "{}",
        load[0].message
    );
    assert!(over.required_stages.contains(&"dg_authority".to_string()));
    // No longer exempt, so the diesel's D/E code counts: a category E tunnel is closed to tanks.
    assert!(has(&over, "dg.tunnel", Severity::Block));
    // Edges of the estimate: 800 kg is 1 000 L (exempt), 801 kg is 1 002 L (not).
    assert!(has(
        &eval_in(set(), &cartridges_and_diesel(800), "DE"),
        "dg.exempt_1136",
        Severity::Info
    ));
    assert!(has(
        &eval_in(set(), &cartridges_and_diesel(801), "DE"),
        "dg.load",
        Severity::Review
    ));
}

#[test]
fn adr_1_1_3_6_3_compressed_gas_without_water_capacity_cannot_be_shown_exempt() {
    let gas = |litres: Option<u32>| {
        let mut line = json!({"description": "Nitrogen cylinders", "un_number": "1066", "quantity_kg": 10, "vehicle": 0});
        if let Some(l) = litres {
            line["litres"] = l.into();
        }
        movement(
            "routine",
            vec![leg(
                "DE",
                "2026-12-02T06:00:00Z",
                "2026-12-02T16:00:00Z",
                &[],
                None,
            )],
            vec![truck()],
            vec![line],
        )
    };
    // Transport category 3: 1 000 L of water capacity is exactly 1 000 points, 1 001 L above.
    assert!(has(
        &eval_in(set(), &gas(Some(1000)), "DE"),
        "dg.exempt_1136",
        Severity::Info
    ));
    assert!(has(
        &eval_in(set(), &gas(Some(1001)), "DE"),
        "dg.load",
        Severity::Review
    ));
    let unknown = eval_in(set(), &gas(None), "DE");
    let load = find(&unknown, "dg.load");
    assert_eq!(load.len(), 1, "{:?}", rules(&unknown));
    assert!(
        load[0].message.contains("water capacity"),
        "{}",
        load[0].message
    );
}

/// One truck carrying the given cargo lines on a DE leg without tunnels.
fn one_truck(vehicle: Value, cargo: Vec<Value>) -> Movement {
    movement(
        "routine",
        vec![leg(
            "DE",
            "2026-12-02T06:00:00Z",
            "2026-12-02T16:00:00Z",
            &[],
            None,
        )],
        vec![vehicle],
        cargo,
    )
}

fn dg_line(un: &str, kg: u32, nem: Option<u32>) -> Value {
    let mut v = json!({"description": format!("UN {un}"), "un_number": un, "quantity_kg": kg, "vehicle": 0});
    if let Some(n) = nem {
        v["net_explosive_mass_kg"] = n.into();
    }
    v
}

fn truck_of(kind: &str) -> Value {
    let mut t = truck();
    t["adr_vehicle_type"] = kind.into();
    t
}

#[test]
fn adr_7_5_2_1_projectiles_1_1d_with_diesel_on_one_vehicle_are_blocked() {
    // The CrisisAmmunition example before it was corrected: UN 0168 1.1D and UN 1202.
    let m = one_truck(
        truck(),
        vec![dg_line("0168", 2000, Some(600)), dg_line("1202", 400, None)],
    );
    for code in ["DE", "PL", "CZ"] {
        let n = eval_in(set(), &movement_in(&m, code), code);
        let mixed = find(&n, "dg.mixed_loading");
        assert_eq!(mixed.len(), 1, "{code}: {:?}", rules(&n));
        assert_eq!(mixed[0].severity, Severity::Block);
        assert_eq!(mixed[0].source, "adr_752");
        assert!(mixed[0].message.contains("7.5.2.1"), "{}", mixed[0].message);
        assert!(n.required_stages.contains(&"dg_authority".to_string()));
    }
    // On separate vehicles the same goods are fine.
    let mut apart = one_truck(truck(), vec![]).input().clone();
    apart.vehicles.push(apart.vehicles[0].clone());
    apart.cargo = serde_json::from_value(json!([dg_line("0168", 2000, Some(600)), {"description": "Diesel", "un_number": "1202", "quantity_kg": 400, "vehicle": 1}])).unwrap();
    let apart = Movement::parse(apart).unwrap();
    assert!(find(&eval_in(set(), &apart, "DE"), "dg.mixed_loading").is_empty());
}

/// The same movement with its one leg moved to another nation.
fn movement_in(m: &Movement, code: &str) -> Movement {
    let mut input = m.input().clone();
    input.itinerary[0].nation = nation(code);
    Movement::parse(input).unwrap()
}

#[test]
fn adr_7_5_2_1_applies_under_the_1_1_3_6_exemption() {
    // 5 kg NEM of 1.1D (transport category 1: 250 points) with 10 L of diesel: exempt from
    // most of ADR, but 1.1.3.6.2 keeps chapter 7.5: the mix is still prohibited.
    let mut diesel = dg_line("1202", 8, None);
    diesel["litres"] = 10.into();
    let de = eval_in(
        set(),
        &one_truck(truck(), vec![dg_line("0168", 20, Some(5)), diesel]),
        "DE",
    );
    assert!(
        has(&de, "dg.exempt_1136", Severity::Info),
        "{:?}",
        rules(&de)
    );
    assert!(has(&de, "dg.mixed_loading", Severity::Block));
}

#[test]
fn adr_7_5_2_1_note_a_1_4s_travels_with_anything_but_other_1_4_does_not() {
    // 1.4S (UN 0012 cartridges, UN 0367 fuzes) with diesel, an acid, a 1.1D projectile, 1.1F
    // rockets: permitted (7.5.2.1 note a; 7.5.2.2 S with B to N).
    for other in ["1202", "1830", "0168", "0180", "0029", "1950"] {
        for s in ["0012", "0367"] {
            let de = eval_in(
                set(),
                &one_truck(
                    truck(),
                    vec![dg_line(s, 100, Some(5)), dg_line(other, 50, Some(10))],
                ),
                "DE",
            );
            assert!(
                find(&de, "dg.mixed_loading").is_empty(),
                "{s} with {other}: {:?}",
                rules(&de)
            );
        }
    }
    // 1.4G fireworks or 1.4C cartridges with diesel: label 1.4 other than S, prohibited.
    for not_s in ["0336", "0339"] {
        let de = eval_in(
            set(),
            &one_truck(
                truck(),
                vec![dg_line(not_s, 100, Some(5)), dg_line("1202", 50, None)],
            ),
            "DE",
        );
        assert!(
            has(&de, "dg.mixed_loading", Severity::Block),
            "{not_s}: {:?}",
            rules(&de)
        );
    }
}

#[test]
fn adr_7_5_2_1_notes_b_and_c_permit_class_9_safety_devices() {
    // Note b: class 1 with UN 3268; note c: UN 0503 (1.4G) with UN 3268.
    for ex in ["0168", "0503"] {
        let de = eval_in(
            set(),
            &one_truck(
                truck(),
                vec![dg_line(ex, 100, Some(5)), dg_line("3268", 50, None)],
            ),
            "DE",
        );
        assert!(
            find(&de, "dg.mixed_loading").is_empty(),
            "{ex}: {:?}",
            rules(&de)
        );
    }
    // Class 9 lithium batteries are not life-saving appliances: prohibited with 1.1D.
    let de = eval_in(
        set(),
        &one_truck(
            truck(),
            vec![dg_line("0168", 100, Some(5)), dg_line("3480", 50, None)],
        ),
        "DE",
    );
    assert!(has(&de, "dg.mixed_loading", Severity::Block));
}

#[test]
fn adr_7_5_2_2_compatibility_groups() {
    let pair = |a: &str, b: &str| {
        let de = eval_in(
            set(),
            &one_truck(
                truck(),
                vec![dg_line(a, 100, Some(10)), dg_line(b, 100, Some(10))],
            ),
            "DE",
        );
        find(&de, "dg.mixed_loading").len()
    };
    // F (UN 0180 rockets 1.1F) with D (UN 0168 1.1D): prohibited.
    assert_eq!(pair("0180", "0168"), 1);
    // F with F (0180 with 0005) and F with S (0012): permitted.
    assert_eq!(pair("0180", "0005"), 0);
    assert_eq!(pair("0180", "0012"), 0);
    // C, D, E together (propelling charge 1.1C, projectile 1.1D, rocket 1.1E): permitted.
    assert_eq!(pair("0279", "0168"), 0);
    assert_eq!(pair("0181", "0168"), 0);
    // B with D (detonators 1.1B with projectiles 1.1D): only with approved separation (note a),
    // which a notification does not state: refused on the strict reading.
    assert_eq!(pair("0029", "0168"), 1);
    // B with C: prohibited; B with B: permitted.
    assert_eq!(pair("0106", "0279"), 1);
    assert_eq!(pair("0106", "0029"), 0);
}

#[test]
fn adr_7_5_5_2_1_ex_ii_and_ex_iii_limits_at_their_edges() {
    let rockets = |vehicle: Value, nem: u32| {
        eval_in(
            set(),
            &one_truck(vehicle, vec![dg_line("0181", 20_000, Some(nem))]),
            "DE",
        )
    };
    // EX/II, division 1.1: 1 000 kg.
    for (nem, blocked) in [(999, false), (1000, false), (1001, true)] {
        let n = rockets(truck_of("EX/II"), nem);
        assert_eq!(
            has(&n, "dg.explosive_mass", Severity::Block),
            blocked,
            "EX/II {nem}"
        );
    }
    // EX/III: 16 000 kg.
    for (nem, blocked) in [(15_999, false), (16_000, false), (16_001, true)] {
        let n = rockets(truck_of("EX/III"), nem);
        assert_eq!(
            has(&n, "dg.explosive_mass", Severity::Block),
            blocked,
            "EX/III {nem}"
        );
    }
    // No vehicle type: read as EX/III, and the finding says so.
    assert!(find(&rockets(truck(), 16_000), "dg.explosive_mass").is_empty());
    let unknown = rockets(truck(), 16_001);
    let f = find(&unknown, "dg.explosive_mass");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].source, "adr_7552");
    assert!(f[0].message.contains("read as EX/III"), "{}", f[0].message);
    // EX/II, division 1.2 (UN 0321): 3 000 kg; 1.4 (UN 0412): 15 000 kg.
    let one = |un: &str, nem: u32| {
        has(
            &eval_in(
                set(),
                &one_truck(truck_of("EX/II"), vec![dg_line(un, 20_000, Some(nem))]),
                "DE",
            ),
            "dg.explosive_mass",
            Severity::Block,
        )
    };
    assert!(!one("0321", 3000) && one("0321", 3001));
    assert!(!one("0412", 15_000) && one("0412", 15_001));
    // EX/II, division 1.5 (UN 0482 1.5D): 500 kg (ADR 7.5.5.2.1).
    assert!(!one("0482", 499) && !one("0482", 500) && one("0482", 501));
    // 1.4S is unlimited: group S does not count (ADR 7.5.5.2.2), even far above 15 000 kg.
    assert!(!one("0012", 20_000));
    // ... nor does it add to another division's mass: 1 000 kg of 1.1 with 1.4S on an EX/II.
    let with_s = eval_in(
        set(),
        &one_truck(
            truck_of("EX/II"),
            vec![
                dg_line("0181", 20_000, Some(1000)),
                dg_line("0012", 20_000, Some(5000)),
            ],
        ),
        "DE",
    );
    assert!(
        find(&with_s, "dg.explosive_mass").is_empty(),
        "{:?}",
        rules(&with_s)
    );
}

#[test]
fn adr_7_5_5_2_2_a_mixed_load_counts_as_its_most_dangerous_division() {
    // 1.1C propelling charge (UN 0279) and 1.3C (UN 0242) on an EX/II: the whole load counts as
    // 1.1 (1 000 kg), though 1.3 alone may carry 5 000 kg.
    let mixed = |a: u32, b: u32| {
        eval_in(
            set(),
            &one_truck(
                truck_of("EX/II"),
                vec![
                    dg_line("0279", 5000, Some(a)),
                    dg_line("0242", 5000, Some(b)),
                ],
            ),
            "DE",
        )
    };
    assert!(find(&mixed(100, 900), "dg.explosive_mass").is_empty());
    let over = mixed(100, 901);
    let f = find(&over, "dg.explosive_mass");
    assert_eq!(f.len(), 1, "{:?}", rules(&over));
    assert!(
        f[0].message.contains("most dangerous division, 1.1"),
        "{}",
        f[0].message
    );
    // 1.3 alone: 1 001 kg is within 5 000 kg.
    let alone = eval_in(
        set(),
        &one_truck(truck_of("EX/II"), vec![dg_line("0242", 5000, Some(1001))]),
        "DE",
    );
    assert!(find(&alone, "dg.explosive_mass").is_empty());
}

#[test]
fn adr_7_2_4_v2_class_1_under_full_regulation_needs_an_ex_vehicle() {
    // 600 kg NEM of 1.1D on an FL tanker: not exempt, so V2 requires EX/II or EX/III.
    let fl = eval_in(
        set(),
        &one_truck(truck_of("FL"), vec![dg_line("0168", 2000, Some(600))]),
        "DE",
    );
    assert!(
        has(&fl, "dg.ex_vehicle", Severity::Block),
        "{:?}",
        rules(&fl)
    );
    // Exempt under 1.1.3.6 (20 kg NEM × 50 = 1 000 points): 1.1.3.6.2 lifts V2.
    let small = eval_in(
        set(),
        &one_truck(truck_of("AT"), vec![dg_line("0168", 60, Some(20))]),
        "DE",
    );
    assert!(
        has(&small, "dg.exempt_1136", Severity::Info),
        "{:?}",
        rules(&small)
    );
    assert!(find(&small, "dg.ex_vehicle").is_empty());
    let just_over = eval_in(
        set(),
        &one_truck(truck_of("AT"), vec![dg_line("0168", 60, Some(21))]),
        "DE",
    );
    assert!(has(&just_over, "dg.ex_vehicle", Severity::Block));
    // 1.4S carries no V2: any vehicle.
    let s = eval_in(
        set(),
        &one_truck(truck_of("FL"), vec![dg_line("0012", 20_000, Some(2000))]),
        "DE",
    );
    assert!(find(&s, "dg.ex_vehicle").is_empty(), "{:?}", rules(&s));
}

#[test]
fn the_dangerous_goods_list_holds_every_ammunition_entry_with_each_packing_group() {
    let list = set().dangerous_goods();
    for un in [
        "0005", "0006", "0007", "0029", "0030", "0106", "0136", "0257", "0279", "0284", "0285",
        "0321", "0328", "0339", "0348", "0367", "0412", "0414", "1268", "1863", "1950", "1993",
        "3268",
    ] {
        let rows = list.entries(crate::domain::UnNumber::parse(un).unwrap());
        assert!(!rows.is_empty(), "{un} missing");
    }
    let pgs = |un: &str| {
        let mut p: Vec<String> = list
            .entries(crate::domain::UnNumber::parse(un).unwrap())
            .iter()
            .filter_map(|r| r.packing_group.clone())
            .collect();
        p.dedup();
        p
    };
    assert_eq!(pgs("1863"), ["I", "II", "III"]);
    assert_eq!(pgs("1268"), ["I", "II", "III"]);
    assert_eq!(pgs("1993"), ["I", "II", "III"]);
    // Every liquid with a density range names its source.
    for rows in
        ["1202", "1203", "1863"].map(|u| list.entries(crate::domain::UnNumber::parse(u).unwrap()))
    {
        for r in rows {
            assert!(
                r.density_kg_per_m3.is_some() && !r.density_source.is_empty(),
                "{}",
                r.un_number
            );
        }
    }
}

#[test]
fn special_factor_and_transport_category_0_follow_the_table() {
    // 50 kg of ammonia (UN 1005, footnote a: 20 points per kg) is exactly 1000 points.
    let ammonia = |kg: u32| {
        movement(
            "routine",
            vec![leg(
                "DE",
                "2026-12-02T06:00:00Z",
                "2026-12-02T16:00:00Z",
                &[],
                None,
            )],
            vec![truck()],
            vec![
                json!({"description": "Ammonia", "un_number": "1005", "quantity_kg": kg, "vehicle": 0}),
            ],
        )
    };
    assert!(has(
        &eval_in(set(), &ammonia(50), "DE"),
        "dg.exempt_1136",
        Severity::Info
    ));
    assert!(has(
        &eval_in(set(), &ammonia(51), "DE"),
        "dg.load",
        Severity::Review
    ));
}

#[test]
fn an_unlisted_un_number_needs_the_dg_authority() {
    let m = movement(
        "routine",
        vec![leg(
            "DE",
            "2026-12-02T06:00:00Z",
            "2026-12-02T16:00:00Z",
            &[],
            None,
        )],
        vec![truck()],
        vec![
            json!({"description": "Something new", "un_number": "3999", "quantity_kg": 1, "vehicle": 0}),
        ],
    );
    let de = eval_in(set(), &m, "DE");
    assert!(has(&de, "dg.unlisted", Severity::Review));
    assert_eq!(find(&de, "dg.unlisted")[0].subject, "cargo[0].un_number");
    assert!(has(&de, "dg.load", Severity::Review), "never exempt");
}

#[test]
fn a_convoy_in_germany_on_a_sunday_afternoon_gets_the_ban_with_the_military_exemption_as_stated() {
    // Sunday 6 December 2026, 13:00-19:00 in Berlin (CET = UTC+1).
    let m = movement(
        "priority",
        vec![leg(
            "DE",
            "2026-12-06T12:00:00Z",
            "2026-12-06T18:00:00Z",
            &[],
            Some(80),
        )],
        vec![truck()],
        vec![],
    );
    let de = eval_in(set(), &m, "DE");
    let ban = find(&de, "ban.sunday");
    assert_eq!(ban.len(), 1, "{:?}", rules(&de));
    let ban = ban[0];
    let stated = &set().get(nation("DE")).unwrap().file.driving_bans[0].military;
    assert_eq!(ban.severity, stated.severity);
    assert_eq!(ban.severity, Severity::Condition);
    assert_eq!(ban.condition, stated.condition);
    assert_eq!(ban.source, "stvo30");
    assert_eq!(ban.subject, "itinerary[0]");
    assert!(
        ban.message
            .contains("on Sun 2026-12-06 from 13:00 to 19:00 local time"),
        "{}",
        ban.message
    );
    assert!(ban
        .message
        .contains("military movements: exempt with condition"));
    assert!(ban.message.contains(&stated.statement));
    // The same hours on a Wednesday: nothing.
    let weekday = movement(
        "priority",
        vec![leg(
            "DE",
            "2026-12-02T12:00:00Z",
            "2026-12-02T18:00:00Z",
            &[],
            Some(80),
        )],
        vec![truck()],
        vec![],
    );
    assert!(find(&eval_in(set(), &weekday, "DE"), "ban.sunday").is_empty());
    // After 22:00 local on the Sunday: the ban is over.
    let late = movement(
        "priority",
        vec![leg(
            "DE",
            "2026-12-06T21:00:00Z",
            "2026-12-06T23:00:00Z",
            &[],
            Some(80),
        )],
        vec![truck()],
        vec![],
    );
    assert!(find(&eval_in(set(), &late, "DE"), "ban.sunday").is_empty());
}

#[test]
fn a_public_holiday_is_a_ban_day() {
    // Friday 25 December 2026, Christmas Day, 10:00-12:00 in Berlin.
    let christmas = movement(
        "priority",
        vec![leg(
            "DE",
            "2026-12-25T09:00:00Z",
            "2026-12-25T11:00:00Z",
            &[],
            Some(80),
        )],
        vec![truck()],
        vec![],
    );
    let de = eval_in(set(), &christmas, "DE");
    assert!(
        has(&de, "ban.sunday", Severity::Condition),
        "{:?}",
        rules(&de)
    );
    assert!(find(&de, "ban.sunday")[0]
        .message
        .contains("on Fri 2026-12-25"));
    let friday_before = movement(
        "priority",
        vec![leg(
            "DE",
            "2026-12-18T09:00:00Z",
            "2026-12-18T11:00:00Z",
            &[],
            Some(80),
        )],
        vec![truck()],
        vec![],
    );
    assert!(find(&eval_in(set(), &friday_before, "DE"), "ban.sunday").is_empty());
    // A light vehicle is not concerned.
    let mut light = truck();
    light["gross_mass_kg"] = 7000.into();
    light["axles"][0]["load_kg"] = 3000.into();
    light["axles"][1]["load_kg"] = 4000.into();
    let light = movement(
        "priority",
        vec![leg(
            "DE",
            "2026-12-25T09:00:00Z",
            "2026-12-25T11:00:00Z",
            &[],
            Some(80),
        )],
        vec![light],
        vec![],
    );
    assert!(find(&eval_in(set(), &light, "DE"), "ban.sunday").is_empty());
}

/// The repository set with Germany's bans replaced by one night ban, Friday 22:00 to 06:00.
fn with_night_ban() -> PolicySet {
    let mut s = set().clone();
    let mut de = (**s.get(nation("DE")).unwrap()).clone();
    let mut ban = de.file.driving_bans[0].clone();
    ban.rule = "ban.night".into();
    ban.name = "Friday night ban".into();
    ban.days = vec![chrono::Weekday::Fri];
    ban.public_holidays = false;
    ban.from = chrono::NaiveTime::from_hms_opt(22, 0, 0).unwrap();
    ban.to = chrono::NaiveTime::from_hms_opt(6, 0, 0).unwrap();
    de.file.driving_bans = vec![ban];
    s.replace_policy(de);
    s
}

#[test]
fn a_ban_window_crosses_midnight_into_the_next_day() {
    let s = with_night_ban();
    let one_leg = |entry: &str, exit: &str| {
        movement(
            "priority",
            vec![leg("DE", entry, exit, &[], Some(80))],
            vec![truck()],
            vec![],
        )
    };
    // Saturday 5 December 2026, 03:00-04:00 Berlin: inside the window opened on Friday.
    let n = eval_in(
        &s,
        &one_leg("2026-12-05T02:00:00Z", "2026-12-05T03:00:00Z"),
        "DE",
    );
    let ban = find(&n, "ban.night");
    assert_eq!(ban.len(), 1, "{:?}", rules(&n));
    assert!(
        ban[0]
            .message
            .contains("on Fri 2026-12-04 from 03:00 to 04:00"),
        "{}",
        ban[0].message
    );
    // Saturday 06:00-08:00 Berlin: the window has closed.
    let n = eval_in(
        &s,
        &one_leg("2026-12-05T05:00:00Z", "2026-12-05T07:00:00Z"),
        "DE",
    );
    assert!(find(&n, "ban.night").is_empty());
    // Friday 21:00-22:00 Berlin ends as the window opens: no overlap.
    let n = eval_in(
        &s,
        &one_leg("2026-12-04T20:00:00Z", "2026-12-04T21:00:00Z"),
        "DE",
    );
    assert!(find(&n, "ban.night").is_empty());
    // Thursday night: not a ban day.
    let n = eval_in(
        &s,
        &one_leg("2026-12-04T01:00:00Z", "2026-12-04T02:00:00Z"),
        "DE",
    );
    assert!(find(&n, "ban.night").is_empty());
}

fn axle_pair(spacing: u32, each_kg: u32) -> Value {
    json!({"label": "Trailer test", "category": "wheeled", "count": 1, "gross_mass_kg": 7000 + 2 * each_kg,
           "length_mm": 12000, "width_mm": 2550, "height_mm": 3800, "mlc": 30,
           "axles": [{"load_kg": 7000, "spacing_mm": 3600, "driven": true},
                     {"load_kg": each_kg, "spacing_mm": spacing}, {"load_kg": each_kg}]})
}

#[test]
fn an_axle_spacing_exactly_on_a_band_boundary_takes_the_upper_band() {
    let run = |spacing: u32, each: u32| {
        let m = movement(
            "routine",
            vec![leg(
                "DE",
                "2026-12-02T06:00:00Z",
                "2026-12-02T16:00:00Z",
                &[],
                Some(80),
            )],
            vec![axle_pair(spacing, each)],
            vec![],
        );
        eval_in(set(), &m, "DE")
    };
    // 17 t tandem: 1 300 mm is the 18 t band (1 300-1 799), 1 299 mm the 16 t band.
    assert!(find(&run(1300, 8500), "axle.tandem").is_empty());
    let below = run(1299, 8500);
    let tandem = find(&below, "axle.tandem");
    assert_eq!(tandem.len(), 1, "{:?}", rules(&below));
    assert_eq!(tandem[0].subject, "vehicles[0].axles[1]");
    assert_eq!(
        tandem[0].message,
        "Trailer test: tandem axles 2–3 (1 299 mm apart) load 17 000 kg above the 16 000 kg tandem limit"
    );
    // 1 800 mm ends the group: two single axles of 8.5 t, each within 10 t.
    let apart = run(1800, 8500);
    assert!(find(&apart, "axle.tandem").is_empty() && find(&apart, "axle.single").is_empty());
    // ...but two single axles of 10.5 t each exceed the single-axle limit.
    let heavy = run(1800, 10500);
    assert_eq!(find(&heavy, "axle.single").len(), 2, "{:?}", rules(&heavy));
}

#[test]
fn a_drive_axle_above_its_limit_reads_with_figures() {
    let mut v = truck();
    v["gross_mass_kg"] = 19400.into();
    v["axles"][1]["load_kg"] = 12400.into();
    let m = movement(
        "routine",
        vec![leg(
            "DE",
            "2026-12-02T06:00:00Z",
            "2026-12-02T16:00:00Z",
            &[],
            Some(80),
        )],
        vec![v],
        vec![],
    );
    let de = eval_in(set(), &m, "DE");
    let driven = find(&de, "axle.driven");
    assert_eq!(driven.len(), 1);
    assert_eq!(driven[0].subject, "vehicles[0].axles[1]");
    assert_eq!(
        driven[0].message,
        "MAN HX 4x4: driven axle 2 load 12 400 kg above the 11 500 kg drive-axle limit"
    );
    assert_eq!(driven[0].stage.as_deref(), Some("road_authority"));
}

#[test]
fn national_gross_limits_differ() {
    // 42.5 t on a 3+2 articulated vehicle, every axle within its limit: above 40 t (DE, PL, LT,
    // LV, EE), within 44 t (BE; CZ 3+2, vyhl. 209/2018) and 50 t (NL).
    let v = json!({"label": "Tractor and semi-trailer", "category": "wheeled", "count": 1, "gross_mass_kg": 42500,
        "length_mm": 16500, "width_mm": 2550, "height_mm": 4000, "mlc": 40,
        "configuration": "articulated", "towing_unit_axles": 3,
        "axles": [{"load_kg": 7000, "spacing_mm": 3200}, {"load_kg": 9000, "spacing_mm": 1350, "driven": true},
                  {"load_kg": 9000, "spacing_mm": 5000, "driven": true}, {"load_kg": 8750, "spacing_mm": 1310}, {"load_kg": 8750}]});
    for (code, over) in [
        ("DE", true),
        ("PL", true),
        ("LT", true),
        ("LV", true),
        ("EE", true),
        ("BE", false),
        ("CZ", false),
        ("NL", false),
    ] {
        let m = movement(
            "routine",
            vec![leg(
                code,
                "2026-12-02T06:00:00Z",
                "2026-12-02T16:00:00Z",
                &[],
                Some(80),
            )],
            vec![v.clone()],
            vec![],
        );
        let n = eval_in(set(), &m, code);
        assert_eq!(
            has(&n, "gross", Severity::Review),
            over,
            "{code}: {:?}",
            rules(&n)
        );
        let expected: &[&str] = if over {
            &["movcon", "road_authority"]
        } else {
            &["movcon"]
        };
        assert_eq!(n.required_stages, expected, "{code}: {:?}", rules(&n));
    }
}

#[test]
fn minimum_notice_counts_working_days_in_the_nations_zone() {
    // Lithuania: 5 working days (lt_cbmp, eu_cbmp_2018), counted as Regulation 1182/71 counts
    // them: the day of submission does not count, nor weekends or Lithuanian public holidays.
    // Entry Wednesday 2 December 2026 08:00 Vilnius (UTC+2): the five working days must be
    // Wed 25, Thu 26, Fri 27, Mon 30 November and Tue 1 December, so the notification must be
    // in by the end of Tuesday 24 November, local time.
    let m = movement(
        "routine",
        vec![leg(
            "LT",
            "2026-12-02T06:00:00Z",
            "2026-12-02T16:00:00Z",
            &[],
            Some(80),
        )],
        vec![truck()],
        vec![],
    );
    let notice_at = |now: &str| {
        let e = evaluate(&m, set(), at(now)).unwrap();
        find(e.nation(nation("LT")).unwrap(), "convoy.notice")
            .into_iter()
            .map(|f| f.message.clone())
            .collect::<Vec<_>>()
    };
    // Five calendar days ahead (the old reading) is late: Friday 27 November.
    let late = notice_at("2026-11-27T06:00:00Z");
    assert_eq!(late.len(), 1);
    assert!(late[0].contains("notified 5 d before entry"), "{}", late[0]);
    assert!(
        late[0].contains("asks for 5 working days (not counting the day of submission, weekends or its public holidays; entry from Sat 2026-12-05 00:00 local time)"),
        "{}",
        late[0]
    );
    // Tuesday 23:59 local is in time; Wednesday 00:00 local is a minute too late.
    assert!(notice_at("2026-11-24T21:59:00Z").is_empty());
    assert_eq!(notice_at("2026-11-24T22:00:00Z").len(), 1);
    // Crisis movements count calendar hours: 24 h before entry is in time, 23 h 59 is not.
    let mut crisis = m.input().clone();
    crisis.priority = crate::domain::Priority::Crisis;
    let crisis = Movement::parse(crisis).unwrap();
    let c = |now: &str| {
        let e = evaluate(&crisis, set(), at(now)).unwrap();
        find(e.nation(nation("LT")).unwrap(), "convoy.notice").len()
    };
    assert_eq!(c("2026-12-01T06:00:00Z"), 0);
    assert_eq!(c("2026-12-01T06:01:00Z"), 1);
}

#[test]
fn a_nation_without_a_policy_is_refused_by_leg() {
    let m = movement(
        "routine",
        vec![
            leg(
                "DE",
                "2026-12-02T06:00:00Z",
                "2026-12-02T16:00:00Z",
                &[],
                Some(80),
            ),
            leg(
                "FR",
                "2026-12-02T17:00:00Z",
                "2026-12-02T20:00:00Z",
                &[],
                None,
            ),
        ],
        vec![truck()],
        vec![],
    );
    let errors = evaluate(&m, set(), at(EARLY)).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, "itinerary[1].nation");
    assert!(errors[0].message.contains("FR"));
}

#[test]
fn evaluation_is_deterministic_and_each_nation_appears_once() {
    let m = movement(
        "routine",
        vec![
            leg(
                "DE",
                "2026-12-02T06:00:00Z",
                "2026-12-02T10:00:00Z",
                &["B"],
                Some(80),
            ),
            leg(
                "CZ",
                "2026-12-02T11:00:00Z",
                "2026-12-02T14:00:00Z",
                &[],
                None,
            ),
            leg(
                "DE",
                "2026-12-02T15:00:00Z",
                "2026-12-02T18:00:00Z",
                &["C"],
                Some(60),
            ),
        ],
        vec![leopard_on_het(), truck()],
        vec![rockets(1200)],
    );
    let a = evaluate(&m, set(), at(EARLY)).unwrap();
    let b = evaluate(&m, set(), at(EARLY)).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.nations.len(), 2);
    let de = a.nation(nation("DE")).unwrap();
    // Both German legs: the tunnel block and the bridge block fire once per leg.
    assert_eq!(find(de, "dg.tunnel").len(), 2);
    assert_eq!(find(de, "mlc.bridge").len(), 2);
    let severities: Vec<Severity> = de.findings.iter().map(|f| f.severity).collect();
    let mut sorted = severities.clone();
    sorted.sort_by(|x, y| y.cmp(x));
    assert_eq!(severities, sorted, "heaviest first");
    assert_eq!(
        de.required_stages,
        ["movcon", "dg_authority", "road_authority", "police"]
    );
}

// ---- validation ----

fn repo_files() -> Vec<(PathBuf, Vec<u8>)> {
    let dir = policies_dir();
    let mut files = Vec::new();
    for name in ["DE.yaml", "PL.yaml", DANGEROUS_GOODS_FILE, ADR_TABLES_FILE] {
        let path = dir.join(name);
        let bytes = std::fs::read(&path).expect("policy file");
        files.push((path, bytes));
    }
    files
}

/// The DE, PL and list files, with one text replacement in DE.yaml; the errors shown.
fn refused_with(from: &str, to: &str) -> Vec<String> {
    let mut files = repo_files();
    let de = String::from_utf8(files[0].1.clone()).unwrap();
    assert!(de.contains(from), "DE.yaml has no `{from}`");
    files[0].1 = de.replacen(from, to, 1).into_bytes();
    PolicySet::from_files(files)
        .map(|_| ())
        .expect_err("should be refused")
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn assert_error(errors: &[String], starts: &str) {
    assert!(
        errors.iter().any(|e| e.contains(starts)),
        "no error containing `{starts}` in {errors:#?}"
    );
}

#[test]
fn the_repository_files_load_from_memory_too() {
    let s = PolicySet::from_files(repo_files()).unwrap();
    let nations: Vec<String> = s.nations().iter().map(ToString::to_string).collect();
    assert_eq!(nations, ["DE", "PL"]);
    // The same files from a directory make the same set: the same content hash.
    let dir = tempfile::tempdir().unwrap();
    for (path, bytes) in repo_files() {
        std::fs::write(dir.path().join(path.file_name().unwrap()), bytes).unwrap();
    }
    let from_disk = PolicySet::load_dir(dir.path()).unwrap();
    assert_eq!(from_disk.version(), s.version());
    // And a changed byte makes another set.
    let mut files = repo_files();
    files[0].1.extend_from_slice(b"\n# a comment\n");
    assert_ne!(PolicySet::from_files(files).unwrap().version(), s.version());
}

#[test]
fn yaml_type_errors_and_unknown_keys_name_the_field() {
    let e = refused_with("above: 2550,", "above: wide,");
    assert_error(&e, "DE.yaml: weights.width_mm[0].above: ");
    let e = refused_with(
        "timezone: Europe/Berlin",
        "timezone: Europe/Berlin\nspeed_kmh: 60",
    );
    assert_error(&e, "DE.yaml: ");
    assert!(e.iter().any(|s| s.contains("speed_kmh")), "{e:?}");
    let e = refused_with(
        "    vehicles_above_kg: 7500",
        "    vehicles_above_kg: 7500\n    trucks_only: true",
    );
    assert!(
        e.iter()
            .any(|s| s.contains("driving_bans[0]") && s.contains("trucks_only")),
        "{e:?}"
    );
    let e = refused_with("nation: DE", "nation: [DE");
    assert_error(&e, "DE.yaml: ");
}

#[test]
fn the_file_name_must_match_the_nation() {
    let mut files = repo_files();
    files[0].0 = files[0].0.with_file_name("AT.yaml");
    let e: Vec<String> = PolicySet::from_files(files)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_error(
        &e,
        "AT.yaml: nation: `DE` does not match the file name `AT`",
    );
}

#[test]
fn references_to_missing_sources_and_stages_are_refused() {
    let e = refused_with("source: stvo30", "source: stvo31");
    assert_error(&e, "DE.yaml: driving_bans[0].source: cites `stvo31`");
    let e = refused_with(
        "above: 4500, severity: condition, stage: police",
        "above: 4500, severity: condition, stage: polizei",
    );
    assert_error(
        &e,
        "DE.yaml: weights.width_mm[3].stage: names stage `polizei`",
    );
    let e = refused_with("stages: [movcon]}", "stages: [movcon, customs]}");
    assert_error(&e, "DE.yaml: auto_clear.stages[1]: names stage `customs`");
    let e = refused_with(
        "  source: corridor\n\n# A policy",
        "  source: nobody\n\n# A policy",
    );
    assert_error(&e, "DE.yaml: escalation.source: cites `nobody`");
    let e = refused_with(
        "severity: review, stage: road_authority}\n  driven",
        "severity: review}\n  driven",
    );
    assert_error(
        &e,
        "DE.yaml: weights.single_axle_kg[0].stage: a `review` rule must name the stage it adds",
    );
}

#[test]
fn calendar_and_stage_mistakes_are_refused() {
    let e = refused_with("timezone: Europe/Berlin", "timezone: Europe/Bonn");
    assert_error(
        &e,
        "DE.yaml: timezone: `Europe/Bonn` is not an IANA time zone",
    );
    let e = refused_with(
        "start: \"07:30\", end: \"16:30\"",
        "start: \"16:30\", end: \"07:30\"",
    );
    assert_error(&e, "DE.yaml: working_hours.end: ");
    let e = refused_with("  - key: police", "  - key: movcon");
    assert_error(&e, "DE.yaml: stages[3].key: duplicate stage key `movcon`");
    let e = refused_with("{date: 2026-04-03,", "{date: 2026-04-07,");
    assert_error(&e, "DE.yaml: holidays[2].date: ");
}

#[test]
fn unordered_or_overlapping_tables_are_refused() {
    let e = refused_with("      - from_mm: 1000\n", "      - from_mm: 900\n");
    assert_error(
        &e,
        "DE.yaml: weights.axle_groups.tandem[1].from_mm: 900 overlaps",
    );
    let e = refused_with("      - from_mm: 1300\n", "      - from_mm: 1350\n");
    assert_error(
        &e,
        "DE.yaml: weights.axle_groups.tandem[2].from_mm: 1350 leaves a gap",
    );
    let e = refused_with(
        "above: 3000, severity: condition",
        "above: 2500, severity: condition",
    );
    assert_error(
        &e,
        "DE.yaml: weights.width_mm[1].above: 2500 is not above the previous threshold 2550",
    );
    let e = refused_with("      axles_from: 4\n", "      axles_from: 3\n");
    assert_error(&e, "DE.yaml: weights.gross_kg[2].axles_from: ");
}

#[test]
fn a_broken_or_missing_dangerous_goods_list_refuses_the_set() {
    let mut files = repo_files();
    let csv = String::from_utf8(files[2].1.clone()).unwrap();
    files[2].1 = csv
        .replacen(",1,1.1E,-,1,,0,1,B1000C", ",1,1.1E,-,1,,0,1,B100OC", 1)
        .into_bytes();
    let e: Vec<String> = PolicySet::from_files(files)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    // The first 1.1E row is UN 0006 on line 3.
    assert_error(&e, "dangerous_goods.csv: line 3: tunnel_code: `B100OC`");
    let mut files = repo_files();
    files.retain(|(p, _)| !p.ends_with(DANGEROUS_GOODS_FILE));
    let e: Vec<String> = PolicySet::from_files(files)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_error(&e, "dangerous_goods.csv: (file): missing");
}

#[test]
fn a_broken_set_is_refused_whole_with_every_error() {
    let mut files = repo_files();
    let de = String::from_utf8(files[0].1.clone()).unwrap();
    files[0].1 = de
        .replacen("timezone: Europe/Berlin", "timezone: Mars/Olympus", 1)
        .into_bytes();
    let pl = String::from_utf8(files[1].1.clone()).unwrap();
    files[1].1 = pl
        .replacen("source: pl_ban_reg", "source: pl_ban", 1)
        .into_bytes();
    let e = PolicySet::from_files(files).unwrap_err();
    let shown: Vec<String> = e.iter().map(ToString::to_string).collect();
    // Both files' errors are reported at once, each naming its file and what is wrong.
    assert!(
        shown
            .iter()
            .any(|m| m.contains("DE.yaml") && m.contains("Mars/Olympus")),
        "{shown:#?}"
    );
    assert!(
        shown
            .iter()
            .any(|m| m.contains("PL.yaml") && m.contains("pl_ban")),
        "{shown:#?}"
    );
}

#[test]
fn load_dir_skips_files_that_are_not_policies_and_names_a_missing_list() {
    let dir = tempfile::tempdir().unwrap();
    for (path, bytes) in repo_files() {
        std::fs::write(dir.path().join(path.file_name().unwrap()), bytes).unwrap();
    }
    std::fs::write(dir.path().join("README.md"), "# notes").unwrap();
    std::fs::write(dir.path().join("schema.json"), "{}").unwrap();
    std::fs::create_dir(dir.path().join("tests")).unwrap();
    std::fs::write(dir.path().join("tests").join("DE.yaml"), "cases: []").unwrap();
    let s = PolicySet::load_dir(dir.path()).unwrap();
    assert_eq!(s.nations().len(), 2);
    std::fs::remove_file(dir.path().join(DANGEROUS_GOODS_FILE)).unwrap();
    let e = PolicySet::load_dir(dir.path()).unwrap_err();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].field, "(file)");
    assert!(
        e[0].file.ends_with("dangerous_goods.csv") && e[0].file.len() > "dangerous_goods.csv".len()
    );
}

#[test]
fn policy_errors_display_file_field_message() {
    let e = PolicyError {
        file: "policies/DE.yaml".into(),
        field: "weights.width_mm[0].above".into(),
        message: "invalid type".into(),
    };
    assert_eq!(
        e.to_string(),
        "policies/DE.yaml: weights.width_mm[0].above: invalid type"
    );
}

#[test]
fn a_prohibited_class_is_found_on_its_cargo_line() {
    let mut s = set().clone();
    let mut de = (**s.get(nation("DE")).unwrap()).clone();
    de.file.dangerous_goods.prohibited = vec![Prohibition {
        rule: "dg.prohibited.gases".into(),
        source: "ggvseb56".into(),
        un_numbers: vec![],
        classes: vec!["2".into()],
        classification_codes: vec![],
        severity: Severity::Block,
        stage: Some("dg_authority".into()),
        condition: None,
    }];
    s.replace_policy(de);
    let m = movement(
        "routine",
        vec![leg(
            "DE",
            "2026-12-02T06:00:00Z",
            "2026-12-02T16:00:00Z",
            &[],
            None,
        )],
        vec![truck()],
        vec![
            json!({"description": "Diesel", "un_number": "1202", "quantity_kg": 20, "vehicle": 0}),
            json!({"description": "Propane", "un_number": "1978", "quantity_kg": 10, "vehicle": 0}),
        ],
    );
    let de = eval_in(&s, &m, "DE");
    let p = find(&de, "dg.prohibited.gases");
    assert_eq!(p.len(), 1, "{:?}", rules(&de));
    assert_eq!(p[0].subject, "cargo[1]");
    assert!(
        p[0].message.starts_with("UN 1978 PROPANE (class 2, 2F)"),
        "{}",
        p[0].message
    );
    assert!(de.required_stages.contains(&"dg_authority".to_string()));
}

/// Every key a loaded policy serializes to must be described by `policies/schema.json`, so the
/// editors' schema cannot drift from the Rust types.
#[test]
fn schema_json_describes_every_field_of_the_policy_files() {
    fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
        match node.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let name = r.trim_start_matches("#/$defs/");
                resolve(root, &root["$defs"][name])
            }
            None => node,
        }
    }
    fn walk(root: &Value, schema: &Value, value: &Value, path: &str, missing: &mut Vec<String>) {
        let schema = resolve(root, schema);
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    match schema.get("properties").and_then(|p| p.get(k)) {
                        Some(s) => walk(root, s, v, &format!("{path}.{k}"), missing),
                        None => missing.push(format!("{path}.{k}")),
                    }
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    walk(root, &schema["items"], v, &format!("{path}[{i}]"), missing);
                }
            }
            _ => {}
        }
    }
    let text = std::fs::read_to_string(policies_dir().join("schema.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).expect("schema.json is JSON");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let mut missing = Vec::new();
    for policy in set().policies() {
        let value = serde_json::to_value(&policy.file).unwrap();
        walk(
            &schema,
            &schema,
            &value,
            policy.file.nation.as_str(),
            &mut missing,
        );
        for key in schema["required"].as_array().unwrap() {
            assert!(value.get(key.as_str().unwrap()).is_some(), "{key} required");
        }
    }
    assert!(missing.is_empty(), "not in schema.json: {missing:?}");
}

#[test]
fn rail_movements_skip_road_rules_but_keep_dangerous_goods() {
    let m = movement(
        "routine",
        vec![leg(
            "DE",
            "2026-12-06T06:00:00Z",
            "2026-12-06T16:00:00Z",
            &["B"],
            Some(20),
        )],
        vec![leopard_on_het()],
        vec![rockets(1200)],
    );
    let mut input = m.input().clone();
    input.mode = crate::domain::Mode::Rail;
    let rail = Movement::parse(input).unwrap();
    let de = eval_in(set(), &rail, "DE");
    let fired: Vec<&str> = de.findings.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(
        fired,
        ["dg.load", "dg.escort.explosives"],
        "{:?}",
        rules(&de)
    );
}

#[test]
fn a_short_heavy_tracked_vehicle_exceeds_the_mass_per_metre() {
    // StVZO § 34b(2): per metre of the span between the first and last road wheel (3.00 m
    // here), not of the overall length (5.00 m, which read 10 800 kg/m before).
    let tracked = json!({"label": "Tracked recovery vehicle", "category": "tracked", "count": 1,
        "gross_mass_kg": 54000, "length_mm": 5000, "width_mm": 2500, "height_mm": 2800, "mlc": 60,
        "axles": [{"load_kg": 18000, "spacing_mm": 1500}, {"load_kg": 18000, "spacing_mm": 1500}, {"load_kg": 18000}]});
    let de = eval_in(set(), &de_movement(vec![tracked]), "DE");
    let per_metre = find(&de, "tracked.per_metre");
    assert_eq!(per_metre.len(), 1, "{:?}", rules(&de));
    assert!(
        per_metre[0].message.contains(
            "gross mass 54 000 kg over 3 000 mm from the first to the last road wheel is 18 000 kg per metre, above the 9 000 kg/m"
        ),
        "{}",
        per_metre[0].message
    );
    assert_eq!(per_metre[0].source, "stvzo34");
    assert!(has(&de, "tracked.gross", Severity::Review));
    let wheel = find(&de, "tracked.road_wheel");
    assert_eq!(wheel.len(), 1, "the heaviest station, once");
    assert_eq!(wheel[0].subject, "vehicles[0].axles[0]");
    assert!(wheel[0]
        .message
        .contains("road-wheel station 1 carries 18 000 kg, 9 000 kg on each of its two road wheels, above the 2 000 kg"));
    assert!(
        find(&de, "axle.tridem").is_empty(),
        "axle tables are for wheeled vehicles"
    );
}

fn de_movement(vehicles: Vec<Value>) -> Movement {
    nation_movement("DE", vehicles)
}

fn nation_movement(code: &str, vehicles: Vec<Value>) -> Movement {
    movement(
        "routine",
        vec![leg(
            code,
            "2026-12-02T06:00:00Z",
            "2026-12-02T16:00:00Z",
            &[],
            Some(80),
        )],
        vehicles,
        vec![],
    )
}

/// A tracked vehicle of `stations` road-wheel stations of `each_kg`, the last carrying
/// `last_kg`, `spacing` apart.
fn tracked(stations: usize, each_kg: u32, last_kg: u32, spacing: u32) -> Value {
    let mut axles: Vec<Value> = (0..stations - 1)
        .map(|_| json!({"load_kg": each_kg, "spacing_mm": spacing}))
        .collect();
    axles.push(json!({"load_kg": last_kg}));
    let gross = each_kg * (stations as u32 - 1) + last_kg;
    json!({"label": "Tracked test vehicle", "category": "tracked", "count": 1, "gross_mass_kg": gross,
        "length_mm": 7000, "width_mm": 2550, "height_mm": 2600, "mlc": 30, "axles": axles})
}

#[test]
fn tracked_limits_of_stvzo_34b_at_their_edges() {
    let fired =
        |v: Value, rule: &str| !find(&eval_in(set(), &de_movement(vec![v]), "DE"), rule).is_empty();
    // § 34b(1): 2.00 t per road wheel; a station's load over its two road wheels, rounded up.
    assert!(!fired(tracked(8, 3999, 3999, 1000), "tracked.road_wheel"));
    assert!(!fired(tracked(8, 4000, 4000, 1000), "tracked.road_wheel"));
    assert!(fired(tracked(8, 4000, 4001, 1000), "tracked.road_wheel"));
    // § 34b(1): 32.00 t gross (9 stations, each within 2.00 t per wheel, 4 000 kg/m).
    assert!(!fired(tracked(9, 3555, 3559, 1000), "tracked.gross")); // 31 999 kg
    assert!(!fired(tracked(9, 3555, 3560, 1000), "tracked.gross")); // 32 000 kg
    assert!(fired(tracked(9, 3555, 3561, 1000), "tracked.gross")); // 32 001 kg
                                                                   // § 34b(2): 9.00 t per metre over the span (6 × 500 mm = 3.00 m): 26 999, 27 000, 27 001 kg.
    assert!(!fired(tracked(7, 3857, 3857, 500), "tracked.per_metre"));
    assert!(!fired(tracked(7, 3857, 3858, 500), "tracked.per_metre"));
    assert!(fired(tracked(7, 3857, 3859, 500), "tracked.per_metre"));
    // The overall length does not enter: 10 m long, same span, same result.
    let mut long = tracked(7, 3857, 3859, 500);
    long["length_mm"] = 10_000.into();
    assert!(fired(long, "tracked.per_metre"));
}

#[test]
fn tracked_gross_limits_are_each_nations_own_or_a_marked_planning_default() {
    // 18 001 kg on 9 stations (2 000 kg each, 2 001 last... within 2.00 t per wheel).
    let v = tracked(9, 2000, 2001, 1000);
    let cz = eval_in(set(), &nation_movement("CZ", vec![v.clone()]), "CZ");
    let gross = find(&cz, "tracked.gross");
    assert_eq!(gross.len(), 1, "CZ 18 t (vyhl. 209/2018): {:?}", rules(&cz));
    assert_eq!(gross[0].source, "cz_209");
    assert!(find(
        &eval_in(
            set(),
            &nation_movement("CZ", vec![tracked(9, 2000, 2000, 1000)]),
            "CZ"
        ),
        "tracked.gross"
    )
    .is_empty());
    let de = eval_in(set(), &de_movement(vec![v.clone()]), "DE");
    assert!(find(&de, "tracked.gross").is_empty(), "DE allows 32 t");
    // No national figure found: every tracked vehicle is referred, citing the planning default.
    for code in ["BE", "EE", "LT", "LV", "NL", "PL"] {
        let n = eval_in(
            set(),
            &nation_movement(code, vec![tracked(3, 1000, 1000, 1000)]),
            code,
        );
        let g = find(&n, "tracked.gross");
        assert_eq!(g.len(), 1, "{code}: {:?}", rules(&n));
        assert_eq!(g[0].source, "corridor", "{code}");
        assert!(
            find(&n, "tracked.per_metre").is_empty() && find(&n, "tracked.road_wheel").is_empty()
        );
    }
}

#[test]
fn limits_on_the_permissible_mass_read_it_when_given_and_never_below_the_actual() {
    let truck_with = |actual: u32, permissible: Option<u32>| {
        let mut v = truck();
        v["gross_mass_kg"] = actual.into();
        v["axles"][1]["load_kg"] = (actual - 7000).into();
        if let Some(p) = permissible {
            v["permissible_mass_kg"] = p.into();
        }
        v
    };
    let gross = |v: Value| {
        find(&eval_in(set(), &de_movement(vec![v]), "DE"), "gross")
            .into_iter()
            .cloned()
            .collect::<Vec<_>>()
    };
    // StVZO § 34: 18 t for two axles, on the zulässige Gesamtmasse.
    assert!(gross(truck_with(16_000, Some(18_000))).is_empty());
    let over = gross(truck_with(16_000, Some(18_001)));
    assert_eq!(over.len(), 1);
    assert_eq!(
        over[0].message,
        "MAN HX 4x4: permissible mass 18 001 kg above the 18 000 kg gross limit for a 2-axle motor vehicle"
    );
    // A vehicle loaded above its permissible mass is read at what it weighs.
    assert_eq!(gross(truck_with(18_001, Some(17_000))).len(), 1);
    // Absent: the actual mass, and the message says so.
    let absent = gross(truck_with(18_001, None));
    assert!(absent[0]
        .message
        .contains("gross mass 18 001 kg (no permissible mass given: the actual mass is read)"));
    // § 34b reads the actual mass of a tracked vehicle ("Gesamtgewicht"): a high permissible mass
    // alone does not fire in DE; CZ's tracked limit is on the permissible mass and does.
    let mut t = tracked(9, 2000, 2000, 1000);
    t["permissible_mass_kg"] = 40_000.into();
    assert!(find(
        &eval_in(set(), &de_movement(vec![t.clone()]), "DE"),
        "tracked.gross"
    )
    .is_empty());
    assert_eq!(
        find(
            &eval_in(set(), &nation_movement("CZ", vec![t]), "CZ"),
            "tracked.gross"
        )
        .len(),
        1
    );
}

/// A five-axle articulated vehicle: steer, drive, tridem at 1.5 m (or 3+2 with tandems), with
/// every axle within its limit.
fn five_axles(gross: u32, configuration: Option<&str>, towing: Option<u8>) -> Value {
    let rest = gross - 19_000;
    let each = rest / 3;
    let mut v = json!({"label": "Tractor and semi-trailer", "category": "wheeled", "count": 1, "gross_mass_kg": gross,
        "length_mm": 16500, "width_mm": 2550, "height_mm": 4000, "mlc": 40,
        "axles": [{"load_kg": 7500, "spacing_mm": 3600}, {"load_kg": 11500, "spacing_mm": 5000, "driven": true},
                  {"load_kg": each, "spacing_mm": 1500}, {"load_kg": each, "spacing_mm": 1500}, {"load_kg": rest - 2 * each}]});
    if let Some(c) = configuration {
        v["configuration"] = c.into();
    }
    if let Some(t) = towing {
        v["towing_unit_axles"] = t.into();
    }
    v
}

#[test]
fn gross_by_configuration_and_split_takes_the_strictest_reading_when_unstated() {
    let gross_in = |code: &str, v: Value| {
        find(
            &eval_in(set(), &nation_movement(code, vec![v]), code),
            "gross",
        )
        .into_iter()
        .cloned()
        .collect::<Vec<_>>()
    };
    // CZ, vyhl. 209/2018: 2+3 42 t.
    assert!(gross_in("CZ", five_axles(42_000, Some("articulated"), Some(2))).is_empty());
    assert_eq!(
        gross_in("CZ", five_axles(42_001, Some("articulated"), Some(2))).len(),
        1
    );
    // Split unstated: read as 2+3, the lowest Czech five-axle figure, and said so.
    let unstated = gross_in("CZ", five_axles(42_001, Some("articulated"), None));
    assert_eq!(unstated.len(), 1);
    assert!(
        unstated[0].message.contains("above the 42 000 kg gross limit for a 2+3 articulated vehicle (towing unit's axles not given: read as 2+3, the strictest reading for 5 axles)"),
        "{}",
        unstated[0].message
    );
    // Configuration unstated: a rigid 5-axle vehicle, 32 t, said so.
    let rigid = gross_in("CZ", five_axles(40_000, None, None));
    assert!(rigid[0].message.contains("above the 32 000 kg gross limit for a motor vehicle of 4 or more axles (configuration not given: read as a rigid vehicle, the strictest reading for 5 axles)"), "{}", rigid[0].message);
    // DE: 40 t for a combination of more than four axles (StVZO § 34(6)).
    assert!(gross_in("DE", five_axles(40_000, Some("road_train"), None)).is_empty());
    assert_eq!(
        gross_in("DE", five_axles(40_001, Some("road_train"), None)).len(),
        1
    );
    assert_eq!(
        gross_in("DE", five_axles(32_001, Some("rigid"), None)).len(),
        1
    );
}

/// Six axles: 3-axle tractor (steer, drive tandem) and a 3-axle semi (tridem at 1.5 m).
fn six_axles(gross: u32, towing: Option<u8>) -> Value {
    let rest = gross - 26_000;
    let mut v = json!({"label": "Tractor and semi-trailer 3+3", "category": "wheeled", "count": 1, "gross_mass_kg": gross,
        "length_mm": 16500, "width_mm": 2550, "height_mm": 4000, "mlc": 45, "configuration": "articulated",
        "axles": [{"load_kg": 8000, "spacing_mm": 3200}, {"load_kg": 9000, "spacing_mm": 1350, "driven": true},
                  {"load_kg": 9000, "spacing_mm": 5000, "driven": true}, {"load_kg": rest / 3, "spacing_mm": 1500},
                  {"load_kg": rest / 3, "spacing_mm": 1500}, {"load_kg": rest - 2 * (rest / 3)}]});
    if let Some(t) = towing {
        v["towing_unit_axles"] = t.into();
    }
    v
}

#[test]
fn estonia_allows_44_t_from_3_plus_3_axles() {
    let gross = |v: Value| {
        find(
            &eval_in(set(), &nation_movement("EE", vec![v]), "EE"),
            "gross",
        )
        .len()
    };
    // Maanteeamet (ERAA): 5 axles 40 t; 6 (3+3) or more 44 t.
    assert_eq!(gross(five_axles(40_000, Some("articulated"), Some(2))), 0);
    assert_eq!(gross(five_axles(40_001, Some("articulated"), Some(2))), 1);
    assert_eq!(gross(six_axles(44_000, Some(3))), 0);
    assert_eq!(gross(six_axles(44_001, Some(3))), 1);
    // 2+4 is not the 3+3 the figure names: 40 t (planning default); unstated split reads so too.
    assert_eq!(gross(six_axles(40_001, Some(2))), 1);
    assert_eq!(gross(six_axles(40_001, None)), 1);
}

#[test]
fn lengths_by_configuration_follow_96_53_annex_i() {
    let length = |v: Value| find(&eval_in(set(), &de_movement(vec![v]), "DE"), "dim.length").len();
    let with = |len: u32, c: Option<&str>| {
        let mut v = five_axles(40_000, c, None);
        v["length_mm"] = len.into();
        v
    };
    for (c, limit) in [
        (Some("rigid"), 12_000),
        (Some("articulated"), 16_500),
        (Some("road_train"), 18_750),
        (None, 12_000),
    ] {
        assert_eq!(length(with(limit - 1, c)), 0, "{c:?}");
        assert_eq!(length(with(limit, c)), 0, "{c:?}");
        assert_eq!(length(with(limit + 1, c)), 1, "{c:?}");
    }
}

#[test]
fn a_trailer_tandem_below_one_metre_carries_11_t_and_a_motor_vehicle_tandem_11_5_t() {
    // 96/53/EC Annex I 3.2 (motor vehicle, below 1.0 m: 11.5 t) and 3.4 (trailer: 11 t).
    let vehicle = |configuration: Option<&str>, towing: Option<u8>| {
        let mut v = json!({"label": "Low loader", "category": "wheeled", "count": 1, "gross_mass_kg": 29200,
            "length_mm": 16000, "width_mm": 2550, "height_mm": 4000, "mlc": 30,
            "axles": [{"load_kg": 7000, "spacing_mm": 3600}, {"load_kg": 11000, "spacing_mm": 6000, "driven": true},
                      {"load_kg": 5600, "spacing_mm": 900}, {"load_kg": 5600}]});
        if let Some(c) = configuration {
            v["configuration"] = c.into();
        }
        if let Some(t) = towing {
            v["towing_unit_axles"] = t.into();
        }
        v
    };
    let tandem = |v: Value| {
        find(&eval_in(set(), &de_movement(vec![v]), "DE"), "axle.tandem")
            .into_iter()
            .cloned()
            .collect::<Vec<_>>()
    };
    // 11 200 kg at 900 mm: above the trailer's 11 t, within the motor vehicle's 11.5 t.
    let trailer = tandem(vehicle(Some("articulated"), Some(2)));
    assert_eq!(trailer.len(), 1);
    assert!(trailer[0]
        .message
        .contains("above the 11 000 kg trailer tandem limit"));
    assert!(tandem(vehicle(Some("rigid"), None)).is_empty());
    // Unit unknown: the lower limit.
    assert_eq!(tandem(vehicle(None, None)).len(), 1);
}

fn mlc_leg(code: &str, min: Option<u16>, classes: Value) -> Value {
    let mut l = leg(
        code,
        "2026-12-02T06:00:00Z",
        "2026-12-02T16:00:00Z",
        &[],
        min,
    );
    l["bridge_mlc"] = classes;
    l
}

fn mlc_findings(legs: Vec<Value>, vehicle: Value) -> Vec<(String, Severity)> {
    let m = movement("routine", legs, vec![vehicle], vec![]);
    let de = eval_in(set(), &m, "DE");
    de.findings
        .iter()
        .filter(|f| f.rule.starts_with("mlc."))
        .map(|f| (f.rule.clone(), f.severity))
        .collect()
}

#[test]
fn bridge_classes_per_traffic_mode_and_category_stanag_2021() {
    let truck_mlc = |mlc: u16| {
        let mut v = truck();
        v["mlc"] = mlc.into();
        v
    };
    let classes = json!({"wheeled_two_way": 60, "wheeled_one_way": 80});
    let run = |mlc: u16| mlc_findings(vec![mlc_leg("DE", None, classes.clone())], truck_mlc(mlc));
    let one_way = || vec![("mlc.bridge_one_way".to_string(), Severity::Condition)];
    let block = || vec![("mlc.bridge".to_string(), Severity::Block)];
    // At the two-way class: nothing; above it and within the one-way class: one at a time.
    assert!(run(60).is_empty());
    assert_eq!(run(61), one_way());
    assert_eq!(run(80), one_way());
    assert_eq!(run(81), block());
    // No one-way class given: the two-way class blocks (the strict reading).
    let two_only = mlc_findings(
        vec![mlc_leg("DE", None, json!({"wheeled_two_way": 60}))],
        truck_mlc(61),
    );
    assert_eq!(two_only, block());
    // Beside min_bridge_mlc the lower class applies.
    let lower = mlc_findings(
        vec![mlc_leg("DE", Some(50), json!({"wheeled_two_way": 60}))],
        truck_mlc(55),
    );
    assert_eq!(lower, block());
    // A tracked vehicle on a leg that gives only a wheeled class reads that class.
    let mut tank = tracked(7, 9000, 9000, 900);
    tank["mlc"] = 70.into();
    let only_wheeled = mlc_findings(
        vec![mlc_leg("DE", None, json!({"wheeled_two_way": 60}))],
        tank.clone(),
    );
    assert_eq!(only_wheeled, block());
    let tracked_class = mlc_findings(
        vec![mlc_leg(
            "DE",
            None,
            json!({"wheeled_two_way": 60, "tracked_two_way": 70}),
        )],
        tank,
    );
    assert!(tracked_class.is_empty());
    // A wheeled vehicle with a tracked class too: checked against the tracked class as well.
    let mut dual = truck_mlc(60);
    dual["mlc_tracked"] = 71.into();
    let both = mlc_findings(
        vec![mlc_leg(
            "DE",
            None,
            json!({"wheeled_two_way": 80, "tracked_two_way": 70}),
        )],
        dual.clone(),
    );
    assert_eq!(both, block());
    dual["mlc_tracked"] = 70.into();
    assert!(mlc_findings(
        vec![mlc_leg(
            "DE",
            None,
            json!({"wheeled_two_way": 80, "tracked_two_way": 70})
        )],
        dual
    )
    .is_empty());
}

#[test]
fn towing_unit_axles_and_one_way_classes_are_checked_on_input() {
    let parse = |v: Value, l: Value| {
        let input: MovementInput = serde_json::from_value(json!({
            "priority": "routine", "kind": "single", "mode": "road",
            "requester": {"nation": "NL", "unit": "43 Mechanised Brigade", "contact": "S4"},
            "departure_at": "2026-12-02T06:00:00Z", "arrival_at": "2026-12-02T16:00:00Z",
            "itinerary": [l], "vehicles": [v], "cargo": [], "personnel": 1
        }))
        .expect("wire shape");
        Movement::parse(input)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect::<Vec<_>>()
    };
    let ok_leg = leg(
        "DE",
        "2026-12-02T06:00:00Z",
        "2026-12-02T16:00:00Z",
        &[],
        Some(80),
    );
    assert_eq!(
        parse(
            five_axles(40_000, Some("articulated"), Some(5)),
            ok_leg.clone()
        ),
        ["vehicles[0].towing_unit_axles"]
    );
    assert_eq!(
        parse(five_axles(40_000, Some("rigid"), Some(2)), ok_leg.clone()),
        ["vehicles[0].towing_unit_axles"]
    );
    assert!(parse(five_axles(40_000, Some("articulated"), Some(3)), ok_leg).is_empty());
    assert_eq!(
        parse(
            truck(),
            mlc_leg(
                "DE",
                None,
                json!({"tracked_two_way": 70, "tracked_one_way": 60})
            )
        ),
        ["itinerary[0].bridge_mlc.tracked_one_way"]
    );
    assert_eq!(
        parse(
            truck(),
            mlc_leg("DE", None, json!({"wheeled_two_way": 151}))
        ),
        ["itinerary[0].bridge_mlc.wheeled_two_way"]
    );
}

/// Easter Sunday (Gregorian, the anonymous algorithm), to check the listed holiday dates.
fn easter(y: i32) -> chrono::NaiveDate {
    let (a, b, c) = (y % 19, y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    chrono::NaiveDate::from_ymd_opt(y, month as u32, day as u32).expect("easter")
}

/// A holiday rule: a fixed day, or days after Easter Sunday.
enum Day {
    Fixed(u32, u32),
    Easter(i64),
}

fn expected(rules: &[Day], year: i32) -> Vec<chrono::NaiveDate> {
    let mut out: Vec<_> = rules
        .iter()
        .map(|r| match r {
            Day::Fixed(m, d) => chrono::NaiveDate::from_ymd_opt(year, *m, *d).expect("date"),
            Day::Easter(n) => easter(year) + chrono::Duration::days(*n),
        })
        .collect();
    out.sort();
    out
}

#[test]
fn holiday_and_ban_day_lists_are_complete_for_2026_to_2028() {
    use chrono::Datelike;
    use Day::{Easter as E, Fixed as F};
    assert_eq!(easter(2026).to_string(), "2026-04-05");
    assert_eq!(easter(2027).to_string(), "2027-03-28");
    assert_eq!(easter(2028).to_string(), "2028-04-16");
    // Public holidays (working time, notice): PL ustawa o dniach wolnych od pracy (24 December
    // since 2025), DE nation-wide, CZ zákon 245/2000 days of rest.
    let public: [(&str, Vec<Day>); 3] = [
        (
            "PL",
            vec![
                F(1, 1),
                F(1, 6),
                E(0),
                E(1),
                F(5, 1),
                F(5, 3),
                E(49),
                E(60),
                F(8, 15),
                F(11, 1),
                F(11, 11),
                F(12, 24),
                F(12, 25),
                F(12, 26),
            ],
        ),
        (
            "DE",
            vec![
                F(1, 1),
                E(-2),
                E(1),
                F(5, 1),
                E(39),
                E(50),
                F(10, 3),
                F(12, 25),
                F(12, 26),
            ],
        ),
        (
            "CZ",
            vec![
                F(1, 1),
                E(-2),
                E(1),
                F(5, 1),
                F(5, 8),
                F(7, 5),
                F(7, 6),
                F(9, 28),
                F(10, 28),
                F(11, 17),
                F(12, 24),
                F(12, 25),
                F(12, 26),
            ],
        ),
    ];
    // Ban days: PL § 2 pkt 1 (12 days; not 6 January, not 24 December), DE StVO § 30(4).
    let ban: [(&str, Vec<Day>); 2] = [
        (
            "PL",
            vec![
                F(1, 1),
                E(0),
                E(1),
                F(5, 1),
                F(5, 3),
                E(49),
                E(60),
                F(8, 15),
                F(11, 1),
                F(11, 11),
                F(12, 25),
                F(12, 26),
            ],
        ),
        (
            "DE",
            vec![
                F(1, 1),
                E(-2),
                E(1),
                F(5, 1),
                E(39),
                E(50),
                E(60),
                F(10, 3),
                F(10, 31),
                F(11, 1),
                F(12, 25),
                F(12, 26),
            ],
        ),
    ];
    for year in 2026..=2028 {
        for (code, rules) in &public {
            let file = &set().get(nation(code)).unwrap().file;
            let listed: Vec<_> = file
                .holidays
                .iter()
                .map(|h| h.date)
                .filter(|d| d.year() == year)
                .collect();
            assert_eq!(listed, expected(rules, year), "{code} holidays {year}");
        }
        for (code, rules) in &ban {
            let file = &set().get(nation(code)).unwrap().file;
            let listed: Vec<_> = file
                .ban_days
                .iter()
                .map(|b| b.date)
                .filter(|d| d.year() == year)
                .collect();
            assert_eq!(listed, expected(rules, year), "{code} ban days {year}");
        }
        // PL: no eve ban before 1 January and 25 December (§ 2 pkt 2: lit. b-j).
        let pl = &set().get(nation("PL")).unwrap().file;
        let no_eve: Vec<String> = pl
            .ban_days
            .iter()
            .filter(|b| b.date.year() == year && !b.eve)
            .map(|b| b.date.format("%m-%d").to_string())
            .collect();
        assert_eq!(no_eve, ["01-01", "12-25"], "PL {year}");
        // DE: the three regional days in the Länder § 30(4) names.
        let de = &set().get(nation("DE")).unwrap().file;
        let regional: Vec<(String, Vec<&str>)> = de
            .ban_days
            .iter()
            .filter(|b| b.date.year() == year && !b.regions.is_empty())
            .map(|b| {
                (
                    b.name.clone(),
                    b.regions.iter().map(|r| r.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            regional,
            [
                (
                    "Fronleichnam".to_string(),
                    vec!["DE-BW", "DE-BY", "DE-HE", "DE-NW", "DE-RP", "DE-SL"]
                ),
                (
                    "Reformationstag".to_string(),
                    vec!["DE-BB", "DE-MV", "DE-SN", "DE-ST", "DE-TH"]
                ),
                (
                    "Allerheiligen".to_string(),
                    vec!["DE-BW", "DE-BY", "DE-NW", "DE-RP", "DE-SL"]
                ),
            ],
            "DE {year}"
        );
    }
}

#[test]
fn ban_findings_say_what_they_read_and_why() {
    // Saturday 4 July 2026, 10:00-12:00 Berlin: the FerReiseV ban on listed sections only.
    let mut combo = truck();
    combo["gross_mass_kg"] = 7000.into();
    combo["configuration"] = "road_train".into();
    combo["axles"] = json!([{"load_kg": 2500, "spacing_mm": 3500, "driven": true}, {"load_kg": 2500, "spacing_mm": 4000}, {"load_kg": 2000}]);
    let m = movement(
        "routine",
        vec![leg(
            "DE",
            "2026-07-04T08:00:00Z",
            "2026-07-04T10:00:00Z",
            &[],
            Some(80),
        )],
        vec![combo],
        vec![],
    );
    let de = evaluate(&m, set(), at("2026-01-05T08:00:00Z")).unwrap();
    let f = find(de.nation(nation("DE")).unwrap(), "ban.summer_saturday");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Condition);
    assert_eq!(f[0].source, "ferreisev");
    let msg = &f[0].message;
    assert!(msg.contains("lorries with a trailer; MAN HX 4x4 is a road_train combination of 7 000 kg (actual mass; no permissible mass given)"), "{msg}");
    assert!(
        msg.contains("the notification does not name its roads, so it is read as applying"),
        "{msg}"
    );
    assert!(msg.contains("§ 2(1) Nr. 5"), "{msg}");
    // PL: allied forces are not exempt; the finding is a review naming the Polish Armed Forces.
    let mut heavy = truck();
    heavy["permissible_mass_kg"] = 18000.into();
    let m = movement(
        "routine",
        vec![leg(
            "PL",
            "2026-11-11T09:00:00Z",
            "2026-11-11T11:00:00Z",
            &[],
            Some(80),
        )],
        vec![heavy],
        vec![],
    );
    let pl = evaluate(&m, set(), at(EARLY)).unwrap();
    let f = find(pl.nation(nation("PL")).unwrap(), "ban.holiday");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Review);
    assert!(
        f[0].message
            .contains("on Wed 2026-11-11 from 10:00 to 12:00 local time"),
        "{}",
        f[0].message
    );
    assert!(
        f[0].message.contains("18 000 kg permissible mass"),
        "{}",
        f[0].message
    );
    assert!(
        f[0].message.contains("Polish Armed Forces"),
        "{}",
        f[0].message
    );
}

#[test]
fn ban_day_regions_must_belong_to_the_nation() {
    let mut files = repo_files();
    let i = files
        .iter()
        .position(|(p, _)| p.ends_with("DE.yaml"))
        .unwrap();
    let de = String::from_utf8(files[i].1.clone()).unwrap();
    files[i].1 = de
        .replacen("regions: [DE-BW", "regions: [AT-BW", 1)
        .into_bytes();
    let e: Vec<String> = PolicySet::from_files(files)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        e.iter()
            .any(|s| s.contains("DE.yaml: ban_days[") && s.contains("AT-BW is not a region of DE")),
        "{e:?}"
    );
}

#[test]
fn the_adr_tables_are_checked_and_required_with_the_set() {
    // A cell changed on one side only: ADR 7.5.2.1 is symmetric, so the set is refused.
    let mut files = repo_files();
    let ix = files
        .iter()
        .position(|(p, _)| p.ends_with(ADR_TABLES_FILE))
        .unwrap();
    let t = String::from_utf8(files[ix].1.clone()).unwrap();
    let from = r#""3":     ["-", "a","#;
    assert!(t.contains(from));
    files[ix].1 = t.replacen(from, r#""3":     ["X", "a","#, 1).into_bytes();
    let e: Vec<String> = PolicySet::from_files(files)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_error(
        &e,
        "adr_tables.yaml: mixed_loading.rows.3: the cell for 1 differs",
    );
    let mut files = repo_files();
    files.retain(|(p, _)| !p.ends_with(ADR_TABLES_FILE));
    let e: Vec<String> = PolicySet::from_files(files)
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_error(&e, "adr_tables.yaml: (file): missing");
}

// ---- aggregated findings (issue 17 item 9) ----

fn labelled(mut v: Value, label: &str) -> Value {
    v["label"] = label.into();
    v
}

#[test]
fn identical_vehicles_give_one_finding_that_names_every_one_of_them() {
    let hets: Vec<Value> = (0..3)
        .map(|i| labelled(leopard_on_het(), &format!("HET {i}")))
        .collect();
    let mut vehicles = vec![truck()];
    vehicles.extend(hets);
    let m = movement(
        "priority",
        vec![leg(
            "DE",
            "2026-12-02T06:00:00Z",
            "2026-12-02T16:00:00Z",
            &[],
            Some(80),
        )],
        vehicles,
        vec![],
    );
    let de = eval_in(set(), &m, "DE");
    let gross = find(&de, "gross");
    assert_eq!(gross.len(), 1, "{:?}", rules(&de));
    assert_eq!(gross[0].subject, "vehicles[1].gross_mass_kg");
    assert_eq!(gross[0].vehicles, [1, 2, 3]);
    assert!(
        gross[0]
            .message
            .starts_with("HET 0 (and 2 more vehicles of this type): gross mass 120 000 kg"),
        "{}",
        gross[0].message
    );
    let bridge = find(&de, "mlc.bridge");
    assert_eq!(bridge.len(), 1);
    assert_eq!(bridge[0].vehicles, [1, 2, 3]);
    // A finding about one vehicle keeps its old shape: no list, nothing folded.
    let json = serde_json::to_value(&m.vehicles[0]).unwrap();
    assert_eq!(json["label"], "MAN HX 4x4");
    let single = eval_in(set(), &one_truck(leopard_on_het(), vec![]), "DE");
    let f = serde_json::to_value(find(&single, "gross")[0]).unwrap();
    assert!(
        f.get("vehicles").is_none() && f.get("folded").is_none(),
        "{f}"
    );
}

#[test]
fn vehicles_with_the_same_dangerous_load_are_one_finding_and_lines_of_the_same_goods_too() {
    let trucks: Vec<Value> = (0..4)
        .map(|i| labelled(truck(), &format!("Truck {i}")))
        .collect();
    // Each truck carries 2 000 kg of UN 0181 rockets, and one unlisted UN 9999 line.
    let mut cargo = Vec::new();
    for i in 0..4 {
        let mut line = dg_line("0181", 2000, Some(900));
        line["vehicle"] = i.into();
        cargo.push(line);
        let mut odd = dg_line("3166", 500, None);
        odd["un_number"] = "0000".into();
        odd["description"] = "unknown goods".into();
        odd["vehicle"] = i.into();
        cargo.push(odd);
    }
    let m = movement(
        "priority",
        vec![leg(
            "DE",
            "2026-12-02T06:00:00Z",
            "2026-12-02T16:00:00Z",
            &["B"],
            Some(80),
        )],
        trucks,
        cargo,
    );
    let de = eval_in(set(), &m, "DE");
    let load = find(&de, "dg.load");
    assert_eq!(load.len(), 1, "{:?}", rules(&de));
    assert_eq!(load[0].subject, "vehicles[0]");
    assert_eq!(load[0].vehicles, [0, 1, 2, 3]);
    let unlisted = find(&de, "dg.unlisted");
    assert_eq!(unlisted.len(), 1, "{:?}", rules(&de));
    assert_eq!(unlisted[0].subject, "cargo[1].un_number");
    assert_eq!(unlisted[0].cargo, [1, 3, 5, 7]);
}

/// The largest movement the input allows, every vehicle different: 200 vehicle types, 500
/// cargo lines, 30 legs through two nations, every leg's bridges below every vehicle.
fn maximal_movement() -> Movement {
    let legs: Vec<Value> = (0..30)
        .map(|j| {
            let day = chrono::Duration::hours(2 * j);
            let entry = at("2026-12-02T06:00:00Z") + day;
            let exit = entry + chrono::Duration::hours(2);
            let code = if j % 2 == 0 { "DE" } else { "PL" };
            leg(
                code,
                &entry.to_rfc3339(),
                &exit.to_rfc3339(),
                &["B"],
                Some(16),
            )
        })
        .collect();
    let vehicles: Vec<Value> = (0..200)
        .map(|i| {
            let mut v = labelled(
                leopard_on_het(),
                &format!("HET number {i:03} with a long label"),
            );
            v["length_mm"] = (22_000 + i * 7).into();
            v["mlc"] = (60 + i % 90).into();
            v
        })
        .collect();
    let cargo: Vec<Value> = (0..500)
        .map(|k| {
            let mut line = dg_line(
                if k % 2 == 0 { "0181" } else { "0000" },
                1000 + k,
                Some(500 + k),
            );
            line["description"] = format!("cargo line {k} described at some length").into();
            line["vehicle"] = (k % 200).into();
            line
        })
        .collect();
    movement("crisis", legs, vehicles, cargo)
}

#[test]
fn a_maximal_movement_keeps_its_findings_bounded_and_names_everything_they_concern() {
    let m = maximal_movement();
    let e = evaluate(&m, set(), at(EARLY)).unwrap();
    let stored = serde_json::to_string(&e).unwrap().len();
    assert!(stored < 400_000, "{stored} bytes of findings");
    for n in &e.nations {
        let mut per_rule = std::collections::BTreeMap::new();
        for f in &n.findings {
            *per_rule
                .entry((
                    f.rule.as_str(),
                    f.severity,
                    f.stage.clone(),
                    f.condition.clone(),
                ))
                .or_insert(0) += 1;
        }
        assert!(
            per_rule.values().all(|&c| c <= MAX_FINDINGS_PER_RULE),
            "{}: {per_rule:?}",
            n.nation
        );
        // Every vehicle is still named by the bridge blocks: 200 vehicles, 15 legs each.
        let bridge = find(n, "mlc.bridge");
        let mut named = std::collections::BTreeSet::new();
        let mut stands_for = 0;
        for f in &bridge {
            named.extend(f.vehicles.iter().copied());
            if f.vehicles.is_empty() {
                let i = f.subject["vehicles[".len()..].split(']').next().unwrap();
                named.insert(i.parse().unwrap());
            }
            stands_for += 1 + f.folded;
        }
        assert_eq!(named.len(), 200, "{}", n.nation);
        assert_eq!(stands_for, 200 * 15, "{}", n.nation);
        let folded = bridge.iter().find(|f| f.folded > 0).expect("folded");
        assert!(
            folded.message.contains("more findings of this rule"),
            "{}",
            folded.message
        );
    }
}
