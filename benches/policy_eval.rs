//! Evaluation cost: a 40-vehicle, 20-cargo-line notification across six nations
//! (NL, DE, PL, LT, LV, EE) against the repository's policy set, and beside it the same
//! checks written in Rego (bench/rego/corridor.rego) under regorus, with the same movement and
//! the same figures; the Rego findings are checked against Corridor's before anything is timed.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use serde_json::{json, Value};

use corridor::domain::{Movement, MovementInput, TunnelCategory, UnNumber};
use corridor::policy::{evaluate, PolicySet, TunnelCode};

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

/// The movement as submitted (the Rego engine's input) and as parsed (Corridor's).
fn movement() -> (Value, Movement) {
    let v = json!({
        "priority": "priority", "kind": "single", "mode": "road",
        "requester": {"nation": "NL", "unit": "43 Mechanised Brigade", "contact": "S4"},
        "departure_at": "2026-12-05T06:00:00Z", "arrival_at": "2026-12-08T10:00:00Z",
        "itinerary": itinerary(), "vehicles": vehicles(), "cargo": cargo(), "personnel": 120
    });
    let input: MovementInput = serde_json::from_value(v.clone()).expect("benchmark movement shape");
    (
        v,
        Movement::parse(input).expect("benchmark movement is valid"),
    )
}

/// A tunnel code as data for the Rego policy.
fn tunnel_json(code: TunnelCode) -> Value {
    let letter = |c: TunnelCategory| json!(c);
    match code {
        TunnelCode::Unrestricted => json!({"kind": "none"}),
        TunnelCode::Closed(c) => json!({"kind": "closed", "cat": letter(c)}),
        TunnelCode::ByNetExplosiveMass {
            over,
            above_kg,
            otherwise,
        } => json!({"kind": "nem", "over": letter(over), "above": above_kg,
                     "otherwise": letter(otherwise)}),
        TunnelCode::ByCarriage { tank, other } => {
            json!({"kind": "carriage", "tank": letter(tank), "other": letter(other)})
        }
    }
}

/// The Rego engine with bench/rego/corridor.rego and the same data Corridor reads: every
/// nation's policy file as loaded, and the dangerous-goods rows as Corridor parsed them.
fn rego_engine(dir: &Path, set: &PolicySet) -> regorus::Engine {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut engine = regorus::Engine::new();
    engine
        .add_policy_from_file(root.join("bench/rego/corridor.rego"))
        .expect("bench/rego/corridor.rego parses");
    let mut policies = serde_json::Map::new();
    for nation in set.nations() {
        let policy = set.get(nation).expect("listed nation");
        policies.insert(
            nation.to_string(),
            serde_json::to_value(&policy.file).expect("policy as JSON"),
        );
    }
    let mut dg = serde_json::Map::new();
    let csv = std::fs::read_to_string(dir.join("dangerous_goods.csv")).expect("list");
    for line in csv.lines().skip(1) {
        let Some(code) = line.split(',').next() else {
            continue;
        };
        let Ok(un) = UnNumber::parse(code) else {
            continue;
        };
        let rows: Vec<Value> = set
            .dangerous_goods()
            .entries(un)
            .iter()
            .map(|r| {
                json!({"name": r.name, "class": r.class, "code": r.classification_code,
                       "tc": r.transport_category, "tunnel": tunnel_json(r.tunnel_code),
                       "tunnel_text": r.tunnel_code.to_string(), "basis": r.quantity_basis,
                       "density_min": r.density_kg_per_m3.map(|d| d.0)})
            })
            .collect();
        dg.insert(code.to_string(), Value::Array(rows));
    }
    let data = json!({"policies": policies, "dg": dg});
    engine
        .add_data(regorus::Value::from(data))
        .expect("data loads");
    engine
}

/// (nation, rule, severity, subject) of every finding, one per vehicle or cargo line it
/// concerns; with Corridor's aggregated findings expanded to their members.
type Key = (String, String, String, String);

fn corridor_keys(
    e: &corridor::policy::Evaluation,
    skip: &BTreeSet<(String, String)>,
) -> BTreeSet<Key> {
    let mut keys = BTreeSet::new();
    for n in &e.nations {
        for f in &n.findings {
            if skip.contains(&(n.nation.to_string(), f.rule.clone())) {
                continue;
            }
            let severity = serde_json::to_value(f.severity)
                .expect("severity")
                .as_str()
                .unwrap_or_default()
                .to_string();
            let mut subjects = vec![f.subject.clone()];
            if let Some(rest) = f.subject.strip_prefix("vehicles[") {
                let tail = rest.split_once(']').map_or("", |(_, t)| t);
                subjects.extend(f.vehicles.iter().map(|i| format!("vehicles[{i}]{tail}")));
            }
            if let Some(rest) = f.subject.strip_prefix("cargo[") {
                let tail = rest.split_once(']').map_or("", |(_, t)| t);
                subjects.extend(f.cargo.iter().map(|i| format!("cargo[{i}]{tail}")));
            }
            for s in subjects {
                keys.insert((n.nation.to_string(), f.rule.clone(), severity.clone(), s));
            }
        }
    }
    keys
}

