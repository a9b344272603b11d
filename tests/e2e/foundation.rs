//! Service foundation, end to end over HTTP: health, accounts and tokens, problem+json errors,
//! both storage backends.

use crate::common::{fields, problem, Options, Server, TestDb, SECRET};
use hmac::{Hmac, Mac};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{json, Value};
use sha2::Sha256;

#[test]
fn health_and_readiness_report_the_backend_in_use() {
    let s = Server::start();
    let h = s.http.get(format!("{}/healthz", s.url)).send().unwrap();
    assert_eq!(h.status(), 200);
    let id = h
        .headers()
        .get("x-request-id")
        .expect("every answer names its request id")
        .to_str()
        .unwrap()
        .to_string();
    assert!(!id.is_empty());
    let r: Value = s
        .http
        .get(format!("{}/readyz", s.url))
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(r["status"], "ready");
    let expected = if s.db.is_postgres() {
        "postgres"
    } else {
        "sqlite"
    };
    assert_eq!(r["checks"]["backend"], expected, "{r}");
    assert_eq!(r["checks"]["migrations"], "ok");
    eprintln!("backend in use: {expected}");
}

#[test]
fn a_user_made_on_the_command_line_gets_a_token_and_reads_me() {
    let s = Server::start();
    let token = s.user(
        "anna.schmidt",
        "officer",
        &[
            "--nation",
            "DE",
            "--stages",
            "movcon,police",
            "--email",
            "anna@example.org",
        ],
    );
    let me: Value = s.get("/v1/me", &token).json().unwrap();
    assert_eq!(me["username"], "anna.schmidt");
    assert_eq!(me["role"], "officer");
    assert_eq!(me["nation"], "DE");
    assert_eq!(me["stages"], json!(["movcon", "police"]));
    let login: Value = s
        .login("anna.schmidt", "pw-anna.schmidt-long-enough")
        .json()
        .unwrap();
    assert_eq!(login["token_type"], "Bearer");
    assert_eq!(login["expires_in"], 3600);
}

