//! `GET /metrics` in the Prometheus text format, and the middleware that counts requests.
//!
//! Requests are labelled by the matched route pattern (`/v1/notifications/{id}`), never the
//! raw path, so notification ids cannot explode the number of series.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method};
use actix_web::middleware::Next;
use actix_web::{web, HttpResponse};

use super::problem::ApiError;
use super::AppState;
use crate::store::board;

/// Upper bounds of the latency histogram, in seconds (long polls land in the top ones).
const BUCKETS: [f64; 13] = [
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

#[derive(Debug, Clone, Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

#[derive(Debug, Default)]
struct Tallies {
    requests: BTreeMap<(String, &'static str, u16), u64>,
    latency: BTreeMap<String, Histogram>,
}

/// Request counts and latencies since the process started.
#[derive(Debug, Default)]
pub struct RequestMetrics {
    tallies: Mutex<Tallies>,
}

impl RequestMetrics {
    /// Records one answered request.
    pub fn observe(&self, route: &str, method: &Method, status: u16, seconds: f64) {
        let mut t = self.tallies.lock().unwrap_or_else(|p| p.into_inner());
        *t.requests
            .entry((route.to_string(), method_label(method), status))
            .or_default() += 1;
        let h = t.latency.entry(route.to_string()).or_default();
        h.count += 1;
        h.sum += seconds;
        for (i, le) in BUCKETS.iter().enumerate() {
            if seconds <= *le {
                h.counts[i] += 1;
            }
        }
    }

    fn render(&self, out: &mut String) {
        let t = self.tallies.lock().unwrap_or_else(|p| p.into_inner());
        out.push_str("# HELP corridor_http_requests_total HTTP requests answered, by route pattern, method and status.\n");
        out.push_str("# TYPE corridor_http_requests_total counter\n");
        for ((route, method, status), n) in &t.requests {
            let _ = writeln!(
                out,
                "corridor_http_requests_total{{route=\"{}\",method=\"{method}\",status=\"{status}\"}} {n}",
                escape(route)
            );
        }
        out.push_str(
            "# HELP corridor_http_request_duration_seconds Time to answer, by route pattern.\n",
        );
        out.push_str("# TYPE corridor_http_request_duration_seconds histogram\n");
        for (route, h) in &t.latency {
            let route = escape(route);
            for (le, n) in BUCKETS.iter().zip(h.counts.iter()) {
                let _ = writeln!(
                    out,
                    "corridor_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{le}\"}} {n}"
                );
            }
            let _ = writeln!(
                out,
                "corridor_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                h.count
            );
            let _ = writeln!(
                out,
                "corridor_http_request_duration_seconds_sum{{route=\"{route}\"}} {}",
                h.sum
            );
            let _ = writeln!(
                out,
                "corridor_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                h.count
            );
        }
    }
}

/// Standard methods by name; anything else is `other`, so odd methods add no series.
fn method_label(m: &Method) -> &'static str {
    match *m {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// Escapes a label value (backslash, double quote, newline).
fn escape(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Middleware: counts every request and its latency by route pattern, method and status.
pub async fn record(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let start = Instant::now();
    let method = req.method().clone();
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let route = req.match_pattern();
    let res = next.call(req).await;
    if let Some(state) = state {
        let status = match &res {
            Ok(r) => r.status().as_u16(),
            Err(e) => e.as_response_error().status_code().as_u16(),
        };
        let route = route.as_deref().unwrap_or("unmatched");
        state
            .metrics
            .observe(route, &method, status, start.elapsed().as_secs_f64());
    }
    res
}

/// `GET /metrics`: request metrics, and notifications, escalations, timer lag and outbox
/// backlog as read from the database now.
pub async fn metrics(
    state: web::Data<AppState>,
    connections: Option<web::Data<super::connections::ConnectionTable>>,
) -> HttpResponse {
    let now = state.clock.now();
    let gauges = state
        .store
        .run(move |c| board::gauges(c, now.naive_utc()).map_err(ApiError::from))
        .await;
    let mut out = String::with_capacity(8192);
    state.metrics.render(&mut out);
    let _ = write!(
        out,
        "# HELP corridor_change_feed_waiting Change-feed requests waiting for the next event.\n\
         # TYPE corridor_change_feed_waiting gauge\n\
         corridor_change_feed_waiting {}\n",
        state.feed.waiting()
    );
    state.feed.render(&mut out);
    if let Some(table) = connections {
        table.render(&mut out);
    }
    out.push_str(
        "# HELP corridor_database_up Whether the gauges below could be read from the database.\n",
    );
    out.push_str("# TYPE corridor_database_up gauge\n");
    match gauges {
        Ok(g) => {
            out.push_str("corridor_database_up 1\n");
            let mut by_status: BTreeMap<&str, i64> = crate::domain::NotificationStatus::ALL
                .iter()
                .map(|s| (s.as_str(), 0))
                .collect();
            for (s, n) in &g.notifications {
                by_status.insert(s.as_str(), *n);
            }
            out.push_str("# HELP corridor_notifications Notifications by status.\n");
            out.push_str("# TYPE corridor_notifications gauge\n");
            for (s, n) in by_status {
                let _ = writeln!(
                    out,
                    "corridor_notifications{{status=\"{}\"}} {n}",
                    escape(s)
                );
            }
            let lag = g
                .oldest_due_timer
                .map(|due| ((now.naive_utc() - due).num_milliseconds().max(0) as f64) / 1000.0)
                .unwrap_or(0.0);
            let _ = write!(
                out,
                "# HELP corridor_escalations_open Escalations nobody has acknowledged.\n\
                 # TYPE corridor_escalations_open gauge\n\
                 corridor_escalations_open {}\n\
                 # HELP corridor_timer_lag_seconds Age of the oldest timer that is due and not yet fired (0 if none).\n\
                 # TYPE corridor_timer_lag_seconds gauge\n\
                 corridor_timer_lag_seconds {lag}\n\
                 # HELP corridor_outbox_backlog Outbox messages not yet sent.\n\
                 # TYPE corridor_outbox_backlog gauge\n\
                 corridor_outbox_backlog {}\n",
                g.escalations_open, g.outbox_backlog
            );
        }
        Err(e) => {
            tracing::warn!(error = %e, "metrics could not read the database");
            out.push_str("corridor_database_up 0\n");
        }
    }
    HttpResponse::Ok()
        .insert_header((
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        ))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histogram_buckets_are_cumulative_and_labels_escaped() {
        let m = RequestMetrics::default();
        m.observe("/v1/notifications/{id}", &Method::GET, 200, 0.003);
        m.observe("/v1/notifications/{id}", &Method::GET, 404, 0.2);
        m.observe("/x\"y", &Method::from_bytes(b"BREW").unwrap(), 405, 0.0);
        let mut out = String::new();
        m.render(&mut out);
        assert!(out.contains(
            "corridor_http_requests_total{route=\"/v1/notifications/{id}\",method=\"GET\",status=\"404\"} 1"
        ));
        assert!(out.contains("corridor_http_request_duration_seconds_bucket{route=\"/v1/notifications/{id}\",le=\"0.005\"} 1"));
        assert!(out.contains("corridor_http_request_duration_seconds_bucket{route=\"/v1/notifications/{id}\",le=\"0.25\"} 2"));
        assert!(out.contains("corridor_http_request_duration_seconds_bucket{route=\"/v1/notifications/{id}\",le=\"+Inf\"} 2"));
        assert!(out.contains("route=\"/x\\\"y\",method=\"other\""));
    }
}
