//! The board per scope (issue 18): its ETag moves only with writes its scope can see and with
//! the clock only where a stage reaches the at-risk horizon, and its counts, kept in the write
//! transaction, match a full recount through the list API after every kind of change.

use std::collections::BTreeMap;

use crate::common::{amend, decide, fixture, read, stamp, submit_id, Options, Server};
use chrono::{DateTime, TimeDelta, Utc};
use reqwest::Method;
use serde_json::{json, Value};

const UNIT: &str = "43 Mechanised Brigade";

/// A week before the fixtures' departure, less two hours (as in `board.rs`).
fn now() -> DateTime<Utc> {
    crate::common::suite_now() - TimeDelta::days(6) + TimeDelta::hours(2)
}

/// A server on a manual clock at `now()`; with `jobs` off no timer fires, so the clock alone
/// moves time-dependent parts of the board.
fn server(jobs: bool) -> Server {
    let mut o = Options::default().env("CORRIDOR_CLOCK", &format!("manual:{}", stamp(now())));
    if !jobs {
        o = o.env("CORRIDOR_JOBS", "0");
    }
    Server::start_with(o)
}

fn board(s: &Server, token: &str) -> (Value, String) {
    let r = s.get("/v1/board", token);
    assert_eq!(r.status(), 200);
    let tag = r.headers()["etag"].to_str().unwrap().to_string();
    (r.json().unwrap(), tag)
}

fn poll(s: &Server, token: &str, tag: &str) -> u16 {
    s.req(Method::GET, "/v1/board", token)
        .header("If-None-Match", tag)
        .send()
        .unwrap()
        .status()
        .as_u16()
}

/// The crisis movement of NL's unit along `route` (one leg per nation, in order).
fn along(route: &[&str]) -> Value {
    let mut v = fixture("crisis_nl_de_pl_lt");
    for (leg, n) in v["itinerary"].as_array_mut().unwrap().iter_mut().zip(route) {
        leg["nation"] = json!(n);
    }
    v
}

fn advance(s: &Server, admin: &str, by: &str) {
    let r = s.post("/v1/admin/clock", admin, &json!({"advance": by}));
    assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
}

#[test]
fn a_write_outside_the_scope_leaves_its_etag_alone() {
    let s = server(true);
    let requester = s.user(
        "nl.planner",
        "requester",
        &["--nation", "NL", "--unit", UNIT],
    );
    let de = s.user(
        "de.movcon",
        "officer",
        &["--nation", "DE", "--stages", "movcon"],
    );
    let pl = s.user(
        "pl.movcon",
        "officer",
        &["--nation", "PL", "--stages", "movcon"],
    );
    submit_id(&s, &requester, &along(&["NL", "DE", "PL", "LT"]));
    let (_, de_tag) = board(&s, &de);
    let (_, pl_tag) = board(&s, &pl);

    // A movement through PL, LT, LV and EE: Germany's board is as it was, Poland's is not.
    let id = submit_id(&s, &requester, &along(&["PL", "LT", "LV", "EE"]));
    assert_eq!(poll(&s, &de, &de_tag), 304, "a PL write kept the DE board");
    assert_eq!(poll(&s, &pl, &pl_tag), 200, "the PL board shows it");
    let (_, pl_tag) = board(&s, &pl);

    // Its withdrawal too.
    let r = s.post(
        &format!("/v1/notifications/{id}/withdraw"),
        &requester,
        &json!({"reason": "exercise cancelled"}),
    );
    assert_eq!(r.status(), 200);
    assert_eq!(poll(&s, &de, &de_tag), 304);
    assert_eq!(poll(&s, &pl, &pl_tag), 200);

    // A movement through Germany moves the DE board.
    submit_id(&s, &requester, &along(&["NL", "DE", "CZ", "PL"]));
    assert_eq!(poll(&s, &de, &de_tag), 200);
}

