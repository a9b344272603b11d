//! Bounded connections and request bodies (issue 17 item 2): what a slow or greedy client may
//! hold open.
//!
//! - Every accepted connection is counted, in all and per client address (IPv6 by /64), from
//!   `on_connect` until the connection's data is dropped with it. A connection beyond the
//!   address's cap is answered 429, one beyond the server's cap 503, each with `Retry-After` and
//!   `Connection: close`, so the descriptor comes back as soon as the client has sent a head
//!   (or the head timeout passed). A quarter beyond the server's cap the listener stops
//!   accepting; the kernel's backlog holds the rest, costing no descriptor.
//! - A request body must arrive within the body timeout of its head: a slower one is answered
//!   408 and the connection closed (actix times out heads, not bodies).
//! - The caps are sized below the file-descriptor limit (`size_caps`), so the server sheds load
//!   before `accept` fails and `/healthz` stops answering.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use actix_web::body::{BodySize, BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::http::{header, StatusCode};
use actix_web::middleware::Next;
use actix_web::web::Bytes;
use actix_web::{web, HttpMessage, HttpResponse};
use futures_util::Stream;
use tokio::time::{Instant, Sleep};

use super::problem::{Problem, PROBLEM_JSON};
use super::AppState;
use crate::config::Limits;
use crate::i18n::{msg, text, Lang, Msg};

/// Descriptors kept back from connections: the database pool (a SQLite connection holds the
/// database, its WAL and shared-memory files), log and policy files, SMTP, the listener.
const RESERVED_DESCRIPTORS: u64 = 128;
/// Descriptors one pooled database connection may hold.
const DESCRIPTORS_PER_DB_CONNECTION: u64 = 3;

/// The connection caps in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caps {
    /// Open connections served; beyond, 503.
    pub serve: usize,
    /// Open connections accepted at all (actix's `max_connections`, summed over workers).
    pub accept: usize,
    /// Open connections served per client address (0: no cap); beyond, 429.
    pub per_address: usize,
}

/// Sizes the caps from the settings and the soft file-descriptor limit (when known): the
/// accepted connections, and a reserve for everything else, fit under the limit, and 503s are
/// answered before the listener stops accepting.
pub fn size_caps(limits: &Limits, fd_limit: Option<u64>, db_pool: u32) -> Caps {
    let wanted_accept = limits.max_connections + limits.max_connections.div_ceil(4);
    let accept = match fd_limit {
        Some(fds) => {
            let reserve = RESERVED_DESCRIPTORS + DESCRIPTORS_PER_DB_CONNECTION * u64::from(db_pool);
            let budget = usize::try_from(fds.saturating_sub(reserve)).unwrap_or(usize::MAX);
            wanted_accept.min(budget)
        }
        None => wanted_accept,
    }
    .max(2);
    // A fifth of what is accepted stays for being answered 503 rather than queued unheard.
    let serve = limits.max_connections.min(accept - accept / 5).max(1);
    Caps {
        serve,
        accept,
        per_address: limits.max_connections_per_address,
    }
}

/// What a new connection may do, decided when it is accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Served normally.
    Serve,
    /// Its address holds too many connections: 429 and close.
    TooManyFromAddress,
    /// The server holds too many connections: 503 and close.
    Overloaded,
}

/// The verdict for a connection that makes `open` in all and `from_address` from its address
/// (both counting itself).
pub fn verdict(open: usize, from_address: usize, caps: &Caps) -> Verdict {
    if caps.per_address > 0 && from_address > caps.per_address {
        Verdict::TooManyFromAddress
    } else if open > caps.serve {
        Verdict::Overloaded
    } else {
        Verdict::Serve
    }
}

/// The address a client is counted under: an IPv4 address (also when mapped into IPv6), or the
/// /64 of an IPv6 address, which one client usually holds whole.
pub fn address_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
    }
}

/// The open connections, in all and by client address, shared by every worker.
#[derive(Debug)]
pub struct ConnectionTable {
    caps: Caps,
    open: AtomicUsize,
    by_address: Mutex<HashMap<IpAddr, usize>>,
    /// Trusted reverse proxies: every client comes through them, so they are not capped per
    /// address (the total cap still holds).
    proxies: Vec<crate::config::AddressRange>,
    refused_address: AtomicU64,
    refused_overload: AtomicU64,
    body_timeouts: AtomicU64,
}

impl ConnectionTable {
    /// An empty table with these caps (no trusted proxies).
    #[cfg(test)]
    pub fn new(caps: Caps) -> Self {
        ConnectionTable::behind(caps, Vec::new())
    }

