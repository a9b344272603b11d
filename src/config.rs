//! Settings from the environment, with documented defaults (README.md lists them all).

use std::net::IpAddr;
use std::path::PathBuf;

use chrono::{DateTime, Utc};

/// Length a JWT signing secret must have outside development mode (RFC 7518 §3.2: 256 bits).
pub const MIN_SECRET_BYTES: usize = 32;

/// The development signing secret, used only with `CORRIDOR_DEV=1` and never in production.
const DEV_SECRET: &str = "corridor-DEVELOPMENT-ONLY-secret-do-not-deploy-0123456789";

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

/// An address or a CIDR range of addresses (`10.0.0.0/8`, `::1`, `fd00::/8`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddressRange {
    network: IpAddr,
    prefix: u8,
}

impl AddressRange {
    /// Reads `ADDRESS` or `ADDRESS/PREFIX`.
    pub fn parse(s: &str) -> Result<AddressRange, String> {
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let network: IpAddr = addr
            .parse()
            .map_err(|_| format!("`{s}` is not an IP address or CIDR range"))?;
        let max = if network.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("`{s}`: the prefix must be 0–{max}"))?,
        };
        Ok(AddressRange { network, prefix })
    }

    /// Whether `addr` is in the range (an IPv4-mapped IPv6 address counts as its IPv4 form).
    pub fn contains(&self, addr: IpAddr) -> bool {
        let addr = match addr {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(addr),
            v4 => v4,
        };
        let bits = |a: IpAddr| -> u128 {
            match a {
                IpAddr::V4(v) => u128::from(u32::from(v)),
                IpAddr::V6(v) => u128::from(v),
            }
        };
        let width: u32 = if self.network.is_ipv4() { 32 } else { 128 };
        if self.network.is_ipv4() != addr.is_ipv4() {
            return false;
        }
        let host_bits = width - u32::from(self.prefix);
        let mask = if host_bits >= 128 {
            0
        } else {
            !0u128 << host_bits
        };
        bits(addr) & mask == bits(self.network) & mask
    }
}

