//! Standing authorisations (issue 15), end to end on the release binary over loopback (SQLite):
//! a unit holds `BENCH_STANDING` standing authorisations (default 50, one vehicle type each)
//! approved by DE and PL; then `BENCH_MOVEMENTS` single movements (default 400) are submitted
//! one after another, 90 % inside one of them and 10 % not (a vehicle 500 kg heavier). Prints
//! the share cleared at once, and the submission-to-approved latency of those (p50/p99): the
//! 201 answer is the approval, so the latency is the submission's round trip.
//!
//! `cargo build --release --bin corridor --example standing_bench && target/release/examples/standing_bench`

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use reqwest::blocking::Client;
use serde_json::{json, Value};

const SECRET: &str = "bench-secret-for-corridor-benchmarks-0123456789abcdef";
const UNIT: &str = "Panzergrenadierbataillon 212";

fn env_num(k: &str, d: usize) -> usize {
    std::env::var(k)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(d)
}

/// The server, killed on drop.
struct Server {
    child: Child,
    url: String,
    env: Vec<(String, String)>,
    bin: PathBuf,
    http: Client,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(dir: &std::path::Path) -> Server {
        let bin = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/corridor");
        let bin = std::env::var("CARGO_TARGET_DIR")
            .map(|t| PathBuf::from(t).join("release/corridor"))
            .unwrap_or(bin);
        let env: Vec<(String, String)> = vec![
            (
                "DATABASE_URL".into(),
                format!("sqlite://{}/bench.db", dir.display()),
            ),
            ("CORRIDOR_BIND".into(), "127.0.0.1:0".into()),
            ("CORRIDOR_JWT_SECRET".into(), SECRET.into()),
            ("CORRIDOR_JWT_TTL".into(), "86400".into()),
            (
                "CORRIDOR_POLICIES".into(),
                concat!(env!("CARGO_MANIFEST_DIR"), "/policies").into(),
            ),
            ("CORRIDOR_WORKERS".into(), "2".into()),
            ("CORRIDOR_DEV".into(), "1".into()),
            (
                "CORRIDOR_CLOCK".into(),
                "manual:2027-02-01T06:00:00Z".into(),
            ),
            ("RUST_LOG".into(), "warn".into()),
        ];
        let mut child = Command::new(&bin)
            .arg("serve")
            .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(
                std::fs::File::create(dir.join("server.log")).unwrap(),
            ))
            .spawn()
            .unwrap_or_else(|e| panic!("spawn {}: {e}", bin.display()));
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .trim()
            .rsplit(" listening on ")
            .next()
            .unwrap_or("")
            .to_string();
        assert!(url.starts_with("http://"), "did not start: {line:?}");
        Server {
            child,
            url,
            env,
            bin,
            http: Client::new(),
        }
    }

    fn user(&self, name: &str, role: &str, args: &[&str]) -> String {
        let pw = format!("pw-{name}-long-enough");
        let mut all = vec![
            "user",
            "add",
            "--username",
            name,
            "--role",
            role,
            "--password-stdin",
        ];
        all.extend_from_slice(args);
        let mut c = Command::new(&self.bin)
            .args(&all)
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        c.stdin.take().unwrap().write_all(pw.as_bytes()).unwrap();
        assert!(c.wait().unwrap().success(), "user add {name}");
        let r: Value = self
            .http
            .post(format!("{}/v1/auth/token", self.url))
            .json(&json!({"username": name, "password": pw}))
            .send()
            .unwrap()
            .json()
            .unwrap();
        r["access_token"].as_str().unwrap().to_string()
    }

    fn post(&self, path: &str, token: &str, body: &Value) -> (u16, Value) {
        let r = self
            .http
            .post(format!("{}{path}", self.url))
            .bearer_auth(token)
            .json(body)
            .send()
            .unwrap();
        (r.status().as_u16(), r.json().unwrap_or(Value::Null))
    }

    fn decide(&self, token: &str, id: &str, nation: &str, st: &Value) {
        let r = self
            .http
            .post(format!(
                "{}/v1/notifications/{id}/nations/{nation}/stages/{}/decision",
                self.url,
                st["key"].as_str().unwrap()
            ))
            .bearer_auth(token)
            .header("if-match", st["etag"].as_str().unwrap())
            .json(&json!({"outcome": "approve"}))
            .send()
            .unwrap();
        assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
    }

    fn get(&self, path: &str, token: &str) -> Value {
        self.http
            .get(format!("{}{path}", self.url))
            .bearer_auth(token)
            .send()
            .unwrap()
            .json()
            .unwrap()
    }
}

