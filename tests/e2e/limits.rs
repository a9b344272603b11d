//! Bounded connections, bodies and long polls (issue 17 items 2 and 3): the real binary on
//! loopback, greedy clients on other loopback addresses (127.0.x.y) beside a normal client on
//! 127.0.0.1, caps set low through the environment, every count and wait bounded.

use std::io::{ErrorKind, Read, Write};
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{fixture, problem, submit_id, Options, Server};

const UNIT: &str = "43 Mechanised Brigade";

/// A login head promising a 200-byte body, and the first 12 bytes of it.
const SLOW_LOGIN: &[u8] = b"POST /v1/auth/token HTTP/1.1\r\nHost: corridor\r\n\
Content-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"username\":";

/// The same with a chunked body: one chunk, then nothing.
const SLOW_CHUNKED_LOGIN: &[u8] = b"POST /v1/auth/token HTTP/1.1\r\nHost: corridor\r\n\
Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nc\r\n{\"username\":\r\n";

fn requester(s: &Server) -> String {
    s.user(
        "nl.planner",
        "requester",
        &["--nation", "NL", "--unit", UNIT],
    )
}

fn server_addr(s: &Server) -> SocketAddr {
    s.url
        .trim_start_matches("http://")
        .parse()
        .expect("server address")
}

fn loopback(a: u8, b: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(127, 0, a, b))
}

/// A TCP connection to `to` from the local address `from` (any of 127.0.0.0/8 on Linux).
fn connect_from(from: IpAddr, to: SocketAddr) -> TcpStream {
    use socket2::{Domain, Socket, Type};
    let sock = Socket::new(Domain::IPV4, Type::STREAM, None).expect("socket");
    sock.bind(&SocketAddr::new(from, 0).into())
        .expect("bind a loopback address");
    sock.connect(&to.into()).expect("connect");
    sock.into()
}

/// Reads what the server sends until it closes the connection, or panics after `within`.
fn answer_then_close(c: &mut TcpStream, within: Duration, what: &str) -> String {
    c.set_read_timeout(Some(within.max(Duration::from_millis(1))))
        .unwrap();
    let mut got = Vec::new();
    match c.read_to_end(&mut got) {
        Ok(_) => {}
        // A reset after the answer still closes the connection.
        Err(e) if e.kind() == ErrorKind::ConnectionReset && !got.is_empty() => {}
        Err(e) => panic!(
            "{what}: not answered and closed within {within:?} ({e}); got {:?}",
            String::from_utf8_lossy(&got)
        ),
    }
    String::from_utf8_lossy(&got).into_owned()
}

/// One request over a new connection from `from`, `Connection: close`; the whole answer.
fn probe(from: IpAddr, s: &Server, path: &str) -> String {
    let mut c = connect_from(from, server_addr(s));
    c.write_all(
        format!("GET {path} HTTP/1.1\r\nHost: corridor\r\nConnection: close\r\n\r\n").as_bytes(),
    )
    .expect("send probe");
    answer_then_close(&mut c, Duration::from_secs(10), "probe")
}

/// Probes from `from` until the answer starts with `status_line`, for at most 10 s.
fn probe_until(from: IpAddr, s: &Server, status_line: &str) -> String {
    let until = Instant::now() + Duration::from_secs(10);
    loop {
        let got = probe(from, s, "/healthz");
        if got.starts_with(status_line) {
            return got;
        }
        assert!(
            Instant::now() < until,
            "no `{status_line}` from {from} within 10 s; last answer: {got}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The header `name` of a raw answer.
fn raw_header<'a>(answer: &'a str, name: &str) -> Option<&'a str> {
    answer.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

/// The JSON body of a raw answer.
fn raw_body(answer: &str) -> Value {
    let body = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    serde_json::from_str(body).unwrap_or(Value::Null)
}

/// A metric's value from `/metrics`, by its full name with labels; panics when absent.
fn metric(s: &Server, name: &str) -> f64 {
    let text = s
        .http
        .get(format!("{}/metrics", s.url))
        .send()
        .expect("metrics")
        .text()
        .expect("metrics text");
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' '))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("/metrics has no {name}"))
}

