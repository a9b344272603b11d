//! End-to-end harness: the real `corridor` binary on a free port, over a temporary SQLite
//! file, or over PostgreSQL in a schema of its own when `TEST_DATABASE_URL` is set.
//!
//! Every response a test receives through `Server` (its `http` client, `req`, `get`, `post`,
//! `login`, `send`) is checked against `openapi.yaml` by `contract::checked` first.
#![allow(dead_code)]

pub mod contract;
pub mod smtp;

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use reqwest::blocking::{Client, RequestBuilder, Response};
use serde::Serialize;
use serde_json::Value;

/// The signing secret every test server uses.
pub const SECRET: &str = "test-secret-for-corridor-end-to-end-tests-0123456789";

/// The instant the movements in `tests/fixtures` were written for: a Monday, 06:00 UTC, the day
/// before their departure. Their dates are nominal; `fixture` moves them to the suite's clock.
pub const FIXTURE_NOW: &str = "2027-02-01T06:00:00Z";

/// The suite's clock: every test server starts a manual clock here, so no test depends on the
/// day it runs. `CORRIDOR_TEST_NOW=RFC3339` moves the whole suite (e.g. years ahead); the time is
/// rounded to whole weeks from `FIXTURE_NOW` so that weekdays and times of day keep their
/// meaning for driving bans, working hours and notice.
pub fn suite_now() -> DateTime<Utc> {
    let nominal = parse_time(FIXTURE_NOW);
    let Some(wanted) = std::env::var("CORRIDOR_TEST_NOW")
        .ok()
        .filter(|s| !s.is_empty())
    else {
        return nominal;
    };
    let wanted = DateTime::parse_from_rfc3339(&wanted)
        .expect("CORRIDOR_TEST_NOW is an RFC 3339 time")
        .with_timezone(&Utc);
    let week = chrono::Duration::weeks(1).num_seconds();
    let weeks = ((wanted - nominal).num_seconds() as f64 / week as f64).round() as i64;
    nominal + chrono::Duration::weeks(weeks)
}

/// The suite's clock moved by `offset`, as the API writes times (`2027-02-01T08:00:00Z`).
pub fn at(offset: chrono::Duration) -> String {
    stamp(suite_now() + offset)
}

/// A time as the API writes it: RFC 3339, UTC, whole seconds, `Z`.
pub fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A time as the databases' text columns hold it (`2027-02-01 08:00:00`), for tests that write
/// rows directly.
pub fn db_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// Parses an RFC 3339 time.
pub fn parse_time(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .unwrap_or_else(|e| panic!("`{s}` is not RFC 3339: {e}"))
        .with_timezone(&Utc)
}

/// A movement from `tests/fixtures/NAME.json`, its times moved to the suite's clock.
pub fn fixture(name: &str) -> Value {
    let mut v = fixture_as_written(name);
    shift_times(&mut v, suite_now() - parse_time(FIXTURE_NOW));
    v
}

/// A movement from `tests/fixtures/NAME.json` with its nominal dates, as the file has them.
pub fn fixture_as_written(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("fixture file"))
        .expect("fixture JSON")
}

/// Moves every RFC 3339 time in `v` by `by`.
pub fn shift_times(v: &mut Value, by: chrono::Duration) {
    match v {
        Value::String(s) => {
            if let Ok(t) = DateTime::parse_from_rfc3339(s) {
                *s = stamp(t.with_timezone(&Utc) + by);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| shift_times(x, by)),
        Value::Object(o) => o.values_mut().for_each(|x| shift_times(x, by)),
        _ => {}
    }
}

/// One nation's review in a notification as the API shows it.
pub fn nation<'a>(n: &'a Value, code: &str) -> &'a Value {
    n["nations"]
        .as_array()
        .and_then(|a| a.iter().find(|x| x["nation"] == code))
        .expect("nation on the route")
}

/// Where the repository's policies live.
pub fn repo_policies() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("policies")
}

