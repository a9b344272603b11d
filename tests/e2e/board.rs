//! The liaison board, the change feed, metrics and the dashboard, end to end over HTTP.
//!
//! The servers here run on a manual clock, so the board's ETag (which names the minute) and
//! every time left are fixed for the length of a test.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::common::{fields, fixture, problem, stamp, Options, Server};
use chrono::{DateTime, TimeDelta, Utc};
use reqwest::Method;
use serde_json::{json, Value};

const UNIT: &str = "43 Mechanised Brigade";
/// The board's clock: a week before the fixtures' departure, less two hours.
fn now() -> DateTime<Utc> {
    crate::common::suite_now() - TimeDelta::days(6) + TimeDelta::hours(2)
}

/// `now()` moved by `minutes`, as the databases' text columns hold times.
fn db_at(minutes: i64) -> String {
    crate::common::db_stamp(now() + TimeDelta::minutes(minutes))
}

fn manual_clock() -> Options {
    Options::default().env("CORRIDOR_CLOCK", &format!("manual:{}", stamp(now())))
}

/// A server with an NL requester, DE movement-control and CZ officers, and a liaison cell.
struct Cast {
    s: Server,
    requester: String,
    de: String,
    cz: String,
    liaison: String,
}

fn cast_on(s: Server) -> Cast {
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
    let cz = s.user(
        "cz.movcon",
        "officer",
        &["--nation", "CZ", "--stages", "movcon"],
    );
    let liaison = s.user("jmcc.liaison", "liaison", &[]);
    Cast {
        s,
        requester,
        de,
        cz,
        liaison,
    }
}

fn cast() -> Cast {
    cast_on(Server::start_with(manual_clock()))
}

fn submit(s: &Server, token: &str) -> String {
    crate::common::submit_id(s, token, &fixture("crisis_ammunition"))
}

fn board(s: &Server, token: &str) -> (Value, String) {
    let r = s.get("/v1/board", token);
    assert_eq!(r.status(), 200);
    let tag = r.headers()["etag"].to_str().unwrap().to_string();
    (r.json().unwrap(), tag)
}

fn board_if_none_match(s: &Server, token: &str, tag: &str) -> reqwest::blocking::Response {
    s.req(Method::GET, "/v1/board", token)
        .header("If-None-Match", tag)
        .send()
        .unwrap()
}

/// DE movement control approves its stage of `id`.
fn approve_de_movcon(c: &Cast, id: &str) {
    let r = c.s.get(&format!("/v1/notifications/{id}"), &c.de);
    let tag = r.headers()["etag"].to_str().unwrap().to_string();
    let r =
        c.s.req(
            Method::POST,
            &format!("/v1/notifications/{id}/nations/DE/stages/movcon/decision"),
            &c.de,
        )
        .header("If-Match", tag)
        .json(&json!({"outcome": "approve"}))
        .send()
        .unwrap();
    assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
}

fn changes(s: &Server, token: &str, query: &str) -> Value {
    let r = s.get(&format!("/v1/changes?{query}"), token);
    assert_eq!(r.status(), 200);
    r.json().unwrap()
}

