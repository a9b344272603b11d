//! The timer runner: claims due notification watches and fires them.
//!
//! A claim sets a lease (`locked_until`) in one statement — `FOR UPDATE SKIP LOCKED` on
//! PostgreSQL, a conditional update on SQLite — so instances never work on one timer at
//! once; a crashed instance's claim comes back when its lease runs out. Firing re-checks
//! everything under the notification's row lock and stores each escalation level once, so a
//! timer fired twice (after a lost lease) still acts once.

use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text, Timestamp};

use super::Runners;
use crate::error::Error;
use crate::notification::watch;
use crate::store::audit::micros;
use crate::store::schema::timers;
use crate::store::{self, Db};

/// Timers claimed per round; a full round means more may be due at once.
const BATCH: i64 = 50;

/// How long a claim holds a timer before another instance may take it.
pub const LEASE_SECONDS: i64 = 60;

#[derive(QueryableByName)]
struct Claimed {
    #[diesel(sql_type = Text)]
    id: String,
    #[diesel(sql_type = Text)]
    notification_id: String,
}

/// Claims up to `limit` due timers for `owner`; returns (timer id, notification id).
pub fn claim_due(
    conn: &mut Db,
    owner: &str,
    now: DateTime<Utc>,
    limit: i64,
) -> QueryResult<Vec<(String, String)>> {
    let (now_n, until) = (micros(now), micros(now + Duration::seconds(LEASE_SECONDS)));
    match conn {
        Db::Pg(pg) => {
            let rows: Vec<Claimed> = diesel::sql_query(
                "UPDATE timers SET locked_by = $1, locked_until = $2, attempts = attempts + 1 \
                 WHERE id IN (SELECT id FROM timers WHERE status = 'pending' AND due_at <= $3 \
                     AND (locked_until IS NULL OR locked_until < $3) \
                     ORDER BY due_at LIMIT $4 FOR UPDATE SKIP LOCKED) \
                 RETURNING id, notification_id",
            )
            .bind::<Text, _>(owner)
            .bind::<Timestamp, _>(until)
            .bind::<Timestamp, _>(now_n)
            .bind::<BigInt, _>(limit)
            .load(pg)?;
            Ok(rows
                .into_iter()
                .map(|r| (r.id, r.notification_id))
                .collect())
        }
        Db::Sqlite(_) => store::write(conn, |c| {
            let due: Vec<(String, String)> = timers::table
                .filter(timers::status.eq("pending"))
                .filter(timers::due_at.le(now_n))
                .filter(
                    timers::locked_until
                        .is_null()
                        .or(timers::locked_until.lt(now_n)),
                )
                .order(timers::due_at.asc())
                .limit(limit)
                .select((timers::id, timers::notification_id))
                .load(c)?;
            let mut claimed = Vec::with_capacity(due.len());
            for (id, nid) in due {
                let taken = diesel::update(
                    timers::table
                        .filter(timers::id.eq(&id))
                        .filter(timers::status.eq("pending"))
                        .filter(
                            timers::locked_until
                                .is_null()
                                .or(timers::locked_until.lt(now_n)),
                        ),
                )
                .set((
                    timers::locked_by.eq(owner),
                    timers::locked_until.eq(until),
                    timers::attempts.eq(timers::attempts + 1),
                ))
                .execute(c)?;
                if taken == 1 {
                    claimed.push((id, nid));
                }
            }
            Ok(claimed)
        }),
    }
}

/// Claims and fires every due timer once; returns how many were fired.
pub async fn fire_due_once(state: &Runners, owner: &str) -> Result<usize, Error> {
    let now = state.clock.now();
    let who = owner.to_string();
    let claimed = state
        .store
        .run(move |c| claim_due(c, &who, now, BATCH).map_err(Error::from))
        .await?;
    let count = claimed.len();
    for (timer, notification) in claimed {
        let set = state.policies.current();
        let now = state.clock.now();
        let result = state
            .store
            .run(move |c| store::write(c, |c| watch::fire(c, &set, now, &notification)))
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
    let mut last_purge: Option<DateTime<Utc>> = None;
    loop {
        let now = state.clock.now();
        if last_purge.is_none_or(|t| now - t > Duration::minutes(10)) {
            last_purge = Some(now);
            // Idempotency keys are kept a day: long enough for any client's retries.
            let before = now - Duration::hours(24);
            match state
                .store
                .run(move |c| crate::store::idempotency::purge(c, before).map_err(Error::from))
                .await
            {
                Ok(n) if n > 0 => tracing::info!(purged = n, "old idempotency keys purged"),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "could not purge idempotency keys"),
            }
        }
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
