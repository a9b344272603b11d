//! `GET /v1/changes`: the long-poll change feed over the audit trail, and what wakes it.
//!
//! A waiting request holds no database connection. It wakes when this instance writes
//! (`AppState::notify_change`, poked by `wake_on_write` after every successful change) or when
//! the shared audit head moves, which one waiter per instance polls every 250 ms on behalf of
//! all of them, so writes by other instances over the same database are seen too.

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method};
use actix_web::middleware::Next;
use actix_web::{web, HttpResponse};
use tokio::sync::{watch, Mutex};
use tokio::time::Instant;

use super::caller::Caller;
use super::notifications::event_json;
use super::problem::ApiError;
use super::AppState;
use crate::auth::access;
use crate::domain::FieldError;
use crate::store::{audit, board};

/// How often the audit head is read while anyone waits.
const HEAD_POLL: Duration = Duration::from_millis(250);
/// How long a board poll may rely on the audit head another poll read, unless this instance
/// wrote since: the most by which another instance's write can lag in a board ETag.
const HEAD_FRESH: Duration = Duration::from_millis(100);
/// The longest wait a client may ask for, in seconds.
const MAX_WAIT_SECONDS: u64 = 30;
/// The most events one answer carries.
const PAGE: i64 = 200;

/// Wakes waiting change-feed requests.
pub struct ChangeFeed {
    /// Bumped on every local write and whenever a poll sees the head move.
    tx: watch::Sender<u64>,
    /// The audit head as last polled.
    head: AtomicI64,
    /// When the head was last polled; held by the one waiter polling it.
    polled_at: Mutex<Option<Instant>>,
    /// Requests now waiting (for `/metrics`).
    waiting: AtomicI64,
    /// The audit head a board poll last read: (head, when, local write generation then).
    recent: std::sync::Mutex<Option<(i64, std::time::Instant, u64)>>,
}

/// Counts one waiting request for as long as it lives.
struct Waiting<'a>(&'a AtomicI64);

impl<'a> Waiting<'a> {
    fn new(n: &'a AtomicI64) -> Self {
        n.fetch_add(1, Ordering::SeqCst);
        Waiting(n)
    }
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Default for ChangeFeed {
    fn default() -> Self {
        ChangeFeed {
            tx: watch::channel(0).0,
            head: AtomicI64::new(0),
            polled_at: Mutex::new(None),
            waiting: AtomicI64::new(0),
            recent: std::sync::Mutex::new(None),
        }
    }
}

impl ChangeFeed {
    /// Wakes every waiter so that it looks for new events.
    pub fn poke(&self) {
        self.tx.send_modify(|n| *n = n.wrapping_add(1));
    }

    /// How many change-feed requests are waiting now.
    pub fn waiting(&self) -> i64 {
        self.waiting.load(Ordering::SeqCst)
    }

    /// The audit head for answering a conditional board poll: read from the database unless
    /// another poll read it less than `HEAD_FRESH` ago and this instance has written nothing
    /// since (its own writes show at once). Polls by the thousand then cost one read each
    /// `HEAD_FRESH`, not one each.
    pub async fn recent_head(&self, state: &AppState) -> Result<i64, ApiError> {
        let generation = *self.tx.borrow();
        let known = *self
            .recent
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((head, at, seen)) = known {
            if seen == generation && at.elapsed() < HEAD_FRESH {
                return Ok(head);
            }
        }
        let head = state
            .store
            .run(|c| audit::head(c).map_err(ApiError::from))
            .await?;
        // Stamped with the generation from before the read: a write during it makes the
        // next poll read again.
        *self
            .recent
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) =
            Some((head, std::time::Instant::now(), generation));
        Ok(head)
    }

    fn subscribe(&self) -> watch::Receiver<u64> {
        self.tx.subscribe()
    }

    /// Reads the audit head unless another waiter did so within `HEAD_POLL`; pokes everyone
    /// when it moved. Returns the head as last known.
    async fn poll_head(&self, state: &AppState) -> i64 {
        if let Ok(mut polled_at) = self.polled_at.try_lock() {
            if polled_at.is_none_or(|t| t.elapsed() >= HEAD_POLL) {
                *polled_at = Some(Instant::now());
                match state
                    .store
                    .run(|c| audit::head(c).map_err(ApiError::from))
                    .await
                {
                    Ok(h) if h > self.head.fetch_max(h, Ordering::SeqCst) => self.poke(),
                    Ok(_) => {}
                    // A database hiccup only delays the wake-up; the next poll tries again.
                    Err(e) => {
                        tracing::debug!(error = %e, "change feed could not read the audit head")
                    }
                }
            }
        }
        self.head.load(Ordering::SeqCst)
    }
}

