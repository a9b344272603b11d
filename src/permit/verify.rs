//! Offline verification of a permit bundle or checkpoint token against a JWKS and a signed
//! revocation list, at a given time. Used by `corridor permit verify`; the browser page does the
//! same with WebCrypto.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::{Deserialize, Serialize};

use super::claims::{CheckpointClaims, PermitClaims, CHECKPOINT_TYP, PERMIT_TYP, REVOCATIONS_TYP};

/// One revoked bundle in the revocation list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revoked {
    /// The bundle's id.
    pub jti: String,
    /// When (RFC 3339).
    pub at: String,
    /// Why (`withdrawn`, `amended`, …).
    pub reason: String,
}

/// The claims of the signed revocation list (`typ` `corridor-revocations+jwt`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevocationList {
    /// Issuer.
    pub iss: String,
    /// Grows with every revocation; a phone keeps the highest it has seen.
    pub seq: i64,
    /// When the list was signed (seconds since the epoch).
    pub iat: i64,
    /// Revoked bundles that have not expired yet.
    pub revoked: Vec<Revoked>,
}

/// Why a token is refused; each kind has its own exit code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// Not a compact JWS of a known type, or its claims are not a permit's.
    #[error("malformed: {0}")]
    Malformed(String),
    /// Signed with a key the JWKS does not hold.
    #[error("unknown key `{0}`")]
    UnknownKey(String),
    /// The signature does not match the content.
    #[error("bad signature")]
    BadSignature,
    /// Before `nbf`.
    #[error("not yet valid: valid from {0}")]
    NotYetValid(String),
    /// After `exp`.
    #[error("expired at {0}")]
    Expired(String),
    /// On the revocation list.
    #[error("revoked at {at}: {reason}")]
    Revoked {
        /// When.
        at: String,
        /// Why.
        reason: String,
    },
}

impl Refusal {
    /// The exit code of `corridor permit verify` (README documents them).
    pub fn exit_code(&self) -> u8 {
        match self {
            Refusal::Malformed(_) | Refusal::UnknownKey(_) | Refusal::BadSignature => 3,
            Refusal::NotYetValid(_) | Refusal::Expired(_) => 4,
            Refusal::Revoked { .. } => 5,
        }
    }

    /// A stable short name for the reason.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Malformed(_) => "malformed",
            Refusal::UnknownKey(_) => "unknown_key",
            Refusal::BadSignature => "bad_signature",
            Refusal::NotYetValid(_) => "not_yet_valid",
            Refusal::Expired(_) => "expired",
            Refusal::Revoked { .. } => "revoked",
        }
    }
}

/// A token that verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verified {
    /// The full bundle.
    Bundle(Box<PermitClaims>),
    /// The short checkpoint token.
    Checkpoint(CheckpointClaims),
}

impl Verified {
    /// The bundle's id.
    pub fn jti(&self) -> &str {
        match self {
            Verified::Bundle(c) => &c.jti,
            Verified::Checkpoint(c) => &c.jti,
        }
    }
}

/// Checks the signature of `token` against `keys` and returns its `typ` and raw claims.
fn signed<T: serde::de::DeserializeOwned>(
    token: &str,
    keys: &JwkSet,
    types: &[&str],
) -> Result<(String, T), Refusal> {
    let header = jsonwebtoken::decode_header(token.trim())
        .map_err(|e| Refusal::Malformed(format!("not a compact JWS: {e}")))?;
    if header.alg != Algorithm::EdDSA {
        return Err(Refusal::Malformed(format!(
            "alg {:?}; permits are EdDSA",
            header.alg
        )));
    }
    let typ = header.typ.clone().unwrap_or_default();
    if !types.contains(&typ.as_str()) {
        return Err(Refusal::Malformed(format!(
            "typ `{typ}` is not one of {}",
            types.join(", ")
        )));
    }
    let kid = header
        .kid
        .ok_or_else(|| Refusal::Malformed("no kid in the header".into()))?;
    let jwk = keys
        .find(&kid)
        .ok_or_else(|| Refusal::UnknownKey(kid.clone()))?;
    let key = DecodingKey::from_jwk(jwk).map_err(|_| Refusal::UnknownKey(kid.clone()))?;
    let mut v = Validation::new(Algorithm::EdDSA);
    // Time is checked below against the time asked for, not the machine's clock.
    v.validate_exp = false;
    v.validate_nbf = false;
    v.validate_aud = false;
    v.required_spec_claims = HashSet::new();
    let data = jsonwebtoken::decode::<serde_json::Value>(token.trim(), &key, &v).map_err(|e| {
        match e.kind() {
            jsonwebtoken::errors::ErrorKind::InvalidSignature => Refusal::BadSignature,
            _ => Refusal::Malformed(e.to_string()),
        }
    })?;
    let claims = serde_json::from_value(data.claims)
        .map_err(|e| Refusal::Malformed(format!("claims: {e}")))?;
    Ok((typ, claims))
}

