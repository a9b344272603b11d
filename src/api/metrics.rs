//! `GET /metrics` in the OpenMetrics text format (which Prometheus reads), written by the
//! `prometheus-client` crate, and the middleware that counts requests.
//!
//! Requests are labelled by the matched route pattern (`/v1/notifications/{id}`), never the
//! raw path, so notification ids cannot explode the number of series.

use std::collections::BTreeMap;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method};
use actix_web::middleware::Next;
use actix_web::{web, HttpResponse};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::ConstGauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

use super::problem::ApiError;
use super::scrape::{gauge, gauge_by, Labels};
use super::AppState;
use crate::store::board;

/// Upper bounds of the latency histogram, in seconds (long polls land in the top ones).
const BUCKETS: [f64; 13] = [
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// The labels of a counted request.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    method: &'static str,
    status: u16,
}

/// The label of a latency histogram.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

fn histogram() -> Histogram {
    Histogram::new(BUCKETS)
}

/// Request counts and latencies since the process started (atomics behind a read-mostly map:
/// a request that finds its series takes no exclusive lock).
#[derive(Debug)]
pub struct RequestMetrics {
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
}

impl Default for RequestMetrics {
    fn default() -> Self {
        RequestMetrics {
            requests: Family::default(),
            latency: Family::new_with_constructor(histogram),
        }
    }
}

impl RequestMetrics {
    /// Records one answered request.
    pub fn observe(&self, route: &str, method: &Method, status: u16, seconds: f64) {
        self.requests
            .get_or_create(&RequestLabels {
                route: route.to_string(),
                method: method_label(method),
                status,
            })
            .inc();
        self.latency
            .get_or_create(&RouteLabels {
                route: route.to_string(),
            })
            .observe(seconds);
    }

    fn register(&self, reg: &mut Registry) {
        reg.register(
            "corridor_http_requests",
            "HTTP requests answered, by route pattern, method and status",
            self.requests.clone(),
        );
        reg.register(
            "corridor_http_request_duration_seconds",
            "Time to answer, by route pattern",
            self.latency.clone(),
        );
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
    let mut reg = Registry::default();
    state.metrics.register(&mut reg);
    gauge(
        &mut reg,
        "corridor_change_feed_waiting",
        "Change-feed requests waiting for the next event",
        state.feed.waiting(),
    );
    state.feed.register(&mut reg);
    if let Some(table) = connections {
        table.register(&mut reg);
    }
    let up = gauges.is_ok();
    gauge(
        &mut reg,
        "corridor_database_up",
        "Whether the gauges below could be read from the database",
        i64::from(up),
    );
    match gauges {
        Ok(g) => {
            let mut by_status: BTreeMap<&str, i64> = crate::domain::NotificationStatus::ALL
                .iter()
                .map(|s| (s.as_str(), 0))
                .collect();
            for (s, n) in &g.notifications {
                by_status.insert(s.as_str(), *n);
            }
            let values: Vec<(Labels, i64)> = by_status
                .into_iter()
                .map(|(s, n)| (vec![("status", s.to_string())], n))
                .collect();
            gauge_by(
                &mut reg,
                "corridor_notifications",
                "Notifications by status",
                &values,
            );
            gauge(
                &mut reg,
                "corridor_escalations_open",
                "Escalations nobody has acknowledged",
                g.escalations_open,
            );
            let lag = g
                .oldest_due_timer
                .map(|due| ((now.naive_utc() - due).num_milliseconds().max(0) as f64) / 1000.0)
                .unwrap_or(0.0);
            reg.register(
                "corridor_timer_lag_seconds",
                "Age of the oldest timer that is due and not yet fired (0 if none)",
                ConstGauge::new(lag),
            );
            gauge(
                &mut reg,
                "corridor_outbox_backlog",
                "Outbox messages not yet sent",
                g.outbox_backlog,
            );
        }
        Err(e) => tracing::warn!(error = %e, "metrics could not read the database"),
    }
    let mut out = String::with_capacity(8192);
    if let Err(e) = prometheus_client::encoding::text::encode(&mut out, &reg) {
        return actix_web::ResponseError::error_response(&ApiError::Internal(format!(
            "metrics: {e}"
        )));
    }
    HttpResponse::Ok()
        .insert_header((
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
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
        let mut reg = Registry::default();
        m.register(&mut reg);
        let mut out = String::new();
        prometheus_client::encoding::text::encode(&mut out, &reg).unwrap();
        assert!(out.contains(
            "corridor_http_requests_total{route=\"/v1/notifications/{id}\",method=\"GET\",status=\"404\"} 1"
        ));
        assert!(out.contains("corridor_http_request_duration_seconds_bucket{le=\"0.005\",route=\"/v1/notifications/{id}\"} 1"));
        assert!(out.contains("corridor_http_request_duration_seconds_bucket{le=\"0.25\",route=\"/v1/notifications/{id}\"} 2"));
        assert!(out.contains("corridor_http_request_duration_seconds_bucket{le=\"+Inf\",route=\"/v1/notifications/{id}\"} 2"));
        assert!(out.ends_with("# EOF\n"), "OpenMetrics ends with EOF");
        assert!(out.contains("route=\"/x\\\"y\",method=\"other\""));
    }
}