/// Every setting of a running Corridor.
#[derive(Clone)]
pub struct Settings {
    /// `DATABASE_URL`: `sqlite://PATH` or `postgres://…`.
    pub database_url: String,
    /// `CORRIDOR_BIND`: address to listen on (port 0 picks a free port).
    pub bind: String,
    /// `CORRIDOR_POLICIES`: directory of nation policy files.
    pub policies: PathBuf,
    /// `CORRIDOR_JWT_SECRET`: HMAC key for access tokens.
    pub jwt_secret: Vec<u8>,
    /// Why the secret cannot sign tokens, if it cannot.
    secret_problem: Option<String>,
    /// `CORRIDOR_JWT_PREVIOUS_SECRET`: still accepted for verification during a key rotation.
    pub jwt_previous_secret: Option<Vec<u8>>,
    /// `CORRIDOR_JWT_TTL`: token lifetime in seconds.
    pub jwt_ttl_seconds: i64,
    /// `CORRIDOR_JWT_ISSUER`.
    pub jwt_issuer: String,
    /// `CORRIDOR_JWT_AUDIENCE`.
    pub jwt_audience: String,
    /// `CORRIDOR_DEV=1`: development mode (development secret allowed, manual clock allowed).
    pub dev_mode: bool,
    /// `CORRIDOR_SMTP_URL`: unset sends mail to the log.
    pub smtp_url: Option<String>,
    /// `CORRIDOR_MAIL_FROM`.
    pub mail_from: String,
    /// `CORRIDOR_PUBLIC_URL`: where people reach this service (mail links to
    /// `<public_url>/dashboard/#n/<id>`); without a trailing `/`.
    pub public_url: String,
    /// `CORRIDOR_BODY_LIMIT`: largest request body in bytes.
    pub body_limit: usize,
    /// `CORRIDOR_LOG_FORMAT`: `text` or `json`.
    pub log_format: LogFormat,
    /// `CORRIDOR_DB_POOL`: connections in the pool.
    pub db_pool_size: u32,
    /// `CORRIDOR_WORKERS`: HTTP worker threads.
    pub workers: usize,
    /// Submissions per user per minute (a bucket holding one minute's worth); 0: unlimited.
    pub submissions_per_minute: u32,
    /// `CORRIDOR_BOARD_MAX_AGE_MS` (1000; 0: every poll exact): how old a scope's board may be
    /// when it is served. Polls of one scope within this share one computation and one ETag, so
    /// a storm of writes costs a board per scope per interval, not a board per poll.
    pub board_max_age_ms: u64,
    /// `CORRIDOR_LOGIN_ATTEMPTS`: failed logins for one username from one client address
    /// before each further attempt waits (1 min, doubling to 15 min).
    pub login_attempts: u32,
    /// `CORRIDOR_LOGIN_ADDRESS_ATTEMPTS`: failed logins from one client address, across
    /// usernames, before each further attempt from it waits (password spraying).
    pub login_address_attempts: u32,
    /// `CORRIDOR_LOGIN_CONCURRENCY`: passwords checked at once (argon2id takes 19 MiB each);
    /// a login beyond it is answered 503 at once, never queued.
    pub login_concurrency: usize,
    /// `CORRIDOR_TRUSTED_PROXIES`: addresses or CIDR ranges of reverse proxies whose
    /// `Forwarded` / `X-Forwarded-For` names the client; from anyone else they are ignored.
    pub trusted_proxies: Vec<AddressRange>,
    /// `CORRIDOR_ACCESS_CACHE_MS`: how long an account's standing (enabled, generation, role,
    /// nation, stages, watch list) read for a token is reused before it is read again.
    pub access_cache_ms: u64,
    /// `CORRIDOR_CLOCK=manual:RFC3339` (development mode only): start a manual clock there.
    pub manual_clock: Option<DateTime<Utc>>,
    /// `CORRIDOR_JOBS=0` turns the timer runner and the outbox sender off in this instance.
    pub jobs_enabled: bool,
    /// `CORRIDOR_JOBS_INTERVAL_MS`: how often the runners look for due work.
    pub jobs_interval_ms: u64,
    /// `CORRIDOR_DB_BUSY_TIMEOUT_MS` (SQLite): how long a writer waits for the write lock before
    /// the request is answered 503.
    pub db_busy_timeout_ms: u64,
    /// `CORRIDOR_SLOW_STATEMENT_MS`: statements slower than this are logged (0: none).
    pub slow_statement_ms: u64,
    /// `CORRIDOR_SQLITE_SYNCHRONOUS`: `full` (default: a commit is on disk before the answer)
    /// or `normal` (faster; the last commits can roll back on power loss).
    pub sqlite_sync: crate::store::SqliteSync,
    /// `CORRIDOR_WRITER_NICE`: the writer thread's nice value, -20 to 19 (default -10: writes
    /// run ahead of the HTTP workers when the cores are busy; 0 leaves the thread as it is).
    pub writer_nice: i32,
    /// `CORRIDOR_PERMIT_KEY`: PKCS#8 PEM Ed25519 key that signs permit bundles (unset in
    /// development mode: one is generated and kept in the database).
    pub permit_key_file: Option<PathBuf>,
    /// Bounds on connections, request bodies and long polls (`CORRIDOR_MAX_CONNECTIONS`, …).
    pub limits: Limits,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Secrets never reach a log line.
        f.debug_struct("Settings")
            .field("database_url", &crate::store::redact(&self.database_url))
            .field("bind", &self.bind)
            .field("policies", &self.policies)
            .field("jwt_secret", &"***")
            .field("jwt_ttl_seconds", &self.jwt_ttl_seconds)
            .field("dev_mode", &self.dev_mode)
            .field(
                "smtp_url",
                &self.smtp_url.as_deref().map(crate::store::redact),
            )
            .field("body_limit", &self.body_limit)
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

/// A setting that cannot be used, named.
#[derive(Debug, thiserror::Error)]
#[error("{name}: {message}")]
pub struct SettingError {
    /// The environment variable.
    pub name: &'static str,
    /// What is wrong.
    pub message: String,
}

/// Parses a settings file: `KEY=VALUE` lines, `#` comments, optional quotes around values.
///
/// Hand-written on purpose: dotenvy (the maintained dotenv parser) expands `$NAME` in unquoted
/// and double-quoted values, so a secret or a database password containing `$` would silently
/// change; here every value is taken as written.
pub fn parse_config_file(text: &str) -> Result<std::collections::HashMap<String, String>, String> {
    let mut out = std::collections::HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = line
            .strip_prefix("export ")
            .unwrap_or(line)
            .split_once('=')
            .ok_or_else(|| format!("line {}: expected KEY=VALUE", i + 1))?;
        let key = key.trim();
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(format!("line {}: `{key}` is not a setting name", i + 1));
        }
        let value = value.trim();
        let unquoted = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        out.insert(key.to_string(), unquoted.to_string());
    }
    Ok(out)
}

