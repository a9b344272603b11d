//! Failed-login throttling: per (username, client address) with exponential backoff, a looser
//! cap per client address across usernames, and a bound on passwords checked at once.
//!
//! The counters live in the database (`store::login_attempts`) so that every instance counts
//! the same attempts. An attempt is decided and counted as a failure in one transaction
//! *before* its password is checked, and a success takes the count back: concurrent attempts
//! can never all see the count from before the others. Throttling per (username, address)
//! keeps the real user, signing in from elsewhere, out of an attacker's lockout.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::store::login_attempts::{self, AttemptCount};
use crate::store::Db;

/// The first wait once the free failures are used up; each further failure doubles it.
const FIRST_WAIT_SECONDS: i64 = 60;
/// The longest wait.
const MAX_WAIT_SECONDS: i64 = 15 * 60;
/// A counter with no failure for this long starts again from zero (longer than the longest
/// wait, so an attacker who waits out every backoff stays at the longest wait).
const FORGET_AFTER_SECONDS: i64 = 60 * 60;
/// Refusals this instance remembers without asking the database (bounded memory under attack).
const MAX_REMEMBERED: usize = 10_000;
/// Every this many attempts, counters past `FORGET_AFTER_SECONDS` are deleted.
const SWEEP_EVERY: u64 = 1024;

/// How many failures a counter allows before attempts must wait, and how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// Failures allowed without waiting.
    pub free: u32,
}

impl Backoff {
    /// The failures that still count at `now` (a counter idle for an hour is forgotten).
    pub fn counted(&self, count: AttemptCount, now: DateTime<Utc>) -> u32 {
        match count.last_failure_at {
            Some(last) if now - last < Duration::seconds(FORGET_AFTER_SECONDS) => {
                count.failures.max(0) as u32
            }
            _ => 0,
        }
    }

    /// Seconds an attempt at `now` must still wait, or None when it may go ahead: nothing for
    /// the first `free` failures, then 1 min after the last one, doubling with every further
    /// failure up to 15 min.
    pub fn wait(&self, count: AttemptCount, now: DateTime<Utc>) -> Option<i64> {
        let failures = self.counted(count, now);
        let over = failures.checked_sub(self.free)?;
        let wait = FIRST_WAIT_SECONDS
            .checked_shl(over.min(32))
            .unwrap_or(MAX_WAIT_SECONDS)
            .min(MAX_WAIT_SECONDS);
        let until = count.last_failure_at? + Duration::seconds(wait);
        let left = until - now;
        // Whole seconds, rounded up: a client that waits `Retry-After` is let in.
        (left > Duration::zero()).then(|| (left.num_milliseconds() + 999) / 1000)
    }

    /// The counter after one more failure at `now`.
    pub fn after_failure(&self, count: AttemptCount, now: DateTime<Utc>) -> AttemptCount {
        AttemptCount {
            failures: self
                .counted(count, now)
                .saturating_add(1)
                .min(i32::MAX as u32) as i32,
            last_failure_at: Some(now),
        }
    }
}

/// Whether an attempt at `now` may have its password checked, given each counter it is held to
/// and its rule: `Ok` with every counter as it must be stored (the attempt counted as a
/// failure until it succeeds), or `Err` with the seconds to wait (nothing is counted).
pub fn admit(
    counters: &[(Backoff, AttemptCount)],
    now: DateTime<Utc>,
) -> Result<Vec<AttemptCount>, i64> {
    match counters.iter().filter_map(|(b, c)| b.wait(*c, now)).max() {
        Some(wait) => Err(wait),
        None => Ok(counters
            .iter()
            .map(|(b, c)| b.after_failure(*c, now))
            .collect()),
    }
}

/// The counters one login attempt is held to.
#[derive(Debug, Clone)]
pub struct ThrottleKeys {
    user_address: String,
    address: String,
}

