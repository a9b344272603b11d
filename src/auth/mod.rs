//! Who the caller is: argon2id passwords, short-lived JWTs, failed-login throttling, and the
//! account a token still speaks for.

pub mod access;
pub mod account;
pub mod address;
mod identity;
mod password;
pub mod throttle;
mod token;

pub use account::{Account, Accounts};
pub use identity::Identity;
pub use password::{hash_password, verify_password, PasswordCheck};
pub use throttle::LoginThrottle;
pub use token::{TokenError, TokenKeys, TokenSubject};