/// The public URL as set (an `http://` or `https://` URL, trailing `/` dropped), else
/// `http://<bind>`: right on one machine, to be set wherever people reach the service otherwise.
fn public_url(set: Option<String>, bind: &str) -> Result<String, SettingError> {
    let Some(url) = set else {
        return Ok(format!("http://{bind}"));
    };
    let url = url.trim().trim_end_matches('/').to_string();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.contains(char::is_whitespace) => Ok(url),
        _ => Err(err(
            "CORRIDOR_PUBLIC_URL",
            format!("`{url}` is not an http:// or https:// URL"),
        )),
    }
}

fn err(name: &'static str, message: impl Into<String>) -> SettingError {
    SettingError {
        name,
        message: message.into(),
    }
}

impl Settings {
    /// Reads the settings from the process environment, over the `KEY=VALUE` file that
    /// `CORRIDOR_CONFIG` names, if any (the environment wins).
    pub fn from_env() -> Result<Settings, SettingError> {
        let file = match std::env::var("CORRIDOR_CONFIG")
            .ok()
            .filter(|p| !p.is_empty())
        {
            Some(path) => {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| err("CORRIDOR_CONFIG", format!("cannot read {path}: {e}")))?;
                parse_config_file(&text)
                    .map_err(|m| err("CORRIDOR_CONFIG", format!("{path}: {m}")))?
            }
            None => std::collections::HashMap::new(),
        };
        Self::from_lookup(|k| std::env::var(k).ok().or_else(|| file.get(k).cloned()))
    }

    /// Reads the settings through `get` (the environment, or a map in tests).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Settings, SettingError> {
        let get = |k: &str| get(k).filter(|v| !v.is_empty());
        let dev_mode = matches!(get("CORRIDOR_DEV").as_deref(), Some("1" | "true" | "yes"));
        let num = |name: &'static str, default: u64| -> Result<u64, SettingError> {
            match get(name) {
                None => Ok(default),
                Some(v) => v
                    .parse()
                    .map_err(|_| err(name, format!("`{v}` is not a whole number"))),
            }
        };
        let positive = |name: &'static str, default: u64| -> Result<u64, SettingError> {
            match num(name, default)? {
                0 => Err(err(name, "must be at least 1")),
                n => Ok(n),
            }
        };
        // A missing or short secret stops `serve` (see `check_for_serving`), not the offline
        // commands (`policy check`, `user add`, …) that sign nothing.
        let (jwt_secret, secret_problem) = match get("CORRIDOR_JWT_SECRET") {
            Some(s) if s.len() >= MIN_SECRET_BYTES || dev_mode => (s.into_bytes(), None),
            Some(_) => (
                Vec::new(),
                Some(format!("must be at least {MIN_SECRET_BYTES} bytes (e.g. `openssl rand -hex 32`)")),
            ),
            None if dev_mode => (DEV_SECRET.as_bytes().to_vec(), None),
            None => (
                Vec::new(),
                Some("not set; set a random secret of at least 32 bytes, or CORRIDOR_DEV=1 for development".into()),
            ),
        };
        let manual_clock = match get("CORRIDOR_CLOCK") {
            None => None,
            Some(v) if v == "system" => None,
            Some(v) => {
                let at = v.strip_prefix("manual:").ok_or_else(|| {
                    err(
                        "CORRIDOR_CLOCK",
                        "must be `system` or `manual:RFC3339-TIME`",
                    )
                })?;
                if !dev_mode {
                    return Err(err("CORRIDOR_CLOCK", "a manual clock needs CORRIDOR_DEV=1"));
                }
                let t = DateTime::parse_from_rfc3339(at)
                    .map_err(|e| err("CORRIDOR_CLOCK", format!("`{at}`: {e}")))?;
                Some(t.with_timezone(&Utc))
            }
        };
        let log_format = match get("CORRIDOR_LOG_FORMAT").as_deref() {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(v) => {
                return Err(err(
                    "CORRIDOR_LOG_FORMAT",
                    format!("`{v}` is not text or json"),
                ))
            }
        };
        let database_url = get("DATABASE_URL").unwrap_or_else(|| "sqlite://corridor.db".into());
        let default_pool = if database_url.starts_with("sqlite") {
            4
        } else {
            10
        };
        let ttl = num("CORRIDOR_JWT_TTL", 3600)?;
        if !(60..=86_400).contains(&ttl) {
            return Err(err(
                "CORRIDOR_JWT_TTL",
                "must be between 60 and 86400 seconds",
            ));
        }
        let bind = get("CORRIDOR_BIND").unwrap_or_else(|| "127.0.0.1:8080".into());
        let public_url = public_url(get("CORRIDOR_PUBLIC_URL"), &bind)?;
        Ok(Settings {
            database_url,
            public_url,
            bind,
            policies: get("CORRIDOR_POLICIES")
                .unwrap_or_else(|| "./policies".into())
                .into(),
            jwt_secret,
            secret_problem,
            // The previous key verifies tokens as the current one does: the same minimum length.
            jwt_previous_secret: match get("CORRIDOR_JWT_PREVIOUS_SECRET") {
                Some(s) if s.len() < MIN_SECRET_BYTES => {
                    return Err(err(
                        "CORRIDOR_JWT_PREVIOUS_SECRET",
                        format!(
                            "must be at least {MIN_SECRET_BYTES} bytes, like the current secret"
                        ),
                    ))
                }
                other => other.map(String::into_bytes),
            },
            jwt_ttl_seconds: ttl as i64,
            jwt_issuer: get("CORRIDOR_JWT_ISSUER").unwrap_or_else(|| "corridor".into()),
            jwt_audience: get("CORRIDOR_JWT_AUDIENCE").unwrap_or_else(|| "corridor-api".into()),
            dev_mode,
            smtp_url: get("CORRIDOR_SMTP_URL"),
            mail_from: get("CORRIDOR_MAIL_FROM").unwrap_or_else(|| "corridor@localhost".into()),
            body_limit: num("CORRIDOR_BODY_LIMIT", 1024 * 1024)? as usize,
            log_format,
            db_pool_size: num("CORRIDOR_DB_POOL", default_pool)? as u32,
            workers: num(
                "CORRIDOR_WORKERS",
                std::thread::available_parallelism()
                    .map(|n| n.get() as u64)
                    .unwrap_or(2),
            )? as usize,
            board_max_age_ms: num("CORRIDOR_BOARD_MAX_AGE_MS", 1000)?,
            submissions_per_minute: num("CORRIDOR_SUBMISSIONS_PER_MINUTE", 120)?
                .try_into()
                .map_err(|_| err("CORRIDOR_SUBMISSIONS_PER_MINUTE", "is too large"))?,
            login_attempts: positive("CORRIDOR_LOGIN_ATTEMPTS", 10)? as u32,
            login_address_attempts: positive("CORRIDOR_LOGIN_ADDRESS_ATTEMPTS", 100)? as u32,
            login_concurrency: positive(
                "CORRIDOR_LOGIN_CONCURRENCY",
                2 * std::thread::available_parallelism()
                    .map(|n| n.get() as u64)
                    .unwrap_or(2),
            )? as usize,
            trusted_proxies: match get("CORRIDOR_TRUSTED_PROXIES") {
                None => Vec::new(),
                Some(v) => v
                    .split(',')
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .map(AddressRange::parse)
                    .collect::<Result<_, _>>()
                    .map_err(|m| err("CORRIDOR_TRUSTED_PROXIES", m))?,
            },
            access_cache_ms: match num("CORRIDOR_ACCESS_CACHE_MS", 1000)? {
                ms if ms > 10_000 => {
                    return Err(err(
                        "CORRIDOR_ACCESS_CACHE_MS",
                        "at most 10000: a disabled user's token must stop working within seconds",
                    ))
                }
                ms => ms,
            },
            manual_clock,
            jobs_enabled: get("CORRIDOR_JOBS").as_deref() != Some("0"),
            jobs_interval_ms: num("CORRIDOR_JOBS_INTERVAL_MS", 500)?,
            db_busy_timeout_ms: num(
                "CORRIDOR_DB_BUSY_TIMEOUT_MS",
                crate::store::DEFAULT_BUSY_TIMEOUT_MS,
            )?,
            slow_statement_ms: num(
                "CORRIDOR_SLOW_STATEMENT_MS",
                crate::store::DEFAULT_SLOW_STATEMENT_MS,
            )?,
            permit_key_file: get("CORRIDOR_PERMIT_KEY").map(PathBuf::from),
            limits: Limits::from_lookup(&num)?,
            sqlite_sync: match get("CORRIDOR_SQLITE_SYNCHRONOUS").as_deref() {
                None | Some("full") => crate::store::SqliteSync::Full,
                Some("normal") => crate::store::SqliteSync::Normal,
                Some(v) => {
                    return Err(err(
                        "CORRIDOR_SQLITE_SYNCHRONOUS",
                        format!("`{v}` is not full or normal"),
                    ))
                }
            },
            writer_nice: match get("CORRIDOR_WRITER_NICE") {
                None => crate::store::DEFAULT_WRITER_NICE,
                Some(v) => match v.parse::<i32>() {
                    Ok(n) if (-20..=19).contains(&n) => n,
                    _ => {
                        return Err(err(
                            "CORRIDOR_WRITER_NICE",
                            format!("`{v}` is not a nice value from -20 to 19"),
                        ))
                    }
                },
            },
        })
    }

    /// Refuses to serve without a usable signing secret (outside development mode).
    pub fn check_for_serving(&self) -> Result<(), SettingError> {
        match &self.secret_problem {
            Some(m) => Err(err("CORRIDOR_JWT_SECRET", m.clone())),
            None => Ok(()),
        }
    }

    /// Whether the development signing secret is in use.
    pub fn uses_dev_secret(&self) -> bool {
        self.jwt_secret == DEV_SECRET.as_bytes()
    }
}

