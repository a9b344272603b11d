//! Login under a burst (issue 17 item 1): starts the release binary on a fresh SQLite file,
//! measures `/healthz` alone, then a burst of wrong logins from one address together with
//! right logins from another and `/healthz`, and prints a Markdown table. Every loop is bounded
//! by time; the server is killed at the end.
//!
//! `cargo build --release --bin corridor --example login_burst && target/release/examples/login_burst`
//! Settings: `BURST_SECONDS` (per phase, default 5), `BURST_ATTACKERS` (threads, default 64).

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use reqwest::blocking::Client;
use serde_json::json;

const SECRET: &str = "bench-secret-for-corridor-benchmarks-0123456789abcdef";

fn env_num(k: &str, d: u64) -> u64 {
    std::env::var(k)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(d)
}

fn client(local: &str) -> Client {
    Client::builder()
        .local_address(local.parse::<std::net::IpAddr>().unwrap())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

/// Runs `f` on `threads` threads for `secs`; returns each answer's status and latency.
fn load(
    threads: usize,
    secs: f64,
    f: impl Fn(usize) -> u16 + Send + Sync + 'static,
) -> Vec<(u16, Duration)> {
    let f = Arc::new(f);
    let out = Arc::new(Mutex::new(Vec::new()));
    let until = Instant::now() + Duration::from_secs_f64(secs);
    let handles: Vec<_> = (0..threads)
        .map(|t| {
            let (f, out) = (f.clone(), out.clone());
            std::thread::spawn(move || {
                let mut mine = Vec::new();
                let mut i = 0;
                while Instant::now() < until && i < 1_000_000 {
                    let start = Instant::now();
                    let s = f(t * 1_000_000 + i);
                    mine.push((s, start.elapsed()));
                    i += 1;
                }
                out.lock().unwrap().extend(mine);
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    Arc::try_unwrap(out).unwrap().into_inner().unwrap()
}

fn p99(v: &[(u16, Duration)]) -> f64 {
    let mut l: Vec<f64> = v.iter().map(|(_, d)| d.as_secs_f64() * 1000.0).collect();
    l.sort_by(|a, b| a.total_cmp(b));
    l.get(l.len().saturating_sub(1) * 99 / 100)
        .copied()
        .unwrap_or(0.0)
}

fn main() {
    let secs = env_num("BURST_SECONDS", 5) as f64;
    let attackers = env_num("BURST_ATTACKERS", 64) as usize;
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let bin = std::env::current_exe()
        .unwrap()
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("corridor");
    let dir = std::env::temp_dir().join(format!("corridor-login-burst-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let env = [
        (
            "DATABASE_URL".to_string(),
            format!("sqlite://{}", dir.join("c.db").display()),
        ),
        ("CORRIDOR_BIND".into(), "127.0.0.1:0".into()),
        ("CORRIDOR_JWT_SECRET".into(), SECRET.into()),
        (
            "CORRIDOR_POLICIES".into(),
            root.join("policies").display().to_string(),
        ),
        ("CORRIDOR_WORKERS".into(), "2".into()),
        ("RUST_LOG".into(), "warn".into()),
        ("CORRIDOR_DEV".into(), "1".into()),
    ];
    let add = |name: &str| {
        let mut c = Command::new(&bin)
            .args([
                "user",
                "add",
                "--username",
                name,
                "--role",
                "admin",
                "--password-stdin",
            ])
            .envs(env.iter().cloned())
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        c.stdin
            .take()
            .unwrap()
            .write_all(b"the right password")
            .unwrap();
        assert!(c.wait().unwrap().success());
    };
    add("victim");
    add("operator");
    let mut child = Command::new(&bin)
        .arg("serve")
        .envs(env.iter().cloned())
        .stdout(Stdio::piped())
        .stderr(Stdio::from(
            std::fs::File::create(dir.join("server.log")).unwrap(),
        ))
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line.trim().rsplit(' ').next().unwrap().to_string();
    let login = move |c: &Client, user: &str, pw: &str| -> u16 {
        c.post(format!("{url}/v1/auth/token"))
            .json(&json!({"username": user, "password": pw}))
            .send()
            .map(|r| r.status().as_u16())
            .unwrap_or(0)
    };
    let health_url = line.trim().rsplit(' ').next().unwrap().to_string() + "/healthz";
    let health = {
        let c = client("127.0.0.1");
        let u = health_url.clone();
        move |_| c.get(&u).send().map(|r| r.status().as_u16()).unwrap_or(0)
    };
    let calm = load(4, secs, health.clone());
    let alone = {
        let c = client("127.0.0.2");
        let login = login.clone();
        load(2, secs, move |_| {
            login(&c, "operator", "the right password")
        })
    };

    // The burst: wrong logins for one user from one address, right logins from another,
    // /healthz beside them.
    let burst = {
        let c = client("127.0.0.1");
        let login = login.clone();
        move |i| login(&c, "victim", &format!("guess-{i}"))
    };
    let right = {
        let c = client("127.0.0.2");
        let login = login.clone();
        move |_| login(&c, "operator", "the right password")
    };
    let h = std::thread::spawn(move || load(2, secs, right));
    let g = std::thread::spawn(move || load(4, secs, health));
    let wrong = load(attackers, secs, burst);
    let right = h.join().unwrap();
    let busy = g.join().unwrap();
    let rss = std::fs::read_to_string(format!("/proc/{}/status", child.id()))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:").map(|v| v.trim().to_string()))
        .unwrap_or_default();
    let _ = child.kill();
    let _ = child.wait();
    if std::env::var("BURST_KEEP").is_ok() {
        println!("server log: {}", dir.join("server.log").display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }

    let rate = |v: &[(u16, Duration)], code: u16| {
        v.iter().filter(|(s, _)| *s == code).count() as f64 / secs
    };
    let calm_rate = rate(&calm, 200);
    println!(
        "| measured over {secs} s each | answers | answers/s | ratio to /healthz alone | p99 ms |"
    );
    println!("|---|---:|---:|---:|---:|");
    println!(
        "| `/healthz` alone (4 clients) | {} | {calm_rate:.0} | 1.00 | {:.1} |",
        calm.len(),
        p99(&calm)
    );
    for (what, v, code) in [
        ("right logins alone (2 clients): 200", &alone, 200),
        (
            "wrong logins, one address: 401 (password checked)",
            &wrong,
            401,
        ),
        ("wrong logins, one address: 429 (throttled)", &wrong, 429),
        (
            "wrong logins, one address: 503 (checks at their bound)",
            &wrong,
            503,
        ),
        ("right logins, another address: 200", &right, 200),
        ("right logins, another address: 503", &right, 503),
        ("`/healthz` during the burst: 200", &busy, 200),
    ] {
        let r = rate(v, code);
        println!(
            "| {what} | {} | {r:.0} | {:.3} | {:.1} |",
            v.iter().filter(|(s, _)| *s == code).count(),
            r / calm_rate,
            p99(&v
                .iter()
                .filter(|(s, _)| *s == code)
                .cloned()
                .collect::<Vec<_>>())
        );
    }
    println!(
        "\n{attackers} attacker threads, 2 right-login threads; peak RSS of the server: {rss}"
    );
}
