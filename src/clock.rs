//! The one source of "now".
//!
//! Everything that depends on time asks a `Clock`, so tests can set and move time without
//! sleeping. The system clock is the default; a manual clock starts where it is told and moves
//! only when told.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use chrono::{DateTime, Duration, TimeZone, Utc};

/// A source of the current time, cheap to clone and share between threads.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    manual: Option<Arc<AtomicI64>>,
}

impl Clock {
    /// The system clock.
    pub fn system() -> Self {
        Self { manual: None }
    }

    /// A clock that stands at `at` until `set` or `advance` moves it.
    pub fn manual(at: DateTime<Utc>) -> Self {
        Self {
            manual: Some(Arc::new(AtomicI64::new(at.timestamp_micros()))),
        }
    }

    /// Whether this clock is manual.
    pub fn is_manual(&self) -> bool {
        self.manual.is_some()
    }

    /// The current time, to the microsecond (what both databases store).
    pub fn now(&self) -> DateTime<Utc> {
        match &self.manual {
            Some(us) => micros(us.load(Ordering::SeqCst)),
            None => micros(Utc::now().timestamp_micros()),
        }
    }

    /// Moves a manual clock to `at`; returns false (and does nothing) on the system clock.
    pub fn set(&self, at: DateTime<Utc>) -> bool {
        match &self.manual {
            Some(us) => {
                us.store(at.timestamp_micros(), Ordering::SeqCst);
                true
            }
            None => false,
        }
    }

    /// Moves a manual clock forward by `by`; returns false on the system clock.
    pub fn advance(&self, by: Duration) -> bool {
        match &self.manual {
            Some(us) => {
                us.fetch_add(
                    by.num_microseconds().unwrap_or(i64::MAX / 2),
                    Ordering::SeqCst,
                );
                true
            }
            None => false,
        }
    }
}

fn micros(us: i64) -> DateTime<Utc> {
    Utc.timestamp_micros(us)
        .single()
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_clock_moves_only_when_told_and_clones_share_it() {
        let start = Utc.with_ymd_and_hms(2026, 12, 1, 6, 0, 0).unwrap();
        let c = Clock::manual(start);
        let shared = c.clone();
        assert_eq!(c.now(), start);
        assert!(shared.advance(Duration::hours(5)));
        assert_eq!(c.now(), start + Duration::hours(5));
        assert!(!Clock::system().set(start));
    }
}
