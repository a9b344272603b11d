//! The permit signing keys: Ed25519, from a PKCS#8 PEM file (`CORRIDOR_PERMIT_KEY`) or, in
//! development mode, generated once and kept in the database.
//!
//! jsonwebtoken signs and verifies; ed25519-dalek generates keys and reads and writes PKCS#8.
//! Every key that ever signed is recorded (public half only, unless development mode made it),
//! so rotation never orphans a permit: a key stays in the JWKS until the last permit it signed
//! has expired.

use std::sync::{Arc, RwLock};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use ed25519_dalek::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::rows::permit_keys;
use crate::store::types::{At, MaybeAt};
use crate::store::Db;

/// A private signing key with its key id.
pub struct SigningKey {
    /// RFC 7638 thumbprint of the public JWK.
    pub kid: String,
    /// The public key, base64url (the JWK's `x`).
    pub x: String,
    key: EncodingKey,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The private half never reaches a log line.
        f.debug_struct("SigningKey")
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

/// Why a key cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// Not a PKCS#8 Ed25519 private key in PEM.
    #[error("not a PKCS#8 PEM Ed25519 private key: {0}")]
    Format(String),
    /// The file cannot be read or written.
    #[error("{0}")]
    Io(String),
    /// The database failed.
    #[error("database: {0}")]
    Db(#[from] diesel::result::Error),
}

/// RFC 7638 thumbprint of an Ed25519 OKP key: SHA-256 over its required members in
/// lexicographic order, base64url.
pub fn thumbprint(x: &str) -> String {
    let canonical = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{x}"}}"#);
    URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.as_bytes()))
}

/// A fresh Ed25519 key as PKCS#8 PEM.
pub fn generate_pem() -> Result<String, KeyError> {
    let key = ed25519_dalek::SigningKey::generate(&mut rand::rngs::OsRng);
    key.to_pkcs8_pem(ed25519_dalek::pkcs8::spki::der::pem::LineEnding::LF)
        .map(|p| p.to_string())
        .map_err(|e| KeyError::Format(e.to_string()))
}

impl SigningKey {
    /// Reads a PKCS#8 PEM Ed25519 private key (as `openssl genpkey -algorithm ed25519` writes).
    pub fn from_pem(pem: &str) -> Result<SigningKey, KeyError> {
        let key = ed25519_dalek::SigningKey::from_pkcs8_pem(pem.trim())
            .map_err(|e| KeyError::Format(e.to_string()))?;
        let der = key
            .to_pkcs8_der()
            .map_err(|e| KeyError::Format(e.to_string()))?;
        let x = URL_SAFE_NO_PAD.encode(key.verifying_key().as_bytes());
        Ok(SigningKey {
            kid: thumbprint(&x),
            x,
            key: EncodingKey::from_ed_der(der.as_bytes()),
        })
    }

    /// Signs `claims` as a compact JWS with `typ`.
    pub fn sign<T: Serialize>(&self, typ: &str, claims: &T) -> Result<String, String> {
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(self.kid.clone());
        header.typ = Some(typ.to_string());
        jsonwebtoken::encode(&header, claims, &self.key).map_err(|e| e.to_string())
    }
}

/// The public JWK of a key.
pub fn jwk(kid: &str, x: &str) -> serde_json::Value {
    serde_json::json!({"kty": "OKP", "crv": "Ed25519", "x": x, "kid": kid, "alg": "EdDSA", "use": "sig"})
}

/// The keys of this process: the one that signs, and the issuer it writes.
#[derive(Debug)]
pub struct KeyRing {
    /// Signs new permits and revocation lists.
    pub current: SigningKey,
    /// `iss` of every permit.
    pub issuer: String,
}

static INSTALLED: RwLock<Option<Arc<KeyRing>>> = RwLock::new(None);

/// Makes `ring` the process's signing keys. The lifecycle issues permits from HTTP handlers and
/// from the timer runner alike, so, like the clock, the key is process-wide.
pub fn install(ring: KeyRing) -> Arc<KeyRing> {
    let ring = Arc::new(ring);
    *INSTALLED.write().unwrap_or_else(|p| p.into_inner()) = Some(ring.clone());
    ring
}

/// The installed signing keys, if any.
pub fn installed() -> Option<Arc<KeyRing>> {
    INSTALLED.read().unwrap_or_else(|p| p.into_inner()).clone()
}

