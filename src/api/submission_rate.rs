//! Submissions per user per minute: a token bucket per user, so one account (or a stolen token)
//! cannot fill the database and every nation's queue. A planner's bursts pass — the bucket holds
//! a whole minute's allowance — and a steady flood is answered 429 with the wait.
//!
//! Counted per instance, in memory: with several instances a user gets at most the rate times
//! the instance count, which still bounds the flood (SECURITY.md says so).

use std::collections::HashMap;
use std::sync::Mutex;

use chrono::{DateTime, Utc};

/// One user's allowance: tokens left at a moment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bucket {
    tokens: f64,
    at: DateTime<Utc>,
}

impl Bucket {
    /// A full bucket at `now`.
    pub fn full(per_minute: u32, now: DateTime<Utc>) -> Bucket {
        Bucket {
            tokens: f64::from(per_minute),
            at: now,
        }
    }

    /// Takes one submission at `now`, refilled at `per_minute` since the last look; or the
    /// whole seconds to wait for the next one.
    pub fn take(&mut self, per_minute: u32, now: DateTime<Utc>) -> Result<(), i64> {
        let cap = f64::from(per_minute);
        let per_second = cap / 60.0;
        // A clock that went back refills nothing (and takes nothing away).
        let elapsed = (now - self.at).num_milliseconds().max(0) as f64 / 1000.0;
        self.tokens = (self.tokens + elapsed * per_second).min(cap);
        self.at = self.at.max(now);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - self.tokens) / per_second).ceil().max(1.0) as i64)
        }
    }
}

/// Every user's bucket in this instance.
#[derive(Debug, Default)]
pub struct SubmissionRate {
    buckets: Mutex<HashMap<String, Bucket>>,
}

impl SubmissionRate {
    /// Counts one submission by `user` at `now` against `per_minute` (0: unlimited); `Err` holds
    /// the seconds to wait.
    pub fn take(&self, user: &str, per_minute: u32, now: DateTime<Utc>) -> Result<(), i64> {
        if per_minute == 0 {
            return Ok(());
        }
        // A poisoned lock only means another request panicked mid-update; the counts stand.
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        buckets
            .entry(user.to_string())
            .or_insert_with(|| Bucket::full(per_minute, now))
            .take(per_minute, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn t0() -> DateTime<Utc> {
        "2027-02-01T06:00:00Z".parse().unwrap()
    }

    #[test]
    fn a_full_minute_passes_at_once_and_the_next_waits() {
        let rate = SubmissionRate::default();
        for _ in 0..120 {
            assert_eq!(rate.take("planner", 120, t0()), Ok(()));
        }
        // 120 a minute is one every half second: the next is a second away, rounded up.
        assert_eq!(rate.take("planner", 120, t0()), Err(1));
        assert_eq!(
            rate.take("planner", 120, t0() + Duration::milliseconds(500)),
            Ok(())
        );
        assert!(rate
            .take("planner", 120, t0() + Duration::milliseconds(500))
            .is_err());
    }

    #[test]
    fn the_wait_is_the_time_to_the_next_token() {
        let mut b = Bucket::full(6, t0());
        for _ in 0..6 {
            assert_eq!(b.take(6, t0()), Ok(()));
        }
        // Six a minute: one every ten seconds.
        assert_eq!(b.take(6, t0()), Err(10));
        assert_eq!(b.take(6, t0() + Duration::seconds(4)), Err(6));
        assert_eq!(b.take(6, t0() + Duration::seconds(10)), Ok(()));
    }

    #[test]
    fn users_do_not_share_a_bucket_and_zero_means_unlimited() {
        let rate = SubmissionRate::default();
        assert_eq!(rate.take("a", 1, t0()), Ok(()));
        assert!(rate.take("a", 1, t0()).is_err());
        assert_eq!(rate.take("b", 1, t0()), Ok(()));
        for _ in 0..1000 {
            assert_eq!(rate.take("c", 0, t0()), Ok(()));
        }
    }

    #[test]
    fn an_idle_user_refills_to_one_minute_not_more() {
        let mut b = Bucket::full(10, t0());
        let later = t0() + Duration::hours(5);
        for _ in 0..10 {
            assert_eq!(b.take(10, later), Ok(()));
        }
        assert!(b.take(10, later).is_err());
    }

    #[test]
    fn a_clock_moved_back_refills_nothing() {
        let mut b = Bucket::full(2, t0());
        b.take(2, t0()).unwrap();
        b.take(2, t0()).unwrap();
        assert!(b.take(2, t0() - Duration::hours(1)).is_err());
        assert!(b.take(2, t0()).is_err());
    }
}
