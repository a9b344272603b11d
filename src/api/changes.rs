//! `GET /v1/changes`: the long-poll change feed over the audit trail, and what wakes it.
//!
//! A waiting request holds no database connection. It wakes when this instance writes
//! (`AppState::notify_change`, poked by `wake_on_write` after every successful change) or when
//! the shared audit head moves, which one waiter per instance polls every 250 ms on behalf of
//! all of them, so writes by other instances over the same database are seen too.
//!
//! Waiters are grouped by read scope: on a wake, one of a scope's waiters reads the new events
//! once, from the oldest cursor waiting in that scope, and every other waiter of the scope takes
//! its part of that answer, so a write costs one query per scope with waiters, not one per
//! waiter. Long polls are capped per caller (429) and in all (503), answered at once.

use crate::i18n::msg;
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{web, HttpResponse};
use tokio::sync::{watch, Mutex};
use tokio::time::Instant;

use super::caller::Caller;
use super::connections::refusal;
use super::notifications::event_json;
use super::problem::ApiError;
use super::AppState;
use crate::auth::access;
use crate::config::Limits;
use crate::domain::FieldError;
use crate::store::notifications::ListScope;
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

/// Bytes of events in one answer: a page of long decision reasons and conditions is cut here
/// (at least one event always goes), and `next_cursor` continues after the last one sent.
const PAGE_BYTES: usize = 512 * 1024;
/// What a refused long poll is told to wait before trying again, in seconds.
const POLL_RETRY_AFTER: u64 = 5;

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
    /// The waiters of each read scope and the scope's last read of events.
    scopes: std::sync::Mutex<HashMap<String, Arc<ScopeFeed>>>,
    /// Long polls held now, in all and per caller.
    polls: std::sync::Mutex<PollCounts>,
    /// Long polls allowed at once: (in all, per caller).
    poll_caps: (usize, usize),
    /// Event queries run for the feed (for `/metrics`).
    queries: AtomicU64,
    /// Long polls refused: (per-caller cap, total cap).
    refused: (AtomicU64, AtomicU64),
}

/// Long polls held now.
#[derive(Debug, Default)]
struct PollCounts {
    total: usize,
    by_caller: HashMap<String, usize>,
}

/// Why a long poll is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PollRefusal {
    /// The caller holds as many as one caller may.
    Caller(usize),
    /// The server holds as many as it will.
    Total(usize),
}

/// Whether one more long poll may wait, given those held now in all and by its caller.
pub fn may_hold_poll(
    total: usize,
    by_caller: usize,
    caps: (usize, usize),
) -> Result<(), PollRefusal> {
    if by_caller >= caps.1 {
        Err(PollRefusal::Caller(caps.1))
    } else if total >= caps.0 {
        Err(PollRefusal::Total(caps.0))
    } else {
        Ok(())
    }
}

impl PollRefusal {
    /// The answer: 429 for the caller's cap, 503 for the server's, each with `Retry-After`.
    fn response(self, lang: crate::i18n::Lang) -> HttpResponse {
        match self {
            PollRefusal::Caller(n) => refusal(
                StatusCode::TOO_MANY_REQUESTS,
                "too-many-long-polls",
                "problem-title-too-many-long-polls",
                msg!("problem-long-polls-caller", count = n),
                POLL_RETRY_AFTER,
                lang,
            ),
            PollRefusal::Total(n) => refusal(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "problem-title-unavailable",
                msg!("problem-long-polls-total", count = n),
                POLL_RETRY_AFTER,
                lang,
            ),
        }
    }
}

/// One held long poll; released when dropped.
struct PollSlot<'a> {
    feed: &'a ChangeFeed,
    caller: String,
}

impl Drop for PollSlot<'_> {
    fn drop(&mut self) {
        let mut p = self
            .feed
            .polls
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        p.total = p.total.saturating_sub(1);
        if let Some(n) = p.by_caller.get_mut(&self.caller) {
            *n -= 1;
            if *n == 0 {
                p.by_caller.remove(&self.caller);
            }
        }
    }
}

/// The change feed of one read scope: the cursors its requests wait at, and its last read.
struct ScopeFeed {
    scope: ListScope,
    unbound_too: bool,
    /// Cursor → requests waiting at it.
    cursors: std::sync::Mutex<BTreeMap<i64, usize>>,
    /// The last read of this scope's events; held while a read runs, so waiters woken together
    /// wait for one read instead of each running its own.
    last: Mutex<Option<Arc<Fetched>>>,
}