/// Records `key` as the signing key: its public half is kept (and published), every other key
/// is retired (it stays published while a permit it signed is still valid).
fn register(
    conn: &mut Db,
    key: &SigningKey,
    private_pem: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), KeyError> {
    let known: i64 = permit_keys::table
        .filter(permit_keys::kid.eq(&key.kid))
        .count()
        .get_result(conn)?;
    if known == 0 {
        diesel::insert_into(permit_keys::table)
            .values((
                permit_keys::kid.eq(&key.kid),
                permit_keys::public_x.eq(&key.x),
                permit_keys::private_pem.eq(private_pem),
                permit_keys::created_at.eq(At::from(now)),
            ))
            .execute(conn)?;
    } else {
        diesel::update(permit_keys::table.filter(permit_keys::kid.eq(&key.kid)))
            .set(permit_keys::retired_at.eq(MaybeAt::from(None)))
            .execute(conn)?;
    }
    diesel::update(
        permit_keys::table
            .filter(permit_keys::kid.ne(&key.kid))
            .filter(permit_keys::retired_at.is_null()),
    )
    .set((
        permit_keys::retired_at.eq(MaybeAt::from(Some(now))),
        // A retired key never signs again: development mode forgets its private half.
        permit_keys::private_pem.eq(None::<String>),
    ))
    .execute(conn)?;
    Ok(())
}

/// Loads the signing key: from `file` when set; else (development mode) the one kept in the
/// database, generated on first use. `rotate` (development mode) makes a new one.
pub fn load(
    conn: &mut Db,
    file: Option<&std::path::Path>,
    dev_mode: bool,
    rotate: bool,
    now: DateTime<Utc>,
) -> Result<SigningKey, KeyError> {
    if let Some(path) = file {
        let pem = std::fs::read_to_string(path)
            .map_err(|e| KeyError::Io(format!("cannot read {}: {e}", path.display())))?;
        let key = SigningKey::from_pem(&pem)?;
        register(conn, &key, None, now)?;
        return Ok(key);
    }
    if !dev_mode {
        return Err(KeyError::Io(
            "CORRIDOR_PERMIT_KEY is not set; name a PKCS#8 PEM Ed25519 key (`corridor permit keygen FILE`), or CORRIDOR_DEV=1 for development".into(),
        ));
    }
    let kept: Option<Option<String>> = if rotate {
        None
    } else {
        permit_keys::table
            .filter(permit_keys::retired_at.is_null())
            .filter(permit_keys::private_pem.is_not_null())
            .order(permit_keys::created_at.desc())
            .select(permit_keys::private_pem)
            .first(conn)
            .optional()?
    };
    let pem = match kept.flatten() {
        Some(pem) => pem,
        None => generate_pem()?,
    };
    let key = SigningKey::from_pem(&pem)?;
    register(conn, &key, Some(&pem), now)?;
    Ok(key)
}

/// The public keys to publish at `now`: the signing key, and every older key while a permit
/// it signed has not expired.
pub fn published(conn: &mut Db, now: DateTime<Utc>) -> QueryResult<Vec<(String, String)>> {
    permit_keys::table
        .filter(
            permit_keys::retired_at
                .is_null()
                .or(permit_keys::signed_until.gt(At::from(now))),
        )
        .order(permit_keys::created_at.asc())
        .select((permit_keys::kid, permit_keys::public_x))
        .load(conn)
}

/// Extends how long `kid` stays published to `until` (never shortens it).
pub fn signed_until(conn: &mut Db, kid: &str, until: DateTime<Utc>) -> QueryResult<()> {
    let u = At::from(until);
    diesel::update(
        permit_keys::table.filter(permit_keys::kid.eq(kid)).filter(
            permit_keys::signed_until
                .is_null()
                .or(permit_keys::signed_until.lt(u)),
        ),
    )
    .set(permit_keys::signed_until.eq(MaybeAt::from(Some(until))))
    .execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_key_reads_back_with_the_same_kid_and_signs() {
        let pem = generate_pem().expect("generates");
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----"));
        let a = SigningKey::from_pem(&pem).expect("reads");
        let b = SigningKey::from_pem(&pem).expect("reads again");
        assert_eq!(a.kid, b.kid);
        assert_eq!(a.kid.len(), 43);
        let token = a
            .sign("corridor-permit+jwt", &serde_json::json!({"a": 1}))
            .expect("signs");
        assert_eq!(token.split('.').count(), 3);
        assert!(format!("{a:?}").contains(&a.kid));
        assert!(SigningKey::from_pem("not a key").is_err());
    }

    #[test]
    fn an_openssl_pkcs8_key_is_read() {
        // `openssl genpkey -algorithm ed25519` (PKCS#8 v1, no public key inside); RFC 8032's
        // first test vector's secret key, whose public key is known.
        let pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n-----END PRIVATE KEY-----\n";
        let k = SigningKey::from_pem(pem).expect("reads");
        assert_eq!(k.x, "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo");
    }
}