#[test]
fn slow_request_bodies_are_cut_off_in_seconds_while_others_are_served() {
    // 2,000 connections, spread over 20 addresses (under the per-address cap): only the body
    // timeout can close them.
    const SLOW: usize = 2000;
    let s = Server::start_with(
        Options::default()
            .env("CORRIDOR_BODY_TIMEOUT", "2")
            .env("CORRIDOR_MAX_CONNECTIONS", "3000"),
    );
    let token = requester(&s);
    let to = server_addr(&s);
    let mut slow = Vec::with_capacity(SLOW);
    for i in 0..SLOW {
        let mut c = connect_from(loopback(1, (i / 100) as u8 + 2), to);
        // Most promise a length; one in ten sends chunks.
        let head = if i % 10 == 0 {
            SLOW_CHUNKED_LOGIN
        } else {
            SLOW_LOGIN
        };
        c.write_all(head).expect("send the start of a body");
        slow.push(c);
    }
    let sent = Instant::now();

    // Meanwhile health checks and a signed-in client are answered promptly.
    for _ in 0..5 {
        let t = Instant::now();
        assert_eq!(s.get("/healthz", &token).status(), 200);
        assert_eq!(s.get("/v1/me", &token).status(), 200);
        assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    }

    // Every slow connection is answered 408 and closed, within seconds of the 2 s timeout.
    let deadline = sent + Duration::from_secs(15);
    for (i, c) in slow.iter_mut().enumerate() {
        let left = deadline.saturating_duration_since(Instant::now());
        let got = answer_then_close(c, left, &format!("slow connection {i}"));
        assert!(got.starts_with("HTTP/1.1 408"), "connection {i}: {got}");
        let body = raw_body(&got);
        assert_eq!(body["type"], "urn:corridor:problem:body-timeout", "{got}");
    }
    assert!(sent.elapsed() < Duration::from_secs(15));
    assert_eq!(metric(&s, "corridor_body_timeouts_total"), SLOW as f64);
    // And the service is still whole.
    assert_eq!(s.get("/v1/me", &token).status(), 200);
    assert_eq!(metric(&s, "corridor_connections_open"), 1.0);
}

#[test]
fn a_body_trickling_in_is_cut_off_like_one_that_stopped() {
    let s = Server::start_with(Options::default().env("CORRIDOR_BODY_TIMEOUT", "2"));
    let mut c = connect_from(loopback(0, 4), server_addr(&s));
    c.write_all(
        b"POST /v1/auth/token HTTP/1.1\r\nHost: corridor\r\n\
          Content-Type: application/json\r\nContent-Length: 200\r\n\r\n",
    )
    .unwrap();
    // A byte every 250 ms: the body would take 50 s.
    c.set_read_timeout(Some(Duration::from_millis(250)))
        .unwrap();
    let start = Instant::now();
    let mut got = Vec::new();
    loop {
        assert!(
            start.elapsed() < Duration::from_secs(8),
            "a trickling body still read after {:?}",
            start.elapsed()
        );
        if c.write_all(b" ").is_err() {
            break;
        }
        let mut buf = [0u8; 2048];
        match c.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => break,
        }
    }
    let mut got = String::from_utf8_lossy(&got).into_owned();
    if got.is_empty() {
        got = answer_then_close(&mut c, Duration::from_secs(2), "trickle");
    }
    assert!(got.starts_with("HTTP/1.1 408"), "{got}");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
}

/// Opens `n` connections from `from`, each in the middle of a login body.
fn hold(from: IpAddr, s: &Server, n: usize) -> Vec<TcpStream> {
    (0..n)
        .map(|_| {
            let mut c = connect_from(from, server_addr(s));
            c.write_all(SLOW_LOGIN).expect("send the start of a body");
            c
        })
        .collect()
}