/// The board's counts recounted from the list API in the same scope: every notification in
/// play, and every settled one (all settled within the day here), with their reviews.
fn recount(
    s: &Server,
    token: &str,
) -> (
    BTreeMap<String, i64>,
    BTreeMap<String, BTreeMap<String, i64>>,
) {
    let list: Value = s.get("/v1/notifications?limit=100", token).json().unwrap();
    let items = list["items"].as_array().unwrap();
    assert!(items.len() < 100, "one page holds them all");
    let finals = ["approved", "rejected", "withdrawn", "expired"];
    let mut by_status = BTreeMap::new();
    let mut by_nation: BTreeMap<String, BTreeMap<String, i64>> = BTreeMap::new();
    for n in items {
        let status = n["status"].as_str().unwrap();
        *by_status.entry(status.to_string()).or_default() += 1;
        for r in n["nations"].as_array().unwrap() {
            let rs = r["status"].as_str().unwrap();
            if !finals.contains(&status) || finals.contains(&rs) {
                *by_nation
                    .entry(r["nation"].as_str().unwrap().to_string())
                    .or_default()
                    .entry(rs.to_string())
                    .or_default() += 1;
            }
        }
    }
    (by_status, by_nation)
}

/// Asserts that the board of each token counts what the list shows it (zeros left out).
fn counts_match(s: &Server, tokens: &[&str], step: &str) {
    for token in tokens {
        let (b, _) = board(s, token);
        let mut by_status: BTreeMap<String, i64> =
            serde_json::from_value(b["counts"]["by_status"].clone()).unwrap();
        by_status.retain(|_, n| *n != 0);
        let by_nation: BTreeMap<String, BTreeMap<String, i64>> =
            serde_json::from_value(b["counts"]["by_nation"].clone()).unwrap();
        let (want_status, want_nation) = recount(s, token);
        assert_eq!(by_status, want_status, "{step}: by status: {b}");
        assert_eq!(by_nation, want_nation, "{step}: by nation: {b}");
    }
}