    /// An empty table with these caps that does not cap the trusted `proxies` per address.
    pub fn behind(caps: Caps, proxies: Vec<crate::config::AddressRange>) -> Self {
        ConnectionTable {
            caps,
            open: AtomicUsize::new(0),
            by_address: Mutex::new(HashMap::new()),
            proxies,
            refused_address: AtomicU64::new(0),
            refused_overload: AtomicU64::new(0),
            body_timeouts: AtomicU64::new(0),
        }
    }

    /// The caps in force.
    pub fn caps(&self) -> Caps {
        self.caps
    }

    /// Counts a new connection from `peer` and decides what it may do; the ticket uncounts it
    /// when dropped with the connection.
    pub fn admit(self: &Arc<Self>, peer: Option<IpAddr>) -> Ticket {
        let open = self.open.fetch_add(1, Ordering::SeqCst) + 1;
        let key = peer
            .filter(|ip| !self.proxies.iter().any(|r| r.contains(*ip)))
            .map(address_key);
        let from_address = match key {
            Some(k) => {
                let mut by = self
                    .by_address
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                let n = by.entry(k).or_default();
                *n += 1;
                *n
            }
            None => 0,
        };
        let verdict = verdict(open, from_address, &self.caps);
        match verdict {
            Verdict::Serve => {}
            Verdict::TooManyFromAddress => {
                self.refused_address.fetch_add(1, Ordering::Relaxed);
            }
            Verdict::Overloaded => {
                self.refused_overload.fetch_add(1, Ordering::Relaxed);
            }
        }
        Ticket {
            table: self.clone(),
            key,
            verdict,
        }
    }

    /// Registers the connection gauges and counters, as read now.
    pub fn register(&self, reg: &mut prometheus_client::registry::Registry) {
        use super::scrape::{counter, counter_by, gauge};
        gauge(
            reg,
            "corridor_connections_open",
            "Open client connections",
            self.open.load(Ordering::SeqCst) as i64,
        );
        gauge(
            reg,
            "corridor_connections_max",
            "Open connections served before new ones are answered 503",
            self.caps.serve as i64,
        );
        counter_by(
            reg,
            "corridor_connections_refused",
            "Connections answered at once and closed, by reason",
            &[
                (
                    vec![("reason", "per_address".into())],
                    self.refused_address.load(Ordering::Relaxed),
                ),
                (
                    vec![("reason", "overload".into())],
                    self.refused_overload.load(Ordering::Relaxed),
                ),
            ],
        );
        counter(
            reg,
            "corridor_body_timeouts",
            "Requests answered 408 because their body came too slowly",
            self.body_timeouts.load(Ordering::Relaxed),
        );
    }
}

/// One counted connection, kept in the connection's data; uncounts it when dropped.
#[derive(Debug)]
pub struct Ticket {
    table: Arc<ConnectionTable>,
    key: Option<IpAddr>,
    verdict: Verdict,
}

impl Drop for Ticket {
    fn drop(&mut self) {
        self.table.open.fetch_sub(1, Ordering::SeqCst);
        if let Some(k) = self.key {
            let mut by = self
                .table
                .by_address
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some(n) = by.get_mut(&k) {
                *n -= 1;
                if *n == 0 {
                    by.remove(&k);
                }
            }
        }
    }
}

/// A problem+json answer with `Retry-After`, for refusals made before any handler runs.
/// Title and detail are message ids put into `lang` (no user is known yet: `Accept-Language`).
pub fn refusal(
    status: StatusCode,
    slug: &str,
    title: &'static str,
    detail: Msg,
    retry_after_secs: u64,
    lang: Lang,
) -> HttpResponse {
    let problem = Problem {
        kind: format!("urn:corridor:problem:{slug}"),
        title: text(lang, title),
        status: status.as_u16(),
        detail: detail.render(lang),
        errors: Vec::new(),
    };
    HttpResponse::build(status)
        .insert_header((header::CONTENT_TYPE, PROBLEM_JSON))
        .insert_header((header::CONTENT_LANGUAGE, lang.as_str()))
        .insert_header((header::RETRY_AFTER, retry_after_secs.to_string()))
        .body(serde_json::to_string(&problem).unwrap_or_else(|_| "{}".into()))
}

