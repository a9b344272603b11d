//! Evaluation cost: a 40-vehicle, 20-cargo-line notification across six nations
//! (NL, DE, PL, LT, LV, EE) against the repository's policy set.

use std::path::Path;

use chrono::{DateTime, Utc};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use serde_json::{json, Value};

use corridor::domain::{Movement, MovementInput};
use corridor::policy::{evaluate, PolicySet};

/// Six legs, one per nation, some with tunnels and bridge classes.
fn itinerary() -> Vec<Value> {
    let legs = [
        (
            "NL",
            "2026-12-05T06:00:00Z",
            "2026-12-05T09:00:00Z",
            json!([]),
            json!(null),
        ),
        (
            "DE",
            "2026-12-05T09:00:00Z",
            "2026-12-06T20:00:00Z",
            json!(["B", "D"]),
            json!(80),
        ),
        (
            "PL",
            "2026-12-06T20:00:00Z",
            "2026-12-07T14:00:00Z",
            json!([]),
            json!(100),
        ),
        (
            "LT",
            "2026-12-07T14:00:00Z",
            "2026-12-07T20:00:00Z",
            json!(["E"]),
            json!(null),
        ),
        (
            "LV",
            "2026-12-07T20:00:00Z",
            "2026-12-08T04:00:00Z",
            json!([]),
            json!(60),
        ),
        (
            "EE",
            "2026-12-08T04:00:00Z",
            "2026-12-08T10:00:00Z",
            json!(["C"]),
            json!(70),
        ),
    ];
    legs.into_iter()
        .map(|(nation, entry, exit, tunnels, mlc)| {
            json!({"nation": nation, "entry_point": "in", "exit_point": "out", "entry_at": entry,
                   "exit_at": exit, "tunnel_categories": tunnels, "min_bridge_mlc": mlc})
        })
        .collect()
}

/// Forty vehicle types: trucks, HET combinations and tracked vehicles, some over the limits.
fn vehicles() -> Vec<Value> {
    (0..40)
        .map(|i| match i % 4 {
            0 => json!({"label": format!("Truck {i}"), "category": "wheeled", "count": 1, "gross_mass_kg": 18000,
                        "length_mm": 8000, "width_mm": 2550, "height_mm": 3400, "mlc": 20,
                        "axles": [{"load_kg": 7000, "spacing_mm": 4500, "driven": true}, {"load_kg": 11000, "driven": true}]}),
            1 => json!({"label": format!("Leopard on HET {i}"), "category": "wheeled", "count": 1, "gross_mass_kg": 120000,
                        "length_mm": 22750, "width_mm": 3700, "height_mm": 3900, "mlc": 110,
                        "axles": [{"load_kg": 9000, "spacing_mm": 1700}, {"load_kg": 9000, "spacing_mm": 3200},
                                  {"load_kg": 12500, "spacing_mm": 1450, "driven": true}, {"load_kg": 12500, "spacing_mm": 4500, "driven": true},
                                  {"load_kg": 19250, "spacing_mm": 1500}, {"load_kg": 19250, "spacing_mm": 1500},
                                  {"load_kg": 19250, "spacing_mm": 1500}, {"load_kg": 19250}]}),
            2 => json!({"label": format!("Tractor and semi-trailer {i}"), "category": "wheeled", "count": 1, "gross_mass_kg": 42500,
                        "length_mm": 16500, "width_mm": 2550, "height_mm": 4000, "mlc": 45,
                        "axles": [{"load_kg": 7000, "spacing_mm": 3600}, {"load_kg": 11500, "spacing_mm": 5000, "driven": true},
                                  {"load_kg": 8000, "spacing_mm": 1310}, {"load_kg": 8000, "spacing_mm": 1310}, {"load_kg": 8000}]}),
            _ => json!({"label": format!("Tracked {i}"), "category": "tracked", "count": 1, "gross_mass_kg": 32000,
                        "length_mm": 7000, "width_mm": 3200, "height_mm": 2800, "mlc": 35,
                        "axles": [{"load_kg": 6400, "spacing_mm": 900}, {"load_kg": 6400, "spacing_mm": 900},
                                  {"load_kg": 6400, "spacing_mm": 900}, {"load_kg": 6400, "spacing_mm": 900}, {"load_kg": 6400}]}),
        })
        .collect()
}

/// Twenty cargo lines spread over the trucks and trailers.
fn cargo() -> Vec<Value> {
    let goods = [
        ("0012", 800, Some(40)),
        ("0181", 3000, Some(1200)),
        ("1202", 400, None),
        ("0242", 2000, Some(900)),
        ("1863", 200, None),
    ];
    (0..20)
        .map(|i| {
            let (un, qty, nem) = goods[i % goods.len()];
            let mut line = json!({"description": format!("Line {i}"), "un_number": un,
                                  "quantity_kg": qty, "vehicle": (i * 2) % 40});
            if let Some(n) = nem {
                line["net_explosive_mass_kg"] = n.into();
            }
            line
        })
        .collect()
}

fn movement() -> Movement {
    let v = json!({
        "priority": "priority", "kind": "single", "mode": "road",
        "requester": {"nation": "NL", "unit": "43 Mechanised Brigade", "contact": "S4"},
        "departure_at": "2026-12-05T06:00:00Z", "arrival_at": "2026-12-08T10:00:00Z",
        "itinerary": itinerary(), "vehicles": vehicles(), "cargo": cargo(), "personnel": 120
    });
    let input: MovementInput = serde_json::from_value(v).expect("benchmark movement shape");
    Movement::parse(input).expect("benchmark movement is valid")
}

fn bench(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("policies");
    let set = PolicySet::load_dir(&dir).expect("policies/ loads");
    let m = movement();
    let now: DateTime<Utc> = "2026-11-20T08:00:00Z".parse().expect("time");
    let e = evaluate(&m, &set, now).expect("every nation has a policy");
    assert_eq!(e.nations.len(), 6);
    let findings: usize = e.nations.iter().map(|n| n.findings.len()).sum();
    eprintln!(
        "one evaluation: {findings} findings over {} nations",
        e.nations.len()
    );
    c.bench_function("evaluate 40 vehicles, 20 cargo lines, 6 nations", |b| {
        b.iter(|| evaluate(black_box(&m), black_box(&set), now))
    });
    c.bench_function("load and validate policies/", |b| {
        b.iter(|| PolicySet::load_dir(black_box(&dir)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