/// One read of a scope's events.
#[derive(Debug)]
struct Fetched {
    /// The wake generation before the read began: it saw every write announced up to there.
    generation: u64,
    /// When the read began.
    began: Instant,
    /// The cursor it read after.
    from: i64,
    /// The audit head read before the events.
    head: i64,
    /// The events read (at most `PAGE`), as sequence number and JSON.
    events: Vec<(i64, serde_json::Value)>,
}

/// Which earlier read a request may take its answer from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reuse {
    /// A read of at least this generation that began at most this long ago (a new request:
    /// another instance's write may lag by that much, as for the board).
    Fresh(u64, Duration),
    /// A read of at least this generation (a waiter woken by it).
    Since(u64),
    /// None: read again.
    Never,
}

impl Fetched {
    /// Whether this read answers a request at cursor `after` under `reuse`: it began late
    /// enough, read from at or before the cursor, and either reached the head then or holds
    /// events past the cursor.
    fn answers(&self, after: i64, reuse: Reuse) -> bool {
        let recent = match reuse {
            Reuse::Fresh(generation, age) => {
                self.generation >= generation && self.began.elapsed() < age
            }
            Reuse::Since(generation) => self.generation >= generation,
            Reuse::Never => false,
        };
        let complete = (self.events.len() as i64) < PAGE
            || self.events.last().is_some_and(|(seq, _)| *seq > after);
        recent && self.from <= after && complete
    }

    /// The events past `after`.
    fn after(&self, after: i64) -> Vec<(i64, serde_json::Value)> {
        self.events
            .iter()
            .filter(|(seq, _)| *seq > after)
            .cloned()
            .collect()
    }
}

/// A request's use of a scope's feed; the scope is forgotten when its last request ends.
struct ScopeUse<'a> {
    feed: &'a ChangeFeed,
    key: String,
    scope: Arc<ScopeFeed>,
}

impl Drop for ScopeUse<'_> {
    fn drop(&mut self) {
        let mut scopes = self
            .feed
            .scopes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // Under the map's lock nobody takes a new handle: the map's and this one are the last.
        if Arc::strong_count(&self.scope) <= 2 {
            scopes.remove(&self.key);
        }
    }
}

/// A request waiting at a cursor; uncounted when dropped.
struct WaitingAt<'a> {
    scope: &'a ScopeFeed,
    cursor: i64,
}

impl<'a> WaitingAt<'a> {
    fn new(scope: &'a ScopeFeed, cursor: i64) -> Self {
        *scope
            .cursors
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .entry(cursor)
            .or_default() += 1;
        WaitingAt { scope, cursor }
    }
}

impl Drop for WaitingAt<'_> {
    fn drop(&mut self) {
        let mut c = self
            .scope
            .cursors
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(n) = c.get_mut(&self.cursor) {
            *n -= 1;
            if *n == 0 {
                c.remove(&self.cursor);
            }
        }
    }
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

impl ChangeFeed {
    /// A feed holding long polls to `limits`.
    pub fn new(limits: &Limits) -> Self {
        ChangeFeed {
            tx: watch::channel(0).0,
            head: AtomicI64::new(0),
            polled_at: Mutex::new(None),
            waiting: AtomicI64::new(0),
            recent: std::sync::Mutex::new(None),
            scopes: std::sync::Mutex::new(HashMap::new()),
            polls: std::sync::Mutex::new(PollCounts::default()),
            poll_caps: (limits.long_polls, limits.long_polls_per_caller),
            queries: AtomicU64::new(0),
            refused: (AtomicU64::new(0), AtomicU64::new(0)),
        }
    }