#[test]
fn roles_that_need_a_nation_cannot_be_created_without_one() {
    let s = Server::start();
    let out = s.cli(
        &[
            "user",
            "add",
            "--username",
            "nobody",
            "--role",
            "coordinator",
            "--password-stdin",
        ],
        Some("long-enough-password"),
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--nation"));
    assert_eq!(s.db.count("users WHERE username = 'nobody'"), 0);
    let dup = s.cli(
        &["user", "add", "--username", "admin1", "--role", "admin"],
        None,
    );
    assert!(
        dup.status.success(),
        "{}",
        String::from_utf8_lossy(&dup.stderr)
    );
    let stdout = String::from_utf8_lossy(&dup.stdout);
    assert!(
        stdout.contains("shown once"),
        "a generated password is printed once: {stdout}"
    );
    let again = s.cli(
        &["user", "add", "--username", "admin1", "--role", "admin"],
        None,
    );
    assert!(!again.status.success());
}

fn kid() -> String {
    // The server's key id: a MAC under the secret of a fixed label (src/auth/token.rs).
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(b"corridor access token key id");
    hex::encode(&mac.finalize().into_bytes()[..8])
}

fn forge(claims: Value, key: &[u8], kid: Option<String>) -> String {
    let mut h = Header::new(Algorithm::HS256);
    h.kid = kid;
    jsonwebtoken::encode(&h, &claims, &EncodingKey::from_secret(key)).unwrap()
}

fn claims(iss: &str, aud: &str, exp_offset: i64) -> Value {
    // The server's clock is the suite's, not the system's.
    let now = crate::common::suite_now().timestamp();
    json!({"iss": iss, "aud": aud, "sub": "someone", "exp": now + exp_offset, "iat": now - 10, "nbf": now - 10,
           "username": "mallory", "role": "admin"})
}

#[test]
fn forged_expired_and_misaddressed_tokens_get_401() {
    let s = Server::start();
    let good = s.user("anna", "officer", &["--nation", "DE", "--stages", "movcon"]);
    assert_eq!(s.get("/v1/me", &good).status(), 200);
    // The control names anna: a token for a subject that does not exist is refused (issue 17).
    let anna = s.get("/v1/me", &good).json::<Value>().unwrap()["user_id"].clone();
    let claims = |iss: &str, aud: &str, exp_offset: i64| {
        let mut c = claims(iss, aud, exp_offset);
        c["sub"] = anna.clone();
        c
    };
    let forged_ok = forge(
        claims("corridor", "corridor-api", 600),
        SECRET.as_bytes(),
        Some(kid()),
    );
    assert_eq!(
        s.get("/v1/me", &forged_ok).status(),
        200,
        "control: the right key, issuer and audience work"
    );

    let mut bad_sig = good.clone();
    let last = bad_sig.pop().unwrap();
    bad_sig.push(if last == 'A' { 'B' } else { 'A' });
    let none = {
        use base64::Engine;
        let e = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let header = e.encode(json!({"alg": "none", "typ": "JWT", "kid": kid()}).to_string());
        let payload = e.encode(claims("corridor", "corridor-api", 600).to_string());
        format!("{header}.{payload}.")
    };
    let cases = [
        ("bad signature", bad_sig),
        ("alg none", none),
        (
            "other key",
            forge(
                claims("corridor", "corridor-api", 600),
                b"another-secret-of-thirty-two-bytes!!",
                Some(kid()),
            ),
        ),
        (
            "wrong audience",
            forge(
                claims("corridor", "someone-else", 600),
                SECRET.as_bytes(),
                Some(kid()),
            ),
        ),
        (
            "wrong issuer",
            forge(
                claims("evil", "corridor-api", 600),
                SECRET.as_bytes(),
                Some(kid()),
            ),
        ),
        (
            "expired",
            forge(
                claims("corridor", "corridor-api", -3600),
                SECRET.as_bytes(),
                Some(kid()),
            ),
        ),
        (
            "no kid",
            forge(
                claims("corridor", "corridor-api", 600),
                SECRET.as_bytes(),
                None,
            ),
        ),
        ("garbage", "not.a.token".to_string()),
        (
            // The right key, issuer and audience, but a year to live: longer than issued.
            "a year to live",
            forge(
                claims("corridor", "corridor-api", 365 * 86400),
                SECRET.as_bytes(),
                Some(kid()),
            ),
        ),
    ];
    for (what, token) in cases {
        let r = s.get("/v1/me", &token);
        assert_eq!(
            r.headers()
                .get("www-authenticate")
                .map(|v| v.to_str().unwrap()),
            Some("Bearer realm=\"corridor\""),
            "{what}"
        );
        let p = problem(r, 401);
        assert!(
            !p["detail"].as_str().unwrap().contains("audience"),
            "{what}: the detail does not teach an attacker"
        );
    }
    problem(s.http.get(format!("{}/v1/me", s.url)).send().unwrap(), 401);
}

#[test]
fn a_wrong_password_and_an_unknown_user_get_the_same_401() {
    let s = Server::start();
    s.user("anna", "officer", &["--nation", "DE", "--stages", "movcon"]);
    let wrong = problem(s.login("anna", "not-her-password"), 401);
    let unknown = problem(s.login("nobody-here", "not-her-password"), 401);
    assert_eq!(wrong["detail"], unknown["detail"]);
    assert_eq!(wrong["detail"], "invalid username or password");
}

#[test]
fn the_eleventh_failed_login_in_a_minute_is_throttled() {
    let s = Server::start();
    s.user("anna", "officer", &["--nation", "DE", "--stages", "movcon"]);
    for i in 0..10 {
        assert_eq!(
            s.login("anna", &format!("guess-{i}")).status(),
            401,
            "attempt {}",
            i + 1
        );
    }
    let r = s.login("anna", "guess-11");
    assert!(r.headers().get("retry-after").is_some());
    problem(r, 429);
    // Even the right password waits now: the throttle does not confirm a guess.
    problem(s.login("anna", "pw-anna-long-enough"), 429);
}

#[test]
fn malformed_oversized_and_mistyped_bodies_get_problems() {
    let s = Server::start_with(Options::default().env("CORRIDOR_BODY_LIMIT", "4096"));
    let url = format!("{}/v1/auth/token", s.url);
    let post = |ct: &str, body: Vec<u8>| {
        s.http
            .post(&url)
            .header("content-type", ct)
            .body(body)
            .send()
            .unwrap()
    };
    problem(post("application/json", b"{\"username\": ".to_vec()), 400);
    problem(post("text/plain", b"{}".to_vec()), 415);
    problem(post("application/json", vec![b' '; 5000]), 413);
    let typed = problem(
        post(
            "application/json",
            br#"{"username": 42, "password": "x"}"#.to_vec(),
        ),
        400,
    );
    assert_eq!(fields(&typed), ["username"]);
    let unknown = problem(
        post(
            "application/json",
            br#"{"username": "a", "password": "x", "admin": true}"#.to_vec(),
        ),
        400,
    );
    assert_eq!(fields(&unknown), ["admin"]);
    let missing = problem(
        post("application/json", br#"{"username": "a"}"#.to_vec()),
        400,
    );
    assert!(
        missing["detail"].as_str().unwrap().contains("password"),
        "{missing}"
    );
}

#[test]
fn unknown_routes_and_methods_are_problems_too() {
    let s = Server::start();
    problem(
        s.http
            .get(format!("{}/v1/nothing-here", s.url))
            .send()
            .unwrap(),
        404,
    );
    problem(
        s.http.delete(format!("{}/healthz", s.url)).send().unwrap(),
        405,
    );
    problem(
        s.http
            .get(format!("{}/v1/auth/token", s.url))
            .send()
            .unwrap(),
        405,
    );
}

#[test]
fn sigterm_finishes_requests_in_flight_then_stops_cleanly() {
    let mut s = Server::start();
    let token = s.user("watcher", "liaison", &[]);
    // A long poll of the change feed is in flight when SIGTERM arrives: it still gets its answer.
    let (url, http) = (s.url.clone(), s.http.clone());
    let in_flight = std::thread::spawn(move || {
        http.get(format!("{url}/v1/changes?wait=3"))
            .bearer_auth(&token)
            .send()
            .map(|r| (r.status().as_u16(), r.text().unwrap_or_default()))
    });
    // Until the poll is waiting on the server: the gauge of waiting long polls says so.
    let started = std::time::Instant::now();
    while !s
        .http
        .get(format!("{}/metrics", s.url))
        .send()
        .and_then(|r| r.text())
        .unwrap_or_default()
        .contains("corridor_change_feed_waiting 1")
    {
        assert!(
            started.elapsed().as_secs() < 10,
            "the long poll never arrived"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let status = s.terminate().expect("exit status");
    assert!(status.success(), "{status:?}\n{}", s.log());
    let (code, body) = in_flight
        .join()
        .unwrap()
        .expect("the request in flight was answered, not cut");
    assert_eq!(code, 200, "{body}");
    let feed: Value = serde_json::from_str(&body).expect("a whole JSON body");
    assert!(feed["items"].is_array(), "{feed}");
}

#[test]
#[ignore = "needs PostgreSQL: run with TEST_DATABASE_URL and --include-ignored (CI does)"]
fn two_instances_started_together_on_postgres_migrate_once() {
    let db = std::sync::Arc::new(TestDb::new());
    if !db.is_postgres() {
        panic!("needs TEST_DATABASE_URL: this test is about several instances on one PostgreSQL");
    }
    let (a, b) = std::thread::scope(|scope| {
        let a = scope.spawn(|| Server::start_on(db.clone(), Options::default()));
        let b = scope.spawn(|| Server::start_on(db.clone(), Options::default()));
        (a.join().unwrap(), b.join().unwrap())
    });
    for s in [&a, &b] {
        assert_eq!(
            s.http
                .get(format!("{}/readyz", s.url))
                .send()
                .unwrap()
                .status(),
            200
        );
    }
    let migrations = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres"))
        .unwrap()
        .count() as i64;
    assert_eq!(db.count("__diesel_schema_migrations"), migrations);
    assert_eq!(db.count("audit_head"), 1, "the seed row was inserted once");
}
