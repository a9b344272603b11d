//! The timer runner: claims due notification watches and fires them.
//!
//! A claim is a lease (`store::lease`, shared with the outbox sender), so instances never
//! work on one timer at once; a crashed instance's claim comes back when its lease runs out. Firing re-checks
//! everything under the notification's row lock and stores each escalation level once, so a
//! timer fired twice (after a lost lease) still acts once.

use std::time::Duration as StdDuration;

use super::Runners;
use crate::error::Error;
use crate::notification::watch;

/// Timers claimed per round; a full round means more may be due at once.
const BATCH: i64 = 50;

pub use crate::store::timers::{claim_due, LEASE_SECONDS};

/// Claims and fires every due timer once; returns how many were fired.
pub async fn fire_due_once(state: &Runners, owner: &str) -> Result<usize, Error> {
    let now = state.clock.now();
    let who = owner.to_string();
    let claimed = state
        .store
        .run(move |c| claim_due(c, &who, now, BATCH).map_err(Error::from))
        .await?;
    for (timer, error) in &claimed.unreadable {
        // Left to its lease: named again at each claim until the row is mended.
        tracing::error!(%timer, %error, "stored timer unreadable; the watch it holds cannot fire");
    }
    let count = claimed.due.len();
    for claimed in claimed.due {
        let (timer, notification) = (claimed.id, claimed.notification_id);
        let set = state.policies.current();
        let now = state.clock.now();
        let url = state.public_url.clone();
        let result = state
            .store
            .write(move |c| watch::fire(c, &set, now, &notification, &url))
            .await;
        match result {
            Ok(done) if done != watch::Fired::default() => {
                // Long-polling dashboards on this instance hear of it at once.
                (state.changed)();
                tracing::info!(%timer, escalations = ?done.escalations, deemed = ?done.deemed, expired = done.expired, "watch fired")
            }
            Ok(_) => {}
            // The lease runs out and the timer is tried again; nothing was half-done.
            Err(e) => {
                tracing::error!(%timer, error = %e, "watch failed; it will be retried after its lease")
            }
        }
    }
    Ok(count)
}

/// Runs the timer runner until `shutdown` turns true.
pub async fn run_timers(
    state: Runners,
    interval: StdDuration,
    mut shutdown: tokio::sync::watch::Receiver<bool>,
) {
    let owner = format!("{}-{}", std::process::id(), uuid::Uuid::new_v4().simple());
    loop {
        match fire_due_once(&state, &owner).await {
            // A full batch: more may be due, go again at once.
            Ok(n) if n as i64 == BATCH => continue,
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "timer runner could not claim timers"),
        }
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = shutdown.changed() => {}
        }
        if *shutdown.borrow() {
            break;
        }
    }
    tracing::info!("timer runner stopped");
}