/// Middleware: after a successful change through the API, wake the change feed's waiters.
pub async fn wake_on_write(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let changes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        // Signing in and dry runs write no audit event.
        && !req.path().starts_with("/v1/auth/")
        && req.path() != "/v1/evaluate";
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let res = next.call(req).await?;
    if changes && res.status().is_success() {
        if let Some(state) = state {
            state.notify_change();
        }
    }
    Ok(res)
}

/// The feed's query: `after` (a cursor, default 0) and `wait` (seconds, 0–30, default 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedQuery {
    /// Events with a sequence number above this one.
    pub after: i64,
    /// How long to wait for one when there are none yet.
    pub wait: Duration,
}

/// Parses the feed's query parameters, naming each one that is wrong.
pub fn feed_query(q: &HashMap<String, String>) -> Result<FeedQuery, ApiError> {
    let mut errs = Vec::new();
    let mut f = FeedQuery {
        after: 0,
        wait: Duration::ZERO,
    };
    for (k, v) in q {
        match k.as_str() {
            "after" => match v.parse::<i64>() {
                Ok(n) if n >= 0 => f.after = n,
                _ => errs.push(FieldError::new(
                    "after",
                    "a cursor: a whole number from 0, as next_cursor or the board's cursor gave",
                )),
            },
            "wait" => match v.parse::<u64>() {
                Ok(n) if n <= MAX_WAIT_SECONDS => f.wait = Duration::from_secs(n),
                _ => errs.push(FieldError::new(
                    "wait",
                    format!("whole seconds from 0 to {MAX_WAIT_SECONDS}"),
                )),
            },
            other => errs.push(FieldError::new(other, "unknown query parameter")),
        }
    }
    if errs.is_empty() {
        Ok(f)
    } else {
        Err(ApiError::Validation(errs))
    }
}

/// `GET /v1/changes`: audit events in the caller's scope after `after`, oldest first; when
/// there are none, waits up to `wait` seconds for one.
pub async fn changes(
    state: web::Data<AppState>,
    caller: Caller,
    q: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let f = feed_query(&q)?;
    let scope = access::list_scope(&caller);
    let unbound_too = access::sees_unbound_events(&caller);
    let deadline = Instant::now() + f.wait;
    let mut wake = state.feed.subscribe();
    let items = loop {
        wake.borrow_and_update();
        let scope = scope.clone();
        // The head is read before the events, so an event committed between the two reads
        // leaves the head behind it and the next poll still sees it as new.
        let (seen_head, events) = state
            .store
            .run(move |c| {
                let head = audit::head(c)?;
                let events = board::events_after(c, &scope, unbound_too, f.after, PAGE)?;
                Ok::<_, ApiError>((head, events))
            })
            .await?;
        if !events.is_empty() || Instant::now() >= deadline {
            break events;
        }
        let _counted = Waiting::new(&state.feed.waiting);
        if !wait_for_change(&state, &mut wake, seen_head, deadline).await {
            break Vec::new();
        }
    };
    let next_cursor = items.last().map_or(f.after, |e| e.seq);
    let items: Vec<serde_json::Value> = items.iter().map(event_json).collect();
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(serde_json::json!({"items": items, "next_cursor": next_cursor})))
}

/// Waits, holding no connection, until something may have changed past `seen_head` (true)
/// or the deadline passes (false).
async fn wait_for_change(
    state: &AppState,
    wake: &mut watch::Receiver<u64>,
    seen_head: i64,
    deadline: Instant,
) -> bool {
    loop {
        let now = Instant::now();
        if now >= deadline {
            return false;
        }
        let nap = HEAD_POLL.min(deadline - now);
        tokio::select! {
            changed = wake.changed() => {
                // The sender lives as long as the state; if it is gone, fall back to polling.
                if changed.is_ok() {
                    return true;
                }
                tokio::time::sleep(nap).await;
            }
            _ = tokio::time::sleep(nap) => {
                if state.feed.poll_head(state).await > seen_head {
                    return true;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn defaults_are_from_the_start_without_waiting() {
        assert_eq!(
            feed_query(&q(&[])).unwrap(),
            FeedQuery {
                after: 0,
                wait: Duration::ZERO
            }
        );
    }

    #[test]
    fn bad_values_name_their_parameter() {
        for (k, v) in [
            ("wait", "31"),
            ("wait", "-1"),
            ("wait", "soon"),
            ("after", "-5"),
            ("after", "x"),
        ] {
            match feed_query(&q(&[(k, v)])) {
                Err(ApiError::Validation(errs)) => assert_eq!(errs[0].field, k, "{k}={v}"),
                other => panic!("{k}={v}: {other:?}"),
            }
        }
        assert!(feed_query(&q(&[("wait", "30"), ("after", "17")])).is_ok());
    }
}
