//! Access tokens: HS256 JWTs with `kid`, pinned algorithm, and checked iss, aud, exp and nbf.
//!
//! Expiry and not-before are checked against the clock module (not the system clock), so tests
//! that move time see tokens expire as a client would.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use super::Identity;
use crate::domain::{Nation, Role};

/// Seconds of clock difference tolerated between instances.
const LEEWAY_SECONDS: i64 = 30;

/// The only algorithm accepted: a token naming any other (including `none`) is refused.
const ALGORITHM: Algorithm = Algorithm::HS256;

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    iss: String,
    aud: String,
    sub: String,
    exp: i64,
    iat: i64,
    nbf: i64,
    username: String,
    role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    nation: Option<Nation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unit: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    stages: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    watch: Vec<Nation>,
    /// The subject's token generation when issued (absent in tokens from before: 0).
    #[serde(default)]
    gen: i64,
}

/// What a verified token establishes: its subject and the generation it was issued under. The
/// role and the rest it carries are for the client to read; the server takes them from the
/// account (`auth::account`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenSubject {
    /// The user id (`sub`).
    pub user_id: String,
    /// The token generation (`gen`).
    pub generation: i64,
}

/// Why a token was refused (logged, never sent to the client in detail).
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// Not a JWT, or a signature, algorithm, issuer or audience problem.
    #[error("invalid token: {0}")]
    Invalid(String),
    /// Past `exp`.
    #[error("token expired")]
    Expired,
    /// Before `nbf`.
    #[error("token not yet valid")]
    NotYetValid,
    /// Signed with a key id we do not hold.
    #[error("unknown key id")]
    UnknownKey,
}

struct Key {
    kid: String,
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl Key {
    fn new(secret: &[u8]) -> Key {
        // The kid names the key: a MAC under the key of a fixed label, so it says nothing about the
        // key that a token's own signature does not (a plain hash of the secret would let a
        // guess be checked without a token).
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(secret).expect("HMAC takes a key of any length");
        mac.update(b"corridor access token key id");
        let kid = hex::encode(&mac.finalize().into_bytes()[..8]);
        Key {
            kid,
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
        }
    }
}

/// Pinned algorithm, issuer, audience and required claims; time claims are checked in
/// `verify` against the clock module instead.
fn validation(issuer: &str, audience: &str) -> Validation {
    let mut v = Validation::new(ALGORITHM);
    v.set_issuer(&[issuer]);
    v.set_audience(&[audience]);
    v.set_required_spec_claims(&["exp", "nbf", "iat", "iss", "aud", "sub"]);
    v.validate_exp = false;
    v.validate_nbf = false;
    v
}

/// The signing key, and the previous one still accepted during a rotation.
pub struct TokenKeys {
    current: Key,
    previous: Option<Key>,
    issuer: String,
    audience: String,
    ttl_seconds: i64,
    /// What `verify` checks, built once: it depends only on issuer and audience.
    validation: Validation,
    /// Tokens whose signature and claims were checked, by the token's exact text: a dashboard
    /// polling every second sends the same token for its lifetime, and checking its HMAC and
    /// parsing its claims again took 7 % of the server in the storm. Times are checked on every
    /// use; only valid tokens are kept, at most `VERIFIED_KEPT`.
    verified: Mutex<HashMap<String, Verified>>,
}

/// How many checked tokens `TokenKeys` keeps before it starts afresh.
const VERIFIED_KEPT: usize = 4096;

/// A token whose signature, issuer, audience and lifetime were checked: what is left to check
/// at each use is its window.
#[derive(Debug, Clone)]
struct Verified {
    subject: TokenSubject,
    nbf: i64,
    exp: i64,
}

impl Verified {
    /// The subject, if the token's window holds `now` (with the leeway).
    fn at(&self, now: DateTime<Utc>) -> Result<TokenSubject, TokenError> {
        let t = now.timestamp();
        if self.exp <= t - LEEWAY_SECONDS {
            return Err(TokenError::Expired);
        }
        if self.nbf > t + LEEWAY_SECONDS {
            return Err(TokenError::NotYetValid);
        }
        Ok(self.subject.clone())
    }
}

impl TokenKeys {
    /// Keys from the secrets, with the issuer, audience and lifetime to put in and check.
    pub fn new(
        secret: &[u8],
        previous: Option<&[u8]>,
        issuer: &str,
        audience: &str,
        ttl_seconds: i64,
    ) -> Self {
        TokenKeys {
            current: Key::new(secret),
            previous: previous.map(Key::new),
            issuer: issuer.into(),
            audience: audience.into(),
            ttl_seconds,
            validation: validation(issuer, audience),
            verified: Mutex::new(HashMap::new()),
        }
    }