/// Bounds on what clients hold open: connections, request bodies, long polls. Every one has a
/// default, so a slow or greedy client runs into a limit before the server runs out of file
/// descriptors, memory or CPU (SECURITY.md).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// `CORRIDOR_MAX_CONNECTIONS` (4096): open connections served at once; a connection beyond
    /// is answered 503 and closed, and a quarter more beyond that the listener stops accepting.
    /// Lowered at start-up to fit the file-descriptor limit.
    pub max_connections: usize,
    /// `CORRIDOR_MAX_CONNECTIONS_PER_ADDRESS` (128; 0: no cap, e.g. behind a reverse proxy):
    /// open connections from one client address (IPv6: one /64); beyond, 429 and closed.
    pub max_connections_per_address: usize,
    /// `CORRIDOR_HEADER_TIMEOUT` (5 s): time from connecting to a complete request head.
    pub header_timeout_secs: u64,
    /// `CORRIDOR_BODY_TIMEOUT` (10 s): time from the head to the end of the body; a slower body
    /// is answered 408 and its connection closed.
    pub body_timeout_secs: u64,
    /// `CORRIDOR_KEEP_ALIVE` (5 s; 0: off): how long an idle connection is kept for a next request.
    pub keep_alive_secs: u64,
    /// `CORRIDOR_LONG_POLLS` (1024): change-feed requests with `wait` held at once; beyond, 503.
    pub long_polls: usize,
    /// `CORRIDOR_LONG_POLLS_PER_CALLER` (8): the same for one user; beyond, 429.
    pub long_polls_per_caller: usize,
}

