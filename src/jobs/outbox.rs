//! The mail outbox: messages are written in the same transaction as the event they report, and
//! a sender in every instance delivers them.
//!
//! Guarantees:
//! - **Nothing is lost.** A message exists once its event commits (`enqueue` runs inside the
//!   caller's transaction) and leaves `pending` only when the SMTP server has accepted it
//!   (`sent`) or after the last allowed attempt (`failed`, logged at error and kept).
//! - **Claims are exclusive.** A sender claims due rows by setting a lease (`locked_until`,
//!   `store::lease`): on PostgreSQL with `FOR UPDATE SKIP LOCKED`, on SQLite with a conditional
//!   update per row inside `BEGIN IMMEDIATE`. Another sender skips leased rows, so concurrent
//!   instances do not send the same message. A sender that dies mid-pass leaves its lease to expire, after which
//!   any instance (or the restarted one) claims the rows again.
//! - **Delivery is at least once.** A crash (or a lost database connection) between the SMTP
//!   server accepting a message and the row being marked `sent` sends it again. Every attempt
//!   carries the same `Message-ID` (derived from the outbox id), so a receiver can drop the copy.
//!   Once a send is confirmed and recorded, the message is never sent again.
//! - **Retries back off.** A failed attempt is recorded (`attempts`, `last_error`) and the
//!   message waits `30 s · 2^attempts`, at most 1 h, before the next one.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use diesel::result::QueryResult;
use tokio::sync::watch;

use crate::clock::Clock;
use crate::domain::OutboxStatus;
use crate::mail::{Mailer, Outgoing};
use crate::store::schema::outbox;
use crate::store::types::{At, MaybeAt};
use crate::store::{self, Db, Store, StoreError};

pub use crate::store::outbox::{enqueue, FAILED, PENDING, SENT};

/// Longest `last_error` kept, in characters (SMTP replies can be long).
const MAX_ERROR_CHARS: usize = 1000;

/// A message claimed for delivery, leased to the claiming sender until `lease_until`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    /// The outbox id (also the `Message-ID`'s left part).
    pub id: String,
    /// The recipient's address.
    pub recipient: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// Delivery attempts made before this one.
    pub attempts: i32,
    /// When it became due.
    pub next_attempt_at: DateTime<Utc>,
    /// Until when this sender holds it; past this another sender may claim it.
    pub lease_until: DateTime<Utc>,
}

impl OutboxMessage {
    /// The message as the mailer takes it.
    pub fn outgoing(&self) -> Outgoing<'_> {
        Outgoing {
            id: &self.id,
            recipient: &self.recipient,
            subject: &self.subject,
            body: &self.body,
        }
    }
}

/// Claims up to `limit` due messages for `lease`: pending, due by `now`, and not leased to a
/// sender whose lease still runs (`store::lease`, shared with the timer runner). Oldest due
/// first. A claimed row that does not parse fails the claim, naming what it should have been.
pub fn claim_due(
    conn: &mut Db,
    now: DateTime<Utc>,
    lease: Duration,
    limit: i64,
) -> QueryResult<Vec<OutboxMessage>> {
    let lease_until = later(now, lease);
    let ids = store::lease::claim(conn, &store::lease::OUTBOX, "", now, lease_until, limit)?;
    Ok(store::outbox::by_ids(conn, &ids)?
        .into_iter()
        .map(|r| OutboxMessage {
            id: r.id,
            recipient: r.recipient,
            subject: r.subject,
            body: r.body,
            attempts: r.attempts,
            next_attempt_at: r.next_attempt_at,
            lease_until,
        })
        .collect())
}

/// When to try a message again after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Wait after the first failure; doubled after each further one.
    pub first_delay: Duration,
    /// Longest wait between attempts.
    pub max_delay: Duration,
    /// Attempts after which a message is given up on (`failed`).
    pub max_attempts: i32,
}