/// A permission to check one password; dropping it lets the next check in.
#[derive(Debug)]
pub struct CheckPermit(#[allow(dead_code)] OwnedSemaphorePermit);

/// The login throttle of this instance: its rules, the bound on concurrent password checks,
/// and the refusals it remembers.
#[derive(Debug)]
pub struct LoginThrottle {
    per_user_address: Backoff,
    per_address: Backoff,
    checks: Arc<Semaphore>,
    refused_until: Mutex<HashMap<String, DateTime<Utc>>>,
    attempts: AtomicU64,
}

/// A key that says nothing about the username or address and fits any column.
fn key(kind: &str, parts: &[&str]) -> String {
    let mut h = Sha256::new();
    h.update(kind.as_bytes());
    for p in parts {
        // Length-prefixed, so that no two pairs run together into the same key.
        h.update((p.len() as u64).to_be_bytes());
        h.update(p.as_bytes());
    }
    hex::encode(h.finalize())
}

impl LoginThrottle {
    /// `attempts` free failures per (username, address), `address_attempts` per address across
    /// usernames, at most `concurrency` passwords checked at once.
    pub fn new(attempts: u32, address_attempts: u32, concurrency: usize) -> Self {
        LoginThrottle {
            per_user_address: Backoff { free: attempts },
            per_address: Backoff {
                free: address_attempts,
            },
            checks: Arc::new(Semaphore::new(concurrency.max(1))),
            refused_until: Mutex::new(HashMap::new()),
            attempts: AtomicU64::new(0),
        }
    }

    /// The counters an attempt for `username` from `address` is held to.
    pub fn keys(&self, username: &str, address: &str) -> ThrottleKeys {
        ThrottleKeys {
            user_address: key("user-address", &[username, address]),
            address: key("address", &[address]),
        }
    }

    /// Seconds to wait if this instance already refused these counters until later (answers a
    /// hammering client without the database).
    pub fn known_wait(&self, keys: &ThrottleKeys, now: DateTime<Utc>) -> Option<i64> {
        let map = self.refused_until.lock().unwrap_or_else(|p| p.into_inner());
        [&keys.user_address, &keys.address]
            .iter()
            .filter_map(|k| map.get(*k))
            .map(|until| *until - now)
            .filter(|left| *left > Duration::zero())
            .map(|left| (left.num_milliseconds() + 999) / 1000)
            .max()
    }

    /// A permission to check a password now, or None when as many as allowed are being checked
    /// (the caller answers 503 at once: a queue of 19 MiB checks is what exhausted memory).
    pub fn try_check(&self) -> Option<CheckPermit> {
        self.checks
            .clone()
            .try_acquire_owned()
            .ok()
            .map(CheckPermit)
    }

    /// Inside the caller's write transaction: decides whether the attempt may be checked and,
    /// if so, counts it as a failure; `Err(seconds)` when it must wait.
    pub fn admit(
        &self,
        conn: &mut Db,
        keys: &ThrottleKeys,
        now: DateTime<Utc>,
    ) -> diesel::QueryResult<Result<(), i64>> {
        if self.attempts.fetch_add(1, Ordering::Relaxed) % SWEEP_EVERY == SWEEP_EVERY - 1 {
            let before = now - Duration::seconds(FORGET_AFTER_SECONDS);
            login_attempts::forget_before(conn, before)?;
        }
        let user_address = login_attempts::lock(conn, &keys.user_address)?;
        let address = login_attempts::lock(conn, &keys.address)?;
        let rules = [
            (self.per_user_address, user_address),
            (self.per_address, address),
        ];
        match admit(&rules, now) {
            Ok(counted) => {
                login_attempts::store(conn, &keys.user_address, counted[0])?;
                login_attempts::store(conn, &keys.address, counted[1])?;
                Ok(Ok(()))
            }
            Err(wait) => {
                let key = if self.per_user_address.wait(user_address, now).is_some() {
                    &keys.user_address
                } else {
                    &keys.address
                };
                self.remember(key, now + Duration::seconds(wait), now);
                Ok(Err(wait))
            }
        }
    }

    /// Inside the caller's write transaction, after the password matched: the (username,
    /// address) counter starts again and the address gets this attempt back.
    pub fn succeeded(
        &self,
        conn: &mut Db,
        keys: &ThrottleKeys,
        now: DateTime<Utc>,
    ) -> diesel::QueryResult<()> {
        let cleared = AttemptCount {
            failures: 0,
            last_failure_at: None,
        };
        login_attempts::lock(conn, &keys.user_address)?;
        login_attempts::store(conn, &keys.user_address, cleared)?;
        let address = login_attempts::lock(conn, &keys.address)?;
        let refunded = AttemptCount {
            failures: self.per_address.counted(address, now).saturating_sub(1) as i32,
            ..address
        };
        login_attempts::store(conn, &keys.address, refunded)
    }

    fn remember(&self, key: &str, until: DateTime<Utc>, now: DateTime<Utc>) {
        let mut map = self.refused_until.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= MAX_REMEMBERED {
            map.retain(|_, u| *u > now);
            if map.len() >= MAX_REMEMBERED {
                map.clear();
            }
        }
        map.insert(key.to_string(), until);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 6, 0, 0).unwrap()
    }

    fn count(failures: i32, last: DateTime<Utc>) -> AttemptCount {
        AttemptCount {
            failures,
            last_failure_at: Some(last),
        }
    }

    #[test]
    fn the_free_failures_then_one_minute_doubling_to_fifteen() {
        let b = Backoff { free: 10 };
        let none = AttemptCount {
            failures: 0,
            last_failure_at: None,
        };
        assert_eq!(b.wait(none, t0()), None);
        assert_eq!(b.wait(count(9, t0()), t0()), None, "the tenth is free");
        assert_eq!(b.wait(count(10, t0()), t0()), Some(60));
        assert_eq!(
            b.wait(count(10, t0()), t0() + Duration::seconds(45)),
            Some(15)
        );
        assert_eq!(b.wait(count(10, t0()), t0() + Duration::seconds(60)), None);
        assert_eq!(b.wait(count(11, t0()), t0()), Some(120));
        assert_eq!(b.wait(count(12, t0()), t0()), Some(240));
        assert_eq!(b.wait(count(13, t0()), t0()), Some(480));
        assert_eq!(b.wait(count(14, t0()), t0()), Some(900), "capped at 15 min");
        assert_eq!(b.wait(count(i32::MAX, t0()), t0()), Some(900));
        // Part of a second left is a whole second to wait.
        assert_eq!(
            b.wait(count(10, t0()), t0() + Duration::milliseconds(59_001)),
            Some(1)
        );
    }

    #[test]
    fn an_hour_without_failures_forgets_them() {
        let b = Backoff { free: 10 };
        let c = count(14, t0());
        assert_eq!(b.counted(c, t0() + Duration::minutes(59)), 14);
        assert_eq!(b.counted(c, t0() + Duration::minutes(60)), 0);
        assert_eq!(b.wait(c, t0() + Duration::minutes(60)), None);
        let next = b.after_failure(c, t0() + Duration::minutes(61));
        assert_eq!(next.failures, 1, "starts again");
        let waited = b.after_failure(c, t0() + Duration::minutes(15));
        assert_eq!(
            waited.failures, 15,
            "waiting out the backoff does not reset it"
        );
        // A clock moved back does not count as time passed.
        assert_eq!(
            b.wait(count(10, t0()), t0() - Duration::minutes(5)),
            Some(360)
        );
    }

    #[test]
    fn an_attempt_is_counted_before_it_is_checked_and_refused_by_the_strictest_counter() {
        let user = Backoff { free: 10 };
        let addr = Backoff { free: 100 };
        let fresh = AttemptCount {
            failures: 0,
            last_failure_at: None,
        };
        // Allowed: both counters move on by one, stamped now.
        let counted = admit(&[(user, fresh), (addr, count(40, t0()))], t0()).unwrap();
        assert_eq!(counted, vec![count(1, t0()), count(41, t0())]);
        // The user's counter is exhausted: refused, nothing counted.
        assert_eq!(
            admit(&[(user, count(10, t0())), (addr, count(40, t0()))], t0()),
            Err(60)
        );
        // Spraying: a fresh username from an address over its cap waits as well.
        assert_eq!(
            admit(&[(user, fresh), (addr, count(102, t0()))], t0()),
            Err(240)
        );
        // Run in sequence (as the transaction makes concurrent attempts run), exactly `free`
        // attempts are admitted.
        let mut c = (fresh, fresh);
        let admitted = (0..400)
            .filter(|_| match admit(&[(user, c.0), (addr, c.1)], t0()) {
                Ok(v) => {
                    c = (v[0], v[1]);
                    true
                }
                Err(_) => false,
            })
            .count();
        assert_eq!(admitted, 10);
    }

    #[test]
    fn keys_separate_usernames_and_addresses_and_hide_both() {
        let t = LoginThrottle::new(10, 100, 2);
        let a = t.keys("anna", "192.0.2.1");
        let b = t.keys("anna", "192.0.2.2");
        let c = t.keys("anna1", "92.0.2.1");
        assert_ne!(a.user_address, b.user_address);
        assert_ne!(a.user_address, c.user_address, "no run-together collisions");
        assert_ne!(a.address, b.address);
        assert_eq!(a.address, t.keys("bert", "192.0.2.1").address);
        assert_eq!(a.user_address.len(), 64);
        assert!(!a.user_address.contains("anna"));
        assert_eq!(t.keys("x\0y", "z").user_address.len(), 64);
    }

    #[test]
    fn no_more_checks_than_the_bound_run_at_once() {
        let t = LoginThrottle::new(10, 100, 2);
        let one = t.try_check().expect("first");
        let two = t.try_check().expect("second");
        assert!(t.try_check().is_none(), "the third is refused, not queued");
        drop(one);
        assert!(t.try_check().is_some());
        drop(two);
    }

    #[test]
    fn a_remembered_refusal_lasts_until_its_time() {
        let t = LoginThrottle::new(10, 100, 2);
        let k = t.keys("anna", "192.0.2.1");
        assert_eq!(t.known_wait(&k, t0()), None);
        t.remember(&k.user_address, t0() + Duration::seconds(60), t0());
        assert_eq!(t.known_wait(&k, t0() + Duration::seconds(1)), Some(59));
        assert_eq!(t.known_wait(&t.keys("anna", "192.0.2.9"), t0()), None);
        assert_eq!(t.known_wait(&k, t0() + Duration::seconds(60)), None);
    }
}