impl Limits {
    fn from_lookup(
        num: &dyn Fn(&'static str, u64) -> Result<u64, SettingError>,
    ) -> Result<Limits, SettingError> {
        let positive = |name: &'static str, default: u64| -> Result<u64, SettingError> {
            match num(name, default)? {
                0 => Err(err(name, "must be at least 1")),
                n => Ok(n),
            }
        };
        Ok(Limits {
            max_connections: positive("CORRIDOR_MAX_CONNECTIONS", 4096)? as usize,
            max_connections_per_address: num("CORRIDOR_MAX_CONNECTIONS_PER_ADDRESS", 128)? as usize,
            header_timeout_secs: positive("CORRIDOR_HEADER_TIMEOUT", 5)?,
            body_timeout_secs: positive("CORRIDOR_BODY_TIMEOUT", 10)?,
            keep_alive_secs: num("CORRIDOR_KEEP_ALIVE", 5)?,
            long_polls: positive("CORRIDOR_LONG_POLLS", 1024)? as usize,
            long_polls_per_caller: positive("CORRIDOR_LONG_POLLS_PER_CALLER", 8)? as usize,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn settings(pairs: &[(&str, &str)]) -> Result<Settings, SettingError> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn refuses_a_missing_or_short_secret_outside_development() {
        let none = settings(&[]).unwrap();
        assert_eq!(
            none.check_for_serving().unwrap_err().name,
            "CORRIDOR_JWT_SECRET"
        );
        let short = settings(&[("CORRIDOR_JWT_SECRET", "short")]).unwrap();
        assert_eq!(
            short.check_for_serving().unwrap_err().name,
            "CORRIDOR_JWT_SECRET"
        );
        let s = settings(&[("CORRIDOR_JWT_SECRET", &"k".repeat(32))]).unwrap();
        assert!(s.check_for_serving().is_ok());
        assert!(!s.uses_dev_secret());
        assert_eq!(s.database_url, "sqlite://corridor.db");
        assert_eq!(s.body_limit, 1024 * 1024);
        assert_eq!(s.jwt_ttl_seconds, 3600);
        assert_eq!(s.public_url, "http://127.0.0.1:8080");
    }

    #[test]
    fn the_writer_nice_value_is_minus_ten_unless_set_and_refused_outside_minus_20_to_19() {
        assert_eq!(settings(&[]).unwrap().writer_nice, -10);
        for (v, n) in [("0", 0), ("-20", -20), ("19", 19), ("5", 5)] {
            assert_eq!(
                settings(&[("CORRIDOR_WRITER_NICE", v)])
                    .unwrap()
                    .writer_nice,
                n
            );
        }
        for bad in ["-21", "20", "high", "1.5"] {
            let e = settings(&[("CORRIDOR_WRITER_NICE", bad)]).unwrap_err();
            assert_eq!(e.name, "CORRIDOR_WRITER_NICE", "{bad}");
            assert!(e.message.contains(bad), "{}", e.message);
        }
    }

    #[test]
    fn the_public_url_is_an_http_url_without_its_trailing_slash() {
        let s = settings(&[("CORRIDOR_PUBLIC_URL", "https://corridor.example/")]).unwrap();
        assert_eq!(s.public_url, "https://corridor.example");
        let s = settings(&[("CORRIDOR_BIND", "0.0.0.0:9000")]).unwrap();
        assert_eq!(s.public_url, "http://0.0.0.0:9000");
        for bad in ["corridor.example", "ftp://x", "https://", "https://a b"] {
            let e = settings(&[("CORRIDOR_PUBLIC_URL", bad)]).unwrap_err();
            assert_eq!(e.name, "CORRIDOR_PUBLIC_URL", "{bad}");
        }
    }

    #[test]
    fn development_mode_marks_its_secret_and_allows_a_manual_clock() {
        let s = settings(&[
            ("CORRIDOR_DEV", "1"),
            ("CORRIDOR_CLOCK", "manual:2026-12-01T06:00:00Z"),
        ])
        .unwrap();
        assert!(s.uses_dev_secret());
        assert!(s.manual_clock.is_some());
        let e = settings(&[
            ("CORRIDOR_JWT_SECRET", &"k".repeat(32)),
            ("CORRIDOR_CLOCK", "manual:2026-12-01T06:00:00Z"),
        ]);
        assert_eq!(e.unwrap_err().name, "CORRIDOR_CLOCK");
        // The previous key is held to the current key's length.
        let short = settings(&[
            ("CORRIDOR_JWT_SECRET", &"k".repeat(32)),
            ("CORRIDOR_JWT_PREVIOUS_SECRET", "old"),
        ]);
        assert_eq!(short.unwrap_err().name, "CORRIDOR_JWT_PREVIOUS_SECRET");
        let system = settings(&[
            ("CORRIDOR_JWT_SECRET", &"k".repeat(32)),
            ("CORRIDOR_CLOCK", "system"),
        ])
        .unwrap();
        assert!(system.manual_clock.is_none());
    }

    #[test]
    fn trusted_proxies_are_addresses_or_cidr_ranges() {
        let s = settings(&[(
            "CORRIDOR_TRUSTED_PROXIES",
            "10.0.0.0/8, 192.168.1.7 ,fd00::/8",
        )])
        .unwrap();
        let ip = |a: &str| a.parse::<IpAddr>().unwrap();
        let [net, one, v6] = s.trusted_proxies[..] else {
            panic!("three ranges: {:?}", s.trusted_proxies)
        };
        assert!(net.contains(ip("10.200.3.4")));
        assert!(net.contains(ip("::ffff:10.1.1.1")), "IPv4-mapped");
        assert!(!net.contains(ip("11.0.0.1")));
        assert!(one.contains(ip("192.168.1.7")) && !one.contains(ip("192.168.1.8")));
        assert!(v6.contains(ip("fd12::1")) && !v6.contains(ip("fe80::1")));
        assert!(!v6.contains(ip("10.0.0.1")));
        assert!(AddressRange::parse("0.0.0.0/0")
            .unwrap()
            .contains(ip("8.8.8.8")));
        for bad in ["10.0.0.0/33", "proxy.example", "10.0.0.1/x", "::/129"] {
            let e = settings(&[("CORRIDOR_TRUSTED_PROXIES", bad)]).unwrap_err();
            assert_eq!(e.name, "CORRIDOR_TRUSTED_PROXIES", "{bad}");
        }
        assert!(settings(&[]).unwrap().trusted_proxies.is_empty());
        assert_eq!(
            settings(&[("CORRIDOR_LOGIN_CONCURRENCY", "0")])
                .unwrap_err()
                .name,
            "CORRIDOR_LOGIN_CONCURRENCY"
        );
        assert_eq!(
            settings(&[("CORRIDOR_ACCESS_CACHE_MS", "60000")])
                .unwrap_err()
                .name,
            "CORRIDOR_ACCESS_CACHE_MS"
        );
    }

    #[test]
    fn limits_have_defaults_and_refuse_zero_where_zero_means_nothing() {
        let s = settings(&[]).unwrap();
        assert_eq!(s.limits.max_connections, 4096);
        assert_eq!(s.limits.max_connections_per_address, 128);
        assert_eq!(s.limits.body_timeout_secs, 10);
        assert_eq!(s.limits.long_polls_per_caller, 8);
        let off = settings(&[("CORRIDOR_MAX_CONNECTIONS_PER_ADDRESS", "0")]).unwrap();
        assert_eq!(off.limits.max_connections_per_address, 0);
        for name in [
            "CORRIDOR_MAX_CONNECTIONS",
            "CORRIDOR_BODY_TIMEOUT",
            "CORRIDOR_LONG_POLLS",
        ] {
            assert_eq!(settings(&[(name, "0")]).unwrap_err().name, name);
        }
        assert_eq!(
            settings(&[("CORRIDOR_BODY_TIMEOUT", "soon")])
                .unwrap_err()
                .name,
            "CORRIDOR_BODY_TIMEOUT"
        );
    }

    #[test]
    fn config_files_are_key_value_lines() {
        let f = parse_config_file(
            "# Corridor\nDATABASE_URL=postgres://c@db/c\nexport CORRIDOR_BIND=\"0.0.0.0:8080\"\n\n",
        )
        .unwrap();
        assert_eq!(f["DATABASE_URL"], "postgres://c@db/c");
        assert_eq!(f["CORRIDOR_BIND"], "0.0.0.0:8080");
        assert!(parse_config_file("just words")
            .unwrap_err()
            .contains("line 1"));
        assert!(parse_config_file("lower=1").is_err());
        // A secret with `$` in it is the secret as written, in any quoting.
        let f = parse_config_file("A=pa$HOME\nB=\"x$USER\"\nC='$1y'\n").unwrap();
        assert_eq!(
            (f["A"].as_str(), f["B"].as_str(), f["C"].as_str()),
            ("pa$HOME", "x$USER", "$1y")
        );
    }

    #[test]
    fn debug_output_hides_secrets() {
        let s = settings(&[
            (
                "CORRIDOR_JWT_SECRET",
                "super-secret-value-that-is-long-enough",
            ),
            ("DATABASE_URL", "postgres://c:pw@localhost/c"),
        ])
        .unwrap();
        let d = format!("{s:?}");
        assert!(!d.contains("super-secret") && !d.contains(":pw@"), "{d}");
    }
}
