//! Upkeep: forgetting what no one needs any more (Idempotency-Key answers older than a day).

use std::time::Duration as StdDuration;

use chrono::Duration;

use super::Runners;
use crate::error::Error;

/// How long the first answer to an Idempotency-Key is kept: long enough for any client's retries.
pub const IDEMPOTENCY_KEPT_HOURS: i64 = 24;

/// How often upkeep acts, in the clock's time (a manual clock moved a day ahead purges at once).
const EVERY_MINUTES: i64 = 10;

/// Purges old Idempotency-Key answers now; returns how many.
pub async fn purge_once(state: &Runners) -> Result<usize, Error> {
    let before = state.clock.now() - Duration::hours(IDEMPOTENCY_KEPT_HOURS);
    state
        .store
        .run(move |c| crate::store::idempotency::purge(c, before).map_err(Error::from))
        .await
}

/// Runs upkeep at start and every ten minutes of the clock's time (looking every `interval`)
/// until `shutdown` turns true.
pub async fn run_upkeep(
    state: Runners,
    interval: StdDuration,
    mut shutdown: tokio::sync::watch::Receiver<bool>,
) {
    let mut last: Option<chrono::DateTime<chrono::Utc>> = None;
    loop {
        let now = state.clock.now();
        if last.is_none_or(|t| now - t > Duration::minutes(EVERY_MINUTES)) {
            last = Some(now);
            match purge_once(&state).await {
                Ok(n) if n > 0 => tracing::info!(purged = n, "old idempotency keys purged"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "could not purge idempotency keys"),
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = shutdown.changed() => {}
        }
        if *shutdown.borrow() {
            break;
        }
    }
}