impl Default for RetryPolicy {
    /// 30 s, doubling, at most 1 h, 12 attempts (about 7 hours of an unreachable server).
    fn default() -> Self {
        RetryPolicy {
            first_delay: Duration::seconds(30),
            max_delay: Duration::hours(1),
            max_attempts: 12,
        }
    }
}

/// What happens to a message after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Try again at this time.
    At(DateTime<Utc>),
    /// Give up: mark it `failed`.
    GiveUp,
}

impl RetryPolicy {
    /// The wait after a failure when `failures_before` attempts had already failed:
    /// `first_delay · 2^failures_before`, at most `max_delay`.
    pub fn delay(&self, failures_before: i32) -> Duration {
        let doublings = u32::try_from(failures_before).unwrap_or(0);
        2i32.checked_pow(doublings)
            .and_then(|factor| self.first_delay.checked_mul(factor))
            .map_or(self.max_delay, |d| d.min(self.max_delay))
    }

    /// The next step after a failed attempt at `now` of a message with `attempts_before`
    /// earlier attempts; a permanent failure is given up on at once.
    pub fn after_failure(
        &self,
        attempts_before: i32,
        permanent: bool,
        now: DateTime<Utc>,
    ) -> Retry {
        if permanent || attempts_before.saturating_add(1) >= self.max_attempts {
            Retry::GiveUp
        } else {
            Retry::At(later(now, self.delay(attempts_before)))
        }
    }
}

/// How a sender claims and retries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SenderOptions {
    /// How long a claim holds; raised to twice the mailer's longest attempt if shorter, so
    /// that every pass can send at least one message inside its lease.
    pub lease: Duration,
    /// Messages claimed per pass.
    pub batch: i64,
    /// Backoff and the last attempt.
    pub retry: RetryPolicy,
}

impl Default for SenderOptions {
    /// A 5-minute lease, 20 messages a pass, the default retry policy.
    fn default() -> Self {
        SenderOptions {
            lease: Duration::minutes(5),
            batch: 20,
            retry: RetryPolicy::default(),
        }
    }
}

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Pass {
    claimed: usize,
    sent: usize,
}

/// Claims the due messages once and delivers them; returns how many were sent.
pub async fn send_due_once(
    store: &Store,
    mailer: &Mailer,
    clock: &Clock,
    options: &SenderOptions,
) -> Result<usize, StoreError> {
    Ok(pass(store, mailer, clock, options, None).await?.sent)
}

/// The sender loop for the server: a pass every `interval` (at once again after a full batch)
/// until `shutdown` turns true or its sender is dropped. Errors are logged and retried.
pub async fn run_sender(
    store: Store,
    mailer: Mailer,
    clock: Clock,
    interval: std::time::Duration,
    mut shutdown: watch::Receiver<bool>,
) {
    let options = SenderOptions::default();
    tracing::info!(transport = mailer.describe(), "outbox sender started");
    loop {
        if *shutdown.borrow() {
            break;
        }
        let again_at_once = match pass(&store, &mailer, &clock, &options, Some(&shutdown)).await {
            // A full batch means more may be due: keep draining before sleeping.
            Ok(p) => p.claimed as i64 >= options.batch,
            Err(e) => {
                tracing::warn!(error = %e, "outbox sender pass failed; retrying after the interval");
                false
            }
        };
        if again_at_once {
            continue;
        }
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            changed = shutdown.changed() => {
                if changed.is_err() {
                    break;
                }
            }
        }
    }
    tracing::info!("outbox sender stopped");
}