    /// Holds a long poll for `caller`, or says why not.
    fn hold_poll(&self, caller: &str) -> Result<PollSlot<'_>, PollRefusal> {
        let mut p = self
            .polls
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mine = p.by_caller.get(caller).copied().unwrap_or(0);
        if let Err(refused) = may_hold_poll(p.total, mine, self.poll_caps) {
            let counter = match refused {
                PollRefusal::Caller(_) => &self.refused.0,
                PollRefusal::Total(_) => &self.refused.1,
            };
            counter.fetch_add(1, Ordering::Relaxed);
            return Err(refused);
        }
        p.total += 1;
        *p.by_caller.entry(caller.to_string()).or_default() += 1;
        Ok(PollSlot {
            feed: self,
            caller: caller.to_string(),
        })
    }

    /// The feed of a read scope, shared by every request of that scope.
    fn scope(&self, scope: ListScope, unbound_too: bool) -> ScopeUse<'_> {
        let key = format!("{scope:?}|{unbound_too}");
        let shared = self
            .scopes
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .entry(key.clone())
            .or_insert_with(|| {
                Arc::new(ScopeFeed {
                    scope,
                    unbound_too,
                    cursors: std::sync::Mutex::new(BTreeMap::new()),
                    last: Mutex::new(None),
                })
            })
            .clone();
        ScopeUse {
            feed: self,
            key,
            scope: shared,
        }
    }

    /// The events of `scope` after `after` and the audit head they were read at: taken from
    /// the scope's last read where `reuse` allows, else read once for every waiter of the
    /// scope (from the oldest cursor waiting).
    async fn page(
        &self,
        state: &AppState,
        scope: &ScopeFeed,
        after: i64,
        reuse: Reuse,
    ) -> Result<(i64, Vec<(i64, serde_json::Value)>), ApiError> {
        let mut last = scope.last.lock().await;
        if let Some(f) = last.as_ref().filter(|f| f.answers(after, reuse)) {
            return Ok((f.head, f.after(after)));
        }
        let from = scope
            .cursors
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .keys()
            .next()
            .map_or(after, |oldest| after.min(*oldest));
        // Read before the query: a write announced later makes the next wake read again.
        let generation = *self.tx.borrow();
        let began = Instant::now();
        let (list, unbound_too) = (scope.scope.clone(), scope.unbound_too);
        self.queries.fetch_add(1, Ordering::Relaxed);
        // The head is read before the events, so an event committed between the two reads
        // leaves the head behind it and the next poll still sees it as new.
        let (head, events) = state
            .store
            .run(move |c| {
                let head = audit::head(c)?;
                let events = board::events_after(c, &list, unbound_too, from, PAGE)?;
                Ok::<_, ApiError>((head, events))
            })
            .await?;
        let fetched = Arc::new(Fetched {
            generation,
            began,
            from,
            head,
            events: events.iter().map(|e| (e.seq, event_json(e))).collect(),
        });
        let page = (fetched.head, fetched.after(after));
        *last = Some(fetched);
        Ok(page)
    }

    /// Registers the feed's counters, as read now.
    pub fn register(&self, reg: &mut prometheus_client::registry::Registry) {
        super::scrape::counter(
            reg,
            "corridor_change_feed_queries",
            "Event reads run for change-feed requests (one per scope per wake, not per waiter)",
            self.queries.load(Ordering::Relaxed),
        );
        super::scrape::counter_by(
            reg,
            "corridor_change_feed_refused",
            "Long polls refused at once, by the cap they met",
            &[
                (
                    vec![("cap", "caller".into())],
                    self.refused.0.load(Ordering::Relaxed),
                ),
                (
                    vec![("cap", "total".into())],
                    self.refused.1.load(Ordering::Relaxed),
                ),
            ],
        );
    }

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
                _ => errs.push(FieldError::new("after", msg!("problem-bad-after"))),
            },
            "wait" => match v.parse::<u64>() {
                Ok(n) if n <= MAX_WAIT_SECONDS => f.wait = Duration::from_secs(n),
                _ => errs.push(FieldError::new(
                    "wait",
                    msg!("problem-bad-wait", max = MAX_WAIT_SECONDS),
                )),
            },
            other => errs.push(FieldError::new(other, msg!("problem-unknown-parameter"))),
        }
    }
    if errs.is_empty() {
        Ok(f)
    } else {
        Err(ApiError::Validation(errs))
    }
}

/// `GET /v1/changes`: audit events in the caller's scope after `after`, oldest first; when
/// there are none, waits up to `wait` seconds for one. A waiting request beyond the caller's
/// cap is answered 429 at once, beyond the server's 503.
pub async fn changes(
    state: web::Data<AppState>,
    caller: Caller,
    req: actix_web::HttpRequest,
    q: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, ApiError> {
    let f = feed_query(&q)?;
    let feed = &state.feed;
    let _slot = if f.wait.is_zero() {
        None
    } else {
        match feed.hold_poll(&caller.user_id) {
            Ok(slot) => Some(slot),
            Err(refused) => return Ok(refused.response(super::problem::language_of(&req))),
        }
    };
    let scope = feed.scope(
        access::list_scope(&caller),
        access::sees_unbound_events(&caller),
    );
    let deadline = Instant::now() + f.wait;
    let mut wake = feed.subscribe();
    let mut generation = *wake.borrow_and_update();
    let mut reuse = Reuse::Fresh(generation, HEAD_FRESH);
    let mut waiting_at = None;
    let items = loop {
        let (seen_head, events) = feed.page(&state, &scope.scope, f.after, reuse).await?;
        if !events.is_empty() || Instant::now() >= deadline {
            break events;
        }
        waiting_at.get_or_insert_with(|| WaitingAt::new(&scope.scope, f.after));
        let _counted = Waiting::new(&feed.waiting);
        if !wait_for_change(&state, &mut wake, seen_head, deadline).await {
            break Vec::new();
        }
        let woken = *wake.borrow_and_update();
        // Woken by the head poll alone (no new generation): read again rather than trust
        // a read from before the head moved.
        reuse = if woken == generation {
            Reuse::Never
        } else {
            Reuse::Since(woken)
        };
        generation = woken;
    };
    drop(waiting_at);
    let items = within_bytes(items, PAGE_BYTES);
    let next_cursor = items.last().map_or(f.after, |(seq, _)| *seq);
    // The events are serialized once, to measure them; the page is put together from those bytes.
    let mut body = Vec::with_capacity(items.iter().map(|(_, b)| b.len() + 1).sum::<usize>() + 40);
    body.extend_from_slice(b"{\"items\":[");
    for (i, (_, event)) in items.iter().enumerate() {
        if i > 0 {
            body.push(b',');
        }
        body.extend_from_slice(event);
    }
    body.extend_from_slice(format!("],\"next_cursor\":{next_cursor}}}").as_bytes());
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .content_type("application/json")
        .body(body))
}