#[test]
fn one_address_holds_no_more_than_its_share_of_connections() {
    let s = Server::start_with(
        Options::default()
            .env("CORRIDOR_MAX_CONNECTIONS_PER_ADDRESS", "20")
            .env("CORRIDOR_BODY_TIMEOUT", "60"),
    );
    let token = requester(&s);
    let greedy = loopback(0, 2);
    let mut held = hold(greedy, &s, 20);

    // The 21st connection from that address is answered 429 at once and closed.
    let t = Instant::now();
    let got = probe_until(greedy, &s, "HTTP/1.1 429");
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
    assert!(raw_header(&got, "retry-after").is_some(), "{got}");
    assert!(
        raw_header(&got, "content-type").is_some_and(|v| v.starts_with("application/problem+json")),
        "{got}"
    );
    assert_eq!(
        raw_body(&got)["type"],
        "urn:corridor:problem:too-many-connections"
    );

    // Other clients are served meanwhile: this one, and one from another address.
    assert_eq!(s.get("/v1/me", &token).status(), 200);
    assert!(probe(loopback(0, 3), &s, "/healthz").starts_with("HTTP/1.1 200"));
    assert!(
        metric(
            &s,
            "corridor_connections_refused_total{reason=\"per_address\"}"
        ) >= 1.0
    );

    // When the address lets go of a connection, it may open another.
    drop(held.pop());
    probe_until(greedy, &s, "HTTP/1.1 200");
}

#[test]
fn connections_beyond_the_servers_cap_are_answered_503_and_it_recovers() {
    let s = Server::start_with(
        Options::default()
            .env("CORRIDOR_MAX_CONNECTIONS", "30")
            .env("CORRIDOR_MAX_CONNECTIONS_PER_ADDRESS", "0")
            .env("CORRIDOR_BODY_TIMEOUT", "60"),
    );
    let token = requester(&s);
    // 30 connections from three addresses, each in the middle of a body: the server's cap.
    let held: Vec<TcpStream> = (0..3)
        .flat_map(|a| hold(loopback(2, a + 2), &s, 10))
        .collect();
    let t = Instant::now();
    let got = probe_until(loopback(2, 9), &s, "HTTP/1.1 503");
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
    assert!(raw_header(&got, "retry-after").is_some(), "{got}");
    assert_eq!(raw_body(&got)["type"], "urn:corridor:problem:unavailable");
    assert_eq!(raw_body(&got)["status"], 503);

    // Load goes; service comes back.
    drop(held);
    probe_until(loopback(2, 9), &s, "HTTP/1.1 200");
    assert_eq!(s.get("/v1/me", &token).status(), 200);
    assert!(
        metric(
            &s,
            "corridor_connections_refused_total{reason=\"overload\"}"
        ) >= 1.0
    );
}

/// The change feed's cursor now, as `token` sees it.
fn cursor(s: &Server, token: &str) -> i64 {
    let mut after = 0;
    loop {
        let r = s.get(&format!("/v1/changes?after={after}"), token);
        assert_eq!(r.status(), 200);
        let page: Value = r.json().unwrap();
        if page["items"].as_array().is_none_or(|a| a.is_empty()) {
            return after;
        }
        after = page["next_cursor"].as_i64().unwrap();
    }
}

/// Starts a 30-second long poll as `token` in a thread.
fn long_poll(s: &Server, token: &str, after: i64) -> JoinHandle<Value> {
    let (url, token, client) = (
        format!("{}/v1/changes?after={after}&wait=30", s.url),
        token.to_string(),
        s.http.clone(),
    );
    std::thread::spawn(move || {
        let r = client
            .get(url)
            .bearer_auth(token)
            .send()
            .expect("long poll");
        assert_eq!(r.status(), 200);
        r.json::<Value>().unwrap()
    })
}

