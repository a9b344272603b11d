//! argon2id password hashes with OWASP's parameters (19 MiB, t = 2, p = 1).

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

fn argon2() -> Argon2<'static> {
    // Params::DEFAULT is OWASP's minimum for argon2id: m = 19 MiB, t = 2, p = 1.
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::DEFAULT)
}

/// A PHC-format argon2id hash of `password` with a fresh random salt.
pub fn hash_password(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| format!("hashing failed: {e}"))
}

/// The result of checking a password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordCheck {
    /// The password matches.
    Match,
    /// It does not (or the stored hash is unusable).
    Mismatch,
}

/// Checks `password` against a stored hash; with no hash (unknown user) it still does the
/// same work against a dummy hash, so the answer time does not reveal whether a user exists.
pub fn verify_password(password: &str, stored: Option<&str>) -> PasswordCheck {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let dummy = DUMMY.get_or_init(|| hash_password("corridor-dummy-password").unwrap_or_default());
    let phc = stored.unwrap_or(dummy);
    let ok = match PasswordHash::new(phc) {
        Ok(parsed) => argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    };
    if ok && stored.is_some() {
        PasswordCheck::Match
    } else {
        PasswordCheck::Mismatch
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_salted_and_verify() {
        let a = hash_password("correct horse").unwrap();
        let b = hash_password("correct horse").unwrap();
        assert!(a.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{a}");
        assert_ne!(a, b, "each hash has its own salt");
        assert_eq!(
            verify_password("correct horse", Some(&a)),
            PasswordCheck::Match
        );
        assert_eq!(verify_password("wrong", Some(&a)), PasswordCheck::Mismatch);
        assert_eq!(
            verify_password("corridor-dummy-password", None),
            PasswordCheck::Mismatch
        );
        assert_eq!(
            verify_password("x", Some("not a hash")),
            PasswordCheck::Mismatch
        );
    }
}
