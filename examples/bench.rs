//! The benchmark driver behind `bench/run`: starts the release binary on SQLite and on
//! PostgreSQL (a fresh database each), the hello-world ceiling and the write ceiling, drives
//! them over loopback with a closed-loop HTTP load generator (async reqwest), and prints
//! Markdown tables. Every load loop is bounded by a count and a time; every process it starts
//! is killed when it ends.
//!
//! Settings (environment): `BENCH_PG` (base PostgreSQL URL, default
//! `postgres://postgres@127.0.0.1:55432/postgres`), `BENCH_SECONDS` (per measurement, default 5),
//! `BENCH_SCALES` (comma-separated stored counts, default `10000,100000`), `BENCH_SURGE`
//! (notifications in the crisis surge, default 2000), `BENCH_BACKENDS` (default `sqlite,postgres`),
//! `BENCH_KEEP=1` (keep the databases afterwards, to look at their query plans).

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use corridor::store::{Db, Store};
use diesel::prelude::*;
use diesel::sql_types::BigInt;
use serde_json::{json, Value};

const SECRET: &str = "bench-secret-for-corridor-benchmarks-0123456789abcdef";
const UNIT: &str = "43 Mechanised Brigade";
const NATIONS: [&str; 8] = ["NL", "DE", "PL", "LT", "BE", "CZ", "LV", "EE"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn env_num(k: &str, d: u64) -> u64 {
    std::env::var(k)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(d)
}

/// A child process killed on drop.
struct Proc {
    child: Child,
    url: String,
}

impl Proc {
    fn spawn(bin: &Path, args: &[&str], env: &[(String, String)], log: &Path) -> Proc {
        let mut child = Command::new(bin)
            .args(args)
            .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(std::fs::File::create(log).unwrap()))
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
        Proc { child, url }
    }

    fn rss_mib(&self) -> f64 {
        let s = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .unwrap_or_default();
        s.lines()
            .find(|l| l.starts_with("VmRSS:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .unwrap_or(0.0)
            / 1024.0
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One request to send.
#[derive(Clone)]
struct Req {
    method: reqwest::Method,
    path: String,
    headers: Vec<(String, String)>,
    body: Option<Arc<Vec<u8>>>,
}

impl Req {
    fn get(path: &str, token: &str) -> Req {
        Req {
            method: reqwest::Method::GET,
            path: path.into(),
            headers: vec![("authorization".into(), format!("Bearer {token}"))],
            body: None,
        }
    }
    fn post(path: &str, token: &str, body: &Value) -> Req {
        Req {
            method: reqwest::Method::POST,
            path: path.into(),
            headers: vec![
                ("authorization".into(), format!("Bearer {token}")),
                ("content-type".into(), "application/json".into()),
            ],
            body: Some(Arc::new(serde_json::to_vec(body).unwrap())),
        }
    }
    fn header(mut self, k: &str, v: &str) -> Req {
        self.headers.push((k.into(), v.into()));
        self
    }
}

/// What a load run measured.
#[derive(Clone, Default)]
struct Outcome {
    name: String,
    sent: usize,
    ok: usize,
    secs: f64,
    p50_ms: f64,
    p99_ms: f64,
    /// Bodies of 201 answers (ids and ETags of submissions), when asked for.
    created: Vec<(String, String)>,
}

impl Outcome {
    fn rps(&self) -> f64 {
        self.ok as f64 / self.secs
    }
    fn row(&self, ceiling: Option<(&str, f64)>) -> String {
        let ratio = match ceiling {
            Some((name, c)) if c > 0.0 => format!("{:.0} % of {name}", 100.0 * self.rps() / c),
            _ => String::new(),
        };
        format!(
            "| {} | {} | {} | {:.0} | {:.1} | {:.1} | {} |",
            self.name,
            self.sent,
            self.sent - self.ok,
            self.rps(),
            self.p50_ms,
            self.p99_ms,
            ratio
        )
    }
}

/// An `If-None-Match` value that makes the load client send the ETag it was last given.
const FOLLOW: &str = "follow";

const HEADER: &str = "| measurement | requests | failed | per second | p50 ms | p99 ms | ratio |\n|---|---|---|---|---|---|---|";

/// Closed-loop load: `concurrency` tasks send `reqs` in turn (request i is `reqs[i % len]`) until
/// `max` are sent or `secs` pass. With `rate`, request i is not sent before start + i/rate.
#[allow(clippy::too_many_arguments)]
fn load(
    rt: &tokio::runtime::Runtime,
    name: &str,
    base: &str,
    reqs: Vec<Req>,
    concurrency: usize,
    max: usize,
    secs: f64,
    rate: Option<f64>,
    keep_created: bool,
) -> Outcome {
    load_into(
        rt,
        name,
        base,
        reqs,
        concurrency,
        max,
        secs,
        rate,
        keep_created,
        None,
    )
}

/// `load` for `secs` with `clients` clients and no other bound: the shape of most measurements.
fn timed(b: &Bench, name: &str, base: &str, reqs: Vec<Req>, clients: usize, secs: f64) -> Outcome {
    load(
        &b.rt, name, base, reqs, clients, 1_000_000, secs, None, false,
    )
}

/// `load`, also sending each created notification's (id, ETag) to `sink` as it is created.
#[allow(clippy::too_many_arguments)]
fn load_into(
    rt: &tokio::runtime::Runtime,
    name: &str,
    base: &str,
    reqs: Vec<Req>,
    concurrency: usize,
    max: usize,
    secs: f64,
    rate: Option<f64>,
    keep_created: bool,
    sink: Option<std::sync::mpsc::Sender<(String, String)>>,
) -> Outcome {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let reqs = Arc::new(reqs);
    let next = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let limit = Duration::from_secs_f64(secs);
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let (client, reqs, next, base, sink) = (
                client.clone(),
                reqs.clone(),
                next.clone(),
                base.to_string(),
                sink.clone(),
            );
            rt.spawn(async move {
                let mut lat = Vec::new();
                let mut ok = 0usize;
                let mut sent = 0usize;
                let mut created = Vec::new();
                // `If-None-Match: follow`: this client sends the ETag it was last given, as a
                // dashboard does (none before its first answer).
                let mut last_tag: Option<String> = None;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= max || start.elapsed() >= limit {
                        break;
                    }
                    if let Some(r) = rate {
                        let at = start + Duration::from_secs_f64(i as f64 / r);
                        if at > start + limit {
                            break;
                        }
                        tokio::time::sleep_until(at.into()).await;
                    }
                    let q = &reqs[i % reqs.len()];
                    let mut b = client.request(q.method.clone(), format!("{base}{}", q.path));
                    let follows = q
                        .headers
                        .iter()
                        .any(|(k, v)| k == "if-none-match" && v == FOLLOW);
                    for (k, v) in &q.headers {
                        if k == "if-none-match" && v == FOLLOW {
                            if let Some(t) = &last_tag {
                                b = b.header(k, t);
                            }
                        } else {
                            b = b.header(k, v);
                        }
                    }
                    if let Some(body) = &q.body {
                        b = b.body(body.as_ref().clone());
                    }
                    let t = Instant::now();
                    let r = b.send().await;
                    sent += 1;
                    if let Ok(r) = r {
                        let status = r.status().as_u16();
                        let tag = r
                            .headers()
                            .get("etag")
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or("")
                            .to_string();
                        let body = r.bytes().await;
                        lat.push(t.elapsed().as_micros() as u64);
                        if follows && !tag.is_empty() {
                            last_tag = Some(tag.clone());
                        }
                        if (200..300).contains(&status) || status == 304 {
                            ok += 1;
                            if keep_created && status == 201 {
                                if let Ok(v) = serde_json::from_slice::<Value>(&body.unwrap()) {
                                    let made = (v["id"].as_str().unwrap_or("").to_string(), tag);
                                    if let Some(sink) = &sink {
                                        let _ = sink.send(made.clone());
                                    }
                                    created.push(made);
                                }
                            }
                        }
                    } else {
                        lat.push(t.elapsed().as_micros() as u64);
                    }
                }
                (lat, ok, sent, created)
            })
        })
        .collect();
    drop(sink);
    let mut out = Outcome {
        name: name.into(),
        ..Default::default()
    };
    let mut lat = Vec::new();
    for t in tasks {
        let (l, ok, sent, created) = rt.block_on(t).unwrap();
        lat.extend(l);
        out.ok += ok;
        out.sent += sent;
        out.created.extend(created);
    }
    out.secs = start.elapsed().as_secs_f64();
    percentiles(&mut out, lat);
    out
}

/// Sets p50 and p99 of `out` from latencies in microseconds.
fn percentiles(out: &mut Outcome, mut lat: Vec<u64>) {
    lat.sort_unstable();
    let pct = |p: f64| {
        if lat.is_empty() {
            0.0
        } else {
            lat[((lat.len() as f64 * p) as usize).min(lat.len() - 1)] as f64 / 1000.0
        }
    };
    out.p50_ms = pct(0.50);
    out.p99_ms = pct(0.99);
}

/// Officers at work during a surge: `concurrency` of them approve the `stage` of `nation`
/// on each notification as it arrives from `arrivals` (with its ETag), until the submitters
/// are done and nothing is left, or `secs` pass. 404 where the nation is not on the route.
#[allow(clippy::too_many_arguments)]
fn decide_as_they_arrive(
    rt: &tokio::runtime::Runtime,
    name: &str,
    base: &str,
    token: &str,
    nation: &str,
    stage: &str,
    arrivals: std::sync::mpsc::Receiver<(String, String)>,
    concurrency: usize,
    secs: f64,
) -> Outcome {
    let client = reqwest::Client::new();
    let arrivals = Arc::new(std::sync::Mutex::new(arrivals));
    let start = Instant::now();
    let limit = Duration::from_secs_f64(secs);
    let tasks: Vec<_> = (0..concurrency)
        .map(|_| {
            let (client, arrivals) = (client.clone(), arrivals.clone());
            let (base, token, nation, stage) = (
                base.to_string(),
                token.to_string(),
                nation.to_string(),
                stage.to_string(),
            );
            rt.spawn(async move {
                let (mut lat, mut ok, mut sent) = (Vec::new(), 0usize, 0usize);
                while start.elapsed() < limit {
                    let next = arrivals.lock().unwrap().try_recv();
                    let (id, tag) = match next {
                        Ok(n) => n,
                        Err(std::sync::mpsc::TryRecvError::Empty) => {
                            tokio::time::sleep(Duration::from_millis(2)).await;
                            continue;
                        }
                        Err(std::sync::mpsc::TryRecvError::Disconnected) => break,
                    };
                    let t = Instant::now();
                    let r = client
                        .post(format!(
                            "{base}/v1/notifications/{id}/nations/{nation}/stages/{stage}/decision"
                        ))
                        .bearer_auth(&token)
                        .header("if-match", tag)
                        .json(&json!({"outcome": "approve"}))
                        .send()
                        .await;
                    sent += 1;
                    if let Ok(r) = r {
                        let good = r.status().is_success();
                        let _ = r.bytes().await;
                        ok += usize::from(good);
                    }
                    lat.push(t.elapsed().as_micros() as u64);
                }
                (lat, ok, sent)
            })
        })
        .collect();
    let mut out = Outcome {
        name: name.into(),
        ..Default::default()
    };
    let mut lat = Vec::new();
    for t in tasks {
        let (l, ok, sent) = rt.block_on(t).unwrap();
        lat.extend(l);
        out.ok += ok;
        out.sent += sent;
    }
    out.secs = start.elapsed().as_secs_f64();
    percentiles(&mut out, lat);
    out
}

/// A fixture movement moved by whole weeks (its weekdays and times of day kept) so that it
/// departs at least a day after the run starts: the benchmark means the same on any date.
fn fixture(name: &str) -> Value {
    static SHIFT: std::sync::OnceLock<chrono::Duration> = std::sync::OnceLock::new();
    let p = root().join(format!("tests/fixtures/{name}.json"));
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
    let shift = *SHIFT.get_or_init(|| {
        let departs = chrono::DateTime::parse_from_rfc3339(v["departure_at"].as_str().unwrap())
            .unwrap()
            .with_timezone(&chrono::Utc);
        let gap = chrono::Utc::now() + chrono::Duration::days(1) - departs;
        let week = chrono::Duration::weeks(1);
        let weeks = gap.num_seconds().div_euclid(week.num_seconds()) + 1;
        week * weeks as i32
    });
    shift_times(&mut v, shift);
    v
}

/// Moves every RFC 3339 time in `v` by `by`.
fn shift_times(v: &mut Value, by: chrono::Duration) {
    match v {
        Value::String(s) => {
            if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
                *s = (t.with_timezone(&chrono::Utc) + by)
                    .format("%Y-%m-%dT%H:%M:%SZ")
                    .to_string();
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| shift_times(x, by)),
        Value::Object(o) => o.values_mut().for_each(|x| shift_times(x, by)),
        _ => {}
    }
}

/// The crisis movement, requested by `nation`'s unit, along a four-nation route.
fn movement(nation: &str, route: &[&str]) -> Value {
    let mut v = fixture("crisis_nl_de_pl_lt");
    v["requester"]["nation"] = json!(nation);
    v["requester"]["unit"] = json!(format!("{nation} {UNIT}"));
    for (leg, n) in v["itinerary"].as_array_mut().unwrap().iter_mut().zip(route) {
        leg["nation"] = json!(n);
    }
    v
}

const ROUTES: [[&str; 4]; 8] = [
    ["NL", "DE", "PL", "LT"],
    ["BE", "NL", "DE", "PL"],
    ["DE", "CZ", "PL", "LT"],
    ["PL", "LT", "LV", "EE"],
    ["LT", "LV", "EE", "LV"],
    ["BE", "DE", "CZ", "PL"],
    ["CZ", "PL", "LT", "LV"],
    ["EE", "LV", "LT", "PL"],
];

struct Backend {
    url: String,
    pg_drop: Option<(String, String)>,
    _dir: Option<tempfile::TempDir>,
}

impl Drop for Backend {
    fn drop(&mut self) {
        if std::env::var("BENCH_KEEP").is_ok_and(|v| v == "1") {
            eprintln!("kept the database: {}", self.url);
            if let Some(dir) = self._dir.take() {
                let _ = dir.keep();
            }
            return;
        }
        if let Some((admin, db)) = &self.pg_drop {
            if let Ok(mut c) = diesel::PgConnection::establish(admin) {
                let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {db} WITH (FORCE)"))
                    .execute(&mut c);
            }
        }
    }
}

fn backend(name: &'static str) -> Backend {
    if name == "postgres" {
        let admin = std::env::var("BENCH_PG")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:55432/postgres".into());
        // A run may make several (the storm has its own): numbered within the process.
        static MADE: AtomicUsize = AtomicUsize::new(0);
        let db = format!(
            "corridor_bench_{}_{}",
            std::process::id(),
            MADE.fetch_add(1, Ordering::Relaxed)
        );
        let mut c = diesel::PgConnection::establish(&admin).expect("BENCH_PG reachable");
        diesel::sql_query(format!("CREATE DATABASE {db}"))
            .execute(&mut c)
            .unwrap();
        let url = format!("{}/{db}", admin.rsplit_once('/').unwrap().0);
        Backend {
            url,
            pg_drop: Some((admin, db)),
            _dir: None,
        }
    } else {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("corridor.db").display());
        Backend {
            url,
            pg_drop: None,
            _dir: Some(dir),
        }
    }
}