/// Middleware: answers a connection refused at accept (429/503, then closed), and holds every
/// request body to the body timeout (408, then closed).
pub async fn bound(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let table = req
        .conn_data::<Ticket>()
        .map(|t| (t.verdict, t.table.clone()));
    let lang = Lang::negotiate(
        None,
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    if let Some((verdict, table)) = &table {
        let caps = table.caps();
        let refused = match verdict {
            Verdict::Serve => None,
            Verdict::TooManyFromAddress => Some(refusal(
                StatusCode::TOO_MANY_REQUESTS,
                "too-many-connections",
                "problem-title-too-many-connections",
                msg!("problem-connections-address", count = caps.per_address),
                1,
                lang,
            )),
            Verdict::Overloaded => Some(refusal(
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "problem-title-unavailable",
                msg!("problem-connections-total"),
                2,
                lang,
            )),
        };
        if let Some(mut res) = refused {
            res.head_mut()
                .set_connection_type(actix_web::http::ConnectionType::Close);
            return Ok(req.into_response(res));
        }
    }
    let timeout = req
        .app_data::<web::Data<AppState>>()
        .map_or(Duration::from_secs(10), |s| {
            Duration::from_secs(s.settings.limits.body_timeout_secs)
        });
    let watch = has_body(&req).then(|| {
        let watch = Rc::new(BodyWatch::default());
        let inner = req.take_payload();
        let stream: Pin<Box<dyn Stream<Item = Result<Bytes, PayloadError>>>> =
            Box::pin(DeadlineBody {
                inner: Some(inner),
                deadline: Instant::now() + timeout,
                sleep: Box::pin(tokio::time::sleep(timeout)),
                watch: watch.clone(),
            });
        req.set_payload(Payload::from(stream));
        watch
    });
    let res = next.call(req).await?;
    let Some(watch) = watch else {
        return Ok(res.map_into_boxed_body());
    };
    let res = if watch.expired.get() {
        if let Some((_, table)) = &table {
            table.body_timeouts.fetch_add(1, Ordering::Relaxed);
        }
        let mut answer = refusal(
            StatusCode::REQUEST_TIMEOUT,
            "body-timeout",
            "problem-title-body-timeout",
            msg!("problem-body-timeout", seconds = timeout.as_secs()),
            1,
            lang,
        );
        answer
            .head_mut()
            .set_connection_type(actix_web::http::ConnectionType::Close);
        let (req, _) = res.into_parts();
        ServiceResponse::new(req, answer)
    } else {
        res.map_into_boxed_body()
    };
    // A request body left unread is kept until the response is sent: actix then closes the
    // connection after answering instead of draining a body that may never come.
    let unread = watch.unread.borrow_mut().take();
    Ok(match unread {
        Some(unread) => res.map_body(|_, body| {
            BoxBody::new(HeldBody {
                body,
                _unread: unread,
            })
        }),
        None => res,
    })
}

/// A response body that keeps the request's unread body alive until it is sent.
struct HeldBody {
    body: BoxBody,
    _unread: Payload,
}

impl MessageBody for HeldBody {
    type Error = Box<dyn std::error::Error>;

    fn size(&self) -> BodySize {
        self.body.size()
    }

    fn poll_next(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        Pin::new(&mut self.get_mut().body).poll_next(cx)
    }
}

/// Whether the request announces a body (a length above 0, or chunks).
fn has_body(req: &ServiceRequest) -> bool {
    let h = req.headers();
    let length = h
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    h.contains_key(header::TRANSFER_ENCODING) || length.is_some_and(|n| n > 0)
}

/// What the middleware learns from a body's reader.
#[derive(Default)]
struct BodyWatch {
    /// The deadline passed before the body ended.
    expired: Cell<bool>,
    /// The body's stream when it was left unfinished.
    unread: RefCell<Option<Payload>>,
}

/// A request body that fails with a timeout once its deadline passes.
struct DeadlineBody {
    inner: Option<Payload>,
    deadline: Instant,
    sleep: Pin<Box<Sleep>>,
    watch: Rc<BodyWatch>,
}

impl DeadlineBody {
    fn expire(&mut self) -> Poll<Option<Result<Bytes, PayloadError>>> {
        self.watch.expired.set(true);
        *self.watch.unread.borrow_mut() = self.inner.take();
        Poll::Ready(Some(Err(PayloadError::Io(std::io::Error::new(
            std::io::ErrorKind::TimedOut,
            "the request body came too slowly",
        )))))
    }
}

impl Stream for DeadlineBody {
    type Item = Result<Bytes, PayloadError>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        let Some(inner) = this.inner.as_mut() else {
            return Poll::Ready(None);
        };
        // A body trickling in a byte at a time is as late as one that stopped.
        if Instant::now() >= this.deadline {
            return this.expire();
        }
        match Pin::new(inner).poll_next(cx) {
            Poll::Ready(None) => {
                this.inner = None;
                Poll::Ready(None)
            }
            Poll::Ready(Some(item)) => Poll::Ready(Some(item)),
            Poll::Pending => match this.sleep.as_mut().poll(cx) {
                Poll::Ready(()) => this.expire(),
                Poll::Pending => Poll::Pending,
            },
        }
    }
}

