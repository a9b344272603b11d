//! Upkeep: forgetting what no one needs any more (Idempotency-Key answers older than a day),
//! and standing authorisations whose window ends (expired, holders mailed 14 days before).

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

/// Expires the standing authorisations whose window ended and mails the holders of those
/// ending within 14 days (issue 15); returns (expired, reminded).
pub async fn standing_once(state: &Runners) -> Result<(usize, usize), Error> {
    let now = state.clock.now();
    state
        .store
        .run(move |c| crate::store::write(c, |c| crate::standing::expire_and_remind(c, now)))
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
            match standing_once(&state).await {
                Ok((0, 0)) => {}
                Ok((expired, reminded)) => {
                    tracing::info!(expired, reminded, "standing authorisations ending")
                }
                Err(e) => tracing::warn!(error = %e, "could not expire standing authorisations"),
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
