//! Failed-login throttling per username and per client address.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

/// Most keys tracked at once; past this the oldest are forgotten (bounded memory under attack).
const MAX_KEYS: usize = 100_000;

/// Counts failed logins in a sliding one-minute window.
#[derive(Debug)]
pub struct LoginThrottle {
    limit: usize,
    window: Duration,
    failures: Mutex<HashMap<String, VecDeque<DateTime<Utc>>>>,
}

impl LoginThrottle {
    /// Allows `limit` failures per key per minute.
    pub fn new(limit: u32) -> Self {
        Self {
            limit: limit as usize,
            window: Duration::minutes(1),
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// Seconds until `keys` may try again, or None when none of them is throttled.
    pub fn retry_after(&self, keys: &[String], now: DateTime<Utc>) -> Option<i64> {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        keys.iter()
            .filter_map(|k| {
                let q = map.get_mut(k)?;
                while q.front().is_some_and(|t| *t <= now - self.window) {
                    q.pop_front();
                }
                (q.len() >= self.limit).then(|| {
                    let oldest = q.front().copied().unwrap_or(now);
                    ((oldest + self.window) - now).num_seconds().max(1)
                })
            })
            .max()
    }

    /// Records one failure against each of `keys`.
    pub fn record_failure(&self, keys: &[String], now: DateTime<Utc>) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= MAX_KEYS {
            let cutoff = now - self.window;
            map.retain(|_, q| q.back().is_some_and(|t| *t > cutoff));
        }
        for k in keys {
            let q = map.entry(k.clone()).or_default();
            q.push_back(now);
            if q.len() > self.limit * 2 {
                q.pop_front();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_eleventh_failure_in_a_minute_is_throttled_and_the_window_slides() {
        let t = LoginThrottle::new(10);
        let t0 = Utc.with_ymd_and_hms(2026, 12, 1, 6, 0, 0).unwrap();
        let keys = vec!["user:anna".to_string(), "addr:127.0.0.1".to_string()];
        for i in 0..10 {
            assert_eq!(t.retry_after(&keys, t0 + Duration::seconds(i)), None);
            t.record_failure(&keys, t0 + Duration::seconds(i));
        }
        let wait = t
            .retry_after(&keys, t0 + Duration::seconds(10))
            .expect("throttled");
        assert_eq!(wait, 50);
        assert_eq!(
            t.retry_after(&["user:bert".into()], t0),
            None,
            "other users unaffected"
        );
        assert_eq!(
            t.retry_after(&keys, t0 + Duration::seconds(61)),
            None,
            "window slid"
        );
    }
}
