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
/// 120 t on eight axles, 3.7 m wide (the tank), 22.75 m long, wheeled MLC about 110.
fn leopard_on_het() -> Value {
    json!({"label": "Leopard 2A7 on SLT 2 Mammut", "category": "wheeled", "count": 1,
    "gross_mass_kg": 120000, "length_mm": 22750, "width_mm": 3700, "height_mm": 3900, "mlc": 110,
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
        "Leopard 2A7 on SLT 2 Mammut: gross mass 120 000 kg above the 40 000 kg gross limit for 5 or more axles"
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
    // 42.5 t on five axles, every axle within its limit: above 40 t (DE, PL, LT, LV, EE),
    // within 44 t (BE), 48 t (CZ) and 50 t (NL).
    let v = json!({"label": "Tractor and semi-trailer", "category": "wheeled", "count": 1, "gross_mass_kg": 42500,
        "length_mm": 16500, "width_mm": 2550, "height_mm": 4000, "mlc": 40,
        "axles": [{"load_kg": 7000, "spacing_mm": 3600}, {"load_kg": 11500, "spacing_mm": 5000, "driven": true},
                  {"load_kg": 8000, "spacing_mm": 1310}, {"load_kg": 8000, "spacing_mm": 1310}, {"load_kg": 8000}]});
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
fn minimum_notice_counts_from_now_to_entry() {
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
    let late = evaluate(&m, set(), at("2026-11-28T06:00:00Z")).unwrap();
    let lt = late.nation(nation("LT")).unwrap();
    let notice = find(lt, "convoy.notice");
    assert_eq!(notice.len(), 1);
    assert!(
        notice[0].message.contains("notified 4 d before entry"),
        "{}",
        notice[0].message
    );
    assert!(notice[0]
        .message
        .contains("asks for 5 d notice for routine movements"));
    // Exactly five days ahead is in time.
    let on_time = evaluate(&m, set(), at("2026-11-27T06:00:00Z")).unwrap();
    assert!(find(on_time.nation(nation("LT")).unwrap(), "convoy.notice").is_empty());
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
    assert_eq!(s.nations().len(), 2);
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
        "above: 3500, severity: condition, stage: police",
        "above: 3500, severity: condition, stage: polizei",
    );
    assert_error(
        &e,
        "DE.yaml: weights.width_mm[2].stage: names stage `polizei`",
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
        .replacen("source: pl_bans", "source: pl_ban", 1)
        .into_bytes();
    let e = PolicySet::from_files(files).unwrap_err();
    let files: Vec<&str> = e.iter().map(|e| e.file.as_str()).collect();
    assert!(
        files.iter().any(|f| f.ends_with("DE.yaml"))
            && files.iter().any(|f| f.ends_with("PL.yaml")),
        "{e:?}"
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
    let tracked = json!({"label": "Tracked recovery vehicle", "category": "tracked", "count": 1,
        "gross_mass_kg": 54000, "length_mm": 5000, "width_mm": 2500, "height_mm": 2800, "mlc": 60,
        "axles": [{"load_kg": 18000, "spacing_mm": 1500}, {"load_kg": 18000, "spacing_mm": 1500}, {"load_kg": 18000}]});
    let m = movement(
        "routine",
        vec![leg(
            "DE",
            "2026-12-02T06:00:00Z",
            "2026-12-02T16:00:00Z",
            &[],
            Some(80),
        )],
        vec![tracked],
        vec![],
    );
    let de = eval_in(set(), &m, "DE");
    let per_metre = find(&de, "tracked.per_metre");
    assert_eq!(per_metre.len(), 1, "{:?}", rules(&de));
    assert!(per_metre[0]
        .message
        .contains("10 800 kg per metre of length, above the 9 000 kg/m"));
    assert!(has(&de, "tracked.gross", Severity::Review));
    assert!(
        find(&de, "axle.tridem").is_empty(),
        "axle tables are for wheeled vehicles"
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