    /// Token lifetime in seconds.
    pub fn ttl_seconds(&self) -> i64 {
        self.ttl_seconds
    }

    /// Issues a token for `who` under token generation `generation`, valid from `now` for the
    /// configured lifetime.
    pub fn issue(
        &self,
        who: &Identity,
        generation: i64,
        now: DateTime<Utc>,
    ) -> Result<String, TokenError> {
        let t = now.timestamp();
        let claims = Claims {
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            sub: who.user_id.clone(),
            exp: t + self.ttl_seconds,
            iat: t,
            nbf: t,
            username: who.username.clone(),
            role: who.role,
            nation: who.nation,
            unit: who.unit.clone(),
            stages: who.stages.clone(),
            watch: who.watch.clone(),
            gen: generation,
        };
        let mut header = Header::new(ALGORITHM);
        header.kid = Some(self.current.kid.clone());
        header.typ = Some("JWT".into());
        jsonwebtoken::encode(&header, &claims, &self.current.encoding)
            .map_err(|e| TokenError::Invalid(e.to_string()))
    }

    /// Checks signature, algorithm, issuer, audience, lifetime, expiry and not-before; returns
    /// the subject (whose account the caller must still check).
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<TokenSubject, TokenError> {
        let kept = self.kept().get(token).cloned();
        if let Some(v) = kept {
            return v.at(now);
        }
        let checked = self.check(token)?;
        let subject = checked.at(now)?;
        let mut kept = self.kept();
        if kept.len() >= VERIFIED_KEPT {
            kept.clear();
        }
        kept.insert(token.to_string(), checked);
        Ok(subject)
    }