struct Bench {
    rt: tokio::runtime::Runtime,
    secs: f64,
    bin: PathBuf,
    logs: PathBuf,
}

impl Bench {
    fn env(&self, db: &str) -> Vec<(String, String)> {
        // Outside development mode the server needs a permit signing key: one per run.
        let key = self.logs.join("permit-key.pem");
        if !key.exists() {
            let made = std::process::Command::new(self.bin.join("corridor"))
                .args(["permit", "keygen"])
                .arg(&key)
                .status()
                .expect("corridor permit keygen runs");
            assert!(made.success(), "corridor permit keygen failed");
        }
        vec![
            ("CORRIDOR_PERMIT_KEY".into(), key.display().to_string()),
            ("DATABASE_URL".into(), db.into()),
            ("CORRIDOR_BIND".into(), "127.0.0.1:0".into()),
            ("CORRIDOR_JWT_SECRET".into(), SECRET.into()),
            (
                "CORRIDOR_POLICIES".into(),
                root().join("policies").display().to_string(),
            ),
            ("CORRIDOR_WORKERS".into(), "2".into()),
            // The load is a few planners submitting thousands: the per-user rate would be
            // what is measured.
            ("CORRIDOR_SUBMISSIONS_PER_MINUTE".into(), "0".into()),
            // Every board poll computed from the database: the phases measure what one board
            // costs. The storm runs once like this and once as shipped (boards up to 1 s old).
            ("CORRIDOR_BOARD_MAX_AGE_MS".into(), "0".into()),
            ("RUST_LOG".into(), "warn".into()),
        ]
    }

