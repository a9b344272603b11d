//! Who a token still speaks for: the account as stored, read when the token is used.
//!
//! A token names its subject and the token generation it was issued under; everything else
//! (role, nation, unit, stages, watch list) comes from the account row, so disabling, removing
//! or changing a user takes effect on the next request instead of when the token expires. The
//! row is reused for at most `CORRIDOR_ACCESS_CACHE_MS` (by the clock module); a change made
//! by another process (`corridor user …`) is seen within that bound, and a token newer than
//! the cached row always reads the row again.

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

use super::Identity;
use crate::i18n::Lang;
use crate::store::UserRow;

/// Accounts one instance remembers at most (bounded memory).
const MAX_CACHED: usize = 10_000;

/// What a token is checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Who the user is and may act as, from the row.
    pub identity: Identity,
    /// The row's token generation.
    pub generation: i64,
    /// Whether the account is enabled.
    pub enabled: bool,
    /// The language the user chose (None: follow Accept-Language).
    pub language: Option<Lang>,
}

impl Account {
    /// The account a stored user is.
    pub fn of(row: &UserRow) -> Account {
        Account {
            identity: super::access::identity_of(row),
            generation: row.token_generation,
            enabled: row.is_enabled(),
            language: row.language,
        }
    }
}

/// Whether a token of `token_generation` for a subject whose account is `account` (None: no
/// such user) speaks for it; `Err` says why not (for the log, not the client).
pub fn speaks_for(
    account: Option<&Account>,
    token_generation: i64,
) -> Result<Identity, &'static str> {
    let a = account.ok_or("the subject does not exist")?;
    if !a.enabled {
        return Err("the account is disabled");
    }
    if a.generation != token_generation {
        return Err("the token was issued before the account was signed out");
    }
    Ok(a.identity.clone())
}

/// An account as read (None: no such user), and when.
type Read = (Option<Account>, DateTime<Utc>);

/// Accounts read recently, by user id.
#[derive(Debug)]
pub struct Accounts {
    ttl: Duration,
    cache: Mutex<HashMap<String, Read>>,
}

impl Accounts {
    /// Reuses a row for `ttl_ms` milliseconds (0: reads it for every request).
    pub fn new(ttl_ms: u64) -> Self {
        Accounts {
            ttl: Duration::milliseconds(ttl_ms as i64),
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The account of `user_id` read less than the bound ago, if it can judge a token of
    /// `token_generation` (a token newer than the row read means the row changed since).
    pub fn cached(
        &self,
        user_id: &str,
        token_generation: i64,
        now: DateTime<Utc>,
    ) -> Option<Option<Account>> {
        let map = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        let (account, read_at) = map.get(user_id)?;
        let fresh = *read_at <= now && now - *read_at < self.ttl;
        let current = account
            .as_ref()
            .is_none_or(|a| a.generation >= token_generation);
        (fresh && current).then(|| account.clone())
    }

    /// Remembers the account of `user_id` as read at `now`.
    pub fn remember(&self, user_id: &str, account: Option<Account>, now: DateTime<Utc>) {
        if self.ttl <= Duration::zero() {
            return;
        }
        let mut map = self.cache.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= MAX_CACHED && !map.contains_key(user_id) {
            let ttl = self.ttl;
            map.retain(|_, (_, at)| *at <= now && now - *at < ttl);
            if map.len() >= MAX_CACHED {
                map.clear();
            }
        }
        map.insert(user_id.to_string(), (account, now));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Nation, Role};
    use chrono::TimeZone;

    fn officer(generation: i64, enabled: bool) -> Account {
        Account {
            identity: Identity {
                user_id: "u1".into(),
                username: "anna".into(),
                role: Role::Officer,
                nation: Some(Nation::parse("DE").unwrap()),
                unit: None,
                stages: vec!["movcon".into()],
                watch: vec![],
            },
            generation,
            enabled,
            language: None,
        }
    }

    #[test]
    fn a_token_speaks_for_an_existing_enabled_account_of_its_generation() {
        let a = officer(3, true);
        assert_eq!(speaks_for(Some(&a), 3).unwrap(), a.identity);
        assert!(speaks_for(None, 0).is_err(), "unknown subject");
        assert!(speaks_for(Some(&officer(3, false)), 3).is_err(), "disabled");
        assert!(speaks_for(Some(&a), 2).is_err(), "signed out since");
    }

    #[test]
    fn the_cache_holds_for_its_bound_and_never_against_a_newer_token() {
        let t0 = Utc.with_ymd_and_hms(2026, 12, 1, 6, 0, 0).unwrap();
        let c = Accounts::new(1000);
        assert_eq!(c.cached("u1", 3, t0), None);
        c.remember("u1", Some(officer(3, true)), t0);
        let ms = Duration::milliseconds;
        assert_eq!(
            c.cached("u1", 3, t0 + ms(999)),
            Some(Some(officer(3, true)))
        );
        assert_eq!(c.cached("u1", 3, t0 + ms(1000)), None, "the bound");
        assert_eq!(c.cached("u1", 4, t0), None, "a newer token reads again");
        assert!(c.cached("u1", 2, t0).is_some(), "an older one is judged");
        assert_eq!(c.cached("u1", 3, t0 - ms(1)), None, "clock moved back");
        let off = Accounts::new(0);
        off.remember("u1", Some(officer(3, true)), t0);
        assert_eq!(off.cached("u1", 3, t0), None, "0 caches nothing");
    }
}