#[test]
fn the_board_counts_what_the_caller_may_see_and_nothing_else() {
    let c = cast();
    let s = &c.s;
    let id = submit(s, &c.requester);

    let (de, _) = board(s, &c.de);
    assert_eq!(de["counts"]["by_status"]["in_review"], 1, "{de}");
    assert_eq!(de["counts"]["by_status"]["approved"], 0);
    for nation in ["NL", "DE", "PL", "LT"] {
        assert!(
            de["counts"]["by_nation"][nation].is_object(),
            "{nation} lane: {de}"
        );
    }
    assert_eq!(de["counts"]["by_nation"]["DE"]["in_review"], 1);
    assert!(de["counts"]["by_nation"]["CZ"].is_null());
    assert_eq!(de["generated_at"], stamp(now()));
    assert!(de["cursor"].as_i64().unwrap() >= 1);

    // Crisis SLAs are hours: Germany's movement control is due within the 6-hour horizon.
    let risk = de["at_risk"].as_array().unwrap();
    let movcon = risk
        .iter()
        .find(|r| r["nation"] == "DE" && r["stage"] == "movcon")
        .unwrap_or_else(|| panic!("DE movcon at risk: {de}"));
    assert_eq!(movcon["notification_id"], id.as_str());
    assert!(movcon["reference"].as_str().unwrap().starts_with("CRD-"));
    assert_eq!(movcon["priority"], "crisis");
    assert_eq!(movcon["escalation_level"], 0);
    let due: chrono::DateTime<chrono::Utc> = movcon["due_at"].as_str().unwrap().parse().unwrap();
    let now = now();
    assert_eq!(
        movcon["time_left_seconds"].as_i64().unwrap(),
        (due - now).num_seconds()
    );
    let dues: Vec<&str> = risk.iter().map(|r| r["due_at"].as_str().unwrap()).collect();
    let mut sorted = dues.clone();
    sorted.sort();
    assert_eq!(dues, sorted, "soonest first");
    // Only opened stages: Germany's DG authority waits for movement control.
    assert!(!risk
        .iter()
        .any(|r| r["nation"] == "DE" && r["stage"] == "dg_authority"));

    // A Czech officer: the convoy does not cross CZ, so the board shows none of it.
    let (cz, _) = board(s, &c.cz);
    assert_eq!(cz["counts"]["by_status"]["in_review"], 0, "{cz}");
    assert_eq!(cz["counts"]["by_nation"], json!({}));
    assert_eq!(cz["at_risk"], json!([]));
    assert_eq!(cz["escalations"], json!([]));
    assert_eq!(cz["recent_decisions"], json!([]));
    assert!(!cz.to_string().contains(&id));

    // Its own unit and an all-seeing liaison cell see it; another unit does not.
    assert_eq!(
        board(s, &c.requester).0["counts"]["by_status"]["in_review"],
        1
    );
    assert_eq!(
        board(s, &c.liaison).0["counts"]["by_status"]["in_review"],
        1
    );
    let other_unit = s.user(
        "nl.airmobile",
        "requester",
        &["--nation", "NL", "--unit", "11 Airmobile Brigade"],
    );
    assert_eq!(
        board(s, &other_unit).0["counts"]["by_status"]["in_review"],
        0
    );
    // A liaison cell watching the Baltic states sees it through LT; one watching CZ does not.
    let baltic = s.user("baltic.liaison", "liaison", &["--watch", "LT,LV,EE"]);
    assert_eq!(board(s, &baltic).0["counts"]["by_status"]["in_review"], 1);
    let czech = s.user("cz.liaison", "liaison", &["--watch", "CZ"]);
    assert_eq!(board(s, &czech).0["counts"]["by_status"]["in_review"], 0);

    // A decision shows among the recent ones, for those who may see it.
    approve_de_movcon(&c, &id);
    let (de, _) = board(s, &c.de);
    let d = &de["recent_decisions"][0];
    assert_eq!(d["notification_id"], id.as_str());
    assert_eq!(d["nation"], "DE");
    assert_eq!(d["stage"], "movcon");
    assert_eq!(d["outcome"], "approve");
    assert_eq!(d["by"], "de.movcon");
    assert_eq!(d["reference"], movcon["reference"]);
    assert_eq!(d["at"], stamp(now));
    assert_eq!(board(s, &c.cz).0["recent_decisions"], json!([]));

    // Without a token: 401 problem.
    let r = s.http.get(format!("{}/v1/board", s.url)).send().unwrap();
    problem(r, 401);
}

