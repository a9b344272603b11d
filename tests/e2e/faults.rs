//! Fault tests: a crash mid-load, the database going away and coming back, a race of 50
//! decisions on one stage, and slow or oversized clients beside normal ones. Behaviour only:
//! nothing here asserts a timing.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use crate::common::{fixture, problem, Options, Server, TestDb};
use reqwest::Method;
use serde_json::Value;

const UNIT: &str = "43 Mechanised Brigade";

fn requester(s: &Server) -> String {
    s.user(
        "nl.planner",
        "requester",
        &["--nation", "NL", "--unit", UNIT],
    )
}

fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

fn submit_with(
    http: &reqwest::blocking::Client,
    url: &str,
    token: &str,
    body: &Value,
) -> reqwest::Result<reqwest::blocking::Response> {
    http.post(format!("{url}/v1/notifications"))
        .bearer_auth(token)
        .json(body)
        .send()
}

#[test]
fn sigkill_during_submissions_loses_nothing_acknowledged() {
    // Six threads of one planner submitting flat out: the per-user rate is not what is tested.
    let mut s = Server::start_with(Options::default().env("CORRIDOR_SUBMISSIONS_PER_MINUTE", "0"));
    let token = requester(&s);
    let body = fixture("crisis_nl_de_pl_lt");
    let acked: Arc<Mutex<Vec<String>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let threads: Vec<_> = (0..6)
        .map(|_| {
            let (url, token, body, acked, stop) = (
                s.url.clone(),
                token.clone(),
                body.clone(),
                acked.clone(),
                stop.clone(),
            );
            std::thread::spawn(move || {
                let http = client();
                // Bounded: at most 400 submissions per thread, and none once the server died.
                for _ in 0..400 {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    match submit_with(&http, &url, &token, &body) {
                        Ok(r) if r.status().is_success() => {
                            let v: Value = match r.json() {
                                Ok(v) => v,
                                Err(_) => continue, // the body was cut by the kill: not acknowledged
                            };
                            acked
                                .lock()
                                .unwrap()
                                .push(v["id"].as_str().unwrap().to_string());
                        }
                        Ok(_) => {}
                        Err(_) => break, // connection refused or reset: the server is gone
                    }
                }
            })
        })
        .collect();
    // Kill once the load is well under way (a count, not a time, decides).
    let started = Instant::now();
    while acked.lock().unwrap().len() < 30 && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(20));
    }
    s.kill();
    stop.store(true, Ordering::Relaxed);
    for t in threads {
        t.join().unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(acked.len() >= 30, "load was under way: {}", acked.len());

    s.restart();
    let stored = s.db.count("notifications");
    assert!(
        stored >= acked.len() as i64,
        "{stored} rows for {} acknowledged",
        acked.len()
    );
    for id in &acked {
        let r = s.get(&format!("/v1/notifications/{id}"), &token);
        assert_eq!(r.status(), 200, "acknowledged {id} lost after SIGKILL");
        assert_eq!(s.db.count(&format!("notifications WHERE id = '{id}'")), 1);
    }
    s.assert_audit_verifies();
    // And the service takes new work.
    let r = s.post("/v1/notifications", &token, &body);
    assert_eq!(r.status(), 201);
}

/// A TCP proxy that can cut every connection and refuse new ones, then let them through again.
struct Proxy {
    port: u16,
    up: Arc<AtomicBool>,
    conns: Arc<Mutex<Vec<TcpStream>>>,
    done: Arc<AtomicBool>,
}

impl Proxy {
    fn start(target: String) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        listener.set_nonblocking(true).unwrap();
        let up = Arc::new(AtomicBool::new(true));
        let done = Arc::new(AtomicBool::new(false));
        let conns: Arc<Mutex<Vec<TcpStream>>> = Arc::default();
        let (up2, done2, conns2) = (up.clone(), done.clone(), conns.clone());
        std::thread::spawn(move || {
            while !done2.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((client, _)) => {
                        client.set_nonblocking(false).unwrap();
                        if !up2.load(Ordering::Relaxed) {
                            let _ = client.shutdown(std::net::Shutdown::Both);
                            continue;
                        }
                        let Ok(server) = TcpStream::connect(&target) else {
                            continue;
                        };
                        {
                            let mut c = conns2.lock().unwrap();
                            c.push(client.try_clone().unwrap());
                            c.push(server.try_clone().unwrap());
                        }
                        pipe(client.try_clone().unwrap(), server.try_clone().unwrap());
                        pipe(server, client);
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Proxy {
            port,
            up,
            conns,
            done,
        }
    }

    fn cut(&self) {
        self.up.store(false, Ordering::SeqCst);
        for c in self.conns.lock().unwrap().drain(..) {
            let _ = c.shutdown(std::net::Shutdown::Both);
        }
    }

    fn restore(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
        self.cut();
    }
}

fn pipe(mut from: TcpStream, mut to: TcpStream) {
    std::thread::spawn(move || {
        let mut buf = [0u8; 16384];
        loop {
            match from.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if to.write_all(&buf[..n]).is_err() {
                        break;
                    }
                }
            }
        }
        let _ = to.shutdown(std::net::Shutdown::Both);
    });
}

