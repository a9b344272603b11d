//! The signed permit bundle (issue 14): one JWS (EdDSA) for the whole convoy, verifiable at a
//! checkpoint without a connection.
//!
//! `claims` is the pure core (claims from the stored notification and the nations' margins);
//! `issue` issues and revokes inside the lifecycle's transactions; `keys` holds the Ed25519
//! keys and their rotation; `verify` is the offline check the CLI runs; `document` renders the
//! printable permit with its QR code.

pub mod claims;
pub mod cli;
pub mod document;
pub mod issue;
pub mod keys;
pub mod rows;
pub mod verify;

pub use issue::{settle, Actor};

use chrono::{DateTime, Utc};

use crate::store::Db;
use claims::REVOCATIONS_TYP;
use verify::{RevocationList, Revoked};

/// The JWKS to publish at `now`.
pub fn jwks(conn: &mut Db, now: DateTime<Utc>) -> diesel::QueryResult<serde_json::Value> {
    let keys: Vec<serde_json::Value> = keys::published(conn, now)?
        .iter()
        .map(|(kid, x)| keys::jwk(kid, x))
        .collect();
    Ok(serde_json::json!({ "keys": keys }))
}

/// The revocation list at `now`, signed with the current key.
pub fn revocations(
    conn: &mut Db,
    ring: &keys::KeyRing,
    now: DateTime<Utc>,
) -> Result<(String, RevocationList), crate::error::Error> {
    let (rows, seq) = rows::revoked(conn, now)?;
    let revoked = rows
        .iter()
        .map(|r| match (r.revoked_at, &r.revoked_reason) {
            (Some(at), Some(reason)) => Ok(Revoked {
                jti: r.jti.clone(),
                at: claims::rfc3339(at),
                reason: reason.clone(),
            }),
            _ => Err(crate::error::Error::Internal(format!(
                "permit {} is stored revoked without a time and a reason",
                r.jti
            ))),
        })
        .collect::<Result<_, _>>()?;
    let list = RevocationList {
        iss: ring.issuer.clone(),
        seq,
        iat: now.timestamp(),
        revoked,
    };
    let token = ring
        .current
        .sign(REVOCATIONS_TYP, &list)
        .map_err(crate::error::Error::Internal)?;
    Ok((token, list))
}

/// Loads the signing key at startup (from `CORRIDOR_PERMIT_KEY`, or development mode's kept
/// key) and installs it for the process.
pub fn start(
    store: &crate::store::Store,
    settings: &crate::config::Settings,
    now: DateTime<Utc>,
) -> anyhow::Result<std::sync::Arc<keys::KeyRing>> {
    let mut conn = store.conn()?;
    let key = crate::store::write(&mut conn, |c| {
        keys::load(
            c,
            settings.permit_key_file.as_deref(),
            settings.dev_mode,
            false,
            now,
        )
    })?;
    tracing::info!(kid = %key.kid, from = if settings.permit_key_file.is_some() { "file" } else { "database (development)" }, "permit signing key loaded");
    Ok(keys::install(keys::KeyRing {
        current: key,
        issuer: settings.jwt_issuer.clone(),
    }))
}