async fn pass(
    store: &Store,
    mailer: &Mailer,
    clock: &Clock,
    options: &SenderOptions,
    shutdown: Option<&watch::Receiver<bool>>,
) -> Result<Pass, StoreError> {
    let attempt_bound = Duration::from_std(mailer.timeout()).unwrap_or(Duration::MAX);
    let lease = options
        .lease
        .max(attempt_bound.checked_mul(2).unwrap_or(Duration::MAX));
    let (now, limit) = (clock.now(), options.batch);
    let claimed = store
        .run(move |c| claim_due(c, now, lease, limit).map_err(StoreError::from))
        .await?;
    let mut done = Pass {
        claimed: claimed.len(),
        sent: 0,
    };
    for (i, message) in claimed.iter().enumerate() {
        let stopping = shutdown.is_some_and(|s| *s.borrow());
        // Past the lease another sender may claim the row and send it too: hand back what
        // cannot be finished inside it (or before shutdown) instead of risking that.
        if stopping || later(clock.now(), attempt_bound) >= message.lease_until {
            let rest: Vec<String> = claimed[i..].iter().map(|m| m.id.clone()).collect();
            let until = message.lease_until;
            store
                .run(move |c| release(c, &rest, until).map_err(StoreError::from))
                .await?;
            break;
        }
        let result = mailer.send(&message.outgoing(), clock.now()).await;
        let now = clock.now();
        match result {
            Ok(()) => {
                let id = message.id.clone();
                store
                    .run(move |c| mark_sent(c, &id, now).map_err(StoreError::from))
                    .await?;
                done.sent += 1;
                tracing::info!(
                    outbox_id = %message.id,
                    recipient = %message.recipient,
                    attempt = message.attempts + 1,
                    "mail sent"
                );
            }
            Err(e) => {
                let next = options
                    .retry
                    .after_failure(message.attempts, e.is_permanent(), now);
                let error = truncate(&e.to_string(), MAX_ERROR_CHARS);
                let (id, until) = (message.id.clone(), message.lease_until);
                let logged = error.clone();
                store
                    .run(move |c| {
                        record_failure(c, &id, until, &logged, next, now).map_err(StoreError::from)
                    })
                    .await?;
                match next {
                    Retry::At(at) => tracing::warn!(
                        outbox_id = %message.id,
                        recipient = %message.recipient,
                        attempt = message.attempts + 1,
                        retry_at = %at,
                        error = %error,
                        "mail not delivered; will retry"
                    ),
                    Retry::GiveUp => tracing::error!(
                        outbox_id = %message.id,
                        recipient = %message.recipient,
                        attempts = message.attempts + 1,
                        error = %error,
                        "mail not delivered; given up (status failed)"
                    ),
                }
            }
        }
    }
    Ok(done)
}

/// Records a confirmed send. Also when the lease has run out meanwhile: the message *was*
/// accepted, and marking it keeps any other claimant from sending it yet again.
fn mark_sent(conn: &mut Db, id: &str, now: DateTime<Utc>) -> QueryResult<usize> {
    diesel::update(
        outbox::table
            .filter(outbox::id.eq(id))
            .filter(outbox::status.eq(OutboxStatus::Pending)),
    )
    .set((
        outbox::status.eq(OutboxStatus::Sent),
        outbox::sent_at.eq(MaybeAt::from(Some(now))),
        outbox::attempts.eq(outbox::attempts + 1),
        outbox::locked_until.eq(MaybeAt::from(None)),
    ))
    .execute(conn)
}

/// Records a failed attempt, only while this sender's lease is the row's (a sender whose lease
/// ran out must not overwrite the newer claimant's state).
fn record_failure(
    conn: &mut Db,
    id: &str,
    lease_until: DateTime<Utc>,
    error: &str,
    next: Retry,
    now: DateTime<Utc>,
) -> QueryResult<usize> {
    let (status, next_at) = match next {
        Retry::At(at) => (OutboxStatus::Pending, at),
        Retry::GiveUp => (OutboxStatus::Failed, now),
    };
    diesel::update(
        outbox::table
            .filter(outbox::id.eq(id))
            .filter(outbox::status.eq(OutboxStatus::Pending))
            .filter(outbox::locked_until.eq(At::from(lease_until))),
    )
    .set((
        outbox::status.eq(status),
        outbox::attempts.eq(outbox::attempts + 1),
        outbox::next_attempt_at.eq(At::from(next_at)),
        outbox::last_error.eq(Some(error)),
        outbox::locked_until.eq(MaybeAt::from(None)),
    ))
    .execute(conn)
}