#[test]
fn settled_notifications_count_for_a_day_and_open_ones_however_old() {
    let c = cast();
    let s = &c.s;
    let admin = s.user("ops", "admin", &[]);
    let withdrawn = submit(s, &c.requester);
    let open = submit(s, &c.requester);
    let r = s.post(
        &format!("/v1/notifications/{withdrawn}/withdraw"),
        &c.requester,
        &json!({"reason": "exercise cancelled"}),
    );
    assert_eq!(r.status(), 200);
    approve_de_movcon(&c, &open);

    let (b, _) = board(s, &c.liaison);
    assert_eq!(
        b["counts"]["settled_since"],
        stamp(now() - TimeDelta::days(1))
    );
    assert_eq!(b["counts"]["by_status"]["in_review"], 1, "{b}");
    assert_eq!(b["counts"]["by_status"]["withdrawn"], 1, "{b}");
    assert_eq!(b["counts"]["by_nation"]["DE"]["in_review"], 1, "{b}");
    assert_eq!(b["recent_decisions"].as_array().unwrap().len(), 1, "{b}");

    // A day and an hour later: the withdrawal and the decision are history; the notification
    // still in review is not.
    let r = s.post("/v1/admin/clock", &admin, &json!({"advance": "PT25H"}));
    assert_eq!(r.status(), 200);
    // The day outlived the tokens: sign in again.
    let liaison = s.token("jmcc.liaison", "pw-jmcc.liaison-long-enough");
    let (b, _) = board(s, &liaison);
    assert_eq!(
        b["counts"]["settled_since"],
        stamp(now() + TimeDelta::hours(1))
    );
    assert_eq!(b["counts"]["by_status"]["in_review"], 1, "{b}");
    assert_eq!(b["counts"]["by_status"]["withdrawn"], 0, "{b}");
    assert_eq!(b["counts"]["by_nation"]["DE"]["in_review"], 1, "{b}");
    assert!(b["recent_decisions"].as_array().unwrap().is_empty(), "{b}");
    // The notification itself is still there to read.
    let r = s.get(&format!("/v1/notifications/{withdrawn}"), &liaison);
    assert_eq!(r.status(), 200);
}

#[test]
fn polls_arriving_together_all_see_every_write_made_before_they_asked() {
    let c = cast();
    let s = &c.s;
    for expected in 1..=3 {
        submit(s, &c.requester);
        // Sixteen dashboards of one scope at once: they share computations, and every one of
        // them still counts the notification submitted before it asked.
        let counts: Vec<Value> = std::thread::scope(|sc| {
            let polls: Vec<_> = (0..16)
                .map(|_| sc.spawn(|| board(s, &c.liaison).0["counts"]["by_status"].clone()))
                .collect();
            polls.into_iter().map(|p| p.join().unwrap()).collect()
        });
        for by_status in counts {
            assert_eq!(by_status["in_review"], expected, "{by_status}");
        }
    }
}

#[test]
fn escalated_stages_and_open_escalations_show_on_the_board() {
    let mut c = cast();
    let id = submit(&c.s, &c.requester);
    // The escalation runner is not part of this test: fake what it records.
    let ts = |t: &str| format!("'{t}'");
    c.s.db.execute(&format!(
        "UPDATE stages SET escalation_level = 2, due_at = {} \
         WHERE notification_id = '{id}' AND nation = 'PL' AND stage_key = 'dg_authority'",
        ts(&db_at(-30))
    ));
    c.s.db.execute(&format!(
        "INSERT INTO escalations (id, notification_id, nation, stage_id, stage_key, level, reason, due_at, fired_at) \
         SELECT 'esc-1', notification_id, nation, id, stage_key, 2, 'stage overdue: national coordinator alerted', due_at, {} \
         FROM stages WHERE notification_id = '{id}' AND nation = 'PL' AND stage_key = 'dg_authority'",
        ts(&db_at(-29))
    ));
    // Rows written behind the service's back: the board tables are filled again from them.
    refill_board(&mut c.s);
    let s = &c.s;
    let (b, _) = board(s, &c.liaison);
    let first = &b["at_risk"][0];
    assert_eq!(first["nation"], "PL", "the overdue one leads: {b}");
    assert_eq!(first["stage"], "dg_authority");
    assert_eq!(first["escalation_level"], 2);
    assert_eq!(first["time_left_seconds"], -1800);
    let e = &b["escalations"][0];
    assert_eq!(e["id"], "esc-1");
    assert_eq!(e["notification_id"], id.as_str());
    assert_eq!(e["nation"], "PL");
    assert_eq!(e["stage"], "dg_authority");
    assert_eq!(e["level"], 2);
    assert!(e["reference"].as_str().unwrap().starts_with("CRD-"));
    assert_eq!(e["fired_at"], stamp(now() - TimeDelta::minutes(29)));
    assert_eq!(board(s, &c.cz).0["escalations"], json!([]));

    // Acknowledged escalations leave the board.
    c.s.db.execute(&format!(
        "UPDATE escalations SET acknowledged_by = 'pl.coord', acknowledged_at = '{}'",
        db_at(-20)
    ));
    refill_board(&mut c.s);
    assert_eq!(board(&c.s, &c.liaison).0["escalations"], json!([]));
}