impl Drop for DeadlineBody {
    fn drop(&mut self) {
        if let Some(inner) = self.inner.take() {
            *self.watch.unread.borrow_mut() = Some(inner);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(max: usize, per_address: usize) -> Limits {
        Limits {
            max_connections: max,
            max_connections_per_address: per_address,
            header_timeout_secs: 5,
            body_timeout_secs: 10,
            keep_alive_secs: 5,
            long_polls: 1024,
            long_polls_per_caller: 8,
        }
    }

    #[test]
    fn caps_fit_under_the_descriptor_limit_with_room_to_answer_503() {
        // Plenty of descriptors: as configured, a quarter more accepted to be answered 503.
        let c = size_caps(&limits(4096, 128), Some(1 << 20), 4);
        assert_eq!((c.serve, c.accept, c.per_address), (4096, 5120, 128));
        // 1024 descriptors: the reserve comes off, and a fifth of the rest answers 503.
        let c = size_caps(&limits(4096, 128), Some(1024), 4);
        assert_eq!(c.accept, 1024 - 128 - 12);
        assert_eq!(c.serve, c.accept - c.accept / 5);
        assert!(c.serve < c.accept);
        // Unknown limit: as configured.
        assert_eq!(size_caps(&limits(100, 0), None, 4).serve, 100);
        // Absurdly few descriptors still leave something to serve.
        let c = size_caps(&limits(100, 0), Some(10), 4);
        assert!(c.serve >= 1 && c.accept >= c.serve);
    }

    #[test]
    fn per_address_cap_comes_before_the_total_and_zero_turns_it_off() {
        let caps = Caps {
            serve: 10,
            accept: 12,
            per_address: 3,
        };
        assert_eq!(verdict(5, 3, &caps), Verdict::Serve);
        assert_eq!(verdict(5, 4, &caps), Verdict::TooManyFromAddress);
        assert_eq!(verdict(11, 1, &caps), Verdict::Overloaded);
        assert_eq!(verdict(11, 4, &caps), Verdict::TooManyFromAddress);
        let open = Caps {
            per_address: 0,
            ..caps
        };
        assert_eq!(verdict(10, 10, &open), Verdict::Serve);
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64_and_mapped_ipv4_as_ipv4() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(address_key(a), address_key(b));
        assert_ne!(address_key(a), address_key(c));
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().unwrap();
        assert_eq!(address_key(mapped), "192.0.2.7".parse::<IpAddr>().unwrap());
    }

    #[test]
    fn tickets_count_connections_until_dropped() {
        let table = Arc::new(ConnectionTable::new(Caps {
            serve: 3,
            accept: 4,
            per_address: 2,
        }));
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let other: IpAddr = "192.0.2.2".parse().unwrap();
        let a = table.admit(Some(ip));
        let b = table.admit(Some(ip));
        let c = table.admit(Some(ip));
        assert_eq!(
            (a.verdict, b.verdict, c.verdict),
            (Verdict::Serve, Verdict::Serve, Verdict::TooManyFromAddress)
        );
        let d = table.admit(Some(other));
        assert_eq!(d.verdict, Verdict::Overloaded);
        drop((c, d));
        drop(b);
        assert_eq!(table.admit(Some(ip)).verdict, Verdict::Serve);
        drop(a);
        assert_eq!(table.open.load(Ordering::SeqCst), 0);
        assert!(table.by_address.lock().unwrap().is_empty());
    }

    #[test]
    fn a_trusted_proxy_is_not_capped_per_address_but_counts_in_the_total() {
        let proxy = crate::config::AddressRange::parse("10.0.0.0/8").unwrap();
        let table = Arc::new(ConnectionTable::behind(
            Caps {
                serve: 4,
                accept: 5,
                per_address: 1,
            },
            vec![proxy],
        ));
        let via: IpAddr = "10.1.2.3".parse().unwrap();
        let held: Vec<Ticket> = (0..4).map(|_| table.admit(Some(via))).collect();
        assert!(held.iter().all(|t| t.verdict == Verdict::Serve));
        assert_eq!(table.admit(Some(via)).verdict, Verdict::Overloaded);
        drop(held);
        // Anyone else is still capped per address.
        let direct: IpAddr = "192.0.2.9".parse().unwrap();
        let _first = table.admit(Some(direct));
        assert_eq!(
            table.admit(Some(direct)).verdict,
            Verdict::TooManyFromAddress
        );
    }
}