#[test]
fn counts_match_a_full_recount_through_submit_decide_withdraw_amend_and_waive() {
    let s = server(true);
    let nl = s.user(
        "nl.planner",
        "requester",
        &["--nation", "NL", "--unit", UNIT],
    );
    let de_req = s.user(
        "de.planner",
        "requester",
        &["--nation", "DE", "--unit", "Panzerbataillon 203"],
    );
    let de = s.user(
        "de.movcon",
        "officer",
        &["--nation", "DE", "--stages", "movcon,road_authority"],
    );
    let de_coord = s.user("de.coord", "coordinator", &["--nation", "DE"]);
    let liaison = s.user("jmcc.liaison", "liaison", &[]);
    let baltic = s.user("baltic.liaison", "liaison", &["--watch", "LT,LV"]);
    let watchers = [liaison.as_str(), de.as_str(), baltic.as_str(), nl.as_str()];

    let a = submit_id(&s, &nl, &along(&["NL", "DE", "PL", "LT"]));
    let b = submit_id(&s, &nl, &along(&["NL", "DE", "PL", "LT"]));
    let c = submit_id(&s, &nl, &along(&["PL", "LT", "LV", "EE"]));
    let leopard = submit_id(&s, &de_req, &fixture("leopard_de_pl"));
    counts_match(&s, &watchers, "submitted");

    // A decision.
    let (_, tag) = read(&s, &de, &leopard);
    let r = decide(
        &s,
        &de,
        &leopard,
        "DE",
        "movcon",
        json!({"outcome": "approve"}),
        &tag,
    );
    assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
    counts_match(&s, &watchers, "decided");

    // A rejection settles the notification.
    let (n, tag) = read(&s, &de, &b);
    let open = n["nations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["nation"] == "DE")
        .unwrap()["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|st| st["status"] == "pending" && !st["opened_at"].is_null())
        .map(|st| st["key"].as_str().unwrap().to_string());
    if let Some(key) = open {
        let r = decide(
            &s,
            &de,
            &b,
            "DE",
            &key,
            json!({"outcome": "reject", "reason": "bridge closed"}),
            &tag,
        );
        assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
        counts_match(&s, &watchers, "rejected");
    }

    // A withdrawal.
    let r = s.post(
        &format!("/v1/notifications/{c}/withdraw"),
        &nl,
        &json!({"reason": "exercise cancelled"}),
    );
    assert_eq!(r.status(), 200);
    counts_match(&s, &watchers, "withdrawn");

    // An amendment that takes LT off the route and puts LV on it.
    let (_, tag) = read(&s, &nl, &a);
    let r = amend(&s, &nl, &a, &along(&["NL", "DE", "PL", "LV"]), &tag);
    assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
    counts_match(&s, &watchers, "amended");

    // A waiver of Germany's block finding, and the approval it allows.
    let (_, tag) = read(&s, &de_coord, &leopard);
    let r = s
        .req(
            Method::POST,
            &format!("/v1/notifications/{leopard}/nations/DE/waiver"),
            &de_coord,
        )
        .header("if-match", &tag)
        .json(&json!({"reason": "Bridge reinforced by the engineers for this crossing"}))
        .send()
        .unwrap();
    assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
    counts_match(&s, &watchers, "waived");
    let (_, tag) = read(&s, &de, &leopard);
    let r = decide(
        &s,
        &de,
        &leopard,
        "DE",
        "road_authority",
        json!({"outcome": "approve"}),
        &tag,
    );
    assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
    counts_match(&s, &watchers, "approved after the waiver");
}

#[test]
fn the_etag_moves_by_the_clock_only_when_a_stage_reaches_the_at_risk_horizon() {
    let s = server(false);
    let admin = s.user("ops", "admin", &[]);
    let nl = s.user(
        "nl.planner",
        "requester",
        &["--nation", "NL", "--unit", UNIT],
    );
    s.user("jmcc.liaison", "liaison", &[]);
    // Submitted at 17 minutes past the hour, at `priority`: stages due in hours, on the
    // calendar, none within the 6-hour horizon yet.
    advance(&s, &admin, "PT17M");
    let mut body = along(&["NL", "DE", "PL", "LT"]);
    body["priority"] = json!("priority");
    let id = submit_id(&s, &nl, &body);
    let (n, _) = read(&s, &nl, &id);
    let first_due: DateTime<Utc> = n["nations"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|x| x["stages"].as_array().unwrap().iter())
        .filter(|st| st["status"] == "pending" && !st["opened_at"].is_null())
        .map(|st| st["due_at"].as_str().unwrap().parse().unwrap())
        .min()
        .expect("an open stage");
    let enters = first_due - TimeDelta::hours(6);
    let submitted = now() + TimeDelta::minutes(17);
    assert!(enters > submitted + TimeDelta::minutes(2), "{first_due}");

    // Two minutes before the horizon reaches it: nothing at risk.
    let to = enters - TimeDelta::minutes(2) - submitted;
    advance(&s, &admin, &format!("PT{}S", to.num_seconds()));
    // The hours outlived the tokens: sign in again.
    let admin = s.token("ops", "pw-ops-long-enough");
    let liaison = s.token("jmcc.liaison", "pw-jmcc.liaison-long-enough");
    let (b, tag) = board(&s, &liaison);
    assert_eq!(b["at_risk"], json!([]), "{b}");

    // A minute on, no threshold passed: the same board, 304.
    advance(&s, &admin, "PT1M");
    assert_eq!(
        poll(&s, &liaison, &tag),
        304,
        "a minute alone does not move the tag"
    );

    // The horizon reaches the first due time: no write, yet a new tag and the stage at risk.
    advance(&s, &admin, "PT1M");
    let r = s
        .req(Method::GET, "/v1/board", &liaison)
        .header("If-None-Match", &tag)
        .send()
        .unwrap();
    assert_eq!(r.status(), 200, "the horizon passed a due time");
    let fresh = r.headers()["etag"].to_str().unwrap().to_string();
    assert_ne!(fresh, tag);
    let b: Value = r.json().unwrap();
    let risk = b["at_risk"].as_array().unwrap();
    assert!(!risk.is_empty(), "{b}");
    assert_eq!(risk[0]["notification_id"], id.as_str());
    assert_eq!(risk[0]["due_at"], stamp(first_due));
    assert_eq!(poll(&s, &liaison, &fresh), 304);
}