/// Restarts the server with its board tables to be filled again from the stored rows (as
/// after the migration that made them), for rows a test wrote directly.
fn refill_board(s: &mut Server) {
    s.db.execute("DELETE FROM board_versions WHERE scope = '#built'");
    s.restart();
}

#[test]
fn a_matching_etag_gets_304_and_a_decision_changes_it() {
    let c = cast();
    let s = &c.s;
    let id = submit(s, &c.requester);
    let (_, tag) = board(s, &c.de);
    assert!(tag.starts_with("W/\"b"), "weak: {tag}");

    let r = board_if_none_match(s, &c.de, &tag);
    assert_eq!(r.status(), 304);
    assert_eq!(r.headers()["etag"].to_str().unwrap(), tag);
    assert_eq!(
        r.headers()["cache-control"].to_str().unwrap(),
        "private, no-cache"
    );
    assert_eq!(r.headers()["vary"].to_str().unwrap(), "Authorization");
    assert!(r.bytes().unwrap().is_empty());
    // In a list, or in its strong form, it matches too (weak comparison).
    let strong = tag.trim_start_matches("W/");
    assert_eq!(
        board_if_none_match(s, &c.de, &format!("\"x\", {strong}")).status(),
        304
    );

    // The same head but another scope: another tag, and no 304 for it.
    let (_, cz_tag) = board(s, &c.cz);
    assert_ne!(cz_tag, tag);
    assert_eq!(board_if_none_match(s, &c.cz, &tag).status(), 200);

    approve_de_movcon(&c, &id);
    let r = board_if_none_match(s, &c.de, &tag);
    assert_eq!(r.status(), 200, "a decision changes the board");
    let fresh = r.headers()["etag"].to_str().unwrap().to_string();
    assert_ne!(fresh, tag);
    let body: Value = r.json().unwrap();
    assert_eq!(body["recent_decisions"][0]["stage"], "movcon");
    assert_eq!(board_if_none_match(s, &c.de, &fresh).status(), 304);
}

/// Under the default allowed age, polls of one scope within it share one board: a write does
/// not show (the same tag, 304) until the age has passed, then it does. This is what keeps an
/// escalation storm's polls cheap (BENCHMARKS.md); the change feed stays immediate.
#[test]
fn a_board_may_be_as_old_as_the_allowed_age() {
    let c = cast_on(Server::start_with(
        manual_clock().env("CORRIDOR_BOARD_MAX_AGE_MS", "1500"),
    ));
    let s = &c.s;
    let (before, tag) = board(s, &c.de);
    let open = |b: &Value| b["counts"]["by_status"]["in_review"].as_i64().unwrap_or(0);
    let id = submit(s, &c.requester);
    let started = std::time::Instant::now();
    let r = board_if_none_match(s, &c.de, &tag);
    if started.elapsed() < Duration::from_millis(1200) {
        assert_eq!(
            r.status(),
            304,
            "within the age: the board already computed"
        );
        let (same, same_tag) = board(s, &c.de);
        assert_eq!(
            (open(&same), same_tag.as_str()),
            (open(&before), tag.as_str())
        );
    }
    // The change feed has it at once.
    let feed = changes(s, &c.de, "after=0");
    assert!(feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["notification_id"] == id.as_str()));
    std::thread::sleep(Duration::from_millis(1600));
    let r = board_if_none_match(s, &c.de, &tag);
    assert_eq!(r.status(), 200, "past the age, the write shows");
    assert_ne!(r.headers()["etag"].to_str().unwrap(), tag);
    let after: Value = r.json().unwrap();
    assert_eq!(open(&after), open(&before) + 1);
}

/// The proof that a 304 reads no notification table: with every table the board is made from
/// renamed away, a matching If-None-Match is still answered 304, while the full board fails.
#[test]
fn a_304_reads_only_the_audit_head() {
    let c = cast();
    let s = &c.s;
    let id = submit(s, &c.requester);
    approve_de_movcon(&c, &id);
    let (before, tag) = board(s, &c.liaison);

    let tables = [
        "notifications",
        "reviews",
        "stages",
        "escalations",
        "audit_events",
    ];
    for t in tables {
        s.db.execute(&format!("ALTER TABLE {t} RENAME TO {t}_away"));
    }
    let r = board_if_none_match(s, &c.liaison, &tag);
    assert_eq!(r.status(), 304, "{}", r.text().unwrap_or_default());
    // The rename took: anything that reads those tables now fails.
    // (Unchecked requests: a 5xx is what we want to see here, and no contract allows it.)
    let url = format!("{}/v1/board", s.url);
    let full = s.raw().get(&url).bearer_auth(&c.liaison).send().unwrap();
    assert!(full.status().is_server_error(), "{}", full.status());
    let stale = s
        .raw()
        .get(&url)
        .bearer_auth(&c.liaison)
        .header("If-None-Match", "W/\"b0-0-000000000000\"")
        .send()
        .unwrap();
    assert!(stale.status().is_server_error(), "{}", stale.status());

    for t in tables {
        s.db.execute(&format!("ALTER TABLE {t}_away RENAME TO {t}"));
    }
    let (after, again) = board(s, &c.liaison);
    assert_eq!(again, tag);
    assert_eq!(after, before);
}

