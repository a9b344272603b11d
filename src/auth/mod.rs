//! Who the caller is: argon2id passwords, short-lived JWTs, failed-login throttling.

pub mod access;
mod identity;
mod password;
mod throttle;
mod token;

pub use identity::Identity;
pub use password::{hash_password, verify_password, PasswordCheck};
pub use throttle::LoginThrottle;
pub use token::{TokenError, TokenKeys};