    fn kept(&self) -> std::sync::MutexGuard<'_, HashMap<String, Verified>> {
        // The map holds only checked tokens: still right if a holder panicked.
        self.verified.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Signature, algorithm, key id, issuer, audience and lifetime: what does not change with time.
    fn check(&self, token: &str) -> Result<Verified, TokenError> {
        let header =
            jsonwebtoken::decode_header(token).map_err(|e| TokenError::Invalid(e.to_string()))?;
        let key = match header.kid.as_deref() {
            Some(k) if k == self.current.kid => &self.current,
            Some(k) if self.previous.as_ref().is_some_and(|p| p.kid == k) => {
                self.previous.as_ref().ok_or(TokenError::UnknownKey)?
            }
            _ => return Err(TokenError::UnknownKey),
        };
        let data = jsonwebtoken::decode::<Claims>(token, &key.decoding, &self.validation)
            .map_err(|e| TokenError::Invalid(e.to_string()))?;
        let c = data.claims;
        // A token lives at most the configured lifetime: a forged or stolen long-lived one is not.
        if c.exp - c.iat > self.ttl_seconds + LEEWAY_SECONDS {
            return Err(TokenError::Invalid(
                "the token lives longer than this service issues them".into(),
            ));
        }
        Ok(Verified {
            subject: TokenSubject {
                user_id: c.sub,
                generation: c.gen,
            },
            nbf: c.nbf,
            exp: c.exp,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn keys() -> TokenKeys {
        TokenKeys::new(&[7u8; 32], None, "corridor", "corridor-api", 3600)
    }

    fn anna() -> Identity {
        Identity {
            user_id: "id-1".into(),
            username: "anna".into(),
            role: Role::Officer,
            nation: Some(Nation::parse("DE").unwrap()),
            unit: None,
            stages: vec!["movcon".into()],
            watch: vec![],
        }
    }

    fn b64(v: &serde_json::Value) -> String {
        use base64_url::encode;
        encode(&serde_json::to_vec(v).unwrap())
    }

    mod base64_url {
        /// Unpadded base64url, enough to forge test tokens.
        pub fn encode(bytes: &[u8]) -> String {
            const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            let mut out = String::new();
            for chunk in bytes.chunks(3) {
                let n = chunk
                    .iter()
                    .enumerate()
                    .fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
                for i in 0..=chunk.len() {
                    out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
                }
            }
            out
        }
    }

    #[test]
    fn a_token_round_trips_until_it_expires() {
        let k = keys();
        let t0 = Utc.with_ymd_and_hms(2026, 12, 1, 6, 0, 0).unwrap();
        let tok = k.issue(&anna(), 7, t0).unwrap();
        let subject = TokenSubject {
            user_id: "id-1".into(),
            generation: 7,
        };
        assert_eq!(k.verify(&tok, t0 + Duration::minutes(59)).unwrap(), subject);
        assert!(matches!(
            k.verify(&tok, t0 + Duration::minutes(61)),
            Err(TokenError::Expired)
        ));
        assert!(matches!(
            k.verify(&tok, t0 - Duration::minutes(5)),
            Err(TokenError::NotYetValid)
        ));
    }

    #[test]
    fn a_remembered_token_vouches_for_no_other_text() {
        let k = keys();
        let t0 = Utc.with_ymd_and_hms(2026, 12, 1, 6, 0, 0).unwrap();
        let tok = k.issue(&anna(), 7, t0).unwrap();
        assert!(k.verify(&tok, t0).is_ok(), "checked once, then remembered");
        // The same claims under a changed signature, and a changed payload under the signature.
        let (head_payload, sig) = tok.rsplit_once('.').unwrap();
        let flipped = if sig.starts_with('A') { "B" } else { "A" };
        let forged_sig = format!("{head_payload}.{flipped}{}", &sig[1..]);
        assert!(k.verify(&forged_sig, t0).is_err(), "another signature");
        let (head, _) = head_payload.split_once('.').unwrap();
        let payload = b64(
            &serde_json::json!({"iss": "corridor", "aud": "corridor-api",
            "sub": "id-2", "exp": t0.timestamp() + 600, "iat": t0.timestamp(),
            "nbf": t0.timestamp(), "username": "x", "role": "liaison", "gen": 7}),
        );
        assert!(
            k.verify(&format!("{head}.{payload}.{sig}"), t0).is_err(),
            "another payload"
        );
        assert!(
            k.verify(&tok, t0 + Duration::minutes(1)).is_ok(),
            "the token itself still is"
        );
    }

    #[test]
    fn wrong_key_issuer_audience_or_alg_none_are_refused() {
        let t0 = Utc.with_ymd_and_hms(2026, 12, 1, 6, 0, 0).unwrap();
        let other = TokenKeys::new(&[8u8; 32], None, "corridor", "corridor-api", 3600);
        let tok = other.issue(&anna(), 0, t0).unwrap();
        assert!(keys().verify(&tok, t0).is_err(), "another key");
        let wrong_iss = TokenKeys::new(&[7u8; 32], None, "someone-else", "corridor-api", 3600)
            .issue(&anna(), 0, t0)
            .unwrap();
        assert!(matches!(
            keys().verify(&wrong_iss, t0),
            Err(TokenError::Invalid(_))
        ));
        let wrong_aud = TokenKeys::new(&[7u8; 32], None, "corridor", "other-api", 3600)
            .issue(&anna(), 0, t0)
            .unwrap();
        assert!(matches!(
            keys().verify(&wrong_aud, t0),
            Err(TokenError::Invalid(_))
        ));
        // alg: none with the right kid and claims, no signature.
        let kid = Key::new(&[7u8; 32]).kid;
        let header = b64(&serde_json::json!({"alg": "none", "typ": "JWT", "kid": kid}));
        let payload = tok.split('.').nth(1).unwrap();
        assert!(keys().verify(&format!("{header}.{payload}."), t0).is_err());
    }

    #[test]
    fn the_previous_key_still_verifies_during_rotation() {
        let t0 = Utc.with_ymd_and_hms(2026, 12, 1, 6, 0, 0).unwrap();
        let old = keys().issue(&anna(), 0, t0).unwrap();
        let rotated = TokenKeys::new(
            &[9u8; 32],
            Some(&[7u8; 32]),
            "corridor",
            "corridor-api",
            3600,
        );
        assert!(
            rotated.verify(&old, t0).is_ok(),
            "a token of the previous key verifies"
        );
        // New tokens are signed with the new key, not the previous one.
        let fresh = rotated.issue(&anna(), 0, t0).unwrap();
        assert!(rotated.verify(&fresh, t0).is_ok());
        assert!(keys().verify(&fresh, t0).is_err());
        // Once the previous key is dropped, its tokens are refused; a third key never verifies.
        let after = TokenKeys::new(&[9u8; 32], None, "corridor", "corridor-api", 3600);
        assert!(after.verify(&old, t0).is_err());
        assert!(after.verify(&fresh, t0).is_ok());
        let stranger = TokenKeys::new(&[5u8; 32], None, "corridor", "corridor-api", 3600)
            .issue(&anna(), 0, t0)
            .unwrap();
        assert!(rotated.verify(&stranger, t0).is_err());
    }
}