#[test]
fn the_change_feed_returns_events_after_the_cursor_in_scope() {
    let c = cast();
    let s = &c.s;
    let start = board(s, &c.de).0["cursor"].as_i64().unwrap();
    let id = submit(s, &c.requester);
    approve_de_movcon(&c, &id);

    let page = changes(s, &c.de, &format!("after={start}"));
    let items = page["items"].as_array().unwrap();
    let actions: Vec<&str> = items
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["submitted", "decided"], "{page}");
    assert!(items.iter().all(|e| e["notification_id"] == id.as_str()));
    assert!(items[0]["seq"].as_i64().unwrap() > start);
    assert!(items[0]["seq"].as_i64() < items[1]["seq"].as_i64());
    assert_eq!(items[1]["detail"]["stage"], "movcon");
    assert_eq!(page["next_cursor"], items[1]["seq"]);
    assert!(items[0]["hash"].as_str().unwrap().len() == 64);

    // Past the last event: nothing, and the cursor stays where it was.
    let cursor = page["next_cursor"].as_i64().unwrap();
    let empty = changes(s, &c.de, &format!("after={cursor}&wait=0"));
    assert_eq!(empty["items"], json!([]));
    assert_eq!(empty["next_cursor"], cursor);
    // From the middle.
    let second = changes(s, &c.de, &format!("after={}", items[0]["seq"]));
    assert_eq!(second["items"].as_array().unwrap().len(), 1);

    // Out of scope: a Czech officer gets nothing, not even after waiting.
    let cz = changes(s, &c.cz, "after=0&wait=1");
    assert_eq!(cz["items"], json!([]));
    assert_eq!(cz["next_cursor"], 0);
    assert_eq!(
        changes(s, &c.requester, "after=0")["items"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

/// How many change-feed requests the server says are waiting.
fn waiting(s: &Server) -> i64 {
    let text = s
        .http
        .get(format!("{}/metrics", s.url))
        .send()
        .unwrap()
        .text()
        .unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix("corridor_change_feed_waiting "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(-1)
}

/// Starts a 30-second long poll in a thread and returns once the server reports it waiting.
fn long_poll(s: &Server, token: &str, after: i64) -> std::thread::JoinHandle<(Value, Duration)> {
    let (url, token) = (
        format!("{}/v1/changes?after={after}&wait=30", s.url),
        token.to_string(),
    );
    let client = s.http.clone();
    let handle = std::thread::spawn(move || {
        let started = Instant::now();
        let r = client.get(url).bearer_auth(token).send().unwrap();
        assert_eq!(r.status(), 200);
        (r.json::<Value>().unwrap(), started.elapsed())
    });
    // Wait for the request to be parked in the server, by its own count (no sleeping on luck).
    let until = Instant::now() + Duration::from_secs(20);
    while waiting(s) < 1 {
        assert!(
            Instant::now() < until,
            "the long poll never started waiting"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    handle
}

#[test]
fn a_long_poll_is_answered_by_a_submission_made_while_it_waits() {
    let c = cast();
    let s = &c.s;
    let cursor = board(s, &c.de).0["cursor"].as_i64().unwrap();
    let poll = long_poll(s, &c.de, cursor);
    let id = submit(s, &c.requester);
    let (page, took) = poll.join().unwrap();
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{page}");
    assert_eq!(items[0]["action"], "submitted");
    assert_eq!(items[0]["notification_id"], id.as_str());
    assert_eq!(page["next_cursor"], items[0]["seq"]);
    assert!(
        took < Duration::from_secs(25),
        "answered when woken: {took:?}"
    );
    assert_eq!(waiting(s), 0);
}

#[test]
fn a_long_poll_sees_a_write_made_by_another_instance() {
    let c = cast();
    let second = Server::start_on(Arc::clone(&c.s.db), manual_clock());
    let cursor = board(&c.s, &c.liaison).0["cursor"].as_i64().unwrap();
    let poll = long_poll(&c.s, &c.liaison, cursor);
    // Submitted through the other instance: only the shared audit head tells the first.
    let id = submit(&second, &c.requester);
    let (page, took) = poll.join().unwrap();
    assert_eq!(page["items"][0]["notification_id"], id.as_str(), "{page}");
    assert_eq!(page["items"][0]["action"], "submitted");
    // Not merely found by the last look when the 30 s ran out.
    assert!(
        took < Duration::from_secs(25),
        "woken by the head poll: {took:?}"
    );
}

#[test]
fn bad_feed_parameters_are_400_problems_naming_the_parameter() {
    let c = cast();
    for (query, field) in [
        ("wait=31", "wait"),
        ("wait=-1", "wait"),
        ("wait=soon", "wait"),
        ("after=-1", "after"),
        ("after=abc", "after"),
        ("after=1.5", "after"),
        ("since=3", "since"),
    ] {
        let p = problem(c.s.get(&format!("/v1/changes?{query}"), &c.liaison), 400);
        assert_eq!(fields(&p), [field], "{query}: {p}");
        assert!(p["detail"].as_str().unwrap().contains(field), "{p}");
    }
    problem(
        c.s.http
            .get(format!("{}/v1/changes", c.s.url))
            .send()
            .unwrap(),
        401,
    );
    problem(
        c.s.req(Method::POST, "/v1/changes", &c.liaison)
            .send()
            .unwrap(),
        405,
    );
}

#[test]
fn metrics_are_prometheus_text_by_route_pattern() {
    let c = cast();
    let s = &c.s;
    let id = submit(s, &c.requester);
    assert_eq!(
        s.get(&format!("/v1/notifications/{id}"), &c.de).status(),
        200
    );
    s.get("/v1/no-such-route", &c.de);
    let r = s.http.get(format!("{}/metrics", s.url)).send().unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/openmetrics-text; version=1.0.0"));
    let text = r.text().unwrap();
    for family in [
        "# TYPE corridor_http_requests counter",
        "# TYPE corridor_http_request_duration_seconds histogram",
        "# TYPE corridor_notifications gauge",
        "# TYPE corridor_escalations_open gauge",
        "# TYPE corridor_timer_lag_seconds gauge",
        "# TYPE corridor_outbox_backlog gauge",
    ] {
        assert!(text.contains(family), "{family} missing:\n{text}");
    }
    assert!(text.contains(
        "corridor_http_requests_total{route=\"/v1/notifications/{id}\",method=\"GET\",status=\"200\"} 1"
    ), "{text}");
    assert!(text.contains(
        "corridor_http_requests_total{route=\"/v1/notifications\",method=\"POST\",status=\"201\"} 1"
    ));
    assert!(text.contains("route=\"unmatched\",method=\"GET\",status=\"404\""));
    assert!(text.contains(
        "corridor_http_request_duration_seconds_count{route=\"/v1/notifications/{id}\"} 1"
    ));
    assert!(!text.contains(&id), "no raw ids in labels");
    assert!(text.contains("corridor_notifications{status=\"in_review\"} 1"));
    assert!(text.contains("corridor_notifications{status=\"approved\"} 0"));
    assert!(text.contains("corridor_escalations_open 0"));
    assert!(text.contains("corridor_timer_lag_seconds 0"));
    assert!(text.contains("corridor_outbox_backlog "));
    assert!(text.contains("corridor_database_up 1"));

    // A due timer not yet fired shows as lag; an unsent mail as backlog.
    s.db.execute(&format!(
        "INSERT INTO timers (id, kind, notification_id, due_at, status, attempts, created_at) \
         VALUES ('t1', 'stage_check', '{id}', '{}', 'pending', 0, '{}')",
        db_at(-1),
        db_at(-60)
    ));
    s.db.execute(&format!(
        "INSERT INTO outbox (id, recipient, subject, body, created_at, status, attempts, next_attempt_at) \
         VALUES ('m1', 'pl.coord@example.mil', 's', 'b', '{0}', 'pending', 0, '{0}')",
        db_at(-60)
    ));
    let text = s
        .http
        .get(format!("{}/metrics", s.url))
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(text.contains("corridor_timer_lag_seconds 60.0\n"), "{text}");
    let backlog: i64 = text
        .lines()
        .find_map(|l| l.strip_prefix("corridor_outbox_backlog "))
        .unwrap()
        .parse()
        .unwrap();
    assert!(backlog >= 1);
}

#[test]
fn the_dashboard_is_served_from_the_binary() {
    let s = Server::start();
    let r = s.http.get(format!("{}/dashboard/", s.url)).send().unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["content-type"].to_str().unwrap(),
        "text/html; charset=utf-8"
    );
    assert!(r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("default-src 'none'"));
    let tag = r.headers()["etag"].to_str().unwrap().to_string();
    let html = r.text().unwrap();
    assert!(html.contains(">Corridor</title>"), "{html}");
    assert!(html.contains("app.js") && html.contains("app.css"));
    let again = s
        .http
        .get(format!("{}/dashboard/", s.url))
        .header("If-None-Match", &tag)
        .send()
        .unwrap();
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()["etag"].to_str().unwrap(), tag);

    for (file, ct) in [
        ("app.js", "text/javascript; charset=utf-8"),
        ("app.css", "text/css; charset=utf-8"),
        ("favicon.svg", "image/svg+xml"),
        // The pages' languages and the vendored Fluent library (issue 16).
        ("locales/de.ftl", "text/plain; charset=utf-8"),
        (
            "vendor/fluent-bundle/index.js",
            "text/javascript; charset=utf-8",
        ),
    ] {
        let r = s
            .http
            .get(format!("{}/dashboard/{file}", s.url))
            .send()
            .unwrap();
        assert_eq!(r.status(), 200, "{file}");
        assert_eq!(r.headers()["content-type"].to_str().unwrap(), ct);
        assert!(r.headers().contains_key("etag"));
    }
    problem(
        s.http
            .get(format!("{}/dashboard/secrets.txt", s.url))
            .send()
            .unwrap(),
        404,
    );
    let no_follow = reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = no_follow
        .get(format!("{}/dashboard", s.url))
        .send()
        .unwrap();
    assert_eq!(r.status(), 308);
    assert_eq!(r.headers()["location"].to_str().unwrap(), "/dashboard/");
}

#[test]
fn the_board_kept_with_every_change_equals_the_board_filled_again_from_the_stored_rows() {
    // The board tables are kept in each write's transaction (on PostgreSQL in one statement
    // per write); whatever the writes, they must hold what a fill from scratch makes.
    let mut c = cast();
    let ids: Vec<String> = (0..4).map(|_| submit(&c.s, &c.requester)).collect();
    approve_de_movcon(&c, &ids[0]);
    approve_de_movcon(&c, &ids[1]);
    let r =
        c.s.req(
            Method::POST,
            &format!("/v1/notifications/{}/withdraw", ids[2]),
            &c.requester,
        )
        .json(&json!({"reason": "unit re-tasked"}))
        .send()
        .unwrap();
    assert_eq!(r.status(), 200, "{}", r.text().unwrap_or_default());
    let views = |c: &Cast| -> Vec<Value> {
        let mut out = vec![board(&c.s, &c.liaison).0, board(&c.s, &c.de).0];
        for (token, query) in [(&c.liaison, ""), (&c.de, "?nation=DE"), (&c.cz, "")] {
            let r = c.s.get(&format!("/v1/board/lanes{query}"), token);
            assert_eq!(r.status(), 200);
            out.push(r.json().unwrap());
        }
        out
    };
    let kept = views(&c);
    assert_eq!(
        kept[0]["counts"]["by_status"]["withdrawn"], 1,
        "{}",
        kept[0]
    );
    // The standing share counts DE's reviews of the four single movements submitted, the
    // withdrawn one too (it was DE's to review; a review is left out only when an amendment
    // takes its nation off the route).
    assert_eq!(
        kept[0]["standing"]["DE"]["single_movements"], 4,
        "{}",
        kept[0]["standing"]
    );
    refill_board(&mut c.s);
    let filled = views(&c);
    for (k, f) in kept.iter().zip(&filled) {
        assert_eq!(k, f);
    }
}