/// The leading events, as JSON, that fit in `budget` bytes, and always the first.
fn within_bytes(events: Vec<(i64, serde_json::Value)>, budget: usize) -> Vec<(i64, Vec<u8>)> {
    let mut used = 0;
    let mut kept = Vec::with_capacity(events.len());
    for (seq, e) in events {
        // A Value always serializes (its map keys are strings).
        let bytes = serde_json::to_vec(&e).unwrap_or_default();
        used += bytes.len() + 1;
        if used > budget && !kept.is_empty() {
            break;
        }
        kept.push((seq, bytes));
    }
    kept
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
    fn the_callers_cap_comes_before_the_servers() {
        assert_eq!(may_hold_poll(0, 0, (10, 2)), Ok(()));
        assert_eq!(may_hold_poll(9, 1, (10, 2)), Ok(()));
        assert_eq!(may_hold_poll(5, 2, (10, 2)), Err(PollRefusal::Caller(2)));
        assert_eq!(may_hold_poll(10, 0, (10, 2)), Err(PollRefusal::Total(10)));
        assert_eq!(may_hold_poll(10, 2, (10, 2)), Err(PollRefusal::Caller(2)));
    }

    fn fetched(generation: u64, from: i64, seqs: &[i64]) -> Fetched {
        Fetched {
            generation,
            began: Instant::now(),
            from,
            head: seqs.last().copied().unwrap_or(from),
            events: seqs.iter().map(|s| (*s, serde_json::json!(s))).collect(),
        }
    }

    #[test]
    fn one_read_answers_every_waiter_it_covers() {
        let f = fetched(7, 10, &[12, 15]);
        // Waiters at 10, 12 and 15 of a wake up to generation 7 all take their part.
        assert!(f.answers(10, Reuse::Since(7)));
        assert_eq!(f.after(10).len(), 2);
        assert!(f.answers(12, Reuse::Since(6)));
        assert_eq!(f.after(12), vec![(15, serde_json::json!(15))]);
        assert!(f.answers(15, Reuse::Since(7)) && f.after(15).is_empty());
        // Not for a later wake, a cursor before the read, or when told to read again.
        assert!(!f.answers(12, Reuse::Since(8)));
        assert!(!f.answers(9, Reuse::Since(7)));
        assert!(!f.answers(12, Reuse::Never));
        // A new request takes only a recent read.
        assert!(f.answers(12, Reuse::Fresh(7, Duration::from_secs(60))));
        assert!(!f.answers(12, Reuse::Fresh(7, Duration::ZERO)));
    }

    #[test]
    fn a_full_page_answers_only_cursors_inside_it() {
        let seqs: Vec<i64> = (1..=PAGE).collect();
        let f = fetched(1, 0, &seqs);
        assert!(f.answers(PAGE - 1, Reuse::Since(1)));
        // Past the page's end there may be events it did not read.
        assert!(!f.answers(PAGE, Reuse::Since(1)));
        assert!(!f.answers(PAGE + 5, Reuse::Since(1)));
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

    #[test]
    fn a_page_is_cut_at_its_byte_budget_but_never_empty() {
        let big = |seq: i64| {
            (
                seq,
                serde_json::json!({"seq": seq, "detail": "x".repeat(1000)}),
            )
        };
        let page: Vec<_> = (1..=10).map(big).collect();
        let kept = within_bytes(page.clone(), 3_100);
        assert_eq!(kept.iter().map(|(s, _)| *s).collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(
            within_bytes(page.clone(), 10).len(),
            1,
            "one event always goes"
        );
        assert_eq!(within_bytes(page, usize::MAX).len(), 10);
    }
}
