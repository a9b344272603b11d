//! Findings stay bounded (issue 17 item 9): a maximal movement of many vehicles and cargo lines
//! is stored and answered with aggregated findings — one per rule and shape naming every vehicle
//! or line it concerns, at most a bounded number per rule — not megabytes of repeats.

use std::sync::Arc;

use crate::common::{fixture, nation, submit, Options, Server, TestDb};
use serde_json::{json, Value};

/// The largest movement the input allows: 30 legs alternating DE and PL over weak bridges and a
/// category B tunnel, 200 heavy transporters that all differ, 500 dangerous-goods lines.
fn maximal() -> Value {
    let mut m = fixture("leopard_de_pl");
    let start = crate::common::parse_time(m["departure_at"].as_str().unwrap());
    let legs: Vec<Value> = (0..30)
        .map(|j| {
            let entry = start + chrono::Duration::hours(j);
            let exit = entry + chrono::Duration::hours(1);
            json!({"nation": if j % 2 == 0 { "DE" } else { "PL" },
                   "entry_point": format!("point {j}"), "exit_point": format!("point {}", j + 1),
                   "entry_at": crate::common::stamp(entry), "exit_at": crate::common::stamp(exit),
                   "tunnel_categories": ["B"], "min_bridge_mlc": 16})
        })
        .collect();
    let het = m["vehicles"][0].clone();
    let vehicles: Vec<Value> = (0..200)
        .map(|i| {
            let mut v = het.clone();
            v["label"] = format!("HET {i:03} of the 203rd with a label of some length").into();
            v["length_mm"] = (22_000 + i * 7).into();
            v["mlc"] = (60 + i % 90).into();
            v
        })
        .collect();
    let cargo: Vec<Value> = (0..500)
        .map(|k| {
            json!({"description": format!("cargo line {k} described at some length"),
                   "un_number": if k % 2 == 0 { "0181" } else { "0000" },
                   "quantity_kg": 1000 + k, "net_explosive_mass_kg": 500 + k, "vehicle": k % 200})
        })
        .collect();
    m["arrival_at"] = legs[29]["exit_at"].clone();
    m["itinerary"] = legs.into();
    m["vehicles"] = vehicles.into();
    m["cargo"] = cargo.into();
    m
}

#[test]
fn a_maximal_movement_stores_and_answers_bounded_aggregated_findings() {
    let db = Arc::new(TestDb::new());
    let s = Server::start_on(db.clone(), Options::default());
    let requester = s.user(
        "de.planner",
        "requester",
        &["--nation", "DE", "--unit", "Panzerbataillon 203"],
    );
    let created = submit(&s, &requester, &maximal());
    let id = created["id"].as_str().unwrap();
    let r = s.get(&format!("/v1/notifications/{id}"), &requester);
    assert_eq!(r.status(), 200);
    let body = r.text().unwrap();
    // The movement itself is about 230 kB of the answer; before aggregation the findings alone
    // were several megabytes.
    assert!(body.len() < 1_000_000, "GET answered {} bytes", body.len());
    let n: Value = serde_json::from_str(&body).unwrap();
    for code in ["DE", "PL"] {
        let findings = nation(&n, code)["findings"].as_array().unwrap().clone();
        let stored = serde_json::to_string(&findings).unwrap().len();
        assert!(stored < 300_000, "{code}: {stored} bytes of findings");
        // Every vehicle is still named by the bridge blocks, folded or not.
        let bridge: Vec<&Value> = findings
            .iter()
            .filter(|f| f["rule"] == "mlc.bridge")
            .collect();
        assert!(
            bridge.len() <= 10,
            "{code}: {} bridge findings",
            bridge.len()
        );
        let stands_for: u64 = bridge
            .iter()
            .map(|f| 1 + f["folded"].as_u64().unwrap_or(0))
            .sum();
        assert_eq!(stands_for, 200 * 15, "{code}: one per vehicle and leg");
        let folded = bridge
            .iter()
            .find(|f| f["folded"].as_u64().unwrap_or(0) > 0)
            .expect("the rest folded into one");
        assert!(
            folded["vehicles"].as_array().unwrap().len() > 100,
            "{folded}"
        );
    }
    // The stored column is as bounded as the answer: one review per nation (DE, PL), neither large.
    assert_eq!(db.count("reviews"), 2);
    assert_eq!(db.count("reviews WHERE length(findings) > 300000"), 0);
}
