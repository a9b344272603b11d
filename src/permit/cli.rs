//! `corridor permit …`: offline verification, key generation and (development) key rotation.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, Utc};
use clap::Subcommand;
use jsonwebtoken::jwk::JwkSet;

use super::keys;
use super::verify::{self, Refusal};
use crate::config::Settings;
use crate::store::Store;

/// Exit code: the token is valid.
pub const EXIT_VALID: u8 = 0;
/// Exit code: the command could not run (unreadable file, bad JWKS, refused revocation list).
pub const EXIT_USAGE: u8 = 2;

/// `corridor permit …`
#[derive(Debug, Subcommand)]
pub enum PermitCommand {
    /// Verify a permit bundle or checkpoint token offline. Exit 0: valid; 3: malformed, unknown
    /// key or bad signature; 4: not yet valid or expired; 5: revoked; 2: the inputs cannot be used.
    Verify {
        /// The token, or a file holding it (a compact JWS, or the JSON of GET …/permit).
        token: String,
        /// The JWKS file (GET /v1/permits/keys, saved).
        #[arg(long)]
        keys: PathBuf,
        /// The signed revocation list (GET /v1/permits/revocations, saved).
        #[arg(long)]
        revocations: Option<PathBuf>,
        /// Verify at this time (RFC 3339) instead of now.
        #[arg(long)]
        at: Option<String>,
    },
    /// Write a new Ed25519 signing key (PKCS#8 PEM, mode 0600) for CORRIDOR_PERMIT_KEY.
    Keygen {
        /// Where to write it (must not exist).
        file: PathBuf,
    },
    /// Development mode: make a new signing key in the database (restart to sign with it).
    /// With CORRIDOR_PERMIT_KEY, rotate by pointing it at a new file and restarting.
    RotateKey,
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// A compact JWS, or the `token` member of a JSON document holding one.
fn token_in(text: &str) -> String {
    let t = text.trim();
    serde_json::from_str::<serde_json::Value>(t)
        .ok()
        .and_then(|v| v.get("token").and_then(|x| x.as_str()).map(str::to_string))
        .unwrap_or_else(|| t.to_string())
}

fn usage(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("corridor permit: {msg}");
    ExitCode::from(EXIT_USAGE)
}

fn now_of(settings: &Settings, at: Option<&str>) -> Result<DateTime<Utc>, String> {
    match at {
        Some(a) => DateTime::parse_from_rfc3339(a)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| format!("--at `{a}`: {e}")),
        None => Ok(match settings.manual_clock {
            Some(t) => crate::clock::Clock::manual(t),
            None => crate::clock::Clock::system(),
        }
        .now()),
    }
}

/// Runs a `corridor permit` command.
pub fn run(cmd: PermitCommand, settings: &Settings) -> ExitCode {
    match cmd {
        PermitCommand::Verify {
            token,
            keys,
            revocations,
            at,
        } => verify_cmd(
            settings,
            &token,
            &keys,
            revocations.as_deref(),
            at.as_deref(),
        ),
        PermitCommand::Keygen { file } => {
            let pem = match keys::generate_pem() {
                Ok(p) => p,
                Err(e) => return usage(e),
            };
            if let Err(e) = write_new(&file, &pem) {
                return usage(e);
            }
            match keys::SigningKey::from_pem(&pem) {
                Ok(k) => {
                    println!("wrote {} (kid {})", file.display(), k.kid);
                    ExitCode::SUCCESS
                }
                Err(e) => usage(e),
            }
        }
        PermitCommand::RotateKey => rotate(settings),
    }
}

fn write_new(file: &Path, pem: &str) -> Result<(), String> {
    use std::io::Write;
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    let mut f = o
        .open(file)
        .map_err(|e| format!("cannot create {}: {e}", file.display()))?;
    f.write_all(pem.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", file.display()))
}

fn rotate(settings: &Settings) -> ExitCode {
    if settings.permit_key_file.is_some() || !settings.dev_mode {
        return usage("with CORRIDOR_PERMIT_KEY, rotate by writing a new key (`corridor permit keygen FILE`), pointing CORRIDOR_PERMIT_KEY at it and restarting; old public keys stay published");
    }
    let result = Store::open(&settings.database_url, 1)
        .map_err(|e| e.to_string())
        .and_then(|store| {
            store.migrate().map_err(|e| e.to_string())?;
            let mut conn = store.conn().map_err(|e| e.to_string())?;
            let now = now_of(settings, None)?;
            crate::store::write(&mut conn, |c| keys::load(c, None, true, true, now))
                .map_err(|e| e.to_string())
        });
    match result {
        Ok(k) => {
            println!(
                "new signing key {}; restart the service to sign with it",
                k.kid
            );
            ExitCode::SUCCESS
        }
        Err(e) => usage(e),
    }
}

fn verify_cmd(
    settings: &Settings,
    token: &str,
    keys_file: &Path,
    revocations: Option<&Path>,
    at: Option<&str>,
) -> ExitCode {
    let token = if Path::new(token).is_file() {
        match read(Path::new(token)) {
            Ok(t) => token_in(&t),
            Err(e) => return usage(e),
        }
    } else {
        token_in(token)
    };
    let jwks: JwkSet = match read(keys_file).and_then(|t| {
        serde_json::from_str(&t).map_err(|e| format!("{}: not a JWKS: {e}", keys_file.display()))
    }) {
        Ok(k) => k,
        Err(e) => return usage(e),
    };
    let list = match revocations {
        None => None,
        Some(p) => match read(p) {
            Ok(t) => match verify::revocation_list(&token_in(&t), &jwks) {
                Ok(l) => Some(l),
                Err(e) => {
                    return usage(format!(
                        "the revocation list {} is refused: {e}",
                        p.display()
                    ))
                }
            },
            Err(e) => return usage(e),
        },
    };
    let now = match now_of(settings, at) {
        Ok(t) => t,
        Err(e) => return usage(e),
    };
    match verify::verify(&token, &jwks, list.as_ref(), now) {
        Ok(v) => {
            println!("VALID at {}", super::claims::rfc3339(now));
            if let Some(l) = &list {
                println!(
                    "revocations list {} of {}",
                    l.seq,
                    super::claims::rfc3339(DateTime::from_timestamp(l.iat, 0).unwrap_or(now))
                );
            }
            for line in verify::patrol_lines(&v) {
                println!("{line}");
            }
            ExitCode::from(EXIT_VALID)
        }
        Err(r) => refused(&r),
    }
}

fn refused(r: &Refusal) -> ExitCode {
    println!("REFUSED {}: {r}", r.code());
    eprintln!("corridor permit verify: {r}");
    ExitCode::from(r.exit_code())
}
