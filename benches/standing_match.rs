//! Standing authorisations (issue 15): the cost of finding and judging the authorisations for
//! one single movement at one nation, with 10, 100 and 1 000 authorisations of that nation
//! (spread over 10 units and 100 vehicle types), through the index and, for comparison, by
//! judging every authorisation.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use serde_json::{json, Value};

use corridor::domain::{Movement, MovementInput, Nation};
use corridor::standing::envelope::{envelope, Approval, Holders, StandingStatus};
use corridor::standing::matching::{choose, judge, Authorisation, Index};

fn movement(unit: usize, vehicle_type: usize) -> Value {
    json!({
        "priority": "routine", "kind": "single", "mode": "road",
        "requester": {"nation": "DE", "unit": format!("Bataillon {unit}"), "contact": "S4"},
        "departure_at": "2027-02-09T06:00:00Z", "arrival_at": "2027-02-10T12:00:00Z",
        "itinerary": [
            {"nation": "DE", "entry_point": "Marienberg", "exit_point": "Görlitz",
             "entry_at": "2027-02-09T06:00:00Z", "exit_at": "2027-02-09T14:00:00Z"},
            {"nation": "PL", "entry_point": "Zgorzelec", "exit_point": "Żagań",
             "entry_at": "2027-02-09T14:00:00Z", "exit_at": "2027-02-10T12:00:00Z"}
        ],
        "vehicles": [
            {"label": format!("Truck type {vehicle_type}"), "category": "wheeled", "count": 6,
             "gross_mass_kg": 18000, "length_mm": 8000, "width_mm": 2500, "height_mm": 3300, "mlc": 20,
             "axles": [{"load_kg": 7000, "spacing_mm": 4500}, {"load_kg": 11000}]}
        ],
        "cargo": [{"description": "cartridges", "un_number": "0012", "quantity_kg": 800, "vehicle": 0}]
    })
}

fn authorisations(n: usize) -> Vec<Authorisation> {
    (0..n)
        .map(|i| {
            let mut v = movement(i % 10, i / 10);
            v["kind"] = "standing".into();
            v["validity"] =
                json!({"from": "2027-01-01T00:00:00Z", "until": "2027-12-31T00:00:00Z"});
            let m: MovementInput = serde_json::from_value(v).unwrap();
            let permit = format!("DE-2027-{i:06}");
            Authorisation {
                id: format!("a{i}"),
                status: StandingStatus::Active,
                holders: Holders::Unit,
                status_at: None,
                envelope: envelope(
                    &m,
                    &Approval {
                        nation: Nation::parse("DE").unwrap(),
                        permit_number: &permit,
                        findings: &[],
                        waived: &[],
                        conditions: &[],
                    },
                )
                .unwrap(),
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let de = Nation::parse("DE").unwrap();
    let now: DateTime<Utc> = "2027-02-01T06:00:00Z".parse().unwrap();
    let rules = BTreeSet::new();
    let mut g = c.benchmark_group("standing_match");
    for n in [10usize, 100, 1000] {
        // The movement fits the last authorisation filed (unit 9, the last vehicle type), so a
        // scan judges every one before it; the index goes to it directly.
        let m = Movement::parse(serde_json::from_value(movement(9, n / 10 - 1)).unwrap()).unwrap();
        let items = authorisations(n);
        let index = Index::new(items.clone());
        g.bench_with_input(BenchmarkId::new("index", n), &n, |b, _| {
            b.iter(|| {
                let found = index.candidates(black_box(&m), de);
                black_box(choose(&found, &m, &[], &rules, now))
            })
        });
        g.bench_with_input(BenchmarkId::new("scan", n), &n, |b, _| {
            b.iter(|| {
                black_box(
                    items
                        .iter()
                        .find(|a| judge(a, black_box(&m), &[], &rules, now).is_ok())
                        .map(|a| a.id.clone()),
                )
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