/// Verifies a signed revocation list.
pub fn revocation_list(token: &str, keys: &JwkSet) -> Result<RevocationList, Refusal> {
    signed(token, keys, &[REVOCATIONS_TYP]).map(|(_, l)| l)
}

fn stamp(t: i64) -> String {
    DateTime::from_timestamp(t, 0)
        .map(super::claims::rfc3339)
        .unwrap_or_else(|| t.to_string())
}

/// Verifies a bundle or checkpoint token at `at`: signature, window, revocation.
pub fn verify(
    token: &str,
    keys: &JwkSet,
    revocations: Option<&RevocationList>,
    at: DateTime<Utc>,
) -> Result<Verified, Refusal> {
    let header = jsonwebtoken::decode_header(token.trim())
        .map_err(|e| Refusal::Malformed(format!("not a compact JWS: {e}")))?;
    let (verified, nbf, exp) = if header.typ.as_deref() == Some(CHECKPOINT_TYP) {
        let (_, c): (_, CheckpointClaims) = signed(token, keys, &[CHECKPOINT_TYP])?;
        let (nbf, exp) = (c.nbf, c.exp);
        (Verified::Checkpoint(c), nbf, exp)
    } else {
        let (_, c): (_, PermitClaims) = signed(token, keys, &[PERMIT_TYP])?;
        let (nbf, exp) = (c.nbf, c.exp);
        (Verified::Bundle(Box::new(c)), nbf, exp)
    };
    if let Some(r) = revocations.and_then(|l| l.revoked.iter().find(|r| r.jti == verified.jti())) {
        return Err(Refusal::Revoked {
            at: r.at.clone(),
            reason: r.reason.clone(),
        });
    }
    let now = at.timestamp();
    if now < nbf {
        return Err(Refusal::NotYetValid(stamp(nbf)));
    }
    if now >= exp {
        return Err(Refusal::Expired(stamp(exp)));
    }
    Ok(verified)
}

/// What a patrol checks, as lines of text.
pub fn patrol_lines(v: &Verified) -> Vec<String> {
    let mut out = Vec::new();
    match v {
        Verified::Bundle(c) => {
            out.push(format!("reference   {} (version {})", c.reference, c.ver));
            out.push(format!("valid       {} to {}", stamp(c.nbf), stamp(c.exp)));
            for n in &c.nations {
                out.push(format!("permit      {}  {}", n.nation, n.permit));
                for cond in &n.conditions {
                    out.push(format!("  condition {cond}"));
                }
            }
            for l in &c.itinerary {
                out.push(format!(
                    "route       {}: {} ({}) -> {} ({})",
                    l.nation, l.entry, l.entry_at, l.exit, l.exit_at
                ));
            }
            let count: u32 = c.convoy.vehicles.iter().map(|v| v.count).sum();
            out.push(format!(
                "convoy      {count} vehicles, {} personnel",
                c.convoy.personnel
            ));
            for v in &c.convoy.vehicles {
                out.push(format!(
                    "  vehicle   {} x {} ({}, {} kg, {} mm wide, {} mm high, MLC {})",
                    v.count, v.label, v.category, v.gross_kg, v.width_mm, v.height_mm, v.mlc
                ));
            }
            for d in &c.dg {
                out.push(format!(
                    "dangerous   UN {} {} kg on {}",
                    d.un, d.qty_kg, d.vehicle
                ));
            }
        }
        Verified::Checkpoint(c) => {
            out.push(format!(
                "reference   {} (version {}) — checkpoint token",
                c.reference, c.ver
            ));
            out.push(format!("valid       {} to {}", stamp(c.nbf), stamp(c.exp)));
            for [n, p] in &c.nations {
                out.push(format!("permit      {n}  {p}"));
            }
            out.push(format!("convoy      {} vehicles", c.vehicles));
            out.push(format!(
                "bundle      SHA-256 {} (the full permit is on the printed document)",
                c.bundle_sha256
            ));
        }
    }
    out.push(format!("bundle id   {}", v.jti()));
    out
}
