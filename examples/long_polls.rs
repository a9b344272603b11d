//! Submissions per second with no long polls waiting, and with `LP_WAITERS` (1,000) waiting
//! on the change feed and re-polling after every answer, side by side in one run against the
//! release binary on SQLite (issue 17 item 3). Every loop is bounded by a time; the server is
//! killed at the end.
//!
//!     cargo build --release --bin corridor --example long_polls
//!     target/release/examples/long_polls
//!
//! Settings (environment): `LP_WAITERS` (1000), `LP_SECONDS` per measurement (8),
//! `LP_CLIENTS` submitting concurrently (4).

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::Value;

const SECRET: &str = "bench-secret-for-corridor-benchmarks-0123456789abcdef";
const UNIT: &str = "43 Mechanised Brigade";
/// The instant the fixtures were written for; the server's manual clock stands there.
const FIXTURE_NOW: &str = "2027-02-01T06:00:00Z";

fn env_num(k: &str, d: u64) -> u64 {
    std::env::var(k)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(d)
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The server, killed on drop.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn env(db: &str, waiters: u64) -> Vec<(String, String)> {
    [
        ("DATABASE_URL", format!("sqlite://{db}")),
        ("CORRIDOR_BIND", "127.0.0.1:0".into()),
        ("CORRIDOR_JWT_SECRET", SECRET.into()),
        (
            "CORRIDOR_POLICIES",
            root().join("policies").display().to_string(),
        ),
        ("CORRIDOR_WORKERS", "2".into()),
        ("CORRIDOR_DEV", "1".into()),
        ("CORRIDOR_CLOCK", format!("manual:{FIXTURE_NOW}")),
        ("CORRIDOR_LONG_POLLS", (waiters + 100).to_string()),
        (
            "CORRIDOR_LONG_POLLS_PER_CALLER",
            (waiters + 100).to_string(),
        ),
        ("CORRIDOR_MAX_CONNECTIONS_PER_ADDRESS", "0".into()),
        ("RUST_LOG", "warn".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

fn add_user(bin: &PathBuf, env: &[(String, String)], name: &str, role: &str, extra: &[&str]) {
    let mut args = vec![
        "user",
        "add",
        "--username",
        name,
        "--role",
        role,
        "--password-stdin",
    ];
    args.extend_from_slice(extra);
    let mut c = Command::new(bin)
        .args(&args)
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("corridor user add");
    c.stdin
        .take()
        .unwrap()
        .write_all(format!("pw-{name}-long-enough").as_bytes())
        .unwrap();
    assert!(c.wait().unwrap().success(), "user add {name}");
}

async fn token(http: &reqwest::Client, url: &str, name: &str) -> String {
    let r: Value = http
        .post(format!("{url}/v1/auth/token"))
        .json(&serde_json::json!({"username": name, "password": format!("pw-{name}-long-enough")}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    r["access_token"].as_str().expect("token").to_string()
}

async fn metric(http: &reqwest::Client, url: &str, name: &str) -> f64 {
    let text = http
        .get(format!("{url}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' '))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(f64::NAN)
}

/// Submissions by `clients` concurrent clients for `secs`: (per second, p50 ms, p99 ms).
async fn submissions(url: &str, token: &str, clients: u64, secs: u64) -> (f64, f64, f64) {
    let body: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/fixtures/crisis_nl_de_pl_lt.json")).unwrap(),
    )
    .unwrap();
    let until = Instant::now() + Duration::from_secs(secs);
    let started = Instant::now();
    let tasks: Vec<_> = (0..clients)
        .map(|_| {
            let (url, token, body) = (url.to_string(), token.to_string(), body.clone());
            tokio::spawn(async move {
                let http = reqwest::Client::new();
                let mut took = Vec::new();
                while Instant::now() < until {
                    let t = Instant::now();
                    let r = http
                        .post(format!("{url}/v1/notifications"))
                        .bearer_auth(&token)
                        .json(&body)
                        .send()
                        .await
                        .unwrap();
                    assert_eq!(r.status(), 201, "{}", r.text().await.unwrap_or_default());
                    took.push(t.elapsed().as_secs_f64() * 1000.0);
                }
                took
            })
        })
        .collect();
    let mut all = Vec::new();
    for t in tasks {
        all.extend(t.await.unwrap());
    }
    let elapsed = started.elapsed().as_secs_f64();
    all.sort_by(|a, b| a.total_cmp(b));
    let q = |p: f64| all[((all.len() as f64 * p) as usize).min(all.len() - 1)];
    (all.len() as f64 / elapsed, q(0.5), q(0.99))
}

#[tokio::main]
async fn main() {
    let waiters = env_num("LP_WAITERS", 1000);
    let secs = env_num("LP_SECONDS", 8);
    let clients = env_num("LP_CLIENTS", 4);
    let bin = std::env::current_exe()
        .unwrap()
        .parent()
        .and_then(|p| p.parent())
        .map(|p| p.join("corridor"))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let env = env(
        &dir.path().join("corridor.db").display().to_string(),
        waiters,
    );
    add_user(
        &bin,
        &env,
        "nl.planner",
        "requester",
        &["--nation", "NL", "--unit", UNIT],
    );
    add_user(&bin, &env, "jmcc.liaison", "liaison", &[]);
    let mut child = Command::new(&bin)
        .arg("serve")
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("corridor serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _server = Server(child);
    let url = line.trim().rsplit(' ').next().unwrap().to_string();
    let http = reqwest::Client::new();
    let planner = token(&http, &url, "nl.planner").await;
    let liaison = token(&http, &url, "jmcc.liaison").await;

    let (none_rate, none_p50, none_p99) = submissions(&url, &planner, clients, secs).await;

    // The waiters: each long-polls from the head, and polls again as soon as it is answered.
    let stop = Arc::new(AtomicBool::new(false));
    let head = {
        let r: Value = http
            .get(format!("{url}/v1/changes?after=0"))
            .bearer_auth(&liaison)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        r["next_cursor"].as_i64().unwrap()
    };
    let polls: Vec<_> = (0..waiters)
        .map(|_| {
            let (url, token, stop) = (url.clone(), liaison.clone(), stop.clone());
            tokio::spawn(async move {
                let http = reqwest::Client::new();
                let mut after = head;
                while !stop.load(Ordering::Relaxed) {
                    let Ok(r) = http
                        .get(format!("{url}/v1/changes?after={after}&wait=30"))
                        .bearer_auth(&token)
                        .send()
                        .await
                    else {
                        break;
                    };
                    let Ok(page) = r.json::<Value>().await else {
                        break;
                    };
                    after = page["next_cursor"].as_i64().unwrap_or(after);
                }
            })
        })
        .collect();
    let parked = Instant::now() + Duration::from_secs(60);
    while metric(&http, &url, "corridor_change_feed_waiting").await < waiters as f64 {
        assert!(Instant::now() < parked, "the waiters never all waited");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let reads_before = metric(&http, &url, "corridor_change_feed_queries_total").await;
    let (wait_rate, wait_p50, wait_p99) = submissions(&url, &planner, clients, secs).await;
    let reads = metric(&http, &url, "corridor_change_feed_queries_total").await - reads_before;
    stop.store(true, Ordering::Relaxed);
    for p in polls {
        p.abort();
    }
    let writes = wait_rate * secs as f64;
    println!("| long polls waiting | submissions/s | p50 ms | p99 ms |");
    println!("|---|---|---|---|");
    println!("| none | {none_rate:.1} | {none_p50:.1} | {none_p99:.1} |");
    println!("| {waiters} (one liaison, re-polling after every answer) | {wait_rate:.1} | {wait_p50:.1} | {wait_p99:.1} |");
    println!(
        "\nchange-feed event reads during the second measurement: {reads} for about {writes:.0} writes ({:.2} per write) and {waiters} waiters",
        reads / writes.max(1.0)
    );
}