/// Host and port of a PostgreSQL URL (`postgres://user@host:port/db?…`).
fn pg_host_port(url: &str) -> (String, String) {
    let rest = url.split("://").nth(1).unwrap();
    let rest = rest.rsplit('@').next().unwrap();
    let hostport = rest.split(['/', '?']).next().unwrap();
    let (h, p) = hostport.rsplit_once(':').unwrap_or((hostport, "5432"));
    (h.to_string(), p.to_string())
}

fn assert_unavailable(r: reqwest::blocking::Response) {
    assert!(
        r.headers().contains_key("retry-after"),
        "503 carries Retry-After: {:?}",
        r.headers()
    );
    problem(r, 503);
}

/// Polls `cond` (bounded to 60 s) and panics with `what` if it never holds.
fn eventually(what: &str, mut cond: impl FnMut() -> bool) {
    let start = Instant::now();
    while !cond() {
        assert!(start.elapsed() < Duration::from_secs(60), "never: {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn database_unavailable_gives_503_and_the_service_recovers_without_restart() {
    let db = Arc::new(TestDb::new());
    let body = fixture("crisis_nl_de_pl_lt");
    if db.is_postgres() {
        let (host, port) = pg_host_port(db.url());
        let proxy = Proxy::start(format!("{host}:{port}"));
        let url = db.url().replacen(
            &format!("{host}:{port}"),
            &format!("127.0.0.1:{}", proxy.port),
            1,
        );
        let s = Server::start_on(db.clone(), Options::default().env("DATABASE_URL", &url));
        let token = requester(&s);
        assert_eq!(s.post("/v1/notifications", &token, &body).status(), 201);

        proxy.cut();
        // The pooled connections are dead and no new one can be made: 503, not 500, not a hang.
        for _ in 0..3 {
            assert_unavailable(s.post("/v1/notifications", &token, &body));
        }
        assert_unavailable(s.get("/v1/notifications?limit=5", &token));
        problem(s.http.get(format!("{}/readyz", s.url)).send().unwrap(), 503);

        proxy.restore();
        eventually("ready again", || {
            s.http
                .get(format!("{}/readyz", s.url))
                .send()
                .map(|r| r.status() == 200)
                .unwrap_or(false)
        });
        let r = s.post("/v1/notifications", &token, &body);
        assert_eq!(r.status(), 201, "recovered without a restart");
        let id = r.json::<Value>().unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string();
        assert_eq!(
            s.get(&format!("/v1/notifications/{id}"), &token).status(),
            200
        );
    } else {
        let s = Server::start_on(
            db.clone(),
            Options::default().env("CORRIDOR_DB_BUSY_TIMEOUT_MS", "200"),
        );
        let token = requester(&s);
        assert_eq!(s.post("/v1/notifications", &token, &body).status(), 201);

        // Another process holds the write lock on the file.
        use diesel::connection::SimpleConnection;
        use diesel::Connection;
        let path = db.url().trim_start_matches("sqlite://").to_string();
        let mut locker = diesel::SqliteConnection::establish(&path).unwrap();
        locker
            .batch_execute("PRAGMA busy_timeout = 5000; BEGIN EXCLUSIVE")
            .unwrap();
        for _ in 0..3 {
            assert_unavailable(s.post("/v1/notifications", &token, &body));
        }
        problem(s.http.get(format!("{}/readyz", s.url)).send().unwrap(), 503);

        locker.batch_execute("ROLLBACK").unwrap();
        drop(locker);
        eventually("ready again", || {
            s.http
                .get(format!("{}/readyz", s.url))
                .send()
                .map(|r| r.status() == 200)
                .unwrap_or(false)
        });
        assert_eq!(
            s.post("/v1/notifications", &token, &body).status(),
            201,
            "recovered without a restart"
        );
    }
}

#[test]
fn fifty_concurrent_decisions_on_one_stage_one_wins() {
    let s = Server::start();
    let token = requester(&s);
    let officer = s.user(
        "de.movcon",
        "officer",
        &["--nation", "DE", "--stages", "movcon"],
    );
    let r = s.post("/v1/notifications", &token, &fixture("crisis_nl_de_pl_lt"));
    assert_eq!(r.status(), 201);
    let id = r.json::<Value>().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = s.get(&format!("/v1/notifications/{id}"), &officer);
    let tag = r.headers()["etag"].to_str().unwrap().to_string();
    let n: Value = r.json().unwrap();
    let de = n["nations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["nation"] == "DE")
        .unwrap();
    assert!(de["stages"]
        .as_array()
        .unwrap()
        .iter()
        .any(|st| st["key"] == "movcon" && st["status"] == "pending"));

    let barrier = Arc::new(Barrier::new(50));
    let path = format!(
        "{}/v1/notifications/{id}/nations/DE/stages/movcon/decision",
        s.url
    );
    let threads: Vec<_> = (0..50)
        .map(|i| {
            let (barrier, path, officer, tag) =
                (barrier.clone(), path.clone(), officer.clone(), tag.clone());
            std::thread::spawn(move || {
                let http = client();
                let outcome = if i % 2 == 0 {
                    serde_json::json!({"outcome": "approve"})
                } else {
                    serde_json::json!({"outcome": "reject", "reason": format!("officer {i} says no")})
                };
                barrier.wait();
                http.request(Method::POST, &path)
                    .bearer_auth(&officer)
                    .header("if-match", &tag)
                    .json(&outcome)
                    .send()
                    .unwrap()
                    .status()
                    .as_u16()
            })
        })
        .collect();
    let codes: Vec<u16> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let wins = codes.iter().filter(|&&c| c == 200).count();
    let lost = codes.iter().filter(|&&c| c == 412 || c == 409).count();
    assert_eq!(wins, 1, "exactly one decision wins: {codes:?}");
    assert_eq!(lost, 49, "the others are refused as stale: {codes:?}");
    let events: Value = s
        .get(&format!("/v1/notifications/{id}/events"), &officer)
        .json()
        .unwrap();
    let items = events
        .as_array()
        .or_else(|| events["items"].as_array())
        .expect("events list");
    let decided = items.iter().filter(|e| e["action"] == "decided").count();
    assert_eq!(decided, 1, "one decided event: {events}");
    s.assert_audit_verifies();
}

#[test]
fn slow_clients_and_oversized_bodies_do_not_starve_others() {
    // All from one loopback address: the per-address cap (tests/e2e/limits.rs) would refuse
    // the big bodies before their size is seen; this is about the size and header limits.
    let s = Server::start_with(Options::default().env("CORRIDOR_MAX_CONNECTIONS_PER_ADDRESS", "0"));
    let token = requester(&s);
    let body = fixture("crisis_nl_de_pl_lt");
    let addr = s.url.trim_start_matches("http://").to_string();
    let stop = Arc::new(AtomicBool::new(false));

    // 200 slowloris connections: a header byte every 200 ms, never finishing.
    let mut slow = Vec::new();
    for _ in 0..200 {
        if let Ok(c) = TcpStream::connect(&addr) {
            slow.push(c);
        }
    }
    let slow_stop = stop.clone();
    let slow_thread = std::thread::spawn(move || {
        let head = b"POST /v1/notifications HTTP/1.1\r\nHost: x\r\nX-Slow: ";
        for i in 0..150 {
            if slow_stop.load(Ordering::Relaxed) {
                break;
            }
            for c in &mut slow {
                let b = if i < head.len() { head[i] } else { b'a' };
                let _ = c.write_all(&[b]);
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    });

    // 4 clients pushing 64 MiB bodies (the limit is 1 MiB), again and again.
    let big: Vec<_> = (0..4)
        .map(|_| {
            let (addr, token, stop) = (addr.clone(), token.clone(), stop.clone());
            std::thread::spawn(move || {
                let chunk = vec![b' '; 1 << 20];
                let mut refused = 0;
                for _ in 0..50 {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let Ok(mut c) = TcpStream::connect(&addr) else {
                        continue;
                    };
                    c.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
                    c.set_write_timeout(Some(Duration::from_secs(10))).unwrap();
                    let head = format!(
                        "POST /v1/notifications HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n\
                         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                        64u64 << 20
                    );
                    let _ = c.write_all(head.as_bytes());
                    for _ in 0..64 {
                        if c.write_all(&chunk).is_err() {
                            break;
                        }
                    }
                    let mut answer = [0u8; 64];
                    if let Ok(n) = c.read(&mut answer) {
                        if String::from_utf8_lossy(&answer[..n]).contains(" 413 ") {
                            refused += 1;
                        }
                    }
                }
                refused
            })
        })
        .collect();

    // Meanwhile a normal client reads and submits, and every request succeeds.
    std::thread::sleep(Duration::from_millis(300));
    for _ in 0..20 {
        let r = s.get("/v1/me", &token);
        assert_eq!(r.status(), 200);
        let r = s.post("/v1/notifications", &token, &body);
        assert_eq!(r.status(), 201, "{}", r.text().unwrap_or_default());
    }
    stop.store(true, Ordering::Relaxed);
    slow_thread.join().unwrap();
    let refused: i32 = big.into_iter().map(|t| t.join().unwrap()).sum();
    assert!(refused > 0, "oversized bodies were answered 413");
    assert_eq!(s.get("/healthz", &token).status(), 200);
}