/// Hands claimed but unattempted messages back, so they need not wait for the lease to expire.
fn release(conn: &mut Db, ids: &[String], lease_until: DateTime<Utc>) -> QueryResult<usize> {
    diesel::update(
        outbox::table
            .filter(outbox::id.eq_any(ids))
            .filter(outbox::status.eq(OutboxStatus::Pending))
            .filter(outbox::locked_until.eq(At::from(lease_until))),
    )
    .set(outbox::locked_until.eq(MaybeAt::from(None)))
    .execute(conn)
}

/// `at + by`, saturating at the latest representable time.
fn later(at: DateTime<Utc>, by: Duration) -> DateTime<Utc> {
    at.checked_add_signed(by)
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

fn truncate(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 6, 0, 0).unwrap()
    }

    #[test]
    fn backoff_doubles_from_30_seconds_and_stops_at_an_hour() {
        let p = RetryPolicy::default();
        let waits: Vec<i64> = (0..9).map(|n| p.delay(n).num_seconds()).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(p.delay(40), Duration::hours(1), "no overflow");
        assert_eq!(p.delay(i32::MAX), Duration::hours(1));
        assert_eq!(
            p.delay(-1),
            Duration::seconds(30),
            "nonsense counts as none"
        );
    }

    #[test]
    fn the_last_allowed_attempt_gives_up_and_a_permanent_failure_at_once() {
        let p = RetryPolicy {
            max_attempts: 3,
            ..RetryPolicy::default()
        };
        assert_eq!(
            p.after_failure(0, false, now()),
            Retry::At(now() + Duration::seconds(30))
        );
        assert_eq!(
            p.after_failure(1, false, now()),
            Retry::At(now() + Duration::seconds(60))
        );
        assert_eq!(p.after_failure(2, false, now()), Retry::GiveUp);
        assert_eq!(p.after_failure(0, true, now()), Retry::GiveUp);
    }

    #[test]
    fn long_errors_are_cut_on_a_character_boundary() {
        assert_eq!(truncate("äöü", 2), "äö…");
        assert_eq!(truncate("abc", 3), "abc");
    }

    #[tokio::test]
    async fn a_pass_on_sqlite_sends_each_due_message_once_and_leaves_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("o.db").display());
        let store = Store::open(&url, 2).unwrap();
        store.migrate().unwrap();
        let clock = Clock::manual(now());
        {
            let mut c = store.conn().unwrap();
            store::write(&mut c, |c| {
                enqueue(c, "a@example.org", "s1", "b1", now())?;
                enqueue(c, "b@example.org", "s2", "b2", now() + Duration::minutes(1))
            })
            .unwrap();
        }
        let mailer = Mailer::log("corridor@localhost").unwrap();
        let options = SenderOptions::default();
        assert_eq!(
            send_due_once(&store, &mailer, &clock, &options)
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            send_due_once(&store, &mailer, &clock, &options)
                .await
                .unwrap(),
            0
        );
        clock.advance(Duration::minutes(1));
        assert_eq!(
            send_due_once(&store, &mailer, &clock, &options)
                .await
                .unwrap(),
            1
        );
        let mut c = store.conn().unwrap();
        let rows: Vec<(String, i32)> = outbox::table
            .select((outbox::status, outbox::attempts))
            .load(&mut *c)
            .unwrap();
        assert_eq!(rows, [(SENT.to_string(), 1), (SENT.to_string(), 1)]);
        let ids: Vec<String> = outbox::table.select(outbox::id).load(&mut *c).unwrap();
        let typed = store::outbox::by_ids(&mut c, &ids).unwrap();
        assert!(typed
            .iter()
            .all(|r| r.status == OutboxStatus::Sent && r.sent_at.is_some()));
    }
}