/// A database for one test, dropped with it.
pub struct TestDb {
    url: String,
    pg: Option<(String, String)>,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    /// A fresh database: a SQLite file, or a new PostgreSQL schema.
    pub fn new() -> TestDb {
        match std::env::var("TEST_DATABASE_URL")
            .ok()
            .filter(|s| !s.is_empty())
        {
            Some(base) => {
                use diesel::{Connection, RunQueryDsl};
                let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
                let mut c =
                    diesel::PgConnection::establish(&base).expect("TEST_DATABASE_URL reachable");
                diesel::sql_query(format!("CREATE SCHEMA {schema}"))
                    .execute(&mut c)
                    .expect("create schema");
                let sep = if base.contains('?') { '&' } else { '?' };
                let url = format!("{base}{sep}options=-csearch_path%3D{schema}");
                TestDb {
                    url,
                    pg: Some((base, schema)),
                    _dir: None,
                }
            }
            None => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}", dir.path().join("corridor.db").display());
                TestDb {
                    url,
                    pg: None,
                    _dir: Some(dir),
                }
            }
        }
    }

    /// The `DATABASE_URL` for the server.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Whether this is PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        self.pg.is_some()
    }

    /// Runs SQL against this database (test set-up and tampering).
    pub fn execute(&self, sql: &str) -> usize {
        use diesel::{Connection, RunQueryDsl};
        match &self.pg {
            Some(_) => {
                let mut c = diesel::PgConnection::establish(&self.url).expect("connect");
                diesel::sql_query(sql).execute(&mut c).expect(sql)
            }
            None => {
                let path = self.url.trim_start_matches("sqlite://");
                let mut c = diesel::SqliteConnection::establish(path).expect("connect");
                diesel::sql_query("PRAGMA busy_timeout = 10000")
                    .execute(&mut c)
                    .expect("pragma");
                diesel::sql_query(sql).execute(&mut c).expect(sql)
            }
        }
    }

    /// Counts rows: `SELECT COUNT(*) AS n FROM …` given the part after FROM.
    pub fn count(&self, from: &str) -> i64 {
        use diesel::{Connection, QueryableByName, RunQueryDsl};
        #[derive(QueryableByName)]
        struct N {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let sql = format!("SELECT COUNT(*) AS n FROM {from}");
        match &self.pg {
            Some(_) => {
                let mut c = diesel::PgConnection::establish(&self.url).expect("connect");
                diesel::sql_query(&sql)
                    .get_result::<N>(&mut c)
                    .expect(&sql)
                    .n
            }
            None => {
                let mut c =
                    diesel::SqliteConnection::establish(self.url.trim_start_matches("sqlite://"))
                        .expect("connect");
                diesel::sql_query(&sql)
                    .get_result::<N>(&mut c)
                    .expect(&sql)
                    .n
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((base, schema)) = &self.pg {
            use diesel::{Connection, RunQueryDsl};
            if let Ok(mut c) = diesel::PgConnection::establish(base) {
                let _ = diesel::sql_query(format!("DROP SCHEMA {schema} CASCADE")).execute(&mut c);
            }
        }
    }
}

/// A running server.
pub struct Server {
    child: Option<Child>,
    /// Base URL, e.g. `http://127.0.0.1:40123`.
    pub url: String,
    /// Its database.
    pub db: std::sync::Arc<TestDb>,
    env: Vec<(String, String)>,
    /// An HTTP client whose every response is checked against openapi.yaml.
    pub http: CheckedClient,
    stderr_log: PathBuf,
    _logdir: tempfile::TempDir,
}

/// Options for starting a server.
#[derive(Default, Clone)]
pub struct Options {
    /// Extra environment.
    pub env: Vec<(String, String)>,
}

impl Options {
    /// The server reads the system clock instead of the suite's manual one (for tests that need
    /// time to pass by itself, e.g. token expiry).
    pub fn system_clock(self) -> Self {
        self.env("CORRIDOR_CLOCK", "system")
    }

    /// Adds an environment variable.
    pub fn env(mut self, k: &str, v: &str) -> Self {
        self.env.push((k.into(), v.into()));
        self
    }
}

fn base_env(db: &TestDb) -> Vec<(String, String)> {
    vec![
        ("DATABASE_URL".into(), db.url().into()),
        ("CORRIDOR_BIND".into(), "127.0.0.1:0".into()),
        ("CORRIDOR_JWT_SECRET".into(), SECRET.into()),
        (
            "CORRIDOR_POLICIES".into(),
            repo_policies().display().to_string(),
        ),
        ("CORRIDOR_WORKERS".into(), "2".into()),
        ("RUST_LOG".into(), "warn,corridor=info".into()),
        // Boards exact on every poll: the suite reads its own writes at once. The default age
        // (a second) is shown by `board::a_board_may_be_as_old_as_the_allowed_age`.
        ("CORRIDOR_BOARD_MAX_AGE_MS".into(), "0".into()),
        // The suite's clock, not the day it runs: see `suite_now`.
        ("CORRIDOR_DEV".into(), "1".into()),
        (
            "CORRIDOR_CLOCK".into(),
            format!("manual:{}", stamp(suite_now())),
        ),
    ]
}

impl Server {
    /// Starts a server on a fresh database.
    pub fn start() -> Server {
        Server::start_with(Options::default())
    }

    /// Starts a server on a fresh database with options.
    pub fn start_with(opts: Options) -> Server {
        Server::start_on(std::sync::Arc::new(TestDb::new()), opts)
    }

    /// Starts a server on an existing database (a second instance, or a restart).
    pub fn start_on(db: std::sync::Arc<TestDb>, opts: Options) -> Server {
        let mut env = base_env(&db);
        for (k, v) in opts.env {
            env.retain(|(ek, _)| ek != &k);
            env.push((k, v));
        }
        let logdir = tempfile::tempdir().expect("log dir");
        let stderr_log = logdir.path().join("stderr.log");
        let mut s = Server {
            child: None,
            url: String::new(),
            db,
            env,
            http: CheckedClient(
                Client::builder()
                    // Tests see what the server answers, redirects included.
                    .redirect(reqwest::redirect::Policy::none())
                    .timeout(Duration::from_secs(60))
                    .build()
                    .expect("client"),
            ),
            stderr_log,
            _logdir: logdir,
        };
        s.spawn();
        s
    }

    fn spawn(&mut self) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.stderr_log)
            .expect("log file");
        let mut child = Command::new(env!("CARGO_BIN_EXE_corridor"))
            .arg("serve")
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log))
            .spawn()
            .expect("spawn corridor");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read first line");
        let url = line
            .trim()
            .strip_prefix("corridor listening on ")
            .map(str::to_string);
        self.child = Some(child);
        match url {
            Some(u) => self.url = u,
            None => panic!("server did not start: {line:?}\n{}", self.log()),
        }
        self.wait_ready();
    }

    /// Waits until /readyz says ready (or panics with the server's log after 30 s).
    pub fn wait_ready(&self) {
        let start = Instant::now();
        loop {
            // Raw: the server may not listen yet; what it answers is checked all the same.
            if let Ok(r) = self.http.0.get(format!("{}/readyz", self.url)).send() {
                let r = contract::checked("GET", "/readyz", r);
                if r.status().is_success() {
                    return;
                }
            }
            if start.elapsed() > Duration::from_secs(30) {
                panic!("server not ready after 30 s\n{}", self.log());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// What the server wrote to stderr.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.stderr_log).unwrap_or_default()
    }

    /// The server's process id, while it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    /// SIGKILL: no chance to finish anything.
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// SIGTERM and wait for the process to exit; returns its exit status.
    pub fn terminate(&mut self) -> Option<std::process::ExitStatus> {
        let mut c = self.child.take()?;
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(c.id().to_string())
            .status();
        c.wait().ok()
    }

    /// Sends SIGHUP (policy reload).
    pub fn hup(&self) {
        if let Some(c) = &self.child {
            let _ = Command::new("kill")
                .arg("-HUP")
                .arg(c.id().to_string())
                .status();
        }
    }

    /// Starts the same server again on the same database.
    pub fn restart(&mut self) {
        self.kill();
        self.spawn();
    }

    /// Runs the binary with `args` against this server's database and settings.
    pub fn cli(&self, args: &[&str], stdin: Option<&str>) -> std::process::Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_corridor"))
            .args(args)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn corridor");
        if let Some(input) = stdin {
            // A command that refuses its arguments exits before reading: a broken pipe here is
            // its answer, which the caller reads from the exit status and output.
            if let Err(e) = child
                .stdin
                .take()
                .expect("stdin")
                .write_all(input.as_bytes())
            {
                assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
            }
        }
        drop(child.stdin.take());
        child.wait_with_output().expect("cli output")
    }

    /// Runs `corridor audit verify` on this server's database; panics with its output unless the
    /// hash chain holds. Returns what it printed.
    pub fn assert_audit_verifies(&self) -> String {
        let out = self.cli(&["audit", "verify"], None);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.success(), "audit verify failed: {text}");
        text
    }

    /// Creates a user through `corridor user add` and returns a token for it.
    pub fn user(&self, username: &str, role: &str, args: &[&str]) -> String {
        let password = format!("pw-{username}-long-enough");
        let mut all = vec![
            "user",
            "add",
            "--username",
            username,
            "--role",
            role,
            "--password-stdin",
        ];
        all.extend_from_slice(args);
        let out = self.cli(&all, Some(&password));
        assert!(
            out.status.success(),
            "user add failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        self.token(username, &password)
    }

    /// Logs in; panics unless it works.
    pub fn token(&self, username: &str, password: &str) -> String {
        let r = self.login(username, password);
        assert_eq!(r.status(), 200, "login {username}");
        r.json::<Value>().expect("json")["access_token"]
            .as_str()
            .expect("token")
            .to_string()
    }

    /// `POST /v1/auth/token`.
    pub fn login(&self, username: &str, password: &str) -> Response {
        self.http
            .post(format!("{}/v1/auth/token", self.url))
            .json(&serde_json::json!({"username": username, "password": password}))
            .send()
            .expect("login request")
    }

    /// A request builder with the bearer token.
    pub fn req(&self, method: reqwest::Method, path: &str, token: &str) -> Request {
        self.http
            .request(method, format!("{}{}", self.url, path))
            .bearer_auth(token)
    }

    /// Sends a request built on any client and checks the response against openapi.yaml.
    pub fn send(&self, rb: RequestBuilder) -> Response {
        Request(rb).send().expect("request sent")
    }

    /// The client without response checks, for probing what the server has (contract tests).
    pub fn raw(&self) -> &Client {
        &self.http.0
    }

    /// GET with a token.
    pub fn get(&self, path: &str, token: &str) -> Response {
        self.req(reqwest::Method::GET, path, token)
            .send()
            .expect("GET")
    }

    /// POST JSON with a token.
    pub fn post(&self, path: &str, token: &str, body: &Value) -> Response {
        self.req(reqwest::Method::POST, path, token)
            .json(body)
            .send()
            .expect("POST")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Submits a movement as `token`; asserts 201 and returns the notification.
pub fn submit(s: &Server, token: &str, body: &Value) -> Value {
    let r = s.post("/v1/notifications", token, body);
    assert_eq!(r.status(), 201, "{}", r.text().unwrap_or_default());
    r.json().expect("notification JSON")
}

/// Submits a movement as `token`; asserts 201 and returns the notification's id.
pub fn submit_id(s: &Server, token: &str, body: &Value) -> String {
    submit(s, token, body)["id"]
        .as_str()
        .expect("id")
        .to_string()
}

/// Reads a notification as `token`; asserts 200 and returns it with its ETag.
pub fn read(s: &Server, token: &str, id: &str) -> (Value, String) {
    let r = s.get(&format!("/v1/notifications/{id}"), token);
    assert_eq!(r.status(), 200);
    let tag = r.headers()["etag"].to_str().expect("etag").to_string();
    (r.json().expect("notification JSON"), tag)
}

/// Amends notification `id` with `body` (`PUT`, `If-Match: if_match`).
pub fn amend(s: &Server, token: &str, id: &str, body: &Value, if_match: &str) -> Response {
    s.req(
        reqwest::Method::PUT,
        &format!("/v1/notifications/{id}"),
        token,
    )
    .header("if-match", if_match)
    .json(body)
    .send()
    .expect("amendment request")
}

/// Posts a decision on stage `key` of `nation` with `If-Match: if_match`.
pub fn decide(
    s: &Server,
    token: &str,
    id: &str,
    nation: &str,
    key: &str,
    body: Value,
    if_match: &str,
) -> Response {
    s.req(
        reqwest::Method::POST,
        &format!("/v1/notifications/{id}/nations/{nation}/stages/{key}/decision"),
        token,
    )
    .header("if-match", if_match)
    .json(&body)
    .send()
    .expect("decision request")
}

/// Asserts a problem+json answer with `status`, and returns its body.
pub fn problem(r: Response, status: u16) -> Value {
    let got = r.status().as_u16();
    let ct = r
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let body: Value = r.json().unwrap_or(Value::Null);
    assert_eq!(got, status, "status; body {body}");
    assert!(
        ct.starts_with("application/problem+json"),
        "content type {ct}; body {body}"
    );
    assert_eq!(body["status"], status, "{body}");
    assert!(
        body["type"].is_string() && body["detail"].is_string(),
        "{body}"
    );
    body
}

/// The field names of a validation problem.
pub fn fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|e| e["field"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// An HTTP client whose requests check every response against openapi.yaml.
#[derive(Clone)]
pub struct CheckedClient(pub Client);

impl CheckedClient {
    /// A request of any method.
    pub fn request<U: reqwest::IntoUrl>(&self, method: reqwest::Method, url: U) -> Request {
        Request(self.0.request(method, url))
    }
    /// GET.
    pub fn get<U: reqwest::IntoUrl>(&self, url: U) -> Request {
        Request(self.0.get(url))
    }
    /// POST.
    pub fn post<U: reqwest::IntoUrl>(&self, url: U) -> Request {
        Request(self.0.post(url))
    }
    /// PUT.
    pub fn put<U: reqwest::IntoUrl>(&self, url: U) -> Request {
        Request(self.0.put(url))
    }
    /// DELETE.
    pub fn delete<U: reqwest::IntoUrl>(&self, url: U) -> Request {
        Request(self.0.delete(url))
    }
    /// PATCH.
    pub fn patch<U: reqwest::IntoUrl>(&self, url: U) -> Request {
        Request(self.0.patch(url))
    }
}

/// A request whose response is checked against openapi.yaml when it is sent.
pub struct Request(pub RequestBuilder);

impl Request {
    /// Adds a header.
    pub fn header<K, V>(self, key: K, value: V) -> Request
    where
        reqwest::header::HeaderName: TryFrom<K>,
        <reqwest::header::HeaderName as TryFrom<K>>::Error: Into<http::Error>,
        reqwest::header::HeaderValue: TryFrom<V>,
        <reqwest::header::HeaderValue as TryFrom<V>>::Error: Into<http::Error>,
    {
        Request(self.0.header(key, value))
    }
    /// Sets a bearer token.
    pub fn bearer_auth<T: std::fmt::Display>(self, token: T) -> Request {
        Request(self.0.bearer_auth(token))
    }
    /// Sets a JSON body.
    pub fn json<T: Serialize + ?Sized>(self, body: &T) -> Request {
        Request(self.0.json(body))
    }
    /// Sets a raw body.
    pub fn body<T: Into<reqwest::blocking::Body>>(self, body: T) -> Request {
        Request(self.0.body(body))
    }
    /// Adds query parameters.
    pub fn query<T: Serialize + ?Sized>(self, query: &T) -> Request {
        Request(self.0.query(query))
    }
    /// Sets a timeout for this request.
    pub fn timeout(self, timeout: Duration) -> Request {
        Request(self.0.timeout(timeout))
    }
    /// Sends it; panics if the response does not match openapi.yaml.
    pub fn send(self) -> reqwest::Result<Response> {
        let (client, request) = self.0.build_split();
        let request = request?;
        let method = request.method().to_string();
        let path = request.url().path().to_string();
        let response = client.execute(request)?;
        Ok(contract::checked(&method, &path, response))
    }
}
