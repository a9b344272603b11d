//! What the board tells the dashboard instead of the page assuming it (issue 12 part 2).

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::common::Server;

fn at(v: &Value) -> DateTime<Utc> {
    v.as_str().unwrap().parse().unwrap()
}

#[test]
fn the_board_names_its_windows_and_which_statuses_are_open_or_settled() {
    let s = Server::start();
    let liaison = s.user("jmcc.liaison", "liaison", &[]);
    let r = s.get("/v1/board", &liaison);
    assert_eq!(r.status(), 200);
    let b: Value = r.json().unwrap();
    let w = &b["windows"];
    assert_eq!(w["settled_hours"], 24);
    assert_eq!(w["at_risk_hours"], 6);
    assert_eq!(w["recent_decisions_limit"], 20);
    // The window the counts were computed with is the one the board names.
    let hours = w["settled_hours"].as_i64().unwrap();
    assert_eq!(
        at(&b["generated_at"]) - at(&b["counts"]["settled_since"]),
        chrono::Duration::hours(hours)
    );
    assert_eq!(
        b["statuses"],
        json!({
            "order": ["in_review", "changes_requested", "approved", "rejected", "withdrawn", "expired"],
            "open": ["in_review", "changes_requested"],
            "settled": ["approved", "rejected", "withdrawn", "expired"],
        })
    );
    // Every status the totals show has a count.
    for status in b["statuses"]["order"].as_array().unwrap() {
        let name = status.as_str().unwrap();
        assert!(b["counts"]["by_status"].get(name).is_some(), "{name}");
    }
}