fn rego_keys(findings: &regorus::Value) -> BTreeSet<Key> {
    let json: Value = serde_json::from_str(&findings.to_json_str().expect("json")).expect("json");
    json.as_array()
        .expect("a set of findings")
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (s("nation"), s("rule"), s("severity"), s("subject"))
        })
        .collect()
}

/// Rules of families the Rego policy leaves out (bans, notice, mixed loading, explosive limits).
fn not_in_rego(set: &PolicySet) -> BTreeSet<(String, String)> {
    let mut skip = BTreeSet::new();
    for nation in set.nations() {
        let f = &set.get(nation).expect("nation").file;
        let dg = &f.dangerous_goods;
        let mut rules: Vec<&str> = vec![
            &dg.mixed_loading.rule,
            &dg.explosive_mass.rule,
            &dg.ex_vehicle.rule,
            &f.convoy.minimum_notice.rule,
        ];
        rules.extend(f.driving_bans.iter().map(|b| b.rule.as_str()));
        for r in rules {
            skip.insert((nation.to_string(), r.to_string()));
        }
    }
    skip
}

/// Median time of one call, over batches for about `seconds`.
fn median_time(seconds: f64, mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    let mut samples = Vec::new();
    while start.elapsed().as_secs_f64() < seconds || samples.len() < 5 {
        let t = Instant::now();
        for _ in 0..10 {
            f();
        }
        samples.push(t.elapsed() / 10);
    }
    samples.sort();
    samples[samples.len() / 2]
}

fn bench(c: &mut Criterion) {
    // regorus reports an undefined rule as an anyhow error; with RUST_BACKTRACE=1 in the
    // environment each would capture a backtrace, which would be measured against Rego.
    std::env::set_var("RUST_LIB_BACKTRACE", "0");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("policies");
    let set = PolicySet::load_dir(&dir).expect("policies/ loads");
    let (input, m) = movement();
    let now: DateTime<Utc> = "2026-11-20T08:00:00Z".parse().expect("time");
    let e = evaluate(&m, &set, now).expect("every nation has a policy");
    assert_eq!(e.nations.len(), 6);
    let findings: usize = e.nations.iter().map(|n| n.findings.len()).sum();
    let stored = serde_json::to_string(&e.nations.iter().map(|n| &n.findings).collect::<Vec<_>>())
        .expect("findings as JSON")
        .len();
    eprintln!(
        "one evaluation: {findings} findings over {} nations ({stored} bytes as stored)",
        e.nations.len()
    );

    // The Rego side must find what Corridor finds, rule for rule, vehicle for vehicle.
    let mut engine = rego_engine(&dir, &set);
    let input = regorus::Value::from(input);
    engine.set_input(input.clone());
    let rego = engine
        .eval_rule("data.corridor.findings".to_string())
        .expect("rego evaluates");
    let skip = not_in_rego(&set);
    let (ours, theirs) = (corridor_keys(&e, &skip), rego_keys(&rego));
    let missing: Vec<_> = ours.difference(&theirs).collect();
    let extra: Vec<_> = theirs.difference(&ours).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "Rego and Corridor disagree\nonly Corridor: {missing:?}\nonly Rego: {extra:?}"
    );
    eprintln!(
        "rego agrees: {} (nation, rule, severity, subject) findings, families both evaluate",
        ours.len()
    );

    c.bench_function("evaluate 40 vehicles, 20 cargo lines, 6 nations", |b| {
        b.iter(|| evaluate(black_box(&m), black_box(&set), now))
    });
    c.bench_function("rego (regorus): the same movement and figures", |b| {
        b.iter(|| {
            engine.set_input(black_box(input.clone()));
            engine.eval_rule("data.corridor.findings".to_string())
        })
    });
    // Side by side in one process, for the ratio (criterion prints each on its own).
    let ours = median_time(3.0, || {
        black_box(evaluate(black_box(&m), black_box(&set), now).ok());
    });
    let theirs = median_time(3.0, || {
        engine.set_input(input.clone());
        black_box(engine.eval_rule("data.corridor.findings".to_string()).ok());
    });
    eprintln!(
        "policy evaluation vs rego: corridor {:.1} µs, rego {:.1} µs: {:.0}x",
        ours.as_secs_f64() * 1e6,
        theirs.as_secs_f64() * 1e6,
        theirs.as_secs_f64() / ours.as_secs_f64()
    );
    c.bench_function("load and validate policies/", |b| {
        b.iter(|| PolicySet::load_dir(black_box(&dir)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