/// A routine DE→PL movement of six trucks of `vehicle_type`, eight days after the clock.
fn movement(vehicle_type: usize, gross: u32) -> Value {
    json!({
        "priority": "routine", "kind": "single", "mode": "road",
        "requester": {"nation": "DE", "unit": UNIT, "contact": "S4"},
        "departure_at": "2027-02-09T06:00:00Z", "arrival_at": "2027-02-10T12:00:00Z",
        "itinerary": [
            {"nation": "DE", "entry_point": "Marienberg", "exit_point": "Görlitz",
             "entry_at": "2027-02-09T06:00:00Z", "exit_at": "2027-02-09T14:00:00Z", "min_bridge_mlc": 60},
            {"nation": "PL", "entry_point": "Zgorzelec", "exit_point": "Żagań",
             "entry_at": "2027-02-09T14:00:00Z", "exit_at": "2027-02-10T12:00:00Z", "min_bridge_mlc": 60}
        ],
        "vehicles": [
            {"label": format!("Truck type {vehicle_type}"), "category": "wheeled", "count": 6,
             "gross_mass_kg": gross, "length_mm": 8000, "width_mm": 2500, "height_mm": 3300, "mlc": 20,
             "axles": [{"load_kg": gross - 11000, "spacing_mm": 4500, "driven": true}, {"load_kg": 11000, "driven": true}]}
        ],
        "cargo": [{"description": "5.56 mm ball cartridges", "un_number": "0012", "quantity_kg": 800,
                   "net_explosive_mass_kg": 40, "vehicle": 0}],
        "personnel": 12
    })
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let standing = env_num("BENCH_STANDING", 50);
    let movements = env_num("BENCH_MOVEMENTS", 400);
    let dir = tempfile::tempdir().unwrap();
    let s = Server::start(dir.path());
    let planner = s.user(
        "de.planner",
        "requester",
        &["--nation", "DE", "--unit", UNIT],
    );
    let de = s.user("de.coord", "coordinator", &["--nation", "DE"]);
    let pl = s.user("pl.coord", "coordinator", &["--nation", "PL"]);
    let seeded = Instant::now();
    for t in 0..standing {
        let mut v = movement(t, 18_000);
        v["kind"] = "standing".into();
        v["validity"] = json!({"from": "2027-02-01T06:00:00Z", "until": "2028-01-31T06:00:00Z"});
        let (status, n) = s.post("/v1/notifications", &planner, &v);
        assert_eq!(status, 201, "{n}");
        let id = n["id"].as_str().unwrap().to_string();
        for (code, token) in [("DE", &de), ("PL", &pl)] {
            for _ in 0..10 {
                let n = s.get(&format!("/v1/notifications/{id}"), token);
                let review = n["nations"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|r| r["nation"] == code)
                    .unwrap()
                    .clone();
                if review["status"] == "approved" {
                    break;
                }
                for st in review["stages"].as_array().unwrap() {
                    if st["status"] == "pending" && !st["opened_at"].is_null() {
                        s.decide(token, &id, code, st);
                    }
                }
            }
        }
    }
    let seed_secs = seeded.elapsed().as_secs_f64();
    let mut inside_lat = Vec::new();
    let (mut inside, mut cleared, mut outside_cleared) = (0, 0, 0);
    let started = Instant::now();
    for i in 0..movements {
        // 9 in 10 inside an authorisation (types in turn), 1 in 10 with a vehicle 500 kg heavier.
        let is_inside = i % 10 != 9;
        let body = movement(i % standing, if is_inside { 18_000 } else { 18_500 });
        let t = Instant::now();
        let (status, n) = s.post("/v1/notifications", &planner, &body);
        let took = t.elapsed().as_secs_f64() * 1000.0;
        assert_eq!(status, 201, "{n}");
        let approved = n["status"] == "approved";
        if is_inside {
            inside += 1;
            if approved {
                cleared += 1;
                inside_lat.push(took);
            }
        } else if approved {
            outside_cleared += 1;
        }
    }
    let secs = started.elapsed().as_secs_f64();
    inside_lat.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "| standing authorisations per nation (DE, PL) | {standing} (seeded in {seed_secs:.1} s) |"
    );
    println!("|---|---|");
    println!(
        "| single movements submitted | {movements} in {secs:.1} s ({:.0}/s, one client) |",
        movements as f64 / secs
    );
    println!(
        "| cleared at once (share of all) | {} of {movements} ({:.1} %) |",
        cleared + outside_cleared,
        100.0 * (cleared + outside_cleared) as f64 / movements as f64
    );
    println!("| inside an envelope and cleared | {cleared} of {inside} |");
    println!(
        "| outside (500 kg heavier) and cleared | {outside_cleared} of {} |",
        movements - inside
    );
    println!(
        "| submission to approved, p50 / p99 | {:.1} ms / {:.1} ms |",
        percentile(&inside_lat, 0.5),
        percentile(&inside_lat, 0.99)
    );
}
