//! Issue 12: `/metrics` through the `prometheus-client` crate instead of hand-written tallies,
//! "unless measured slower". Both sides of every request's cost and of a scrape, side by side:
//! the hand-written tallies as they were (a mutex over two BTreeMaps keyed by owned strings,
//! formatted with `write!`) against what `api/metrics.rs` now does (a `Family` of atomic
//! counters and histograms, encoded by the crate). 40 route patterns × 3 statuses, as a busy
//! server has; one thread and two threads recording at once.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;

const BUCKETS: [f64; 13] = [
    0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// Request counts by (route, method, status), and per route the histogram's buckets, count, sum.
type Tallies = (
    BTreeMap<(String, &'static str, u16), u64>,
    BTreeMap<String, ([u64; 13], u64, f64)>,
);

/// The hand-written tallies, as `api/metrics.rs` had them before.
#[derive(Default)]
struct HandWritten {
    tallies: Mutex<Tallies>,
}

impl HandWritten {
    fn observe(&self, route: &str, method: &'static str, status: u16, seconds: f64) {
        let mut t = self.tallies.lock().unwrap();
        *t.0.entry((route.to_string(), method, status)).or_default() += 1;
        let h = t.1.entry(route.to_string()).or_default();
        h.1 += 1;
        h.2 += seconds;
        for (i, le) in BUCKETS.iter().enumerate() {
            if seconds <= *le {
                h.0[i] += 1;
            }
        }
    }

    fn render(&self) -> String {
        let t = self.tallies.lock().unwrap();
        let mut out = String::new();
        out.push_str("# TYPE corridor_http_requests_total counter\n");
        for ((route, method, status), n) in &t.0 {
            let _ = writeln!(out, "corridor_http_requests_total{{route=\"{route}\",method=\"{method}\",status=\"{status}\"}} {n}");
        }
        out.push_str("# TYPE corridor_http_request_duration_seconds histogram\n");
        for (route, (counts, count, sum)) in &t.1 {
            for (le, n) in BUCKETS.iter().zip(counts.iter()) {
                let _ = writeln!(out, "corridor_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{le}\"}} {n}");
            }
            let _ = writeln!(out, "corridor_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {count}");
            let _ = writeln!(
                out,
                "corridor_http_request_duration_seconds_sum{{route=\"{route}\"}} {sum}"
            );
            let _ = writeln!(
                out,
                "corridor_http_request_duration_seconds_count{{route=\"{route}\"}} {count}"
            );
        }
        out
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: String,
    method: &'static str,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

/// What `api/metrics.rs` does now.
struct Crate {
    requests: Family<RequestLabels, Counter>,
    latency: Family<RouteLabels, Histogram, fn() -> Histogram>,
}

fn histogram() -> Histogram {
    Histogram::new(BUCKETS)
}

impl Crate {
    fn new() -> Self {
        Crate {
            requests: Family::default(),
            latency: Family::new_with_constructor(histogram),
        }
    }

    fn observe(&self, route: &str, method: &'static str, status: u16, seconds: f64) {
        self.requests
            .get_or_create(&RequestLabels {
                route: route.to_string(),
                method,
                status,
            })
            .inc();
        self.latency
            .get_or_create(&RouteLabels {
                route: route.to_string(),
            })
            .observe(seconds);
    }

    fn render(&self) -> String {
        let mut reg = Registry::default();
        reg.register("corridor_http_requests", "requests", self.requests.clone());
        reg.register(
            "corridor_http_request_duration_seconds",
            "latency",
            self.latency.clone(),
        );
        let mut out = String::new();
        prometheus_client::encoding::text::encode(&mut out, &reg).unwrap();
        out
    }
}

fn routes() -> Vec<String> {
    (0..40).map(|i| format!("/v1/route{i}/{{id}}")).collect()
}

fn bench(c: &mut Criterion) {
    let routes = routes();
    let hand = HandWritten::default();
    let lib = Crate::new();
    for (i, r) in routes.iter().enumerate() {
        for status in [200, 404, 422] {
            hand.observe(r, "GET", status, 0.002 * i as f64);
            lib.observe(r, "GET", status, 0.002 * i as f64);
        }
    }
    let mut g = c.benchmark_group("metrics: one request recorded");
    let mut i = 0usize;
    g.bench_function("hand-written tallies", |b| {
        b.iter(|| {
            i = (i + 1) % routes.len();
            hand.observe(black_box(&routes[i]), "GET", 200, 0.003)
        })
    });
    g.bench_function("prometheus-client", |b| {
        b.iter(|| {
            i = (i + 1) % routes.len();
            lib.observe(black_box(&routes[i]), "GET", 200, 0.003)
        })
    });
    g.finish();

    // Two threads recording at once (the server has a worker per core): the cost per pair.
    let mut g = c.benchmark_group("metrics: two threads recording at once, 1,000 requests each");
    g.sample_size(20);
    g.bench_function("hand-written tallies", |b| {
        b.iter(|| {
            std::thread::scope(|s| {
                for t in 0..2 {
                    let (hand, routes) = (&hand, &routes);
                    s.spawn(move || {
                        for k in 0..1000 {
                            hand.observe(&routes[(k + t) % 40], "GET", 200, 0.003);
                        }
                    });
                }
            })
        })
    });
    g.bench_function("prometheus-client", |b| {
        b.iter(|| {
            std::thread::scope(|s| {
                for t in 0..2 {
                    let (lib, routes) = (&lib, &routes);
                    s.spawn(move || {
                        for k in 0..1000 {
                            lib.observe(&routes[(k + t) % 40], "GET", 200, 0.003);
                        }
                    });
                }
            })
        })
    });
    g.finish();

    let mut g = c.benchmark_group("metrics: one scrape (120 counters, 40 histograms)");
    g.bench_function("hand-written tallies", |b| {
        b.iter(|| black_box(hand.render()))
    });
    g.bench_function("prometheus-client", |b| b.iter(|| black_box(lib.render())));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
