//! Values read at scrape time for `/metrics`: counters and gauges registered with their
//! current value, by the modules that keep them (the change feed, the connection table).

use prometheus_client::metrics::counter::{ConstCounter, Counter};
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::{ConstGauge, Gauge};
use prometheus_client::registry::Registry;

/// Label pairs of a value read at scrape time.
pub type Labels = Vec<(&'static str, String)>;

/// A counter read now, with labels per value.
pub fn counter_by(reg: &mut Registry, name: &str, help: &str, values: &[(Labels, u64)]) {
    let family = Family::<Labels, Counter>::default();
    for (labels, n) in values {
        family.get_or_create(labels).inc_by(*n);
    }
    reg.register(name, help, family);
}

/// A gauge read now, with labels per value.
pub fn gauge_by(reg: &mut Registry, name: &str, help: &str, values: &[(Labels, i64)]) {
    let family = Family::<Labels, Gauge>::default();
    for (labels, n) in values {
        family.get_or_create(labels).set(*n);
    }
    reg.register(name, help, family);
}

/// A counter without labels, read now.
pub fn counter(reg: &mut Registry, name: &str, help: &str, n: u64) {
    reg.register(name, help, ConstCounter::new(n));
}

/// A gauge without labels, read now.
pub fn gauge(reg: &mut Registry, name: &str, help: &str, n: i64) {
    reg.register(name, help, ConstGauge::new(n));
}