    fn serve(&self, db: &str, tag: &str) -> Proc {
        let p = Proc::spawn(
            &self.bin.join("corridor"),
            &["serve"],
            &self.env(db),
            &self.logs.join(format!("{tag}.log")),
        );
        // Ready?
        let http = reqwest::blocking::Client::new();
        for _ in 0..200 {
            if http
                .get(format!("{}/readyz", p.url))
                .send()
                .map(|r| r.status().is_success())
                .unwrap_or(false)
            {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        p
    }

    fn user(&self, s: &Proc, db: &str, name: &str, role: &str, args: &[&str]) -> String {
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
        let mut c = Command::new(self.bin.join("corridor"))
            .args(&all)
            .envs(self.env(db))
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        c.stdin.take().unwrap().write_all(pw.as_bytes()).unwrap();
        assert!(c.wait().unwrap().success(), "user add {name}");
        let r: Value = reqwest::blocking::Client::new()
            .post(format!("{}/v1/auth/token", s.url))
            .json(&json!({"username": name, "password": pw}))
            .send()
            .unwrap()
            .json()
            .unwrap();
        r["access_token"].as_str().unwrap().to_string()
    }
}

#[derive(QueryableByName)]
struct N {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn count(st: &Store, from: &str) -> i64 {
    let mut c = st.conn().unwrap();
    diesel::sql_query(format!("SELECT COUNT(*) AS n FROM {from}"))
        .get_result::<N>(&mut *c)
        .unwrap()
        .n
}

/// Copies the template notification's rows `from..to` times inside the database.
fn seed(st: &Store, template: &str, from: i64, to: i64) {
    let mut c = st.conn().unwrap();
    let pg = matches!(&mut *c, Db::Pg(_));
    let series = |select: &str| -> String {
        if pg {
            format!("{select} generate_series({from}, {to} - 1) AS s(g)")
        } else {
            format!(
                "WITH RECURSIVE s(g) AS (SELECT {from} UNION ALL SELECT g + 1 FROM s WHERE g + 1 < {to}) \
                 {select} s"
            )
        }
    };
    let future = if pg {
        "due_at + INTERVAL '30 days'"
    } else {
        "strftime('%Y-%m-%d %H:%M:%f', due_at, '+30 days')"
    };
    let g = if pg { "g::text" } else { "g" };
    // The history of a service a year in: every seeded notification settled 1 to 365 days
    // ago, 70 % approved, 10 % each rejected, withdrawn and expired. What is in play now is
    // what the benchmark itself submitted (the "live" column of the scale table).
    let status = "CASE WHEN g % 10 < 7 THEN 'approved' WHEN g % 10 < 8 THEN 'rejected' \
                  WHEN g % 10 < 9 THEN 'withdrawn' ELSE 'expired' END";
    let review_status =
        "CASE WHEN g % 10 < 7 THEN 'approved' WHEN g % 10 < 8 THEN 'rejected' ELSE r.status END";
    let stage_status = "CASE WHEN g % 10 < 7 THEN 'approved' ELSE x.status END";
    let ago = |col: &str| -> String {
        if pg {
            format!("{col} - (1 + g % 365) * INTERVAL '1 day'")
        } else {
            format!("strftime('%Y-%m-%d %H:%M:%f', {col}, '-' || (1 + g % 365) || ' days')")
        }
    };
    let stmts = [
        format!(
            "INSERT INTO notifications (id, reference, status, version, revision, priority, kind, \
             requester_nation, requester_unit, created_by, departure_at, arrival_at, due_at, \
             escalation_level, movement, submitted_at, updated_at) {}",
            series(&format!(
                "SELECT 'seed-' || {g}, 'SEED-' || {g}, {status}, n.version, n.revision, n.priority, n.kind, \
                 n.requester_nation, n.requester_unit, n.created_by, {}, {}, {}, \
                 n.escalation_level, n.movement, {}, {} \
                 FROM (SELECT * FROM notifications WHERE id = '{template}') n CROSS JOIN",
                ago("n.departure_at"),
                ago("n.arrival_at"),
                ago("n.due_at"),
                ago("n.submitted_at"),
                ago("n.updated_at")
            ))
        ),
        format!(
            "INSERT INTO notification_versions (notification_id, version, movement, created_by, created_at) {}",
            series(&format!(
                "SELECT 'seed-' || {g}, v.version, v.movement, v.created_by, v.created_at \
                 FROM (SELECT * FROM notification_versions WHERE notification_id = '{template}') v CROSS JOIN"
            ))
        ),
        format!(
            "INSERT INTO reviews (notification_id, nation, position, status, permit_number, due_at, \
             policy_version, findings, waiver) {}",
            series(&format!(
                "SELECT 'seed-' || {g}, r.nation, r.position, {review_status}, NULL, r.due_at, r.policy_version, \
                 r.findings, r.waiver FROM (SELECT * FROM reviews WHERE notification_id = '{template}') r CROSS JOIN"
            ))
        ),
        format!(
            "INSERT INTO stages (id, notification_id, nation, stage_key, name, step, round, status, \
             opened_at, due_at, decided_by, decided_at, conditions, reason, fingerprint, \
             escalation_level, revision) {}",
            series(&format!(
                "SELECT 'seed-' || {g} || '-' || x.id, 'seed-' || {g}, x.nation, x.stage_key, x.name, x.step, \
                 x.round, {stage_status}, x.opened_at, x.due_at, x.decided_by, x.decided_at, x.conditions, x.reason, \
                 x.fingerprint, x.escalation_level, x.revision \
                 FROM (SELECT * FROM stages WHERE notification_id = '{template}') x CROSS JOIN"
            ))
        ),
        // Open timers, due a month from now: the runner must pass them over. One per seeded
        // notification, settled or not: far more than a real service holds, for the
        // runner's measurement.
        format!(
            "INSERT INTO timers (id, kind, notification_id, nation, stage_id, due_at, status, attempts, \
             locked_by, locked_until, created_at, fired_at) {}",
            series(&format!(
                "SELECT 'seed-' || {g} || '-' || t.id, t.kind, 'seed-' || {g}, t.nation, t.stage_id, \
                 {}, 'pending', 0, NULL, NULL, t.created_at, NULL \
                 FROM (SELECT * FROM timers WHERE notification_id = '{template}' LIMIT 1) t CROSS JOIN",
                future.replace("due_at", "t.due_at")
            ))
        ),
    ];
    for s in stmts {
        diesel::sql_query(&s)
            .execute(&mut *c)
            .unwrap_or_else(|e| panic!("{e}: {s}"));
    }
    diesel::sql_query("ANALYZE").execute(&mut *c).unwrap();
}

/// Settles the `n` newest notifications in play as approved two days ago.
fn settle_newest(st: &Store, n: i64) {
    let mut c = st.conn().unwrap();
    let ago = if matches!(&mut *c, Db::Pg(_)) {
        "updated_at - INTERVAL '2 days'"
    } else {
        "strftime('%Y-%m-%d %H:%M:%f', updated_at, '-2 days')"
    };
    diesel::sql_query(format!(
        "UPDATE notifications SET status = 'approved', updated_at = {ago} WHERE id IN \
         (SELECT id FROM notifications WHERE status IN ('in_review', 'changes_requested') \
          ORDER BY submitted_at DESC LIMIT {n})"
    ))
    .execute(&mut *c)
    .unwrap();
}

/// Lets the server finish what a saturating load left queued (requests whose clients gave up
/// at the time limit), so that it is not counted against the next measurement.
fn drain() {
    std::thread::sleep(Duration::from_secs(3));
}

/// Milliseconds for one timer-runner claim among the open timers (median of 5).
fn timer_scan_ms(st: &Store) -> f64 {
    let mut c = st.conn().unwrap();
    let mut t: Vec<f64> = (0..5)
        .map(|_| {
            let s = Instant::now();
            corridor::jobs::timers::claim_due(&mut c, "bench", chrono::Utc::now(), 50).unwrap();
            s.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    t.sort_by(|a, b| a.partial_cmp(b).unwrap());
    t[2]
}

fn run_backend(b: &Bench, name: &'static str, hello_rps: f64) {
    let db = backend(name);
    let secs = b.secs;
    println!("\n## {name}\n");
    let s = b.serve(&db.url, &format!("{name}-1"));
    let req = b.user(
        &s,
        &db.url,
        "nl.planner",
        "requester",
        &["--nation", "NL", "--unit", UNIT],
    );
    let officer = b.user(
        &s,
        &db.url,
        "de.movcon",
        "officer",
        &["--nation", "DE", "--stages", "movcon"],
    );
    let liaison = b.user(&s, &db.url, "liaison", "liaison", &[]);
    let body = movement("NL", &ROUTES[0]);
    let mut body_nl = body.clone();
    body_nl["requester"]["unit"] = json!(UNIT);
    let one = load(
        &b.rt,
        "warm-up",
        &s.url,
        vec![Req::post("/v1/notifications", &req, &body_nl)],
        1,
        20,
        secs,
        None,
        true,
    );
    let (template, _) = one.created[0].clone();
    drop(s);

    // The write ceiling, with the server stopped: the same rows, the same transactions.
    let threads = if name == "sqlite" { "4" } else { "10" };
    let out = Command::new(b.bin.join("examples/write_ceiling"))
        .args([&db.url, &template, threads, &secs.to_string(), "1000000"])
        .output()
        .unwrap();
    let line = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "write_ceiling: {line}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let write_rps: f64 = line
        .split_whitespace()
        .find_map(|w| w.strip_prefix("per_second="))
        .and_then(|v| v.parse().ok())
        .unwrap();
    println!("write ceiling ({threads} connections): `{}`\n", line.trim());
    if phase("board") {
        board_phases(b, name, &db, &template, write_rps);
    } else if phase("storm") {
        // `BENCH_STORM_AGES` (default `0,1000`): the board ages to run the storm with.
        let ages = std::env::var("BENCH_STORM_AGES").unwrap_or_else(|_| "0,1000".into());
        for age in ages.split(',').filter_map(|a| a.trim().parse().ok()) {
            storm(b, name, write_rps, age);
        }
    }
    if !phase("classic") {
        return;
    }

    let s = b.serve(&db.url, &format!("{name}-2"));
    let mut rows = Vec::new();
    let sub = load(
        &b.rt,
        "submit (crisis NL-DE-PL-LT), 16 clients",
        &s.url,
        vec![Req::post("/v1/notifications", &req, &body_nl)],
        16,
        1_000_000,
        secs,
        None,
        true,
    );
    rows.push(sub.row(Some(("write ceiling", write_rps))));
    permit_rates(&body_nl, secs, sub.rps());
    let half = sub.rps() / 2.0;
    let sub_half = load(
        &b.rt,
        &format!("submit at half that rate ({half:.0}/s)"),
        &s.url,
        vec![Req::post("/v1/notifications", &req, &body_nl)],
        16,
        1_000_000,
        secs,
        Some(half),
        true,
    );
    rows.push(sub_half.row(Some(("write ceiling", write_rps))));

    // Decisions: DE movcon approves each submitted notification once, with its ETag.
    let decisions: Vec<Req> = sub
        .created
        .iter()
        .chain(sub_half.created.iter())
        .map(|(id, tag)| {
            Req::post(
                &format!("/v1/notifications/{id}/nations/DE/stages/movcon/decision"),
                &officer,
                &json!({"outcome": "approve"}),
            )
            .header("if-match", tag)
        })
        .collect();
    let n = decisions.len();
    let dec = load(
        &b.rt,
        "decide (approve, If-Match), 16 clients",
        &s.url,
        decisions,
        16,
        n,
        secs,
        None,
        false,
    );
    rows.push(dec.row(Some(("write ceiling", write_rps))));

    let (id, _) = sub.created[0].clone();
    let path = format!("/v1/notifications/{id}");
    let tag = reqwest::blocking::Client::new()
        .get(format!("{}{path}", s.url))
        .bearer_auth(&liaison)
        .send()
        .unwrap()
        .headers()["etag"]
        .to_str()
        .unwrap()
        .to_string();
    let get = timed(
        b,
        "GET one notification, 32 clients",
        &s.url,
        vec![Req::get(&path, &liaison)],
        32,
        secs,
    );
    rows.push(get.row(Some(("HTTP ceiling", hello_rps))));
    let get304 = timed(
        b,
        "GET one, If-None-Match (304), 32 clients",
        &s.url,
        vec![Req::get(&path, &liaison).header("if-none-match", &tag)],
        32,
        secs,
    );
    rows.push(get304.row(Some(("HTTP ceiling", hello_rps))));
    let list = load(
        &b.rt,
        "GET list ?status=in_review&limit=50, 32 clients",
        &s.url,
        vec![Req::get(
            "/v1/notifications?status=in_review&limit=50",
            &liaison,
        )],
        32,
        1_000_000,
        secs,
        None,
        false,
    );
    rows.push(list.row(Some(("HTTP ceiling", hello_rps))));
    let board = timed(
        b,
        "GET /v1/board, 32 clients",
        &s.url,
        vec![Req::get("/v1/board", &liaison)],
        32,
        secs,
    );
    rows.push(board.row(Some(("HTTP ceiling", hello_rps))));
    drain();
    let board304 = timed(
        b,
        "GET /v1/board, If-None-Match as last given (304), 32 clients",
        &s.url,
        vec![Req::get("/v1/board", &liaison).header("if-none-match", FOLLOW)],
        32,
        secs,
    );
    rows.push(board304.row(Some(("HTTP ceiling", hello_rps))));
    println!("{HEADER}\n{}", rows.join("\n"));

    // Crisis surge: 8 nations submit while officers decide and dashboards poll.
    let surge_n = env_num("BENCH_SURGE", 2000) as usize;
    let mut submitters = Vec::new();
    for (i, n) in NATIONS.iter().enumerate() {
        let t = b.user(
            &s,
            &db.url,
            &format!("{}.surge", n.to_lowercase()),
            "requester",
            &["--nation", n, "--unit", &format!("{n} {UNIT}")],
        );
        submitters.push(Req::post("/v1/notifications", &t, &movement(n, &ROUTES[i])));
    }
    let de_officer = officer.clone();
    // Long enough for the whole surge at a tenth of the measured submission rate.
    let surge_secs = (surge_n as f64 / (sub.rps() / 10.0).max(1.0)).max(secs * 6.0);
    let started = Instant::now();
    let (tx, rx) = std::sync::mpsc::channel();
    let base = s.url.clone();
    let polls_base = s.url.clone();
    let poll_req = Req::get("/v1/board", &liaison).header("if-none-match", FOLLOW);
    let list_req = Req::get("/v1/notifications?status=in_review&limit=50", &liaison);
    let surge_done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    std::thread::scope(|sc| {
        let rt = &b.rt;
        let h_sub = sc.spawn(move || {
            load_into(
                rt,
                &format!("surge: submit {surge_n} across 8 nations, 8 clients"),
                &base,
                submitters,
                8,
                surge_n,
                surge_secs,
                None,
                true,
                Some(tx),
            )
        });
        let done = surge_done.clone();
        let h_poll = sc.spawn(move || {
            // Dashboards poll for as long as the surge lasts, in rounds of a few seconds.
            let mut rounds = Vec::new();
            while !done.load(Ordering::Relaxed) {
                rounds.push(load(
                    rt,
                    "surge: dashboards poll (board with ETag + list), 8 clients",
                    &polls_base,
                    vec![poll_req.clone(), list_req.clone()],
                    8,
                    1_000_000,
                    2.0,
                    Some(100.0),
                    false,
                ));
            }
            rounds
        });
        // DE movement control approves each notification as it arrives (404 where Germany
        // is not on the route).
        let dec = decide_as_they_arrive(
            rt,
            "surge: DE officers decide as notifications arrive (404 where DE not on route), 8 clients",
            &s.url,
            &de_officer,
            "DE",
            "movcon",
            rx,
            8,
            surge_secs,
        );
        let sub = h_sub.join().unwrap();
        surge_done.store(true, Ordering::Relaxed);
        let rounds = h_poll.join().unwrap();
        let poll = Outcome {
            name: rounds.first().map(|r| r.name.clone()).unwrap_or_default(),
            sent: rounds.iter().map(|r| r.sent).sum(),
            ok: rounds.iter().map(|r| r.ok).sum(),
            secs: rounds.iter().map(|r| r.secs).sum(),
            // The worst round's figures: rounds cannot be merged into one percentile.
            p50_ms: rounds.iter().map(|r| r.p50_ms).fold(0.0, f64::max),
            p99_ms: rounds.iter().map(|r| r.p99_ms).fold(0.0, f64::max),
            created: Vec::new(),
        };
        println!(
            "\nCrisis surge ({surge_n} notifications, {:.1} s):\n\n{HEADER}\n{}\n{}\n{}",
            started.elapsed().as_secs_f64(),
            sub.row(Some(("write ceiling", write_rps))),
            dec.row(None),
            poll.row(None)
        );
    });

    // Scale: the same polls and submissions with more notifications stored.
    let st = Store::open(&db.url, 2).unwrap();
    let mut scale = vec!["| stored | live | GET one /s | GET 304 /s | board /s | board p99 ms | board as DE officer /s | board 304 /s | list /s | list p99 ms | submit /s | submit p99 ms | timer claim among open ms | open timers | RSS MiB |".to_string(), "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|".into()];
    let mut seeded = 0i64;
    let mut first_live: Option<i64> = None;
    let mut server = Some(s);
    let scales: Vec<i64> = std::env::var("BENCH_SCALES")
        .unwrap_or_else(|_| "10000,100000".into())
        .split(',')
        .filter_map(|v| v.trim().parse().ok())
        .collect();
    for target in scales {
        drop(server.take());
        let t = Instant::now();
        let have = count(&st, "notifications");
        if have < target {
            seed(&st, &template, seeded, seeded + (target - have));
            seeded += target - have;
        }
        let seed_secs = t.elapsed().as_secs_f64();
        let in_play = "notifications WHERE status IN ('in_review', 'changes_requested')";
        // The same live picture at every size: what the previous size's submissions added is
        // settled (approved two days ago), so only the stored history grows.
        let live_now = count(&st, in_play);
        let keep_live = *first_live.get_or_insert(live_now);
        if live_now > keep_live {
            settle_newest(&st, live_now - keep_live);
        }
        let stored = count(&st, "notifications");
        let live = count(&st, in_play);
        let open_timers = count(&st, "timers WHERE status = 'pending'");
        let timer_ms = timer_scan_ms(&st);
        let s = b.serve(&db.url, &format!("{name}-scale-{target}"));
        let g = timed(b, "get", &s.url, vec![Req::get(&path, &liaison)], 32, secs);
        let g3 = timed(
            b,
            "304",
            &s.url,
            vec![Req::get(&path, &liaison).header("if-none-match", &tag)],
            32,
            secs,
        );
        let bd = timed(
            b,
            "board",
            &s.url,
            vec![Req::get("/v1/board", &liaison)],
            32,
            secs,
        );
        let bde = timed(
            b,
            "board as DE officer",
            &s.url,
            vec![Req::get("/v1/board", &officer)],
            32,
            secs,
        );
        drain();
        let bd3 = timed(
            b,
            "board 304",
            &s.url,
            vec![Req::get("/v1/board", &liaison).header("if-none-match", FOLLOW)],
            32,
            secs,
        );
        let l = load(
            &b.rt,
            "list",
            &s.url,
            vec![Req::get(
                "/v1/notifications?status=in_review&limit=50",
                &liaison,
            )],
            32,
            1_000_000,
            secs,
            None,
            false,
        );
        let su = timed(
            b,
            "submit",
            &s.url,
            vec![Req::post("/v1/notifications", &req, &body_nl)],
            16,
            secs,
        );
        scale.push(format!(
            "| {stored} | {live} | {:.0} | {:.0} | {:.0} | {:.1} | {:.0} | {:.0} | {:.0} | {:.1} | {:.0} | {:.1} | {timer_ms:.2} | {open_timers} | {:.0} |",
            g.rps(), g3.rps(), bd.rps(), bd.p99_ms, bde.rps(), bd3.rps(), l.rps(), l.p99_ms, su.rps(), su.p99_ms, s.rss_mib()
        ));
        eprintln!("seeded to {stored} in {seed_secs:.1} s");
        server = Some(s);
    }
    drop(server);
    println!("\nScale ({name}):\n\n{}", scale.join("\n"));
    println!(
        "\nRatios ({name}): submissions {:.0} % of the write ceiling ({:.0}/s vs {write_rps:.0}/s); \
         board polls with ETag {:.0} % and GET one with ETag {:.0} % of the HTTP ceiling; \
         p99 at half the maximum submission rate {:.1} ms.",
        100.0 * sub.rps() / write_rps,
        sub.rps(),
        100.0 * board304.rps() / hello_rps,
        100.0 * get304.rps() / hello_rps,
        sub_half.p99_ms
    );
}

fn main() {
    // Where cargo put the binaries: CARGO_TARGET_DIR when set (as bench/run passes it on).
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root().join("target"));
    let bin = target.join(std::env::var("BENCH_PROFILE").unwrap_or_else(|_| "release".into()));
    let logs = std::env::temp_dir().join(format!("corridor-bench-{}", std::process::id()));
    std::fs::create_dir_all(&logs).unwrap();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let b = Bench {
        rt,
        secs: env_num("BENCH_SECONDS", 5) as f64,
        bin,
        logs: logs.clone(),
    };
    println!("# Corridor benchmark run\n");
    println!(
        "nproc {}, load generator: this process (2 tokio threads) on the same machine; logs in {}",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(0),
        logs.display()
    );
    let hello = Proc::spawn(
        &b.bin.join("examples/hello"),
        &[],
        &[("CORRIDOR_WORKERS".into(), "2".into())],
        &logs.join("hello.log"),
    );
    let h = load(
        &b.rt,
        "hello world (HTTP ceiling), 32 clients",
        &hello.url,
        vec![Req {
            method: reqwest::Method::GET,
            path: "/".into(),
            headers: vec![],
            body: None,
        }],
        32,
        5_000_000,
        b.secs,
        None,
        false,
    );
    drop(hello);
    println!("\n{HEADER}\n{}", h.row(None));
    let backends = std::env::var("BENCH_BACKENDS").unwrap_or_else(|_| "sqlite,postgres".into());
    for name in backends.split(',') {
        match name.trim() {
            "sqlite" => run_backend(&b, "sqlite", h.rps()),
            "postgres" => run_backend(&b, "postgres", h.rps()),
            other => eprintln!("unknown backend {other}"),
        }
    }
}

/// Issue 14: signing a permit bundle (claims from the stored movement + Ed25519 JWS) and
/// verifying one offline (JWKS lookup, signature, window, revocation list of 1,000 entries), in
/// this process on one thread, measured right after the submission rate so the ratios compare
/// like with like. Issuing in the service adds one row insert to the approving transaction.
fn permit_rates(movement: &Value, secs: f64, submit_rps: f64) {
    use corridor::permit::claims::{self, BundleInput, Margins, ReviewFacts};
    use corridor::permit::keys::{self, SigningKey};
    use corridor::permit::verify::{self, RevocationList, Revoked};
    let input: corridor::domain::MovementInput = serde_json::from_value(movement.clone()).unwrap();
    let key = SigningKey::from_pem(&keys::generate_pem().unwrap()).unwrap();
    let reviews: Vec<ReviewFacts> = input
        .itinerary
        .iter()
        .enumerate()
        .map(|(i, l)| ReviewFacts {
            nation: l.nation.to_string(),
            permit: format!("{}-2027-{:06}", l.nation, i + 1),
            conditions: vec!["escort".into()],
            decided_at: input.departure_at,
            policy_version: "ab".repeat(32),
        })
        .collect();
    let margins = std::collections::BTreeMap::new();
    let default = Margins {
        before: chrono::Duration::hours(2),
        after: chrono::Duration::hours(6),
    };
    let issue = |jti: &str| {
        let c = claims::build(&BundleInput {
            iss: "corridor",
            jti,
            iat: input.departure_at,
            reference: "CRD-2027-000001",
            version: 1,
            movement: &input,
            reviews: &reviews,
            margins: &margins,
            default_margins: default,
        });
        key.sign(claims::PERMIT_TYP, &c).unwrap()
    };
    let timed = |f: &mut dyn FnMut(usize)| {
        let start = std::time::Instant::now();
        let mut n = 0;
        while start.elapsed().as_secs_f64() < secs {
            f(n);
            n += 1;
        }
        n as f64 / start.elapsed().as_secs_f64()
    };
    let issued = timed(&mut |i| {
        std::hint::black_box(issue(&i.to_string()));
    });
    let token = issue("bench");
    let jwks: jsonwebtoken::jwk::JwkSet =
        serde_json::from_value(json!({"keys": [keys::jwk(&key.kid, &key.x)]})).unwrap();
    let list = RevocationList {
        iss: "corridor".into(),
        seq: 1000,
        iat: 0,
        revoked: (0..1000)
            .map(|i| Revoked {
                jti: format!("revoked-{i}"),
                at: "2027-02-01T06:00:00Z".into(),
                reason: "withdrawn".into(),
            })
            .collect(),
    };
    let at = input.departure_at;
    let verified = timed(&mut |_| {
        std::hint::black_box(verify::verify(&token, &jwks, Some(&list), at).unwrap());
    });
    println!(
        "permits, in this process on 1 thread ({} B bundle): issue {issued:.0}/s ({:.1}x the submission rate of {submit_rps:.0}/s), verify {verified:.0}/s ({:.1}x)\n",
        token.len(),
        issued / submit_rps.max(1.0),
        verified / submit_rps.max(1.0),
    );
}

/// Whether `BENCH_PHASES` (default `classic,board`) names `p`: `classic` is the suite of
/// measurements before issue 18, `board` the live-scale board and the escalation storm, `storm`
/// the storm alone.
fn phase(p: &str) -> bool {
    std::env::var("BENCH_PHASES")
        .unwrap_or_else(|_| "classic,board".into())
        .split(',')
        .any(|x| x.trim() == p)
}

/// A token for a user made earlier (`Bench::user`), from another server on the same database.
fn token_of(s: &Proc, name: &str) -> String {
    let r: Value = reqwest::blocking::Client::new()
        .post(format!("{}/v1/auth/token", s.url))
        .json(&json!({"username": name, "password": format!("pw-{name}-long-enough")}))
        .send()
        .unwrap()
        .json()
        .unwrap();
    r["access_token"].as_str().unwrap().to_string()
}

/// Copies the template notification (in review, just submitted: its stages open, due within
/// hours) `from..to` times inside the database, as notifications in play: the direct bulk path
/// that puts 100,000 live notifications in place in seconds rather than an hour of submissions.
/// No timers are copied (the runner is not measured here). The board tables are then filled
/// from the rows by `store::board_tally::rebuild`, as after the migration that made them.
fn seed_live(st: &Store, template: &str, from: i64, to: i64) {
    let mut c = st.conn().unwrap();
    let pg = matches!(&mut *c, Db::Pg(_));
    let series = |select: &str| -> String {
        if pg {
            format!("{select} generate_series({from}, {to} - 1) AS s(g)")
        } else {
            format!(
                "WITH RECURSIVE s(g) AS (SELECT {from} UNION ALL SELECT g + 1 FROM s WHERE g + 1 < {to}) \
                 {select} s"
            )
        }
    };
    let g = if pg { "g::text" } else { "g" };
    let stmts = [
        format!(
            "INSERT INTO notifications (id, reference, status, version, revision, priority, kind, \
             requester_nation, requester_unit, created_by, departure_at, arrival_at, due_at, \
             escalation_level, movement, submitted_at, updated_at) {}",
            series(&format!(
                "SELECT 'live-' || {g}, 'LIVE-' || {g}, n.status, n.version, n.revision, n.priority, n.kind, \
                 n.requester_nation, n.requester_unit, n.created_by, n.departure_at, n.arrival_at, n.due_at, \
                 n.escalation_level, n.movement, n.submitted_at, n.updated_at \
                 FROM (SELECT * FROM notifications WHERE id = '{template}') n CROSS JOIN"
            ))
        ),
        format!(
            "INSERT INTO reviews (notification_id, nation, position, status, permit_number, due_at, \
             policy_version, findings, waiver) {}",
            series(&format!(
                "SELECT 'live-' || {g}, r.nation, r.position, r.status, NULL, r.due_at, r.policy_version, \
                 r.findings, r.waiver FROM (SELECT * FROM reviews WHERE notification_id = '{template}') r CROSS JOIN"
            ))
        ),
        format!(
            "INSERT INTO stages (id, notification_id, nation, stage_key, name, step, round, status, \
             opened_at, due_at, decided_by, decided_at, conditions, reason, fingerprint, \
             escalation_level, revision) {}",
            series(&format!(
                "SELECT 'live-' || {g} || '-' || x.id, 'live-' || {g}, x.nation, x.stage_key, x.name, x.step, \
                 x.round, x.status, x.opened_at, x.due_at, x.decided_by, x.decided_at, x.conditions, x.reason, \
                 x.fingerprint, x.escalation_level, x.revision \
                 FROM (SELECT * FROM stages WHERE notification_id = '{template}') x CROSS JOIN"
            ))
        ),
    ];
    for s in stmts {
        diesel::sql_query(&s)
            .execute(&mut *c)
            .unwrap_or_else(|e| panic!("{e}: {s}"));
    }
    corridor::store::board_tally::rebuild(&mut c, true).unwrap();
    diesel::sql_query("ANALYZE").execute(&mut *c).unwrap();
}

/// Issue 18: the full board at 1,000 / 10,000 / 100,000 live notifications and board polls
/// that follow the ETag, each against `/healthz` of the same server measured just before; then
/// the escalation storm.
fn board_phases(b: &Bench, name: &'static str, db: &Backend, template: &str, write_rps: f64) {
    let secs = b.secs;
    let st = Store::open(&db.url, 2).unwrap();
    let s = b.serve(&db.url, &format!("{name}-board-users"));
    b.user(&s, &db.url, "board.liaison", "liaison", &[]);
    b.user(
        &s,
        &db.url,
        "board.de",
        "officer",
        &["--nation", "DE", "--stages", "movcon"],
    );
    drop(s);
    let mut table = vec![
        "| live | /healthz /s | full board /s (32 clients) | % of /healthz | p99 ms | full board, 1 client: ms each (p50) | DE officer's board /s | % | polls following the ETag /s (32 clients) | % | p99 ms | lanes /s | p99 ms | lanes, a search /s | p99 ms | seed + rebuild s |".to_string(),
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|".into(),
    ];
    let in_play = "notifications WHERE status IN ('in_review', 'changes_requested')";
    let mut seeded = 0i64;
    let targets: Vec<i64> = std::env::var("BENCH_LIVE")
        .unwrap_or_else(|_| "1000,10000,100000".into())
        .split(',')
        .filter_map(|v| v.trim().parse().ok())
        .collect();
    for target in targets {
        let t = Instant::now();
        let live = count(&st, in_play);
        if live < target {
            seed_live(&st, template, seeded, seeded + (target - live));
            seeded += target - live;
        }
        let seed_secs = t.elapsed().as_secs_f64();
        let live = count(&st, in_play);
        let s = b.serve(&db.url, &format!("{name}-live-{target}"));
        let liaison = token_of(&s, "board.liaison");
        let de = token_of(&s, "board.de");
        let h = timed(
            b,
            "healthz",
            &s.url,
            vec![Req::get("/healthz", "")],
            32,
            secs,
        );
        let full = timed(
            b,
            "board",
            &s.url,
            vec![Req::get("/v1/board", &liaison)],
            32,
            secs,
        );
        let one = timed(
            b,
            "board 1",
            &s.url,
            vec![Req::get("/v1/board", &liaison)],
            1,
            secs,
        );
        let full_de = timed(
            b,
            "board DE",
            &s.url,
            vec![Req::get("/v1/board", &de)],
            32,
            secs,
        );
        // The lanes (issue 16): every lane's first page with true counts, and a search.
        let lanes = timed(
            b,
            "lanes",
            &s.url,
            vec![Req::get("/v1/board/lanes", &liaison)],
            32,
            secs,
        );
        let search = timed(
            b,
            "lanes search",
            &s.url,
            vec![Req::get("/v1/board/lanes?q=000123", &liaison)],
            32,
            secs,
        );
        drain();
        let polls = timed(
            b,
            "polls",
            &s.url,
            vec![Req::get("/v1/board", &liaison).header("if-none-match", FOLLOW)],
            32,
            secs,
        );
        let pct = |x: f64| 100.0 * x / h.rps().max(1.0);
        table.push(format!(
            "| {live} | {:.0} | {:.0} | {:.1} % | {:.1} | {:.2} | {:.0} | {:.1} % | {:.0} | {:.0} % | {:.1} | {:.0} | {:.1} | {:.0} | {:.1} | {seed_secs:.1} |",
            h.rps(),
            full.rps(),
            pct(full.rps()),
            full.p99_ms,
            one.p50_ms,
            full_de.rps(),
            pct(full_de.rps()),
            polls.rps(),
            pct(polls.rps()),
            polls.p99_ms,
            lanes.rps(),
            lanes.p99_ms,
            search.rps(),
            search.p99_ms
        ));
        eprintln!("live {live}: seeded and rebuilt in {seed_secs:.1} s");
    }
    println!(
        "\nBoard by live notifications ({name}):\n\n{}",
        table.join("\n")
    );
    storm(b, name, write_rps, 0);
    storm(b, name, write_rps, 1000);
}

/// Policies copied with crisis SLAs of seconds (stages 20 s, overall 60 s, liaison 20 s before
/// it), so that escalations fire throughout a storm of seconds.
fn storm_policies(dir: &Path) -> PathBuf {
    let to = dir.join("storm-policies");
    std::fs::create_dir_all(&to).unwrap();
    for e in std::fs::read_dir(root().join("policies")).unwrap() {
        let p = e.unwrap().path();
        if !p.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&p).unwrap();
        let is_nation = p
            .file_name()
            .and_then(|f| f.to_str())
            .is_some_and(|f| f.len() == 7 && f.ends_with(".yaml"));
        let text = if is_nation {
            text.lines()
                .map(|l| {
                    let short = if l.contains("sla:") {
                        Some("crisis: PT20S")
                    } else if l.contains("overall:") {
                        Some("crisis: PT60S")
                    } else {
                        None
                    };
                    let mut l = l.to_string();
                    if let (Some(new), Some(at)) = (short, l.find("crisis: PT")) {
                        let end = l[at..].find(['}', ',']).map_or(l.len(), |e| at + e);
                        l.replace_range(at..end, new);
                    }
                    if l.contains("liaison_before_overall_due:") {
                        l = "  liaison_before_overall_due: PT20S".into();
                    }
                    l
                })
                .collect::<Vec<_>>()
                .join("\n")
                + "\n"
        } else {
            text
        };
        std::fs::write(to.join(p.file_name().unwrap()), text).unwrap();
    }
    to
}

/// The escalation storm: a fresh database, policies with crisis SLAs of seconds, 600 crisis
/// notifications submitted first; then for `BENCH_STORM_SECONDS` (default 20) requesters of 8
/// nations submit (8 clients, closed loop) while DE movement control decides at 5 a second
/// (slower than arrivals), the timer runner (every 100 ms) escalates throughout, and 32
/// dashboards in 4 scopes (all; DE; PL; LT+LV+EE) poll the board following the ETag.
///
/// `board_age_ms`: `CORRIDOR_BOARD_MAX_AGE_MS` of the server (0: every poll exact).
fn storm(b: &Bench, name: &'static str, write_rps: f64, board_age_ms: u64) {
    let db = backend(name);
    let policies = storm_policies(&b.logs);
    let mut env = b.env(&db.url);
    for (k, v) in env.iter_mut() {
        if k == "CORRIDOR_POLICIES" {
            *v = policies.display().to_string();
        }
        if k == "CORRIDOR_BOARD_MAX_AGE_MS" {
            *v = board_age_ms.to_string();
        }
    }
    env.push(("CORRIDOR_JOBS_INTERVAL_MS".into(), "100".into()));
    let s = Proc::spawn(
        &b.bin.join("corridor"),
        &["serve"],
        &env,
        &b.logs.join(format!("{name}-storm-{board_age_ms}.log")),
    );
    let http = reqwest::blocking::Client::new();
    for _ in 0..200 {
        if http
            .get(format!("{}/readyz", s.url))
            .send()
            .is_ok_and(|r| r.status().is_success())
        {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut submitters = Vec::new();
    for (i, n) in NATIONS.iter().enumerate() {
        let t = b.user(
            &s,
            &db.url,
            &format!("{}.storm", n.to_lowercase()),
            "requester",
            &["--nation", n, "--unit", &format!("{n} {UNIT}")],
        );
        submitters.push(Req::post("/v1/notifications", &t, &movement(n, &ROUTES[i])));
    }
    let de = b.user(
        &s,
        &db.url,
        "de.officer.storm",
        "officer",
        &["--nation", "DE", "--stages", "movcon"],
    );
    let pl = b.user(
        &s,
        &db.url,
        "pl.officer.storm",
        "officer",
        &["--nation", "PL", "--stages", "movcon"],
    );
    let all = b.user(&s, &db.url, "all.storm", "liaison", &[]);
    let baltic = b.user(
        &s,
        &db.url,
        "baltic.storm",
        "liaison",
        &["--watch", "LT,LV,EE"],
    );
    let h = timed(
        b,
        "healthz",
        &s.url,
        vec![Req::get("/healthz", "")],
        32,
        b.secs,
    );
    let prelude = load(
        &b.rt,
        "prelude",
        &s.url,
        submitters.clone(),
        8,
        600,
        120.0,
        None,
        false,
    );
    let esc_before = escalations(&db.url);
    let storm_secs = env_num("BENCH_STORM_SECONDS", 20) as f64;
    let started = Instant::now();
    let (tx, rx) = std::sync::mpsc::channel::<(String, String)>();
    let (slow_tx, slow_rx) = std::sync::mpsc::channel();
    std::thread::scope(|sc| {
        let rt = &b.rt;
        let url = s.url.clone();
        let subs = submitters.clone();
        let h_sub = sc.spawn(move || {
            load_into(
                rt,
                "storm: submit across 8 nations, 8 clients",
                &url,
                subs,
                8,
                1_000_000,
                storm_secs,
                None,
                true,
                Some(tx),
            )
        });
        // Officers slower than arrivals: one decision each 200 ms at most.
        sc.spawn(move || {
            let end = Instant::now() + Duration::from_secs_f64(storm_secs);
            while let Ok(x) = rx.recv() {
                if Instant::now() >= end {
                    break;
                }
                if slow_tx.send(x).is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(200));
            }
        });
        let polls: Vec<_> = [
            ("all", &all),
            ("DE", &de),
            ("PL", &pl),
            ("LT+LV+EE", &baltic),
        ]
        .into_iter()
        .map(|(scope, token)| {
            let url = s.url.clone();
            let req = Req::get("/v1/board", token).header("if-none-match", FOLLOW);
            sc.spawn(move || {
                let mut o = load(
                    rt,
                    scope,
                    &url,
                    vec![req],
                    8,
                    10_000_000,
                    storm_secs,
                    None,
                    false,
                );
                o.name = format!("storm: board polls following the ETag, scope {scope}, 8 clients");
                o
            })
        })
        .collect();
        let dec = decide_as_they_arrive(
            rt,
            "storm: DE officers decide, at most 5/s (404 where DE not on route)",
            &s.url,
            &de,
            "DE",
            "movcon",
            slow_rx,
            1,
            storm_secs,
        );
        let sub = h_sub.join().unwrap();
        let polls: Vec<Outcome> = polls.into_iter().map(|p| p.join().unwrap()).collect();
        let esc = escalations(&db.url) - esc_before;
        let total = Outcome {
            name: "storm: board polls following the ETag, all 32 clients".into(),
            sent: polls.iter().map(|p| p.sent).sum(),
            ok: polls.iter().map(|p| p.ok).sum(),
            secs: polls.iter().map(|p| p.secs).fold(0.0, f64::max),
            p50_ms: polls.iter().map(|p| p.p50_ms).fold(0.0, f64::max),
            p99_ms: polls.iter().map(|p| p.p99_ms).fold(0.0, f64::max),
            created: Vec::new(),
        };
        let mut rows = vec![h.row(None), prelude.row(Some(("write ceiling", write_rps)))];
        rows.push(sub.row(Some(("write ceiling", write_rps))));
        rows.push(dec.row(None));
        for p in &polls {
            rows.push(p.row(Some(("/healthz", h.rps()))));
        }
        rows.push(total.row(Some(("/healthz", h.rps()))));
        println!(
            "\nEscalation storm ({name}; boards up to {board_age_ms} ms old; {:.1} s; {esc} escalations during it; crisis SLAs of seconds):\n\n{HEADER}\n{}",
            started.elapsed().as_secs_f64(),
            rows.join("\n")
        );
    });
}

fn escalations(url: &str) -> i64 {
    count(&Store::open(url, 1).unwrap(), "escalations")
}