/// Waits (at most 20 s) until the server reports `n` long polls waiting.
fn until_waiting(s: &Server, n: usize) {
    let until = Instant::now() + Duration::from_secs(20);
    while metric(s, "corridor_change_feed_waiting") < n as f64 {
        assert!(
            Instant::now() < until,
            "{n} long polls never waited together"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A long poll that must be answered at once (within 5 s, where a held one waits 30).
fn refused_poll(s: &Server, token: &str, after: i64, status: u16) -> Value {
    let t = Instant::now();
    let r = s
        .req(
            reqwest::Method::GET,
            &format!("/v1/changes?after={after}&wait=30"),
            token,
        )
        .timeout(Duration::from_secs(5))
        .send()
        .expect("a long poll over the cap is answered at once");
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    assert!(r.headers().contains_key("retry-after"));
    problem(r, status)
}

#[test]
fn long_polls_beyond_the_callers_or_the_servers_cap_are_refused_at_once_and_writes_stay_fast() {
    let s = Server::start_with(
        Options::default()
            .env("CORRIDOR_LONG_POLLS", "6")
            .env("CORRIDOR_LONG_POLLS_PER_CALLER", "4"),
    );
    let planner = requester(&s);
    let a = s.user("jmcc.liaison", "liaison", &[]);
    let b = s.user("eucom.liaison", "liaison", &[]);
    let after = cursor(&s, &a);

    let mut polls: Vec<_> = (0..4).map(|_| long_poll(&s, &a, after)).collect();
    until_waiting(&s, 4);
    // A's fifth: 429 at once; a read without waiting is still served.
    let p = refused_poll(&s, &a, after, 429);
    assert_eq!(p["type"], "urn:corridor:problem:too-many-long-polls");
    assert_eq!(
        s.get(&format!("/v1/changes?after={after}"), &a).status(),
        200
    );

    polls.extend((0..2).map(|_| long_poll(&s, &b, after)));
    until_waiting(&s, 6);
    // B is under its own cap, but the server holds all it will: 503 at once.
    let p = refused_poll(&s, &b, after, 503);
    assert_eq!(p["type"], "urn:corridor:problem:unavailable");

    // A write is fast with the polls waiting, and answers every one of them.
    let t = Instant::now();
    let id = submit_id(&s, &planner, &fixture("crisis_ammunition"));
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    for poll in polls {
        let page = poll.join().unwrap();
        assert_eq!(page["items"][0]["notification_id"], id.as_str(), "{page}");
    }
    // Answered polls give their places back.
    let again = long_poll(&s, &a, cursor(&s, &a));
    until_waiting(&s, 1);
    submit_id(&s, &planner, &fixture("crisis_ammunition"));
    assert_eq!(again.join().unwrap()["items"][0]["action"], "submitted");
    assert!(metric(&s, "corridor_change_feed_refused_total{cap=\"caller\"}") >= 1.0);
    assert!(metric(&s, "corridor_change_feed_refused_total{cap=\"total\"}") >= 1.0);
}

#[test]
fn one_read_per_write_answers_every_waiter_of_a_scope() {
    const WAITERS: usize = 40;
    let s = Server::start_with(Options::default().env("CORRIDOR_LONG_POLLS_PER_CALLER", "64"));
    let planner = requester(&s);
    let liaison = s.user("jmcc.liaison", "liaison", &[]);
    let after = cursor(&s, &liaison);
    let polls: Vec<_> = (0..WAITERS)
        .map(|_| long_poll(&s, &liaison, after))
        .collect();
    until_waiting(&s, WAITERS);

    let before = metric(&s, "corridor_change_feed_queries_total");
    let id = submit_id(&s, &planner, &fixture("crisis_ammunition"));
    for poll in polls {
        let page = poll.join().unwrap();
        assert_eq!(page["items"][0]["notification_id"], id.as_str(), "{page}");
        assert_eq!(page["items"].as_array().unwrap().len(), 1, "{page}");
    }
    let reads = metric(&s, "corridor_change_feed_queries_total") - before;
    // One read for the write's wake; the shared head poll may wake once more when it sees the
    // head move. Each waiter reading for itself would be 40 reads or more.
    assert!(
        (1.0..=3.0).contains(&reads),
        "{reads} event reads for {WAITERS} waiters of one scope"
    );
}
